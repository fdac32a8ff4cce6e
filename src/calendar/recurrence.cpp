// RRULE expansion (RFC 5545 3.3.10) on wall-clock times.
//
// Each interval step ("period": a year, month, week, day, hour, minute or second) gives a set of candidate
// instances: the days of the period that pass every BYxxx date part, times the hours, minutes and seconds of
// the time parts. Enumerating the days of the period and filtering them gives both the RFC's "expand" and
// "limit" behaviours at once (a DAILY period has one day: filtering it is limiting; a YEARLY period has 365:
// filtering them is expanding). The candidate set is a product of sorted lists, so it is never materialised:
// BYSETPOS and the first instance at or after DTSTART are found by index.

#include "detail/recurrence.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <charconv>
#include <climits>
#include <cstdint>

namespace sidetrip::calendar::detail {

namespace {

using std::int64_t;

constexpr int64_t SecondsPerDay = 86400;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm), in 64 bits so that far
// periods (INTERVAL=10000000) cannot overflow before we notice the year is past 9999.
constexpr int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct CivilDate {
    int64_t year = 1970;
    int month = 1;
    int day = 1;
};

constexpr CivilDate civil_from_days(int64_t z) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

constexpr int64_t floor_div(int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

constexpr bool is_leap(int64_t y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr int days_in_month(int64_t y, int m) {
    constexpr std::array<int, 12> Lengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : Lengths[static_cast<std::size_t>(m - 1)];
}

/// 0 = Monday .. 6 = Sunday; 1970-01-01 was a Thursday.
constexpr int weekday_of(int64_t days) {
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

/// First day of week 1 of year `y` when weeks start on `week_start`: week 1 is the first week with at least
/// four days in the year (ISO 8601 when weeks start on Monday).
constexpr int64_t week1_start(int64_t y, int week_start) {
    const int64_t jan1 = days_from_civil(y, 1, 1);
    const int offset = (weekday_of(jan1) - week_start + 7) % 7;
    return offset <= 3 ? jan1 - offset : jan1 - offset + 7;
}

/// The year 10000 is where we stop.
constexpr int64_t EndDay = days_from_civil(10000, 1, 1);

/// One day and what the BY parts look at.
struct DayInfo {
    int64_t days = 0; // since 1970-01-01
    int64_t year = 1970;
    int month = 1, month_day = 1, weekday = 0, year_day = 1, month_length = 31, year_length = 365;

    static DayInfo of(int64_t days) {
        DayInfo info;
        const CivilDate c = civil_from_days(days);
        info.days = days;
        info.year = c.year;
        info.month = c.month;
        info.month_day = c.day;
        info.weekday = weekday_of(days);
        info.year_day = static_cast<int>(days - days_from_civil(c.year, 1, 1)) + 1;
        info.month_length = days_in_month(c.year, c.month);
        info.year_length = is_leap(c.year) ? 366 : 365;
        return info;
    }

    void advance() {
        ++days;
        weekday = (weekday + 1) % 7;
        ++month_day;
        ++year_day;
        if (month_day > month_length) {
            month_day = 1;
            if (++month > 12) {
                month = 1;
                ++year;
                year_day = 1;
                year_length = is_leap(year) ? 366 : 365;
            }
            month_length = days_in_month(year, month);
        }
    }
};

struct WeekNumber {
    int64_t week_year = 0;
    int week = 1;        // 1-based
    int week_count = 52; // weeks in the week-numbering year
};

enum class OrdinalScope { Month, Year, Week };

/// Bits 1..N for positive values and 1..N for negative values (stored as their absolute value).
template <std::size_t N> struct SignedSet {
    std::bitset<N + 1> positive, negative;
    bool any = false;
    void add(int value) {
        if (value > 0 && static_cast<std::size_t>(value) <= N) {
            positive.set(static_cast<std::size_t>(value));
            any = true;
        } else if (value < 0 && static_cast<std::size_t>(-value) <= N) {
            negative.set(static_cast<std::size_t>(-value));
            any = true;
        }
    }
    /// Whether the `index`-th (1-based) of `length` is in the set, counted from either end.
    bool has(int index, int length) const { return has_at(index, length - index + 1); }
    /// Whether the value `from_start` (1-based) or `-from_end` is in the set.
    bool has_at(int from_start, int from_end) const {
        return (from_start >= 1 && static_cast<std::size_t>(from_start) <= N &&
                positive.test(static_cast<std::size_t>(from_start))) ||
               (from_end >= 1 && static_cast<std::size_t>(from_end) <= N &&
                negative.test(static_cast<std::size_t>(from_end)));
    }
};

std::vector<int> sorted_unique(std::vector<int> values, int low, int high) {
    values.erase(std::remove_if(values.begin(), values.end(), [&](int v) { return v < low || v > high; }),
                 values.end());
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

std::uint64_t mask_of(const std::vector<int>& values) {
    std::uint64_t mask = 0;
    for (const int v : values)
        mask |= std::uint64_t{1} << v;
    return mask;
}

/// The rule compiled for one DTSTART, and the state of one expansion.
class Expander {
public:
    Expander(const RecurrenceRule& rule, std::chrono::local_seconds dtstart, bool is_date,
             const ExpansionLimits& limits, const std::function<bool(std::chrono::local_seconds)>& past_until)
        : m_rule(rule), m_limits(limits), m_past_until(past_until), m_is_date(is_date) {
        m_start = dtstart.time_since_epoch().count();
        if (is_date)
            m_start = floor_div(m_start, SecondsPerDay) * SecondsPerDay;
        compile();
    }

    Expansion run();

private:
    void compile();
    bool day_matches(const DayInfo& day) const;
    WeekNumber week_number(int64_t days) const;
    /// Fills the candidate lists for the period; false when the period lies past the year 9999.
    bool fill_period(int64_t period);
    int64_t candidate_count() const {
        return static_cast<int64_t>(m_days.size()) * static_cast<int64_t>(m_hours->size()) *
               static_cast<int64_t>(m_minutes->size()) * static_cast<int64_t>(m_seconds->size());
    }
    int64_t candidate(int64_t index) const;
    /// Index of the first candidate at or after t.
    int64_t first_at_or_after(int64_t t) const;
    /// Indices of the candidates BYSETPOS selects, ascending.
    void select_positions();
    bool period_contains(int64_t period, int64_t t);
    int64_t first_period();
    int64_t next_period(int64_t period) const;
    /// The first wall-clock second of a period (every candidate of the period is at or after it).
    int64_t period_start(int64_t period) const;
    bool past_until(int64_t t) const;

    const RecurrenceRule& m_rule;
    const ExpansionLimits& m_limits;
    const std::function<bool(std::chrono::local_seconds)>& m_past_until;
    bool m_is_date;
    int64_t m_start = 0; // DTSTART, seconds since the epoch (wall time)
    DayInfo m_start_day;
    Frequency m_frequency = Frequency::Daily;
    int64_t m_interval = 1;
    int m_week_start = 0;

    // Date filters.
    std::uint32_t m_month_mask = 0; // bit m for month m; 0 = every month
    SignedSet<31> m_month_days;
    SignedSet<366> m_year_days;
    SignedSet<53> m_week_numbers;
    bool m_has_weekdays = false;
    std::array<bool, 7> m_every_weekday{};
    std::array<SignedSet<53>, 7> m_nth_weekday;
    bool m_week_known = false; // the days being filtered are in a listed week (YEARLY with BYWEEKNO)
    OrdinalScope m_scope = OrdinalScope::Month;
    bool m_has_ordinals = false;

    // Time parts: lists for the expanded parts, masks for the limiting ones (sub-daily frequencies).
    std::vector<int> m_hour_list, m_minute_list, m_second_list;
    std::uint64_t m_hour_limit = 0, m_minute_limit = 0, m_second_limit = 0; // 0 = no limit

    std::vector<int> m_set_positions;
    std::optional<UntilValue> m_until;

    // Candidates of the current period (reused buffers).
    std::vector<int64_t> m_days;
    std::vector<int> m_fixed_hour{0}, m_fixed_minute{0}, m_fixed_second{0};
    const std::vector<int>* m_hours = &m_hour_list;
    const std::vector<int>* m_minutes = &m_minute_list;
    const std::vector<int>* m_seconds = &m_second_list;
    std::vector<int64_t> m_selected;
    mutable std::array<int64_t, 4> m_week_starts_cache{}; // week-1 starts of years y-1 .. y+2
    mutable int64_t m_week_cache_year = INT64_MIN;
};

void Expander::compile() {
    const RecurrenceRule& r = m_rule;
    m_frequency = r.frequency;
    m_interval = std::max(1, r.interval);
    m_week_start = (r.week_start % 7 + 7) % 7;
    m_start_day = DayInfo::of(floor_div(m_start, SecondsPerDay));
    const int64_t start_second_of_day = m_start - m_start_day.days * SecondsPerDay;

    for (const int m : r.by_month)
        if (m >= 1 && m <= 12)
            m_month_mask |= 1u << m;
    for (const int d : r.by_month_day)
        m_month_days.add(d);
    for (const int d : r.by_year_day)
        m_year_days.add(d);
    for (const int w : r.by_week_no)
        m_week_numbers.add(w);

    const bool has_month = m_month_mask != 0;
    const bool has_weekday_part = !r.by_day.empty();
    const bool yearly = m_frequency == Frequency::Yearly;
    const bool monthly = m_frequency == Frequency::Monthly;
    if (monthly) {
        m_scope = OrdinalScope::Month;
    } else if (yearly) {
        m_scope = m_week_numbers.any ? OrdinalScope::Week
                  : has_month        ? OrdinalScope::Month
                                     : OrdinalScope::Year;
    }
    for (const auto& [ordinal, weekday] : r.by_day) {
        if (weekday < 0 || weekday > 6)
            continue;
        m_has_weekdays = true;
        const auto w = static_cast<std::size_t>(weekday);
        if (ordinal == 0 || !(monthly || yearly)) {
            m_every_weekday[w] = true;
        } else {
            m_nth_weekday[w].add(ordinal);
            m_has_ordinals = true;
        }
    }

    // What the rule does not say comes from DTSTART (RFC 5545 3.3.10, as libical, ical.net and ical.js read
    // it).
    const bool has_day_part = m_month_days.any || m_year_days.any || has_weekday_part;
    if (yearly) {
        if (!has_day_part) {
            if (m_week_numbers.any) {
                m_has_weekdays = true;
                m_every_weekday[static_cast<std::size_t>(m_start_day.weekday)] = true;
            } else {
                m_month_days.add(m_start_day.month_day);
                if (!has_month)
                    m_month_mask = 1u << m_start_day.month;
            }
        } else if (m_month_days.any && !has_month && !m_week_numbers.any && !m_year_days.any) {
            m_month_mask = 1u << m_start_day.month;
        }
    } else if (monthly) {
        if (!m_month_days.any && !has_weekday_part)
            m_month_days.add(m_start_day.month_day);
    } else if (m_frequency == Frequency::Weekly) {
        if (!has_weekday_part) {
            m_has_weekdays = true;
            m_every_weekday[static_cast<std::size_t>(m_start_day.weekday)] = true;
        }
    }

    const int start_hour = static_cast<int>(start_second_of_day / 3600);
    const int start_minute = static_cast<int>(start_second_of_day / 60 % 60);
    const int start_second = static_cast<int>(start_second_of_day % 60);
    std::vector<int> hours = sorted_unique(r.by_hour, 0, 23);
    std::vector<int> minutes = sorted_unique(r.by_minute, 0, 59);
    std::vector<int> seconds =
        sorted_unique(r.by_second, 0, 59); // a leap second 60 never happens on a wall clock
    if (m_is_date) {
        // Dates have no time: the time parts are ignored (libical), every instance is at 00:00:00.
        hours = minutes = seconds = {0};
    }
    const bool sub_daily = m_frequency < Frequency::Daily;
    const bool hour_is_limit = sub_daily;
    const bool minute_is_limit = m_frequency < Frequency::Hourly;
    const bool second_is_limit = m_frequency < Frequency::Minutely;
    auto limit_mask = [](const std::vector<int>& values, bool explicit_part) -> std::uint64_t {
        // An explicit part that lost all its values (BYSECOND=60) matches nothing: an impossible bit.
        return explicit_part ? (values.empty() ? std::uint64_t{1} << 63 : mask_of(values)) : 0;
    };
    if (hour_is_limit)
        m_hour_limit = limit_mask(hours, m_is_date || !r.by_hour.empty());
    else
        m_hour_list = r.by_hour.empty() && !m_is_date ? std::vector<int>{start_hour} : hours;
    if (minute_is_limit)
        m_minute_limit = limit_mask(minutes, m_is_date || !r.by_minute.empty());
    else
        m_minute_list = r.by_minute.empty() && !m_is_date ? std::vector<int>{start_minute} : minutes;
    if (second_is_limit)
        m_second_limit = limit_mask(seconds, m_is_date || !r.by_second.empty());
    else
        m_second_list = r.by_second.empty() && !m_is_date ? std::vector<int>{start_second} : seconds;

    m_set_positions = r.by_set_pos;
    if (r.until)
        m_until = parse_until(*r.until);
}

WeekNumber Expander::week_number(int64_t days) const {
    const int64_t year = civil_from_days(days).year;
    if (year != m_week_cache_year) {
        for (int i = 0; i < 4; ++i)
            m_week_starts_cache[static_cast<std::size_t>(i)] = week1_start(year - 1 + i, m_week_start);
        m_week_cache_year = year;
    }
    std::size_t i = 1;
    if (days < m_week_starts_cache[1])
        i = 0;
    else if (days >= m_week_starts_cache[2])
        i = 2;
    WeekNumber result;
    result.week_year = year - 1 + static_cast<int64_t>(i);
    result.week = static_cast<int>((days - m_week_starts_cache[i]) / 7) + 1;
    result.week_count = static_cast<int>((m_week_starts_cache[i + 1] - m_week_starts_cache[i]) / 7);
    return result;
}

bool Expander::day_matches(const DayInfo& day) const {
    if (m_month_mask != 0 && (m_month_mask & (1u << day.month)) == 0)
        return false;
    if (m_month_days.any && !m_month_days.has(day.month_day, day.month_length))
        return false;
    if (m_year_days.any && !m_year_days.has(day.year_day, day.year_length))
        return false;
    if (m_week_numbers.any && !m_week_known) {
        const WeekNumber w = week_number(day.days);
        if (!m_week_numbers.has(w.week, w.week_count))
            return false;
    }
    if (m_has_weekdays) {
        const auto w = static_cast<std::size_t>(day.weekday);
        if (m_every_weekday[w])
            return true;
        if (!m_has_ordinals || !m_nth_weekday[w].any)
            return false;
        switch (m_scope) {
        case OrdinalScope::Month:
            return m_nth_weekday[w].has_at((day.month_day - 1) / 7 + 1,
                                           (day.month_length - day.month_day) / 7 + 1);
        case OrdinalScope::Year:
            return m_nth_weekday[w].has_at((day.year_day - 1) / 7 + 1,
                                           (day.year_length - day.year_day) / 7 + 1);
        case OrdinalScope::Week: return m_nth_weekday[w].has_at(1, 1);
        }
    }
    return true;
}

int64_t Expander::first_period() {
    const int64_t start_days = m_start_day.days;
    switch (m_frequency) {
    case Frequency::Yearly: {
        int64_t year = m_start_day.year;
        if (m_week_numbers.any) {
            // With BYWEEKNO a period is a week-numbering year. DTSTART on 1 January may belong to the last
            // week of the year before; when it is an instance there, that year is the first period (and
            // INTERVAL counts from it), as libical and ical.net do.
            const int64_t week_year = week_number(start_days).week_year;
            if (week_year != year && period_contains(week_year, m_start))
                year = week_year;
        }
        return year;
    }
    case Frequency::Monthly: return m_start_day.year * 12 + (m_start_day.month - 1);
    case Frequency::Weekly: return start_days - (m_start_day.weekday - m_week_start + 7) % 7;
    case Frequency::Daily: return start_days;
    case Frequency::Hourly: return m_start - (m_start - start_days * SecondsPerDay) % 3600;
    case Frequency::Minutely: return m_start - (m_start - start_days * SecondsPerDay) % 60;
    case Frequency::Secondly: return m_start;
    }
    return start_days;
}

int64_t Expander::period_start(int64_t period) const {
    switch (m_frequency) {
    case Frequency::Yearly:
        // A week-numbering year (BYWEEKNO) starts up to three days before 1 January.
        return (m_week_numbers.any ? week1_start(period, m_week_start) : days_from_civil(period, 1, 1)) *
               SecondsPerDay;
    case Frequency::Monthly: {
        const int64_t year = floor_div(period, 12);
        return days_from_civil(year, static_cast<int>(period - year * 12) + 1, 1) * SecondsPerDay;
    }
    case Frequency::Weekly:
    case Frequency::Daily: return period * SecondsPerDay;
    case Frequency::Hourly:
    case Frequency::Minutely:
    case Frequency::Secondly: return period;
    }
    return period;
}

int64_t Expander::next_period(int64_t period) const {
    switch (m_frequency) {
    case Frequency::Yearly:
    case Frequency::Monthly:
    case Frequency::Daily: return period + m_interval;
    case Frequency::Weekly: return period + 7 * m_interval;
    case Frequency::Hourly: return period + 3600 * m_interval;
    case Frequency::Minutely: return period + 60 * m_interval;
    case Frequency::Secondly: return period + m_interval;
    }
    return period + m_interval;
}

bool Expander::fill_period(int64_t period) {
    m_days.clear();
    m_hours = &m_hour_list;
    m_minutes = &m_minute_list;
    m_seconds = &m_second_list;
    auto add_days = [this](DayInfo day, int64_t end) {
        for (; day.days < end; day.advance())
            if (day_matches(day))
                m_days.push_back(day.days);
    };
    switch (m_frequency) {
    case Frequency::Yearly:
        if (period > 9999)
            return false;
        if (m_week_numbers.any) {
            // The period is the week-numbering year: take the listed weeks only, their number is known.
            const int64_t first = week1_start(period, m_week_start);
            const int week_count = static_cast<int>((week1_start(period + 1, m_week_start) - first) / 7);
            m_week_known = true;
            for (int week = 1; week <= week_count; ++week)
                if (m_week_numbers.has(week, week_count))
                    add_days(DayInfo::of(first + 7 * (week - 1)), first + 7 * week);
            m_week_known = false;
        } else {
            for (int month = 1; month <= 12; ++month)
                if (m_month_mask == 0 || (m_month_mask & (1u << month)) != 0) {
                    const int64_t first = days_from_civil(period, month, 1);
                    add_days(DayInfo::of(first), first + days_in_month(period, month));
                }
        }
        return true;
    case Frequency::Monthly: {
        const int64_t year = floor_div(period, 12);
        if (year > 9999)
            return false;
        const int month = static_cast<int>(period - year * 12) + 1;
        const int64_t first = days_from_civil(year, month, 1);
        add_days(DayInfo::of(first), first + days_in_month(year, month));
        return true;
    }
    case Frequency::Weekly:
        if (period >= EndDay)
            return false;
        add_days(DayInfo::of(period), period + 7);
        return true;
    case Frequency::Daily:
        if (period >= EndDay)
            return false;
        add_days(DayInfo::of(period), period + 1);
        return true;
    case Frequency::Hourly:
    case Frequency::Minutely:
    case Frequency::Secondly: {
        const int64_t day = floor_div(period, SecondsPerDay);
        if (day >= EndDay)
            return false;
        const auto second_of_day = static_cast<int>(period - day * SecondsPerDay);
        if (!day_matches(DayInfo::of(day)))
            return true;
        const int hour = second_of_day / 3600;
        if (m_hour_limit != 0 && (m_hour_limit & (std::uint64_t{1} << hour)) == 0)
            return true;
        m_fixed_hour[0] = hour;
        m_hours = &m_fixed_hour;
        if (m_frequency != Frequency::Hourly) {
            const int minute = second_of_day / 60 % 60;
            if (m_minute_limit != 0 && (m_minute_limit & (std::uint64_t{1} << minute)) == 0)
                return true;
            m_fixed_minute[0] = minute;
            m_minutes = &m_fixed_minute;
            if (m_frequency == Frequency::Secondly) {
                const int second = second_of_day % 60;
                if (m_second_limit != 0 && (m_second_limit & (std::uint64_t{1} << second)) == 0)
                    return true;
                m_fixed_second[0] = second;
                m_seconds = &m_fixed_second;
            }
        }
        m_days.push_back(day);
        return true;
    }
    }
    return true;
}

int64_t Expander::candidate(int64_t index) const {
    const auto s = static_cast<int64_t>(m_seconds->size());
    const auto mi = static_cast<int64_t>(m_minutes->size());
    const auto h = static_cast<int64_t>(m_hours->size());
    const int second = (*m_seconds)[static_cast<std::size_t>(index % s)];
    index /= s;
    const int minute = (*m_minutes)[static_cast<std::size_t>(index % mi)];
    index /= mi;
    const int hour = (*m_hours)[static_cast<std::size_t>(index % h)];
    index /= h;
    return m_days[static_cast<std::size_t>(index)] * SecondsPerDay + hour * 3600 + minute * 60 + second;
}

int64_t Expander::first_at_or_after(int64_t t) const {
    int64_t low = 0, high = candidate_count();
    while (low < high) {
        const int64_t mid = low + (high - low) / 2;
        if (candidate(mid) < t)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

void Expander::select_positions() {
    m_selected.clear();
    const int64_t count = candidate_count();
    for (const int position : m_set_positions) {
        const int64_t index = position > 0 ? position - 1 : count + position;
        if (position != 0 && index >= 0 && index < count)
            m_selected.push_back(index);
    }
    std::sort(m_selected.begin(), m_selected.end());
    m_selected.erase(std::unique(m_selected.begin(), m_selected.end()), m_selected.end());
}

bool Expander::period_contains(int64_t period, int64_t t) {
    if (!fill_period(period) || m_days.empty())
        return false;
    const int64_t index = first_at_or_after(t);
    if (index >= candidate_count() || candidate(index) != t)
        return false;
    if (m_set_positions.empty())
        return true;
    select_positions();
    return std::binary_search(m_selected.begin(), m_selected.end(), index);
}

bool Expander::past_until(int64_t t) const {
    if (!m_rule.until)
        return false;
    if (m_past_until)
        return m_past_until(std::chrono::local_seconds{std::chrono::seconds{t}});
    if (!m_until)
        return false;
    const int64_t until = m_until->time.time_since_epoch().count();
    if (m_until->is_date)
        return floor_div(t, SecondsPerDay) > floor_div(until, SecondsPerDay);
    return t > until;
}

Expansion Expander::run() {
    Expansion result;
    auto to_time = [](int64_t t) { return std::chrono::local_seconds{std::chrono::seconds{t}}; };
    if (m_limits.stop_after && m_start > m_limits.stop_after->time_since_epoch().count())
        return result;
    if (m_limits.max_instances == 0) {
        result.truncated = true;
        return result;
    }
    result.instances.push_back(to_time(m_start));
    if (m_rule.count && *m_rule.count <= 1) {
        result.dtstart_matches_rule = period_contains(first_period(), m_start);
        return result;
    }

    bool start_found = false;
    // Returns false to stop.
    auto take = [&](int64_t t) {
        if (t < m_start)
            return true;
        if (t == m_start) {
            start_found = true;
            return true;
        }
        if (floor_div(t, SecondsPerDay) >= EndDay) {
            result.truncated = true;
            return false;
        }
        if (past_until(t) || (m_limits.stop_after && t > m_limits.stop_after->time_since_epoch().count()))
            return false;
        if (m_limits.keep_from && t < m_limits.keep_from->time_since_epoch().count()) {
            ++result.skipped;
        } else {
            if (result.instances.size() >= m_limits.max_instances) {
                result.truncated = true;
                return false;
            }
            result.instances.push_back(to_time(t));
        }
        return !(m_rule.count &&
                 result.instances.size() + result.skipped >= static_cast<std::size_t>(*m_rule.count));
    };

    int64_t period = first_period();
    const bool sub_daily = m_frequency < Frequency::Daily;
    const int64_t step = next_period(0);
    bool first = true;
    for (std::size_t& iterations = result.iterations;; ++iterations) {
        if (iterations >= m_limits.max_iterations) {
            result.truncated = true;
            break;
        }
        if (!fill_period(period)) {
            result.truncated = true;
            break;
        }
        if (m_days.empty()) {
            // A period past UNTIL or the caller's window ends the expansion even when it holds nothing: a
            // rule whose BY parts never match would otherwise spin on to max_iterations.
            const int64_t start = period_start(period);
            if ((m_limits.stop_after && start > m_limits.stop_after->time_since_epoch().count()) ||
                past_until(start))
                break;
            if (sub_daily) {
                // Nothing in this hour, minute or second: jump to the first period of the next day, hour or
                // minute that could match rather than stepping through each one.
                const int64_t day_start = floor_div(period, SecondsPerDay) * SecondsPerDay;
                int64_t boundary = period + 1;
                if (!day_matches(DayInfo::of(floor_div(period, SecondsPerDay))))
                    boundary = day_start + SecondsPerDay;
                else if (m_frequency != Frequency::Hourly && m_hour_limit != 0 &&
                         (m_hour_limit & (std::uint64_t{1} << ((period - day_start) / 3600))) == 0)
                    boundary = period - (period - day_start) % 3600 + 3600;
                else if (m_frequency == Frequency::Secondly && m_minute_limit != 0 &&
                         (m_minute_limit & (std::uint64_t{1} << ((period - day_start) / 60 % 60))) == 0)
                    boundary = period - (period - day_start) % 60 + 60;
                period += std::max<int64_t>(1, (boundary - period + step - 1) / step) * step;
            } else {
                period = next_period(period);
            }
            first = false;
            continue;
        }
        bool go_on = true;
        if (m_set_positions.empty()) {
            const int64_t count = candidate_count();
            for (int64_t i = first ? first_at_or_after(m_start) : 0; go_on && i < count; ++i)
                go_on = take(candidate(i));
        } else {
            select_positions();
            for (std::size_t i = 0; go_on && i < m_selected.size(); ++i)
                go_on = take(candidate(m_selected[i]));
        }
        if (first)
            result.dtstart_matches_rule = start_found;
        first = false;
        if (!go_on)
            break;
        period = next_period(period);
    }
    if (!start_found)
        result.dtstart_matches_rule = false;
    return result;
}

// --- parsing ---

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::optional<int> parse_int(std::string_view s) {
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s.empty() || s.size() > 10)
        return std::nullopt;
    long long value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size() || value > INT_MAX)
        return std::nullopt;
    return static_cast<int>(negative ? -value : value);
}

std::optional<int> parse_weekday(std::string_view s) {
    static constexpr std::array<std::string_view, 7> Names{"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    if (s.size() != 2)
        return std::nullopt;
    const std::string name = upper(s);
    for (std::size_t i = 0; i < Names.size(); ++i)
        if (Names[i] == name)
            return static_cast<int>(i);
    return std::nullopt;
}

std::optional<Frequency> parse_frequency(std::string_view s) {
    const std::string name = upper(s);
    if (name == "SECONDLY")
        return Frequency::Secondly;
    if (name == "MINUTELY")
        return Frequency::Minutely;
    if (name == "HOURLY")
        return Frequency::Hourly;
    if (name == "DAILY")
        return Frequency::Daily;
    if (name == "WEEKLY")
        return Frequency::Weekly;
    if (name == "MONTHLY")
        return Frequency::Monthly;
    if (name == "YEARLY")
        return Frequency::Yearly;
    return std::nullopt;
}

template <typename Function> bool for_each_item(std::string_view list, Function&& function) {
    while (true) {
        const std::size_t comma = list.find(',');
        const std::string_view item = trim(list.substr(0, comma));
        if (!item.empty() && !function(item))
            return false;
        if (comma == std::string_view::npos)
            return true;
        list.remove_prefix(comma + 1);
    }
}

} // namespace

std::optional<UntilValue> parse_until(std::string_view text) {
    text = trim(text);
    if (text.size() != 8 && text.size() != 15 && text.size() != 16)
        return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t n) -> std::optional<int> {
        int value = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const auto year = digits(0, 4), month = digits(4, 2), day = digits(6, 2);
    if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 ||
        *day > days_in_month(*year, *month))
        return std::nullopt;
    UntilValue value;
    int64_t seconds = days_from_civil(*year, *month, *day) * SecondsPerDay;
    if (text.size() == 8) {
        value.is_date = true;
    } else {
        if (text[8] != 'T' && text[8] != 't')
            return std::nullopt;
        if (text.size() == 16) {
            if (text[15] != 'Z' && text[15] != 'z')
                return std::nullopt;
            value.is_utc = true;
        }
        const auto hour = digits(9, 2), minute = digits(11, 2), second = digits(13, 2);
        if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60)
            return std::nullopt;
        seconds += *hour * 3600 + *minute * 60 + std::min(*second, 59);
    }
    value.time = std::chrono::local_seconds{std::chrono::seconds{seconds}};
    return value;
}

std::optional<RecurrenceRule> parse_rrule(std::string_view text, std::string* error) {
    auto fail = [&](const std::string& message) -> std::optional<RecurrenceRule> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    RecurrenceRule rule;
    bool have_frequency = false;
    std::vector<std::string> seen;
    std::string_view rest = trim(text);
    if (rest.size() >= 6 && upper(rest.substr(0, 6)) == "RRULE:")
        rest.remove_prefix(6);
    while (!rest.empty()) {
        const std::size_t semicolon = rest.find(';');
        const std::string_view part = trim(rest.substr(0, semicolon));
        rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
        if (part.empty())
            continue;
        const std::size_t equals = part.find('=');
        if (equals == std::string_view::npos)
            return fail("RRULE part \"" + std::string(part) + "\" has no '='");
        const std::string name = upper(trim(part.substr(0, equals)));
        const std::string_view value = trim(part.substr(equals + 1));
        if (name.rfind("X-", 0) == 0)
            continue;
        if (std::find(seen.begin(), seen.end(), name) != seen.end())
            return fail("RRULE part " + name + " is given twice");
        seen.push_back(name);
        const std::string bad_value =
            "RRULE part " + name + " has a bad value \"" + std::string(value) + "\"";

        // Reads a list of integers in [low, high] without 0.
        auto read_list = [&](std::vector<int>& out, int low, int high, bool zero_allowed) {
            return for_each_item(value, [&](std::string_view item) {
                const auto number = parse_int(item);
                if (!number || *number < low || *number > high || (*number == 0 && !zero_allowed))
                    return false;
                out.push_back(*number);
                return true;
            });
        };

        if (name == "FREQ") {
            const auto frequency = parse_frequency(value);
            if (!frequency)
                return fail(bad_value);
            rule.frequency = *frequency;
            have_frequency = true;
        } else if (name == "INTERVAL") {
            const auto interval = parse_int(value);
            if (!interval || *interval < 0)
                return fail(bad_value);
            rule.interval = std::max(1, *interval);
        } else if (name == "COUNT") {
            const auto count = parse_int(value);
            if (!count)
                return fail(bad_value);
            if (*count > 0)
                rule.count = *count;
        } else if (name == "UNTIL") {
            if (!parse_until(value))
                return fail(bad_value);
            rule.until = upper(value);
        } else if (name == "BYSECOND") {
            if (!read_list(rule.by_second, 0, 60, true))
                return fail(bad_value);
        } else if (name == "BYMINUTE") {
            if (!read_list(rule.by_minute, 0, 59, true))
                return fail(bad_value);
        } else if (name == "BYHOUR") {
            if (!read_list(rule.by_hour, 0, 23, true))
                return fail(bad_value);
        } else if (name == "BYMONTHDAY") {
            if (!read_list(rule.by_month_day, -31, 31, false))
                return fail(bad_value);
        } else if (name == "BYYEARDAY") {
            if (!read_list(rule.by_year_day, -366, 366, false))
                return fail(bad_value);
        } else if (name == "BYWEEKNO") {
            if (!read_list(rule.by_week_no, -53, 53, false))
                return fail(bad_value);
        } else if (name == "BYMONTH") {
            if (!read_list(rule.by_month, 1, 12, false))
                return fail(bad_value);
        } else if (name == "BYSETPOS") {
            if (!read_list(rule.by_set_pos, -366, 366, false))
                return fail(bad_value);
        } else if (name == "BYDAY") {
            const bool ok = for_each_item(value, [&](std::string_view item) {
                if (item.size() < 2)
                    return false;
                const auto weekday = parse_weekday(item.substr(item.size() - 2));
                if (!weekday)
                    return false;
                const std::string_view ordinal_text = trim(item.substr(0, item.size() - 2));
                int ordinal = 0;
                if (!ordinal_text.empty()) {
                    const auto number = parse_int(ordinal_text);
                    if (!number || *number < -53 || *number > 53)
                        return false;
                    if (*number == 0)
                        return true; // "0MO" is no valid ordinal: the entry is dropped (as ical.net does)
                    ordinal = *number;
                }
                rule.by_day.emplace_back(ordinal, *weekday);
                return true;
            });
            if (!ok)
                return fail(bad_value);
        } else if (name == "WKST") {
            const auto weekday = parse_weekday(value);
            if (!weekday)
                return fail(bad_value);
            rule.week_start = *weekday;
        } else if (name == "RSCALE") {
            if (upper(value) != "GREGORIAN")
                return fail("RRULE calendar scale " + std::string(value) +
                            " is not supported (only GREGORIAN)");
        } else if (name == "SKIP") {
            // RFC 7529: only matters for non-Gregorian scales; Gregorian invalid dates are skipped (OMIT).
        } else {
            return fail("RRULE part " + name + " is unknown");
        }
    }
    if (!have_frequency)
        return fail("RRULE has no FREQ");
    return rule;
}

Expansion expand_rrule(const RecurrenceRule& rule, std::chrono::local_seconds dtstart, bool is_date,
                       const ExpansionLimits& limits,
                       const std::function<bool(std::chrono::local_seconds)>& past_until) {
    Expander expander(rule, dtstart, is_date, limits, past_until);
    return expander.run();
}

} // namespace sidetrip::calendar::detail
