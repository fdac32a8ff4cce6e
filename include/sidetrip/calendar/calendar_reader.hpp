#pragma once

#include "sidetrip/calendar/occurrence.hpp"
#include "sidetrip/core/diagnostics.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::calendar {

/// How to read calendars: the window to expand recurrences in, and whose calendar it is.
struct CalendarReadOptions {
    /// Zone of floating times when the calendar has no X-WR-TIMEZONE (the user's home zone).
    std::string home_zone = "UTC";
    /// The user's addresses: an ATTENDEE with one of them and PARTSTAT=DECLINED is free time.
    std::vector<std::string> user_emails;
    /// Occurrences that overlap [window_start, window_end) are returned.
    std::chrono::sys_seconds window_start{std::chrono::sys_days{std::chrono::year{1970} / 1 / 1}};
    std::chrono::sys_seconds window_end{std::chrono::sys_days{std::chrono::year{2100} / 1 / 1}};
    /// No series yields more instances than this, and no rule is iterated more often than
    /// max_iterations, so that no rule can hang the program (a diagnostic says when it stopped).
    std::size_t max_instances = 10000;
    std::size_t max_iterations = 200000;
};

/**
 * Reads one source: an .ics file, "-" for standard input, or a directory of .ics files (the
 * vdir layout of khal and vdirsyncer; searched recursively, hidden entries skipped). Returns
 * the occurrences that overlap the window, sorted by start, cancelled ones dropped.
 * @throws InputError when the source cannot be read or holds no iCalendar data at all.
 */
std::vector<Occurrence> read_calendar(const std::string& source, const CalendarReadOptions& options,
                                      Diagnostics& diagnostics);

/// read_calendar() for text already in memory; `source_name` is used in diagnostics.
std::vector<Occurrence> read_calendar_text(std::string_view content, const std::string& source_name,
                                           const CalendarReadOptions& options, Diagnostics& diagnostics);

} // namespace sidetrip::calendar
