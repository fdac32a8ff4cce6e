#include "detail/request_throttle.hpp"

#include "sidetrip/core/error.hpp"

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

std::string host_for_file_name(std::string_view url) {
    std::string_view rest = url;
    if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) {
        rest.remove_prefix(scheme + 3);
    }
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        rest.remove_prefix(at + 1); // never user info in a file name
    }
    std::string out;
    for (char c : rest) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '.' || c == '-';
        out += keep ? static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) : '_';
    }
    return out.empty() ? std::string("unknown-host") : out;
}

} // namespace sidetrip::geo::detail
