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
    /// One source as a whole (a file, a feed, a vdir folder, a CalDAV collection) gets at most
    /// this many instances of recurring series, and its rules are iterated at most
    /// max_source_iterations times in all: the caps above are per rule, and 400 rules of one
    /// line each (RRULE:FREQ=SECONDLY, a 60 KB file) made four million occurrences and 7 GB.
    /// 100,000 is three times the busiest calendar we know: the 20,000-event scale calendar of
    /// bench_generate (1,000 series) has 31,161 occurrences in two years, single events included,
    /// and the largest file of the iCalendar corpus 14,620 from 1990 to 2030 (docs/errors.md).
    /// 20 million steps is 100 rules run to max_iterations, about two seconds; a real rule takes
    /// one step per period up to the window's end (a daily series begun in 1990: 14,000 to 2028).
    std::size_t max_source_instances = 100000;
    std::size_t max_source_iterations = 20000000;
    /// Every instance copies its series' text (summary, location, description, URL, categories,
    /// organizer, attendees): that copied text is capped too, so that a 1 MB description on a
    /// daily rule cannot take 10 GB (plan holds two copies of the occurrences: 2 x 128 MiB stays
    /// within our 500 MB target). 128 MiB is 50,000 instances with a 2.5 KB description, the
    /// size of a Teams invitation's; a busy Outlook calendar has a tenth of that in four years.
    std::size_t max_source_text_bytes = std::size_t{128} << 20;
};

/**
 * What one source may still expand: the budget of CalendarReadOptions::max_source_instances,
 * max_source_iterations and max_source_text_bytes, shared by every file of a vdir folder and
 * every resource of a CalDAV collection, and the series it cut. read_calendar() and
 * read_calendar_text() make one per call; a caller that reads one source in parts (the CalDAV
 * resources of a collection) shares one and calls report() once at the end.
 */
class SourceLimits {
public:
    explicit SourceLimits(const CalendarReadOptions& options);

    /// Adds one warning naming the series that were cut (a few of them, and how many), if any were;
    /// `source` is what the user gave (the file, folder or URL).
    void report(const std::string& source, Diagnostics& diagnostics) const;

    std::size_t instances_left() const noexcept { return m_instances_left; }
    std::size_t iterations_left() const noexcept { return m_iterations_left; }
    std::size_t text_bytes_left() const noexcept { return m_text_bytes_left; }
    /// Takes what one rule's expansion cost from the budget.
    void spend(std::size_t instances, std::size_t iterations, std::size_t text_bytes) noexcept;
    /// Which limit cut a series: one of the source's budgets, or the rule's own cap
    /// (CalendarReadOptions::max_instances or max_iterations).
    enum class Exhausted { Instances, Iterations, Text, RuleCap };
    /// Notes a series that was cut: which limit, its UID and summary, "file:line". Returns true
    /// when the caller should also warn about it on its own line: a series stopped by its rule's
    /// cap, among the first few of the source (the rest are only counted in report()'s warning,
    /// so that it is not lost among hundreds of lines).
    bool note_cut(Exhausted what, const std::string& uid, const std::string& summary,
                  const std::string& where);
    std::size_t cut_count() const noexcept { return m_cut_count; }

private:
    /// A series stopped by its own rule's cap gets a line of its own, up to this many per source:
    /// the CLI shows 100 lines per source, and report()'s summary must not be among those hidden.
    static constexpr std::size_t RuleCapLines = 10;
    std::size_t m_rule_instances, m_rule_iterations;
    std::size_t m_max_instances, m_max_iterations, m_max_text_bytes;
    std::size_t m_instances_left, m_iterations_left, m_text_bytes_left;
    std::size_t m_cut_count = 0;
    std::size_t m_rule_cap_count = 0; ///< series stopped by their rule's own cap
    bool m_hit_instances = false, m_hit_iterations = false, m_hit_text = false;
    std::vector<std::string> m_cut_names; ///< the first few: UID "summary"
    std::string m_first_cut_where;        ///< "file:line" of the first series cut
};

/**
 * Reads one source: an .ics file, "-" for standard input, or a directory of .ics files (the
 * vdir layout of khal and vdirsyncer; searched recursively, hidden entries skipped, entries
 * that cannot be read -- a dangling symlink, a file without read permission, anything but a
 * file or folder -- skipped with a warning naming them). Returns
 * the occurrences that overlap the window, sorted by start, cancelled ones dropped.
 * @throws InputError when the source cannot be read or holds no iCalendar data at all.
 */
std::vector<Occurrence> read_calendar(const std::string& source, const CalendarReadOptions& options,
                                      Diagnostics& diagnostics);

/// read_calendar() for text already in memory; `source_name` is used in diagnostics.
std::vector<Occurrence> read_calendar_text(std::string_view content, const std::string& source_name,
                                           const CalendarReadOptions& options, Diagnostics& diagnostics);

/// read_calendar_text() for one part of a source, expanding within the source's shared `limits`
/// (whose report() the caller makes at the end).
std::vector<Occurrence> read_calendar_text(std::string_view content, const std::string& source_name,
                                           const CalendarReadOptions& options, Diagnostics& diagnostics,
                                           SourceLimits& limits);

} // namespace sidetrip::calendar
