#pragma once

#include <filesystem>
#include <functional>
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

/// "nominatim.openstreetmap.org" from "https://nominatim.openstreetmap.org/x"; "127.0.0.1_8080"
/// with a port; only letters, digits, '.', '-' and '_' are kept, for a file name.
std::string host_for_file_name(std::string_view url);

} // namespace sidetrip::geo::detail
