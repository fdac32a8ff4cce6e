#include "detail/request_throttle.hpp"

#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"

#include <arpa/inet.h>
#include <memory>
#include <netdb.h>
#include <netinet/in.h>
#include <optional>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace sidetrip::geo::detail {

namespace {

double now_seconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

/// Releases the flock when the scope ends, also when `send` throws.
class Unlock {
public:
    explicit Unlock(int fd) : m_fd(fd) {}
    ~Unlock() { ::flock(m_fd, LOCK_UN); }
    Unlock(const Unlock&) = delete;
    Unlock& operator=(const Unlock&) = delete;

private:
    int m_fd;
};

} // namespace

RequestThrottle::RequestThrottle(std::filesystem::path lock_file, double interval_seconds,
                                 std::function<void(double, const std::string&)> on_wait)
    : m_path(std::move(lock_file)), m_interval(interval_seconds), m_on_wait(std::move(on_wait)) {}

RequestThrottle::~RequestThrottle() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

void RequestThrottle::run(const std::function<void()>& send) {
    if (!(m_interval > 0.0)) {
        send(); // the user's own instance, without a limit
        return;
    }
    if (m_fd < 0) {
        m_fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (m_fd < 0) {
            throw Error(m_path.string() +
                        ": cannot open the geocoder's rate-limit lock file: " + std::strerror(errno) +
                        "; check that the cache folder is writable (set XDG_CACHE_HOME to move it)");
        }
    }
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        // Another sidetrip is asking the same service; it holds the lock until its request is sent.
        if (m_on_wait) {
            m_on_wait(m_interval, "another sidetrip is asking");
        }
        int rc = 0;
        while ((rc = ::flock(m_fd, LOCK_EX)) != 0 && errno == EINTR) {
        }
        if (rc != 0) {
            throw Error(m_path.string() +
                        ": cannot lock the geocoder's rate-limit lock file: " + std::strerror(errno));
        }
    }
    Unlock unlock(m_fd);
    char buffer[64] = {};
    const ssize_t got = ::pread(m_fd, buffer, sizeof buffer - 1, 0);
    double last = 0.0;
    if (got > 0) {
        buffer[got] = '\0';
        char* end = nullptr;
        last = std::strtod(buffer, &end);
        if (end == buffer || !std::isfinite(last)) {
            last = 0.0; // an empty or damaged file: no request known
        }
    }
    const double now = now_seconds();
    // A last time in the future means the clock was set back: wait one interval, not hours.
    const double wait = std::min(last + m_interval - now, m_interval);
    if (wait > 0.0) {
        if (m_on_wait) {
            m_on_wait(wait, "rate limit");
        }
        std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    }
    char stamp[64];
    const int length = std::snprintf(stamp, sizeof stamp, "%.6f\n", now_seconds());
    if (::ftruncate(m_fd, 0) != 0 || ::pwrite(m_fd, stamp, static_cast<std::size_t>(length), 0) != length) {
        throw Error(m_path.string() +
                    ": cannot write the geocoder's rate-limit lock file: " + std::strerror(errno));
    }
    // Held while sending: the next process waits for this request's answer, then for the rest
    // of the interval, so a service is never asked twice at once by this user.
    send();
}

namespace {

struct HostPort {
    std::string scheme, host, port;
};

HostPort host_and_port(std::string_view url) {
    HostPort out;
    std::string_view rest = url;
    if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) {
        out.scheme = text::ascii_lower(rest.substr(0, scheme));
        rest.remove_prefix(scheme + 3);
    }
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        rest.remove_prefix(at + 1); // never user info in a file name
    }
    std::string_view host = rest;
    std::string_view port;
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        host = rest.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
        if (close != std::string_view::npos && close + 1 < rest.size() && rest[close + 1] == ':') {
            port = rest.substr(close + 2);
        }
    } else if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    out.host = text::ascii_lower(host);
    while (!out.host.empty() && out.host.back() == '.') {
        out.host.pop_back();
    }
    out.port = std::string(port);
    return out;
}

/// A numeric address in its one canonical spelling ("127.1", "0x7f000001", "::ffff:127.0.0.1"
/// are all 127.0.0.1), the whole loopback range as 127.0.0.1; nullopt for a name.
std::optional<std::string> canonical_address(const std::string& host) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_flags = AI_NUMERICHOST;
    addrinfo* found = nullptr;
    if (host.empty() || ::getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) {
        return std::nullopt;
    }
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owner(found, &::freeaddrinfo);
    char buffer[INET6_ADDRSTRLEN] = {};
    in_addr v4{};
    bool is_v4 = false;
    if (found->ai_family == AF_INET) {
        v4 = reinterpret_cast<const sockaddr_in*>(found->ai_addr)->sin_addr;
        is_v4 = true;
    } else if (found->ai_family == AF_INET6) {
        const in6_addr& v6 = reinterpret_cast<const sockaddr_in6*>(found->ai_addr)->sin6_addr;
        if (IN6_IS_ADDR_LOOPBACK(&v6)) {
            return "127.0.0.1";
        }
        if (IN6_IS_ADDR_V4MAPPED(&v6)) {
            std::memcpy(&v4, v6.s6_addr + 12, sizeof v4);
            is_v4 = true;
        } else {
            ::inet_ntop(AF_INET6, &v6, buffer, sizeof buffer);
            return std::string(buffer);
        }
    } else {
        return std::nullopt;
    }
    if (is_v4 && (ntohl(v4.s_addr) >> 24) == 127) {
        return "127.0.0.1"; // one machine, however it is spelled
    }
    ::inet_ntop(AF_INET, &v4, buffer, sizeof buffer);
    return std::string(buffer);
}

bool ends_with_domain(std::string_view host, std::string_view domain) {
    return host == domain ||
           (host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
            host[host.size() - domain.size() - 1] == '.');
}

} // namespace

std::optional<std::string> public_server(std::string_view url) {
    const HostPort hp = host_and_port(url);
    for (std::string_view domain : {"nominatim.openstreetmap.org", "photon.komoot.io"}) {
        if (ends_with_domain(hp.host, domain)) {
            return std::string(domain);
        }
    }
    return std::nullopt;
}

std::string throttle_key(std::string_view url) {
    if (auto server = public_server(url)) {
        return *server; // every spelling and port of a public service shares its one limit
    }
    const HostPort hp = host_and_port(url);
    std::string host = hp.host;
    if (host == "localhost" || ends_with_domain(host, "localhost")) {
        host = "127.0.0.1"; // RFC 6761: always the loopback
    } else if (auto address = canonical_address(host)) {
        host = *address;
    }
    const std::string default_port = hp.scheme == "http" ? "80" : hp.scheme == "https" ? "443" : "";
    std::string port = hp.port;
    port.erase(0, std::min(port.find_first_not_of('0'), port.size() > 0 ? port.size() - 1 : 0));
    std::string out;
    for (char c : host + (port.empty() || port == default_port ? "" : "_" + port)) {
        const bool keep =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        out += keep ? c : '_';
    }
    return out.empty() ? std::string("unknown-host") : out;
}

} // namespace sidetrip::geo::detail
