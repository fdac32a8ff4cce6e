#include "sidetrip/net/http.hpp"

#include "sidetrip/core/error.hpp"
#include "sidetrip/core/files.hpp"
#include "sidetrip/core/text.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>
#include <random>
#include <sys/stat.h>
#include <thread>

namespace sidetrip::net {

namespace {

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

/// What one attempt collected.
struct Transfer {
    HttpResponse response;
    std::size_t cap = 0;
    bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    if (t->response.body.size() + n > t->cap) {
        t->too_large = true;
        return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->response.body.append(data, n);
    return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    std::string_view line(data, n);
    if (line.rfind("HTTP/", 0) == 0) {
        t->response.headers.clear(); // a new response (after a redirect or 100 Continue)
        return n;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        t->response.headers[text::ascii_lower(text::trim(line.substr(0, colon)))] =
            std::string(text::trim(line.substr(colon + 1)));
    }
    return n;
}

/// scheme://[userinfo@]host[:port]/path?query#fragment, split without validation.
struct UrlParts {
    std::string scheme, userinfo, host, port, path, query;
};

UrlParts split_url(std::string_view url) {
    UrlParts p;
    auto rest = url;
    if (const auto at = rest.find("://"); at != std::string_view::npos) {
        p.scheme = std::string(rest.substr(0, at));
        rest.remove_prefix(at + 3);
    }
    if (const auto hash = rest.find('#'); hash != std::string_view::npos) {
        rest = rest.substr(0, hash);
    }
    const auto path_at = rest.find_first_of("/?");
    auto authority = rest.substr(0, path_at);
    rest = path_at == std::string_view::npos ? std::string_view{} : rest.substr(path_at);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        p.userinfo = std::string(authority.substr(0, at));
        authority.remove_prefix(at + 1);
    }
    const auto colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
        p.host = std::string(authority.substr(0, colon));
        p.port = std::string(authority.substr(colon + 1));
    } else {
        p.host = std::string(authority);
    }
    const auto q = rest.find('?');
    p.path = std::string(rest.substr(0, q));
    if (q != std::string_view::npos) {
        p.query = std::string(rest.substr(q + 1));
    }
    return p;
}

std::string percent_decoded(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) != 0 &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2])) != 0) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

/// True for a (decoded) text that reads as a token rather than a word: "private-...", a long run
/// of letters and digits, base64 or hex. Words, names and numbers people type are not tokens.
bool looks_like_token(std::string_view text) {
    while (!text.empty() && text.back() == '=') {
        text.remove_suffix(1); // base64 padding
    }
    if (text.size() > 8 && text::istarts_with(text, "private")) {
        return true;
    }
    std::size_t lower = 0, upper = 0, digits = 0, hex = 0;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        lower += std::islower(c) != 0 ? 1 : 0;
        upper += std::isupper(c) != 0 ? 1 : 0;
        digits += std::isdigit(c) != 0 ? 1 : 0;
        hex += std::isxdigit(c) != 0 ? 1 : 0;
    }
    const bool letters = lower + upper > 0;
    if (text.size() >= 32 || (text.size() >= 16 && letters && digits > 0)) {
        return true;
    }
    // Shorter tokens: hex ids ("3f9a1c7e5b2d") and base64 with both cases and digits ("Zm9vYmFy1").
    if (text.size() >= 12 && hex == text.size() && digits >= 3 && letters) {
        return true;
    }
    return text.size() >= 10 && lower > 0 && upper > 0 && digits > 0;
}

/// A path segment as it may be shown: itself, "REDACTED", "REDACTED.ics" (a token file name
/// keeps its extension) or "REDACTED@contoso.com" (an address keeps its domain).
std::string shown_segment(std::string_view segment) {
    const std::string decoded = percent_decoded(segment);
    if (const auto at = decoded.find('@'); at != std::string::npos) {
        // An address names a person or a mailbox (Google's "ana%40example.com", Outlook's
        // "4f3a...@contoso.com" beside its token): who it is stays private, the domain tells
        // feeds apart.
        return "REDACTED" + decoded.substr(at);
    }
    std::string_view stem = decoded;
    std::string extension;
    if (const auto dot = decoded.rfind('.');
        dot != std::string::npos && dot > 0 && decoded.size() - dot <= 6) {
        stem = std::string_view(decoded).substr(0, dot);
        extension = decoded.substr(dot);
    }
    if (looks_like_token(stem)) {
        return "REDACTED" + extension;
    }
    return std::string(segment);
}

bool is_redirect(long status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/// What libcurl sent, as far as the caller must know.
struct SentHeaders {
    bool authorization = false;
};

int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
    if (type == CURLINFO_HEADER_OUT) {
        const std::string lower = text::ascii_lower(std::string_view(data, size));
        if (lower.find("\nauthorization:") != std::string::npos) {
            static_cast<SentHeaders*>(user)->authorization = true;
        }
    }
    return 0;
}

bool transient_status(long status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool transient_error(CURLcode code) {
    return code == CURLE_OPERATION_TIMEDOUT || code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR ||
           code == CURLE_SEND_ERROR || code == CURLE_GOT_NOTHING || code == CURLE_HTTP2 ||
           code == CURLE_HTTP2_STREAM;
}

/// What to tell the user for a transfer that failed, without the URL (the caller adds it).
std::string explain(CURLcode code, const char* detail, const Transfer& t, const HttpOptions& options) {
    const std::string why = (detail != nullptr && *detail != '\0') ? detail : curl_easy_strerror(code);
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return "cannot find the server (DNS lookup failed: " + why +
               "); check the address and your connection";
    case CURLE_COULDNT_CONNECT:
        return "cannot connect (" + why + "); is the server running and the address right?";
    case CURLE_OPERATION_TIMEDOUT:
        return "timed out (" + why + "; limits: connect " +
               std::to_string(options.connect_timeout.count() / 1000.0).substr(0, 4) + " s, total " +
               std::to_string(options.total_timeout.count() / 1000.0).substr(0, 5) +
               " s; --timeout and --connect-timeout raise them)";
    case CURLE_SSL_CONNECT_ERROR:
        return "the TLS handshake failed (" + why + "); is this an https server, and is the address right?";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
        return "the server's TLS certificate cannot be verified (" + why +
               "); for a server with its own certificate authority, set SIDETRIP_CA_FILE to its CA "
               "bundle (verification is never turned off)";
    case CURLE_PARTIAL_FILE: return "the answer was cut off before its end (" + why + ")";
    case CURLE_TOO_MANY_REDIRECTS:
        return "too many redirects (more than " + std::to_string(options.max_redirects) + ")";
    case CURLE_WRITE_ERROR:
        if (t.too_large) {
            return "the answer is larger than " + std::to_string(t.cap >> 20) +
                   " MiB, the limit for one download; is this the right address?";
        }
        return why;
    case CURLE_FILESIZE_EXCEEDED:
        return "the answer is larger than " + std::to_string(options.max_body_bytes >> 20) +
               " MiB, the limit for one download; is this the right address?";
    case CURLE_UNSUPPORTED_PROTOCOL: return "unsupported protocol (only http and https are followed): " + why;
    case CURLE_BAD_CONTENT_ENCODING: return "the answer's compression is broken (" + why + ")";
    default: return why;
    }
}

std::string status_text(long status) {
    switch (status) {
    case 429: return "429 Too Many Requests";
    case 500: return "500 Internal Server Error";
    case 502: return "502 Bad Gateway";
    case 503: return "503 Service Unavailable";
    case 504: return "504 Gateway Timeout";
    default: return std::to_string(status);
    }
}

std::string version_user_agent() {
    return std::string("sidetrip/") + SIDETRIP_VERSION;
}

} // namespace

std::string HttpResponse::header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

HttpClient::HttpClient(HttpOptions options) : m_options(std::move(options)) {
    global_init();
    if (m_options.user_agent.empty()) {
        m_options.user_agent = version_user_agent();
    }
    if (m_options.ca_file.empty()) {
        if (const char* ca = std::getenv("SIDETRIP_CA_FILE"); ca != nullptr && *ca != '\0') {
            m_options.ca_file = ca;
        }
    }
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::perform(const HttpRequest& request) {
    const std::string shown = redact_url(request.url);
    const UrlParts parts = split_url(request.url);
    if (!parts.userinfo.empty()) {
        throw InputError(shown + ": the address holds a user name or password; put credentials in ~/.netrc "
                                 "(or SIDETRIP_HTTP_USER, SIDETRIP_HTTP_PASSWORD and SIDETRIP_HTTP_HOST) so "
                                 "they stay out of your shell history");
    }
    const std::string scheme = text::ascii_lower(parts.scheme);
    if (scheme != "http" && scheme != "https") {
        throw InputError(shown + ": only http, https and webcal addresses can be fetched");
    }
    if (m_options.use_credentials) {
        check_netrc_permissions();
    }

    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) {
        throw Error("libcurl could not start a transfer");
    }
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    for (const auto& [name, value] : request.headers) {
        const std::string line = value.empty() ? name + ";" : name + ": " + value;
        headers.reset(curl_slist_append(headers.release(), line.c_str()));
    }
    if (!request.body.empty()) {
        headers.reset(curl_slist_append(headers.release(), "Expect:"));
    }

    std::mt19937 random(std::random_device{}());
    for (int attempt = 1;; ++attempt) {
        CURL* c = curl.get();
        Transfer t;
        CURLcode code = CURLE_OK;
        long status = 0;
        char detail[CURL_ERROR_SIZE] = {};
        // Redirects are followed here, not by libcurl: each hop is judged (no https -> http), and
        // credentials go only to the scheme, host and port of the address the user gave. libcurl
        // would read ~/.netrc again for the new host, port and scheme of a redirect.
        std::string url = request.url;
        std::string method = request.method;
        bool send_body = !request.body.empty() || request.method == "POST" || request.method == "PUT";
        for (long hop = 0;; ++hop) {
            curl_easy_reset(c);
            t = Transfer{};
            t.cap = m_options.max_body_bytes;
            detail[0] = '\0';
            SentHeaders sent;
            curl_easy_setopt(c, CURLOPT_URL, url.c_str());
            curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
            curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
            curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
            curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
            curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                             static_cast<long>(m_options.connect_timeout.count()));
            curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.total_timeout.count()));
            curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(m_options.max_body_bytes));
            curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING,
                             ""); // every encoding libcurl decodes (gzip, deflate...)
            curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
            curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
            if (!m_options.ca_file.empty()) {
                curl_easy_setopt(c, CURLOPT_CAINFO, m_options.ca_file.c_str());
            }
            curl_easy_setopt(c, CURLOPT_USERAGENT, m_options.user_agent.c_str());
            const bool credentials = m_options.use_credentials && same_origin(request.url, url);
            if (credentials) {
                curl_easy_setopt(c, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_OPTIONAL));
                if (const char* netrc = std::getenv("NETRC"); netrc != nullptr && *netrc != '\0') {
                    curl_easy_setopt(c, CURLOPT_NETRC_FILE, netrc);
                }
                const char* user = std::getenv("SIDETRIP_HTTP_USER");
                const char* password = std::getenv("SIDETRIP_HTTP_PASSWORD");
                const char* host = std::getenv("SIDETRIP_HTTP_HOST");
                if (user != nullptr && host != nullptr && text::iequals(host, parts.host)) {
                    curl_easy_setopt(c, CURLOPT_USERNAME, user);
                    curl_easy_setopt(c, CURLOPT_PASSWORD, password != nullptr ? password : "");
                }
            } else {
                curl_easy_setopt(c, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_IGNORED));
            }
            // CURLOPT_UNRESTRICTED_AUTH stays off. The debug hook sees what was sent, so that
            // credentials that went over plain http are told, whichever source they came from.
            curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, on_debug);
            curl_easy_setopt(c, CURLOPT_DEBUGDATA, &sent);
            curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
            if (method == "HEAD") {
                curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
            } else if (method != "GET") {
                curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
            }
            if (send_body) {
                curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                                 static_cast<curl_off_t>(request.body.size()));
                curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
            }
            if (headers) {
                curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
            }
            curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
            curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
            curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
            curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);

            ++m_attempts;
            code = curl_easy_perform(c);
            status = 0;
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
            if (sent.authorization && text::iequals(split_url(url).scheme, "http")) {
                warn_once("plain-http " + origin_key(url),
                          redact_url(url) +
                              ": credentials were sent over plain http, where anyone on the network can read "
                              "them; use the server's https:// address (and change the password if this "
                              "network is not yours)");
            }
            char* next = nullptr;
            if (code != CURLE_OK || !is_redirect(status) ||
                curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &next) != CURLE_OK || next == nullptr) {
                break;
            }
            if (hop >= m_options.max_redirects) {
                throw ServiceError(shown + ": too many redirects (more than " +
                                   std::to_string(m_options.max_redirects) + ")");
            }
            const RedirectDecision decision = judge_redirect(url, next);
            if (!decision.follow) {
                throw ServiceError(shown + ": " + decision.why);
            }
            // As browsers and libcurl do: 303 turns into GET, and so do 301/302 after a POST.
            if ((status == 303 && method != "HEAD") ||
                ((status == 301 || status == 302) && method == "POST")) {
                method = "GET";
                send_body = false;
            }
            url = next;
        }
        const bool last = attempt >= m_options.max_attempts;

        std::optional<double> wait;
        std::string why;
        if (code == CURLE_OK) {
            t.response.status = status;
            t.response.url = url;
            if (!transient_status(status)) {
                return std::move(t.response);
            }
            why = "the server answered " + status_text(status);
            if (const auto after = parse_retry_after(t.response.header("retry-after"))) {
                const double cap = static_cast<double>(m_options.max_retry_wait.count()) / 1000.0;
                if (*after > cap) {
                    throw ServiceError(shown + ": " + why + " and asks to wait " +
                                       std::to_string(static_cast<long>(std::ceil(*after))) +
                                       " s; try again later");
                }
                wait = std::max(0.0, *after);
            }
        } else {
            why = redact_in(redact_in(explain(code, detail, t, m_options), request.url), url);
            if (!transient_error(code)) {
                throw ServiceError(shown + ": " + why);
            }
        }
        if (last) {
            throw ServiceError(shown + ": " + why + " (" + std::to_string(attempt) +
                               (attempt == 1 ? " attempt" : " attempts") + "); try again later");
        }
        if (!wait) {
            // Exponential backoff with full jitter between half and one and a half of the step.
            const double step =
                static_cast<double>(m_options.backoff_base.count()) / 1000.0 * std::pow(2.0, attempt - 1);
            wait = std::min(step * std::uniform_real_distribution<double>(0.5, 1.5)(random),
                            static_cast<double>(m_options.max_retry_wait.count()) / 1000.0);
        }
        if (m_options.on_wait) {
            m_options.on_wait(*wait, why);
        }
        std::this_thread::sleep_for(std::chrono::duration<double>(*wait));
    }
}

void HttpClient::warn_once(const std::string& key, const std::string& message) {
    if (m_options.on_warning && m_warned.insert(key).second) {
        m_options.on_warning(message);
    }
}

void HttpClient::check_netrc_permissions() {
    if (m_netrc_checked) {
        return;
    }
    m_netrc_checked = true;
    std::string path;
    if (const char* netrc = std::getenv("NETRC"); netrc != nullptr && *netrc != '\0') {
        path = netrc;
    } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        path = std::string(home) + "/.netrc";
    } else {
        return;
    }
    struct stat about {};
    if (::stat(path.c_str(), &about) != 0 || !S_ISREG(about.st_mode) || (about.st_mode & 077) == 0) {
        return;
    }
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(about.st_mode & 07777));
    warn_once("netrc", path + " holds passwords and others on this machine may read it (mode " + mode +
                           "); make it yours alone with: chmod 600 " + path);
}

RedirectDecision judge_redirect(std::string_view from, std::string_view to) {
    const std::string from_scheme = text::ascii_lower(split_url(from).scheme);
    const std::string to_scheme = text::ascii_lower(split_url(to).scheme);
    RedirectDecision d;
    if (to_scheme != "http" && to_scheme != "https") {
        d.why = "the server redirects to " + redact_url(to) +
                ", which is not an http or https address; only http and https are followed";
        return d;
    }
    if (from_scheme == "https" && to_scheme == "http") {
        d.why = "the server redirects from https to plain http (" + redact_url(to) +
                "), which would send the request and the calendar unencrypted; sidetrip does not follow "
                "such a redirect: ask the server's owner to fix it, or give the http:// address "
                "yourself if you accept that";
        return d;
    }
    d.follow = true;
    return d;
}

std::string origin_key(std::string_view url) {
    const UrlParts p = split_url(url);
    const std::string scheme = text::ascii_lower(p.scheme);
    std::string host = text::ascii_lower(p.host);
    while (!host.empty() && host.back() == '.') {
        host.pop_back();
    }
    std::string port = p.port;
    if (port.empty()) {
        port = scheme == "https" ? "443" : scheme == "http" ? "80" : "";
    }
    return scheme + "://" + host + ":" + port;
}

bool same_origin(std::string_view a, std::string_view b) {
    return origin_key(a) == origin_key(b);
}

std::string redact_url(std::string_view url) {
    const UrlParts p = split_url(url);
    if (p.scheme.empty()) {
        return std::string(url);
    }
    std::string out = p.scheme + "://" + p.host + (p.port.empty() ? "" : ":" + p.port);
    for (auto segment : text::split(p.path, '/')) {
        if (segment.empty()) {
            continue;
        }
        out += "/";
        out += shown_segment(segment);
    }
    if (!p.path.empty() && p.path.back() == '/') {
        out += "/";
    }
    if (!p.query.empty()) {
        out += "?";
        bool first = true;
        for (auto pair : text::split(p.query, '&')) {
            out += first ? "" : "&";
            first = false;
            const auto eq = pair.find('=');
            out += std::string(pair.substr(0, eq)) + (eq == std::string_view::npos ? "" : "=REDACTED");
        }
    }
    return out;
}

std::string redact_in(std::string message, std::string_view url) {
    if (url.empty()) {
        return message;
    }
    const std::string shown = redact_url(url);
    for (auto at = message.find(url); at != std::string::npos; at = message.find(url, at + shown.size())) {
        message.replace(at, url.size(), shown);
    }
    return message;
}

bool is_url(std::string_view text) {
    for (std::string_view scheme : {"http://", "https://", "webcal://", "webcals://"}) {
        if (text::istarts_with(text, scheme)) {
            return true;
        }
    }
    return false;
}

std::string normalize_feed_url(std::string_view url) {
    for (std::string_view scheme : {"webcal://", "webcals://"}) {
        if (text::istarts_with(url, scheme)) {
            return "https://" + std::string(url.substr(scheme.size()));
        }
    }
    return std::string(url);
}

std::optional<double> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
    value = text::trim(value);
    if (value.empty()) {
        return std::nullopt;
    }
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return value.size() > 9 ? 1e9 : std::stod(std::string(value));
    }
    std::tm tm{};
    const std::string s(value);
    const char* end = ::strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (end == nullptr || *end != '\0') {
        return std::nullopt;
    }
    const auto at = std::chrono::system_clock::from_time_t(::timegm(&tm));
    return std::max(0.0, std::chrono::duration<double>(at - now).count());
}

std::string cache_directory(const std::function<void(const std::string&)>& on_warning) {
    namespace fs = std::filesystem;
    fs::path base;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
        base = xdg;
    } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        base = fs::path(home) / ".cache";
    } else {
        throw Error("cannot find a cache folder: neither XDG_CACHE_HOME nor HOME is set");
    }
    const fs::path dir = base / "sidetrip";
    note_tightened(dir, files::make_private_folder(dir), on_warning);
    return dir.string();
}

void note_tightened(const std::filesystem::path& folder, std::optional<unsigned> old_mode,
                    const std::function<void(const std::string&)>& on_warning) {
    if (!old_mode || !on_warning) {
        return;
    }
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", *old_mode);
    on_warning(folder.string() + ": others could read sidetrip's cache folder (mode " + mode +
               "); it holds copies of your calendars and the places you looked up, so it is now 0700 "
               "(yours alone)");
}

} // namespace sidetrip::net
