#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sidetrip::geo::detail {

/**
 * Keeps requests to one host at least `interval` seconds apart across every process of the
 * user: a lock file holds the wall-clock time of the last request, and is held with
 * flock(LOCK_EX) from reading that time, through the wait, to recording the new time and
 * sending. flock is released by the kernel when a process dies, so a crash never blocks the
 * next run; a time in the future (the clock went back) is trusted for at most one interval.
 */
class RequestThrottle {
public:
    /// `on_wait(seconds, why)` is called before each wait. Nothing is opened yet.
    RequestThrottle(std::filesystem::path lock_file, double interval_seconds,
                    std::function<void(double, const std::string&)> on_wait);
    ~RequestThrottle();
    RequestThrottle(const RequestThrottle&) = delete;
    RequestThrottle& operator=(const RequestThrottle&) = delete;

    /**
     * Waits for the lock and the interval, records now as the last request, calls `send`, and
     * releases the lock after it returns (or throws).
     * @throws Error naming the lock file when it cannot be opened or locked.
     */
    void run(const std::function<void()>& send);

private:
    std::filesystem::path m_path;
    double m_interval;
    std::function<void(double, const std::string&)> m_on_wait;
    int m_fd = -1;
};

/**
 * Who a URL asks, however it is spelled, for the name of the lock file: the host lower-cased
 * without a final '.', numeric forms in one spelling ("127.1", "2130706433" and "::ffff:127.0.0.1"
 * are 127.0.0.1; every loopback address and "localhost" too), then "_PORT" unless the port is
 * the scheme's default. A public service is its domain alone, for every host under it and every
 * port: "nominatim.openstreetmap.org". Only letters, digits, '.', '-' and '_' are kept.
 */
std::string throttle_key(std::string_view url);

/// "nominatim.openstreetmap.org" or "photon.komoot.io" when the URL's host is that public
/// service or any name under it (whatever the case, a final '.', or the port); else nullopt.
std::optional<std::string> public_server(std::string_view url);

} // namespace sidetrip::geo::detail
