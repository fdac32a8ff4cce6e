#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sidetrip::calendar::detail {

enum class Frequency { Secondly, Minutely, Hourly, Daily, Weekly, Monthly, Yearly };

/// A parsed RRULE (RFC 5545 3.3.10). BYDAY entries carry an ordinal (0 = every).
/// The BY lists hold the values as written (order and duplicates kept); the expansion sorts them.
struct RecurrenceRule {
    Frequency frequency = Frequency::Daily;
    int interval = 1;
    std::optional<int> count; // COUNT (>= 1)
    /// UNTIL exactly as written: "20240101", "20240101T090000", "20240101T090000Z" (upper case).
    std::optional<std::string> until;
    std::vector<int> by_second, by_minute, by_hour;
    std::vector<std::pair<int, int>> by_day; // (ordinal, weekday 0=MO..6=SU)
    std::vector<int> by_month_day, by_year_day, by_week_no, by_month, by_set_pos;
    int week_start = 0; // WKST, 0=MO
};

/// Parses the value of an RRULE ("FREQ=WEEKLY;BYDAY=MO,WE"); nullopt with `error` set when it is not a valid
/// rule. Tolerant of what producers write: lower case, spaces after commas ("BYDAY=MO, TU"), a trailing ';',
/// unknown X- parts (ignored). COUNT=-1 or COUNT=0 (Confluence) reads as no COUNT; INTERVAL=0 reads as 1; a
/// BYDAY entry with the ordinal 0 ("0MO", never valid) is dropped; RSCALE=GREGORIAN and SKIP=OMIT (RFC 7529
/// defaults) are accepted. UNTIL is kept in upper case ("20240101t090000z" reads as "20240101T090000Z").
std::optional<RecurrenceRule> parse_rrule(std::string_view text, std::string* error = nullptr);

/// An UNTIL value read: its wall time (00:00 for a date), whether it is a date and whether it is UTC ('Z').
struct UntilValue {
    std::chrono::local_seconds time{};
    bool is_date = false;
    bool is_utc = false;
};
/// Reads "YYYYMMDD", "YYYYMMDDTHHMMSS" or "YYYYMMDDTHHMMSSZ"; nullopt when it is none of these or not a real
/// date.
std::optional<UntilValue> parse_until(std::string_view text);

struct ExpansionLimits {
    std::size_t max_instances = 10000;   // stop after this many instances
    std::size_t max_iterations = 200000; // stop after this many candidate periods, whatever the rule
    /// Instances after this wall time are not wanted (the caller's window end): expansion stops there.
    std::optional<std::chrono::local_seconds> stop_after;
    /// Instances before this wall time are not wanted (the caller's window start): they count towards
    /// COUNT but are neither returned nor counted against max_instances, so that a daily series begun
    /// in 1990 still has its instances of this year.
    std::optional<std::chrono::local_seconds> keep_from;
};

struct Expansion {
    std::vector<std::chrono::local_seconds> instances; // in order, DTSTART first
    std::size_t skipped = 0; // instances before limits.keep_from, not in `instances` (DTSTART never is)
    bool truncated = false;  // a limit stopped it (not COUNT/UNTIL/stop_after); the year 9999 is such a limit
    std::size_t iterations = 0; // candidate periods looked at: what the expansion cost, whatever it found
    /// False when DTSTART does not match the rule ("not synchronised", RFC 5545 3.8.5.3: undefined): it is
    /// still the first instance and counts towards COUNT, but the caller may want to say so.
    bool dtstart_matches_rule = true;
};

/// The instances of `rule` starting at `dtstart` (wall-clock time; `is_date` for all-day: only dates, time
/// 00:00). DTSTART is always the first instance and counts towards COUNT, even when it does not match the
/// rule (as libical master and ical.net do) -- unless it is after `limits.stop_after`, then nothing is
/// returned. `past_until(t)` tells whether wall time t is after UNTIL (the caller knows the zone: UNTIL in
/// UTC needs the zone to compare); when null, UNTIL is compared as a wall time (date-only UNTIL: inclusive of
/// that whole day). Rule parts RFC 5545 marks N/A for the frequency (BYYEARDAY with DAILY, BYMONTHDAY with
/// WEEKLY, BYWEEKNO below YEARLY) limit the instances; a BYDAY ordinal outside MONTHLY/YEARLY is ignored.
/// With BYWEEKNO, a YEARLY period is a week-numbering year (relative to WKST), as in libical and ical.net.
Expansion expand_rrule(const RecurrenceRule& rule, std::chrono::local_seconds dtstart, bool is_date,
                       const ExpansionLimits& limits,
                       const std::function<bool(std::chrono::local_seconds)>& past_until = {});

} // namespace sidetrip::calendar::detail
