#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sidetrip::net {

/// One HTTP request. Header names are sent as given.
struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

/// A response after redirects. Header names are lower-cased; a repeated header keeps its last value.
struct HttpResponse {
    long status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
    std::string url; ///< the URL that answered, after redirects

    /// The header's value, or empty.
    std::string header(const std::string& lower_name) const;
};

/// How every request of one client behaves. The defaults suit a calendar feed on the internet.
struct HttpOptions {
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds total_timeout{60'000}; ///< per attempt
    std::size_t max_body_bytes = 64u << 20;          ///< larger bodies are refused
    long max_redirects = 5;
    int max_attempts = 4;                             ///< for 429, 5xx, timeouts and dropped connections
    std::chrono::milliseconds backoff_base{500};      ///< first retry waits about this long (jittered)
    std::chrono::milliseconds max_retry_wait{60'000}; ///< no single wait is longer, Retry-After included
    std::string user_agent;                           ///< empty: "sidetrip/VERSION"
    /// A CA bundle to trust instead of the system's (a self-hosted server's own CA, from
    /// SIDETRIP_CA_FILE or the config). Verification itself cannot be turned off.
    std::string ca_file;
    /// Credentials come from ~/.netrc (or $NETRC), or from SIDETRIP_HTTP_USER and
    /// SIDETRIP_HTTP_PASSWORD for the host named by SIDETRIP_HTTP_HOST; never from the URL.
    bool use_credentials = true;
    /// Called before each wait between attempts (seconds to wait, why), e.g. for a progress line.
    std::function<void(double, const std::string&)> on_wait;
    /// Called (once per client and cause) with something the user should know: credentials that
    /// went over plain http, a ~/.netrc that others may read. The library never prints; the
    /// program shows these on stderr. May be empty.
    std::function<void(const std::string&)> on_warning;
};

/**
 * A blocking HTTP(S) client over libcurl: TLS verified, redirects followed (bounded, never from
 * https to http, see judge_redirect; credentials only to the scheme, host and port of the
 * request's own URL), gzip and
 * deflate accepted, a size cap, and retries of transient failures (429, 500, 502, 503, 504,
 * timeouts, dropped connections) with jittered exponential backoff that honours Retry-After.
 * Messages name the URL with its secrets redacted (see redact_url).
 */
class HttpClient {
public:
    explicit HttpClient(HttpOptions options = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /**
     * Performs the request. Any final status is returned (the caller judges 304, 401, 404...);
     * only a request that never got a complete answer throws.
     * @throws ServiceError (exit code 3) naming the redacted URL and what to do: connection refused,
     *         DNS failure, timeout, TLS failure, a body larger than the cap, a truncated body, a
     *         redirect that is refused (https to http, another scheme) or too many redirects, or
     *         retries exhausted on 429/5xx (then the last status is named).
     */
    HttpResponse perform(const HttpRequest& request);

    /// Requests sent over the network so far (attempts, not calls).
    std::size_t attempts() const noexcept { return m_attempts; }

    const HttpOptions& options() const noexcept { return m_options; }

private:
    void warn_once(const std::string& key, const std::string& message);
    void check_netrc_permissions();

    HttpOptions m_options;
    std::size_t m_attempts = 0;
    std::set<std::string> m_warned;
    bool m_netrc_checked = false;
};

/// Whether a redirect may be followed, and if not, why (for the message).
struct RedirectDecision {
    bool follow = false;
    std::string why; ///< without the original URL; the new one is named redacted
};

/**
 * The redirect policy: only to http and https, and never from https to plain http (the request,
 * its answer and any cookie or token in the address would travel unencrypted). Credentials are
 * a separate rule: they go only to same_origin() hops of the user's own URL.
 */
RedirectDecision judge_redirect(std::string_view from, std::string_view to);

/// "https://host:443": scheme and host lower-cased, a final '.' dropped, the default port filled in.
std::string origin_key(std::string_view url);

/// True when both URLs have the same scheme, host and port (origin_key).
bool same_origin(std::string_view a, std::string_view b);

/**
 * The URL as it may be shown: user info dropped, every query value replaced by "REDACTED", and
 * path segments that look like secret tokens replaced by "REDACTED" (judged after
 * percent-decoding: "private-...", long runs of letters and digits, hex ids, base64). A file
 * name keeps its extension ("REDACTED.ics"), an address keeps its domain when the part before
 * the @ is a token ("REDACTED@contoso.com"); a person's address and readable words stay.
 * "https://calendar.google.com/calendar/ical/ana%40x.com/private-9f8e.../basic.ics"
 * becomes "https://calendar.google.com/calendar/ical/ana%40x.com/REDACTED/basic.ics".
 */
std::string redact_url(std::string_view url);

/// Replaces every occurrence of `url` in `message` by its redacted form.
std::string redact_in(std::string message, std::string_view url);

/// True for http://, https:// and webcal:// (and webcals://) URLs.
bool is_url(std::string_view text);

/// webcal:// and webcals:// become https://; other URLs are returned unchanged.
std::string normalize_feed_url(std::string_view url);

/// The seconds a Retry-After header asks for (delta-seconds or an HTTP date), if it parses.
std::optional<double>
parse_retry_after(std::string_view value,
                  std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

/**
 * $XDG_CACHE_HOME/sidetrip, else $HOME/.cache/sidetrip: created with mode 0700 when missing, and
 * tightened to 0700 when others may read it (then `on_warning` is told, see note_tightened).
 * @throws Error when neither variable is set or the folder cannot be created.
 */
std::string cache_directory(const std::function<void(const std::string&)>& on_warning = {});

/// Tells `on_warning` that `folder` was tightened from `old_mode` to 0700 (nothing when nullopt).
void note_tightened(const std::filesystem::path& folder, std::optional<unsigned> old_mode,
                    const std::function<void(const std::string&)>& on_warning);

} // namespace sidetrip::net
