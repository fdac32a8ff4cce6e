#include "sidetrip/calendar/calendar_reader.hpp"

#include "detail/recurrence.hpp"

#include "sidetrip/calendar/classify.hpp"
#include "sidetrip/calendar/feeds.hpp"
#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/files.hpp"
#include "sidetrip/core/text.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace sidetrip::calendar {

namespace {

using std::chrono::days;
using std::chrono::local_days;
using std::chrono::local_seconds;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

struct ComponentDeleter {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

/// How a DATE-TIME value is anchored to the time line.
struct Anchor {
    enum class Kind { Utc, Iana, Custom, Floating } kind = Kind::Floating;
    std::string zone;               ///< IANA name for Iana and Floating (the zone used)
    icaltimezone* custom = nullptr; ///< the file's own VTIMEZONE when the TZID maps to nothing
    std::string written;            ///< the TZID as written, for messages
};

/// A DATE or DATE-TIME value: its wall-clock reading and its anchor.
struct Moment {
    bool is_date = false;
    local_seconds wall{};
    Anchor anchor;
    bool written_floating = false; ///< a DATE-TIME written without TZID and not in UTC
};

local_seconds wall_of(const icaltimetype& t) {
    using namespace std::chrono;
    const local_days midnight{year{t.year} / month{static_cast<unsigned>(t.month)} /
                              day{static_cast<unsigned>(t.day)}};
    if (t.is_date) {
        return local_seconds{midnight};
    }
    return local_seconds{midnight} + hours{t.hour} + minutes{t.minute} + seconds{t.second};
}

icaltimetype ical_of(local_seconds wall, bool is_date) {
    using namespace std::chrono;
    const auto midnight = floor<days>(wall);
    const year_month_day ymd{midnight};
    const hh_mm_ss hms{wall - midnight};
    icaltimetype t = icaltime_null_time();
    t.year = static_cast<int>(ymd.year());
    t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    t.is_date = is_date ? 1 : 0;
    if (!is_date) {
        t.hour = static_cast<int>(hms.hours().count());
        t.minute = static_cast<int>(hms.minutes().count());
        t.second = static_cast<int>(hms.seconds().count());
    }
    return t;
}

Date date_of(local_seconds wall) {
    return Date{std::chrono::floor<days>(wall)};
}

// "2024-03-04T09:00:00Z", written by hand: it is made for every instance of every series.
std::string rfc3339_utc(sys_seconds t) {
    using namespace std::chrono;
    const auto midnight = floor<days>(t);
    const year_month_day ymd{midnight};
    const auto secs = (t - midnight).count();
    char b[21] = "0000-00-00T00:00:00Z";
    auto put = [&](int at, long value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10) {
            b[at + i] = static_cast<char>('0' + value % 10);
        }
    };
    put(0, static_cast<int>(ymd.year()), 4);
    put(5, static_cast<unsigned>(ymd.month()), 2);
    put(8, static_cast<unsigned>(ymd.day()), 2);
    put(11, secs / 3600, 2);
    put(14, secs / 60 % 60, 2);
    put(17, secs % 60, 2);
    return std::string(b, 20);
}

/// Everything about one VEVENT that the expansion needs, read once.
struct EventRecord {
    icalcomponent* component = nullptr;
    std::string uid;
    std::string source;
    Moment start;
    std::optional<Moment> end;
    std::optional<icaldurationtype> duration;
    std::optional<Moment> recurrence_id;
    bool this_and_future = false;
    int sequence = 0;
    std::vector<std::string> rrules;           ///< RRULE values as written in the file
    std::map<std::string, int> property_lines; ///< "DTEND" -> its line in the file
};

class CalendarFileReader {
public:
    CalendarFileReader(const std::string& source_name, const CalendarReadOptions& options,
                       Diagnostics& diagnostics, SourceLimits& limits)
        : m_source(source_name), m_options(options), m_diagnostics(diagnostics), m_limits(limits) {}

    std::vector<Occurrence> read(std::string_view content) {
        std::string text(content);
        if (text.starts_with("\xEF\xBB\xBF")) {
            text.erase(0, 3);
        }
        if (text_is_blank(text)) {
            throw InputError(m_source + ": the file is empty: export the calendar again (an .ics file starts "
                                        "with BEGIN:VCALENDAR)");
        }
        if (!contains_ignoring_case(text, "BEGIN:VCALENDAR") &&
            !contains_ignoring_case(text, "BEGIN:VEVENT")) {
            throw InputError(m_source + ": not an iCalendar file (no BEGIN:VCALENDAR): give an .ics file, a "
                                        "folder of them, or - for standard input");
        }
        if (const auto nul = text.find('\0'); nul != std::string::npos) {
            const auto line =
                1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
            throw InputError(m_source + ":" + std::to_string(line) +
                             ": not an iCalendar file (binary data: a NUL byte): give the .ics file itself, "
                             "not a compressed or binary one");
        }
        index_event_lines(text);
        drop_negative_counts(text);
        recover_swallowed_values(text); // keeps the line count: the lines taken above still hold
        fold_long_lines(text);          // after the line numbers are taken
        icalerror_set_errors_are_fatal(0);
        ComponentPtr root(icalparser_parse_string(text.c_str()));
        if (!root) {
            throw InputError(m_source + ": libical could not parse the file: check that it is an iCalendar "
                                        "export");
        }
        std::vector<icalcomponent*> calendars;
        if (icalcomponent_isa(root.get()) == ICAL_XROOT_COMPONENT) {
            for (auto* c = icalcomponent_get_first_component(root.get(), ICAL_ANY_COMPONENT); c != nullptr;
                 c = icalcomponent_get_next_component(root.get(), ICAL_ANY_COMPONENT)) {
                calendars.push_back(c);
            }
        } else {
            calendars.push_back(root.get());
        }
        std::vector<Occurrence> out;
        for (icalcomponent* calendar : calendars) {
            read_calendar_component(calendar, out);
        }
        if (!m_empty_values.empty()) {
            std::string list;
            std::size_t total = 0;
            for (const auto& [name, count] : m_empty_values) {
                list += (list.empty() ? "" : ", ") + name + " (" + std::to_string(count) + ")";
                total += count;
            }
            m_diagnostics.warn(m_source, m_first_empty_line,
                               std::to_string(total) + " properties with an empty value were ignored: " +
                                   list + "; the events are kept");
        }
        return out;
    }

private:
    static bool text_is_blank(const std::string& text) {
        return std::all_of(text.begin(), text.end(),
                           [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
    }

    // Without copying the whole file to lower case: the needle is short, the text may be megabytes.
    static bool contains_ignoring_case(const std::string& haystack, std::string_view needle) {
        const auto it =
            std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
                return (a >= 'a' && a <= 'z' ? a - 32 : a) == (b >= 'a' && b <= 'z' ? b - 32 : b);
            });
        return it != haystack.end();
    }

    // libical forgets line numbers; the n-th BEGIN:VEVENT of the text is the n-th VEVENT it
    // builds, which is how a diagnostic can name the line.
    // Also keeps each VEVENT's RRULE values as written: our own expansion reads them, and
    // libical's parser would have rewritten (or dropped) what it does not understand.
    // libical reads an unfolded line in 1 KiB steps and copies what it has each time: a 10 MB
    // line took nine seconds. Folded as RFC 5545 (3.1) says it should be, the same line parses
    // in milliseconds, and unfolding gives back the same value. Files without long lines are
    // not copied.
    static void fold_long_lines(std::string& text) {
        constexpr std::size_t Longest = 4096;
        std::string out;
        bool copying = false;
        std::size_t pos = 0;
        while (pos < text.size()) {
            const std::size_t newline = text.find('\n', pos);
            const std::size_t end = newline == std::string::npos ? text.size() : newline;
            const std::size_t next = newline == std::string::npos ? text.size() : newline + 1;
            if (end - pos > Longest) {
                if (!copying) {
                    out.reserve(text.size() + text.size() / Longest * 3);
                    out.append(text, 0, pos);
                    copying = true;
                }
                for (std::size_t at = pos; at < end; at += Longest) {
                    if (at > pos) {
                        out += "\r\n ";
                    }
                    out.append(text, at, std::min(Longest, end - at));
                }
                out.append(text, end, next - end);
            } else if (copying) {
                out.append(text, pos, next - pos);
            }
            pos = next;
        }
        if (copying) {
            text = std::move(out);
        }
    }

    // Real calendars nest three deep (VCALENDAR, VEVENT, VALARM). libical builds and frees
    // components recursively: two million BEGIN lines in a row overflow its stack, so a file
    // nested deeper than this is refused before libical sees it (docs/errors.md).
    static constexpr int MaxComponentDepth = 16;

    void index_event_lines(const std::string& text) {
        int line = 1;
        std::size_t pos = 0;
        std::string* rrule = nullptr; // the RRULE being unfolded
        int depth = 0;                // components nested inside the current VEVENT (VALARM)
        int nesting = 0;              // components open at this line, VCALENDAR included
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string::npos) {
                end = text.size();
            }
            std::string_view l(text.data() + pos, end - pos);
            if (!l.empty() && l.back() == '\r') {
                l.remove_suffix(1);
            }
            if (rrule != nullptr && !l.empty() && (l[0] == ' ' || l[0] == '\t')) {
                rrule->append(l.substr(1));
            } else {
                rrule = nullptr;
                const auto trimmed = text::trim(l);
                if (text::istarts_with(trimmed, "BEGIN:")) {
                    if (++nesting > MaxComponentDepth) {
                        throw InputError(m_source + ":" + std::to_string(line) +
                                         ": components nested more than " +
                                         std::to_string(MaxComponentDepth) +
                                         " deep (BEGIN: lines without their END:); this is not a calendar "
                                         "export: check the file, or export the calendar again");
                    }
                } else if (text::istarts_with(trimmed, "END:") && nesting > 0) {
                    --nesting;
                }
                if (text::iequals(trimmed, "BEGIN:VEVENT")) {
                    m_event_lines.push_back(line);
                    m_event_rrules.emplace_back();
                    m_event_property_lines.emplace_back();
                    depth = 0;
                } else if (text::istarts_with(trimmed, "BEGIN:") && !m_event_rrules.empty()) {
                    ++depth;
                } else if (text::istarts_with(trimmed, "END:") && !text::iequals(trimmed, "END:VEVENT") &&
                           depth > 0) {
                    --depth;
                } else if (depth == 0 && !m_event_property_lines.empty() && is_date_property(l)) {
                    m_event_property_lines.back().emplace(property_name(l), line);
                } else if (depth == 0 && !m_event_rrules.empty() && text::istarts_with(l, "RRULE")) {
                    const auto colon = l.find(':');
                    if (colon != std::string_view::npos) {
                        m_event_rrules.back().emplace_back(l.substr(colon + 1));
                        rrule = &m_event_rrules.back().back();
                    }
                }
            }
            ++line;
            pos = end + 1;
        }
    }

    // Confluence writes COUNT=-1 for "no end"; libical then drops the whole RRULE. Read it as
    // an open rule instead, and say so.
    void drop_negative_counts(std::string& text) {
        std::size_t pos = 0;
        int line = 1;
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string::npos) {
                end = text.size();
            }
            if (text::istarts_with(std::string_view(text).substr(pos), "RRULE:")) {
                const std::string_view rule(text.data() + pos, end - pos);
                const auto at = text::ascii_lower(rule).find("count=-");
                if (at != std::string::npos) {
                    std::size_t stop = at + 7;
                    while (stop < rule.size() && rule[stop] >= '0' && rule[stop] <= '9') {
                        ++stop;
                    }
                    std::size_t from = at;
                    if (stop < rule.size() && rule[stop] == ';') {
                        ++stop;
                    } else if (from > 0 && rule[from - 1] == ';') {
                        --from;
                    }
                    m_diagnostics.warn(m_source, line,
                                       "RRULE with a negative COUNT (as Confluence writes): read "
                                       "as a rule without end");
                    text.erase(pos + from, stop - from);
                    end -= stop - from;
                }
            }
            pos = end + 1;
            ++line;
        }
    }

    /// "DTSTART" of "DTSTART;TZID=...:...", upper case.
    static std::string property_name(std::string_view line) {
        return upper(text::trim(line.substr(0, line.find_first_of(";:"))));
    }

    static std::string upper(std::string_view s) {
        std::string out(s);
        for (char& c : out) {
            if (c >= 'a' && c <= 'z') {
                c = static_cast<char>(c - 'a' + 'A');
            }
        }
        return out;
    }

    /// The properties whose values are dates or date-times, which the checks below name by line.
    static bool is_date_property(std::string_view line) {
        static constexpr std::array<std::string_view, 6> names{"DTSTART",       "DTEND",  "DUE",
                                                               "RECURRENCE-ID", "EXDATE", "RDATE"};
        const auto end = line.find_first_of(";:");
        if (end == std::string_view::npos) {
            return false;
        }
        const auto name = line.substr(0, end);
        return std::any_of(names.begin(), names.end(),
                           [&](std::string_view n) { return text::iequals(name, n); });
    }

    /// "20170102T100000" or "20170102", or a comma-separated list of them.
    static bool looks_like_date_list(std::string_view value) {
        for (std::string_view item : text::split(value, ',')) {
            const bool date = item.size() >= 8 && std::all_of(item.begin(), item.begin() + 8,
                                                              [](char c) { return c >= '0' && c <= '9'; });
            const auto rest = item.substr(std::min<std::size_t>(8, item.size()));
            const bool time = rest.empty() ||
                              ((rest.size() == 7 || (rest.size() == 8 && rest.back() == 'Z')) &&
                               rest[0] == 'T' && std::all_of(rest.begin() + 1, rest.begin() + 7, [](char c) {
                                   return c >= '0' && c <= '9';
                               }));
            if (!date || !time) {
                return false;
            }
        }
        return true;
    }

    // Exchange and hand-made exports sometimes quote a TZID and close the quote after the value
    // (DTSTART;TZID="Europe/Berlin:20170102T100000"), or never. libical then reads the rest of
    // the line as the parameter, finds no value and drops the property: without its DTSTART a
    // whole series is lost. When no colon outside quotes ends the parameters, and what follows
    // the line's last colon is a date or date-time list, the quote is closed before that colon
    // (node-ical splits such a line at a colon the same way). Folded lines are followed through
    // their continuations; characters are only inserted and removed within lines, so the line
    // numbers taken before still hold.
    void recover_swallowed_values(std::string& text) {
        struct Edit {
            std::size_t at;
            bool insert_quote; ///< else: erase the character at `at`
        };
        std::vector<Edit> edits;
        int line = 1;
        std::size_t pos = 0;
        while (pos < text.size()) {
            // Only the lines of date properties are looked at closely: a file is mostly other lines.
            {
                std::size_t end = text.find('\n', pos);
                if (end == std::string::npos) {
                    end = text.size();
                }
                const std::string_view physical(text.data() + pos, end - pos);
                if (physical.empty() || physical[0] == ' ' || physical[0] == '\t' ||
                    !is_date_property(physical)) {
                    ++line;
                    pos = end + 1;
                    continue;
                }
            }
            // One logical line: its characters and where each one is in `text`.
            const int first_line = line;
            std::string logical;
            std::vector<std::size_t> where;
            bool first = true;
            while (pos < text.size()) {
                std::size_t end = text.find('\n', pos);
                if (end == std::string::npos) {
                    end = text.size();
                }
                std::size_t stop = end;
                if (stop > pos && text[stop - 1] == '\r') {
                    --stop;
                }
                if (!first && (pos >= stop || (text[pos] != ' ' && text[pos] != '\t'))) {
                    break; // not a continuation: the next logical line starts here
                }
                for (std::size_t i = first ? pos : pos + 1; i < stop; ++i) {
                    logical.push_back(text[i]);
                    where.push_back(i);
                }
                first = false;
                ++line;
                pos = end + 1;
            }
            if (!is_date_property(logical) || logical.find('"') == std::string::npos) {
                continue;
            }
            bool quoted = false;
            bool has_value = false;
            for (char c : logical) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ':' && !quoted) {
                    has_value = true;
                    break;
                }
            }
            const auto colon = logical.rfind(':');
            const auto quote = logical.find('"');
            if (has_value || colon == std::string::npos || colon < quote) {
                continue;
            }
            std::string_view value(logical);
            value.remove_prefix(colon + 1);
            const bool closing = !value.empty() && value.back() == '"';
            if (closing) {
                value.remove_suffix(1);
            }
            if (!looks_like_date_list(value)) {
                continue;
            }
            if (closing) {
                edits.push_back({where[logical.size() - 1], false});
            }
            edits.push_back({where[colon], true});
            const std::string_view head = std::string_view(logical).substr(0, colon);
            m_diagnostics.warn(m_source, first_line,
                               property_name(logical) + ": the quoted TZID also holds the value (" +
                                   std::string(head.substr(head.find(';') + 1)) + ":" + std::string(value) +
                                   (closing ? "\"" : "") + "): read as the zone " +
                                   std::string(head.substr(head.find('"') + 1)) + " and the value " +
                                   std::string(value) + " (close the quotes before the colon)");
        }
        // From the end, so that the positions before each edit stay valid.
        std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.at > b.at; });
        for (const Edit& e : edits) {
            if (e.insert_quote) {
                text.insert(e.at, 1, '"');
            } else {
                text.erase(e.at, 1);
            }
        }
    }

    std::string where_next_event(std::vector<std::string>* rrules,
                                 std::map<std::string, int>* property_lines) {
        const int line = m_next_event < m_event_lines.size() ? m_event_lines[m_next_event] : 0;
        if (m_next_event < m_event_rrules.size()) {
            *rrules = m_event_rrules[m_next_event];
        }
        if (m_next_event < m_event_property_lines.size()) {
            *property_lines = m_event_property_lines[m_next_event];
        }
        ++m_next_event;
        return line > 0 ? m_source + ":" + std::to_string(line) : m_source;
    }

    int line_of(const std::string& source) const {
        const auto colon = source.rfind(':');
        return colon == std::string::npos ? 0 : std::atoi(source.c_str() + colon + 1);
    }

    void warn(const std::string& where, const std::string& message) {
        m_diagnostics.warn(m_source, line_of(where), message);
    }

    // ---- zones -------------------------------------------------------------------------

    Anchor anchor_for(icalproperty* property, const icaltimetype& value, icalcomponent* calendar,
                      const std::string& where) {
        Anchor anchor;
        icalparameter* tzid_param = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
        if (icaltime_is_utc(value)) {
            // A TZID on a time in UTC (ownCloud's DTSTART;TZID=Europe/Berlin:20150602T120000Z) is
            // against RFC 5545; khal and python-recurring-ical-events read the wall time in the
            // TZID, and so does sidetrip when the TZID names a zone.
            const char* tzid = tzid_param != nullptr ? icalparameter_get_tzid(tzid_param) : nullptr;
            auto named = tzid != nullptr ? iana_zone_for(tzid) : std::nullopt;
            if (!named) {
                anchor.kind = Anchor::Kind::Utc;
                anchor.zone = "UTC";
                return anchor;
            }
            if (!m_warned_tzid_with_utc) {
                m_warned_tzid_with_utc = true;
                warn(where, std::string("a time with both TZID=") + tzid +
                                " and a Z (UTC) is read as wall-clock time in the TZID (remove one of them)");
            }
            anchor.kind = *named == "UTC" ? Anchor::Kind::Utc : Anchor::Kind::Iana;
            anchor.zone = *named;
            anchor.written = tzid;
            return anchor;
        }
        if (tzid_param == nullptr) {
            // The calendar's X-WR-TIMEZONE makes a floating time a zoned one (Google and Apple
            // write it for that); without it, the time floats and is read in the home zone.
            if (m_calendar_zone) {
                anchor.kind = *m_calendar_zone == "UTC" ? Anchor::Kind::Utc : Anchor::Kind::Iana;
                anchor.zone = *m_calendar_zone;
            } else {
                anchor.kind = Anchor::Kind::Floating;
                anchor.zone = m_floating_zone;
            }
            return anchor;
        }
        const char* tzid_text = icalparameter_get_tzid(tzid_param);
        anchor.written = tzid_text != nullptr ? tzid_text : "";
        auto cached = m_zone_cache.find(anchor.written);
        if (cached != m_zone_cache.end()) {
            return cached->second;
        }
        if (auto iana = iana_zone_for(anchor.written)) {
            anchor.kind = *iana == "UTC" ? Anchor::Kind::Utc : Anchor::Kind::Iana;
            anchor.zone = *iana;
        } else if (icaltimezone* own = calendar == nullptr
                                           ? nullptr
                                           : icalcomponent_get_timezone(calendar, anchor.written.c_str())) {
            // A zone only the file defines ("Customized Time Zone"): its VTIMEZONE converts;
            // X-LIC-LOCATION, when present, names it for display.
            anchor.kind = Anchor::Kind::Custom;
            anchor.custom = own;
            const char* location = icaltimezone_get_location(own);
            auto named = location != nullptr ? iana_zone_for(location) : std::nullopt;
            anchor.zone = named ? *named : "UTC";
            if (!named) {
                warn(where, "time zone '" + anchor.written +
                                "' is not an IANA or Windows zone: converted with the file's VTIMEZONE, "
                                "shown in UTC");
            }
        } else {
            warn(where, "unknown time zone '" + anchor.written + "' and no VTIMEZONE defines it: read as " +
                            m_floating_zone + " (the calendar's or your home zone)");
            anchor.kind = Anchor::Kind::Floating;
            anchor.zone = m_floating_zone;
        }
        m_zone_cache.emplace(anchor.written, anchor);
        return anchor;
    }

    sys_seconds to_instant(const Moment& m) const {
        switch (m.anchor.kind) {
        case Anchor::Kind::Utc: return sys_seconds{m.wall.time_since_epoch()};
        case Anchor::Kind::Custom: {
            const icaltimetype t = ical_of(m.wall, false);
            return sys_seconds{seconds{icaltime_as_timet_with_zone(t, m.anchor.custom)}};
        }
        case Anchor::Kind::Iana:
        case Anchor::Kind::Floating: return to_utc(m.wall, m.anchor.zone);
        }
        return {};
    }

    /// The value of a date or date-time property. A date that is not in the calendar (20171032,
    /// which libical accepts and would roll into November) is a warning naming `line` (the
    /// event's when 0) that ends with `if_invalid`, what the caller does; `*invalid` says so.
    std::optional<Moment> moment_of(icalproperty* property, icalcomponent* calendar, const std::string& where,
                                    int line = 0, std::string_view if_invalid = "the property is ignored",
                                    bool* invalid = nullptr) {
        if (property == nullptr) {
            return std::nullopt;
        }
        icalvalue* value = icalproperty_get_value(property);
        if (value == nullptr) {
            return std::nullopt;
        }
        const icaltimetype t = icalvalue_get_datetime(value);
        if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t)) {
            return std::nullopt;
        }
        const std::chrono::year_month_day ymd{std::chrono::year{t.year},
                                              std::chrono::month{static_cast<unsigned>(std::max(0, t.month))},
                                              std::chrono::day{static_cast<unsigned>(std::max(0, t.day))}};
        const bool bad_time = !t.is_date && (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 ||
                                             t.second < 0 || t.second > 60);
        if (!ymd.ok() || bad_time) {
            const char* name = icalproperty_get_property_name(property);
            const char* written = icalvalue_as_ical_string(value);
            std::string why;
            if (!ymd.month().ok()) {
                why = "there is no month " + std::to_string(t.month);
            } else if (!ymd.ok()) {
                char month[32];
                std::snprintf(month, sizeof month, "%04d-%02d", t.year, t.month);
                why = std::string(month) + " has no day " + std::to_string(t.day);
            } else {
                why = "the time of day is out of range";
            }
            m_diagnostics.warn(m_source, line > 0 ? line : line_of(where),
                               std::string(name != nullptr ? name : "date") + " " +
                                   (written != nullptr ? written : "") + " is not a real date (" + why +
                                   "): " + std::string(if_invalid));
            if (invalid != nullptr) {
                *invalid = true;
            }
            return std::nullopt;
        }
        Moment m;
        m.is_date = t.is_date != 0;
        m.wall = wall_of(t);
        if (!m.is_date) {
            m.anchor = anchor_for(property, t, calendar, where);
            m.written_floating = !icaltime_is_utc(t) &&
                                 icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER) == nullptr;
        } else {
            m.anchor.kind = Anchor::Kind::Floating;
            m.anchor.zone = m_floating_zone;
        }
        return m;
    }

    // ---- reading ------------------------------------------------------------------------

    void read_calendar_component(icalcomponent* calendar, std::vector<Occurrence>& out) {
        m_producer.clear();
        if (icalproperty* prodid = icalcomponent_get_first_property(calendar, ICAL_PRODID_PROPERTY)) {
            if (const char* p = icalproperty_get_prodid(prodid)) {
                m_producer = p;
            }
        }
        m_floating_zone = m_options.home_zone;
        m_calendar_zone.reset();
        for (icalproperty* p = icalcomponent_get_first_property(calendar, ICAL_X_PROPERTY); p != nullptr;
             p = icalcomponent_get_next_property(calendar, ICAL_X_PROPERTY)) {
            const char* name = icalproperty_get_x_name(p);
            // With a parameter (Apple's X-WR-TIMEZONE;VALUE=TEXT:...) libical makes the value a
            // TEXT one, which icalproperty_get_x() does not return.
            icalvalue* v = icalproperty_get_value(p);
            const char* value = v == nullptr                          ? nullptr
                                : icalvalue_isa(v) == ICAL_X_VALUE    ? icalvalue_get_x(v)
                                : icalvalue_isa(v) == ICAL_TEXT_VALUE ? icalvalue_get_text(v)
                                                                      : icalvalue_as_ical_string(v);
            if (name != nullptr && value != nullptr && text::iequals(name, "X-WR-TIMEZONE")) {
                if (auto zone = iana_zone_for(value)) {
                    m_floating_zone = *zone;
                    m_calendar_zone = *zone;
                } else {
                    warn(m_source, std::string("X-WR-TIMEZONE '") + value +
                                       "' is not a known zone: ignored, floating times are read in your home "
                                       "zone (write an IANA name such as Asia/Manila)");
                }
            }
        }
        m_zone_cache.clear();

        // Group the events by UID: a master with its overrides.
        std::vector<EventRecord> records;
        const bool bare_event = icalcomponent_isa(calendar) == ICAL_VEVENT_COMPONENT;
        auto visit = [&](icalcomponent* event) {
            auto record = read_record(event, calendar);
            if (record) {
                records.push_back(std::move(*record));
            }
        };
        if (bare_event) {
            visit(calendar);
        } else {
            for (auto* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); e != nullptr;
                 e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
                visit(e);
            }
        }
        std::map<std::string, std::vector<EventRecord*>> by_uid;
        for (auto& r : records) {
            by_uid[r.uid].push_back(&r);
        }
        for (auto& [uid, group] : by_uid) {
            expand_group(group, out);
        }
    }

    std::optional<EventRecord> read_record(icalcomponent* event, icalcomponent* calendar) {
        EventRecord r;
        r.component = event;
        r.source = where_next_event(&r.rrules, &r.property_lines);
        for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY); p != nullptr;
             p = icalcomponent_get_next_property(event, ICAL_XLICERROR_PROPERTY)) {
            const std::string message =
                icalproperty_get_xlicerror(p) != nullptr ? icalproperty_get_xlicerror(p) : "";
            // Google writes "DESCRIPTION:" and "LOCATION:" with nothing on every event: an
            // empty value is no information lost; one line per file says so, not one per event.
            if (message.rfind("No value for ", 0) == 0) {
                const auto name = message.substr(13, message.find(' ', 13) - 13);
                if (m_empty_values.empty()) {
                    m_first_empty_line = line_of(r.source);
                }
                ++m_empty_values[name];
                continue;
            }
            warn(r.source, "libical: " + (message.empty() ? std::string("unreadable property") : message) +
                               " (the property is ignored; the event is kept)");
        }
        if (const char* uid = icalcomponent_get_uid(event); uid != nullptr && *uid != '\0') {
            r.uid = uid;
        } else {
            r.uid = "no-uid-" + r.source;
            warn(r.source, "event without UID: given one from its position");
        }
        bool invalid = false;
        auto start = moment_of(icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY), calendar,
                               r.source, property_line(r, "DTSTART"),
                               "the event is skipped (fix the date in the file)", &invalid);
        if (!start) {
            if (!invalid) {
                warn(r.source, "event without a valid DTSTART: skipped (give it a start, such as "
                               "DTSTART:20270112T090000Z, or export the calendar again)");
            }
            return std::nullopt;
        }
        r.start = *start;
        r.end = moment_of(icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY), calendar, r.source,
                          property_line(r, "DTEND"), "the property is ignored; the event is kept");
        reconcile_end(r);
        if (icalproperty* d = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY);
            d != nullptr && !r.end) {
            const icaldurationtype duration = icalproperty_get_duration(d);
            if (!icaldurationtype_is_bad_duration(duration)) {
                r.duration = duration;
            }
        }
        if (icalproperty* rid = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY)) {
            invalid = false;
            r.recurrence_id = moment_of(rid, calendar, r.source, property_line(r, "RECURRENCE-ID"),
                                        "the override is skipped (it names no instance)", &invalid);
            if (invalid) {
                return std::nullopt;
            }
            if (icalparameter* range = icalproperty_get_first_parameter(rid, ICAL_RANGE_PARAMETER)) {
                r.this_and_future = icalparameter_get_range(range) == ICAL_RANGE_THISANDFUTURE;
            }
        }
        if (icalproperty* seq = icalcomponent_get_first_property(event, ICAL_SEQUENCE_PROPERTY)) {
            r.sequence = icalproperty_get_sequence(seq);
        }
        return r;
    }

    static int property_line(const EventRecord& r, const std::string& name) {
        const auto it = r.property_lines.find(name);
        return it == r.property_lines.end() ? 0 : it->second;
    }

    // A DTEND is read in its own value type, whatever DTSTART's is (RFC 5545 wants them alike;
    // Notes, hand-made and converted files differ): a date-time end of an all-day event ends it
    // with the day it falls in; a date end of a timed event is the start of that day in DTSTART's
    // zone. A DTEND without a zone under a zoned DTSTART is read in DTSTART's zone, which is what
    // its writer meant: read in the home zone, a 09:00-10:00 meeting in New York ended before it
    // began; a DTSTART without a zone under a zoned DTEND likewise takes DTEND's. Each is a
    // warning on the line of the property that was read differently.
    void reconcile_end(EventRecord& r) {
        if (!r.end) {
            return;
        }
        const int line = property_line(r, "DTEND") > 0 ? property_line(r, "DTEND") : line_of(r.source);
        Moment& end = *r.end;
        if (r.start.is_date && !end.is_date) {
            auto day = std::chrono::floor<days>(end.wall);
            if (end.wall > day) {
                day += days{1}; // the part of a day it covers counts as a whole day
            }
            end.is_date = true;
            end.wall = local_seconds{day};
            m_diagnostics.warn(m_source, line,
                               "DTEND is a date-time but DTSTART a date (an all-day event): read as ending "
                               "with the day before " +
                                   format_date(date_of(end.wall)) + " (write DTEND;VALUE=DATE)");
        } else if (!r.start.is_date && end.is_date) {
            end.is_date = false;
            end.anchor = r.start.anchor;
            end.written_floating = r.start.written_floating;
            m_diagnostics.warn(m_source, line,
                               "DTEND is a date but DTSTART a date-time: read as 00:00 of " +
                                   format_date(date_of(end.wall)) + " in DTSTART's zone (" +
                                   r.start.anchor.zone + ")");
        } else if (!r.start.is_date && end.written_floating && !r.start.written_floating) {
            end.anchor = r.start.anchor;
            m_diagnostics.warn(
                m_source, line,
                "DTEND has no time zone but DTSTART has: read in DTSTART's zone (" +
                    (r.start.anchor.written.empty() ? r.start.anchor.zone : r.start.anchor.written) + ")");
        } else if (!r.start.is_date && r.start.written_floating && !end.written_floating) {
            r.start.anchor = end.anchor;
            r.start.written_floating = false;
            m_diagnostics.warn(m_source, property_line(r, "DTSTART") > 0 ? property_line(r, "DTSTART") : line,
                               "DTSTART has no time zone but DTEND has: read in DTEND's zone (" +
                                   (end.anchor.written.empty() ? end.anchor.zone : end.anchor.written) + ")");
        }
    }

    struct Instance {
        Moment start;
        sys_seconds start_utc{};
        std::optional<sys_seconds> end_utc;    ///< from an RDATE period
        std::optional<local_seconds> end_wall; ///< all-day end
    };

    // ---- expansion ----------------------------------------------------------------------

    void expand_group(const std::vector<EventRecord*>& group, std::vector<Occurrence>& out) {
        std::vector<const EventRecord*> masters;
        std::vector<const EventRecord*> overrides;
        for (const EventRecord* r : group) {
            (r->recurrence_id ? overrides : masters).push_back(r);
        }
        // Several events with one UID and no RECURRENCE-ID (docs/calendar.md, "Duplicate UIDs"):
        // conference exports give a whole schedule one UID, parallel sessions included, so every
        // event that differs is kept, as its author meant. Dropped are only an exact copy (the
        // same properties, DTSTAMP, CREATED, LAST-MODIFIED and SEQUENCE aside) and an older
        // version of an event at the same start (a lower SEQUENCE), which an update replaced.
        if (masters.size() > 1) {
            std::stable_sort(masters.begin(), masters.end(), [](const EventRecord* a, const EventRecord* b) {
                return a->sequence > b->sequence;
            });
            std::vector<const EventRecord*> kept;
            std::vector<std::string> kept_fingerprints;
            for (const EventRecord* m : masters) {
                std::string print = fingerprint(m->component);
                const auto copy = std::find(kept_fingerprints.begin(), kept_fingerprints.end(), print);
                const bool older = std::any_of(kept.begin(), kept.end(), [&](const EventRecord* k) {
                    return k->start.wall == m->start.wall && k->start.is_date == m->start.is_date &&
                           k->sequence > m->sequence;
                });
                if (copy != kept_fingerprints.end()) {
                    const EventRecord* original =
                        kept[static_cast<std::size_t>(copy - kept_fingerprints.begin())];
                    warn(m->source, "event with UID " + m->uid + " is an exact copy of the one at line " +
                                        std::to_string(line_of(original->source)) + ": the copy is dropped");
                } else if (older) {
                    warn(m->source, "duplicate UID " + m->uid +
                                        " with the same start: the copy with the higher "
                                        "SEQUENCE is kept");
                } else {
                    kept_fingerprints.push_back(std::move(print));
                    if (!kept.empty()) {
                        warn(m->source, "UID " + m->uid + " is used by another event too: both are kept");
                    }
                    kept.push_back(m);
                }
            }
            masters = kept;
        }
        // An all-day series' instances are dates; Exchange and Outlook name them with a date-time
        // RECURRENCE-ID (local midnight with a TZID, or a UTC time), which names the date it has
        // on the wall clock of its own zone: 00:00 of 5 March in Berlin is still 5 March, though
        // it is 4 March in UTC.
        const bool all_day_series = std::any_of(masters.begin(), masters.end(),
                                                [](const EventRecord* m) { return m->start.is_date; });
        auto override_key = [&](const EventRecord& o) {
            if (all_day_series && !o.recurrence_id->is_date) {
                return format_date(date_of(o.recurrence_id->wall));
            }
            return instance_key(*o.recurrence_id);
        };
        std::map<std::string, const EventRecord*> override_by_key;
        for (const EventRecord* o : overrides) {
            override_by_key[override_key(*o)] = o;
        }
        std::set<std::string> used;
        for (const EventRecord* master : masters) {
            expand_master(*master, overrides, override_by_key, used, out);
        }
        // Overrides whose instance the rules do not produce (or whose master is missing) still
        // happened: they are events of their own.
        for (const EventRecord* o : overrides) {
            if (const std::string key = override_key(*o); used.count(key) == 0) {
                emit(*o, o->start, to_instant(o->start), std::nullopt, key, o->recurrence_id, out);
            }
        }
    }

    std::string instance_key(const Moment& m) const {
        if (m.is_date) {
            return format_date(date_of(m.wall));
        }
        return rfc3339_utc(to_instant(m));
    }

    void expand_master(const EventRecord& master, const std::vector<const EventRecord*>& overrides,
                       const std::map<std::string, const EventRecord*>& override_by_key,
                       std::set<std::string>& used, std::vector<Occurrence>& out) {
        icalcomponent* event = master.component;
        const bool recurring =
            !master.rrules.empty() || icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY) != nullptr;
        if (!recurring) {
            emit(master, master.start, to_instant(master.start), std::nullopt, {}, std::nullopt, out);
            return;
        }
        std::vector<Instance> instances = instances_of(master);
        // THISANDFUTURE overrides, earliest first: each shifts every later instance.
        std::vector<const EventRecord*> ranges;
        for (const EventRecord* o : overrides) {
            if (o->this_and_future) {
                ranges.push_back(o);
            }
        }
        std::sort(ranges.begin(), ranges.end(), [&](const EventRecord* a, const EventRecord* b) {
            return to_instant(*a->recurrence_id) < to_instant(*b->recurrence_id);
        });
        for (const Instance& instance : instances) {
            const std::string key = instance_key(instance.start);
            auto exact = override_by_key.find(key);
            if (exact != override_by_key.end()) {
                used.insert(key);
                const EventRecord* o = exact->second;
                emit(*o, o->start, to_instant(o->start), std::nullopt, key, instance.start, out);
                continue;
            }
            const EventRecord* range = nullptr;
            for (const EventRecord* r : ranges) {
                if (to_instant(*r->recurrence_id) < instance.start_utc) {
                    range = r;
                }
            }
            if (range != nullptr) {
                // Shift by how far the override moved its own instance, and take its fields.
                const auto shift = range->start.wall - range->recurrence_id->wall;
                Moment moved = instance.start;
                moved.wall += shift;
                moved.anchor = range->start.anchor;
                emit(*range, moved, to_instant(moved), std::nullopt, key, instance.start, out);
                continue;
            }
            emit(master, instance.start, instance.start_utc, instance.end_utc, key, instance.start, out);
        }
    }

    std::vector<Instance> instances_of(const EventRecord& master) {
        icalcomponent* event = master.component;
        icalcomponent* calendar = icalcomponent_get_parent(event);
        std::vector<Instance> instances;
        std::set<std::pair<bool, std::int64_t>> seen;
        const auto window_end = m_options.window_end;
        const auto longest = duration_guess(master);
        auto add = [&](const Moment& start, std::optional<sys_seconds> end_utc) {
            Instance instance{start, to_instant(start), end_utc, std::nullopt};
            const auto key = std::make_pair(start.is_date, instance.start_utc.time_since_epoch().count());
            if (seen.insert(key).second) {
                instances.push_back(instance);
            }
        };

        std::set<std::int64_t> excluded_instants;
        std::set<Date> excluded_dates;
        for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_EXDATE_PROPERTY); p != nullptr;
             p = icalcomponent_get_next_property(event, ICAL_EXDATE_PROPERTY)) {
            if (auto m = moment_of(p, calendar, master.source, property_line(master, "EXDATE"))) {
                // A date-time EXDATE of an all-day series names a date, as RECURRENCE-ID does.
                if (m->is_date || master.start.is_date) {
                    excluded_dates.insert(date_of(m->wall));
                } else {
                    excluded_instants.insert(to_instant(*m).time_since_epoch().count());
                }
            }
        }

        bool any_rule = false;
        // Our own expansion (detail/recurrence): libical 3.0.16's iterator misses BYSETPOS,
        // BYWEEKNO, negative days and an unsynchronised DTSTART in about a quarter of the
        // published test cases.
        for (const std::string& text : master.rrules) {
            std::string error;
            auto rule = detail::parse_rrule(text, &error);
            if (!rule) {
                warn(master.source, "RRULE '" + text + "' cannot be read (" + error + "): ignored");
                continue;
            }
            any_rule = true;
            std::function<bool(local_seconds)> past_until;
            if (rule->until) {
                const auto until = detail::parse_until(*rule->until);
                if (!until) {
                    warn(master.source, "RRULE UNTIL '" + *rule->until + "' is not a date: read as no end");
                    rule->until.reset();
                } else if (until->is_utc && !master.start.is_date) {
                    // UNTIL in UTC against local instances: compare instants, not wall times.
                    const sys_seconds until_utc{until->time.time_since_epoch()};
                    past_until = [this, &master, until_utc](local_seconds t) {
                        Moment m = master.start;
                        m.wall = t;
                        return to_instant(m) > until_utc;
                    };
                }
            }
            // Within the rule's own caps and what the source has left (SourceLimits): each
            // instance copies the series' text, so that text is a budget of its own.
            const std::size_t text_bytes = copied_text_bytes(event);
            const std::size_t text_room = m_limits.text_bytes_left() / std::max<std::size_t>(1, text_bytes);
            detail::ExpansionLimits limits;
            limits.max_instances = std::min({m_options.max_instances, m_limits.instances_left(), text_room});
            limits.max_iterations = std::min(m_options.max_iterations, m_limits.iterations_left());
            // Zones are at most 14 hours from UTC: a wall-time bound a day past the window
            // end loses nothing; the instants are checked below.
            limits.stop_after = local_seconds{window_end.time_since_epoch()} + days{1};
            // Likewise before the window start, less the longest an instance can last: a
            // daily series begun decades ago is not cut off by max_instances before the window.
            limits.keep_from = local_seconds{(m_options.window_start - longest).time_since_epoch()} - days{1};
            const auto expansion =
                detail::expand_rrule(*rule, master.start.wall, master.start.is_date, limits, past_until);
            m_limits.spend(expansion.instances.size(), expansion.iterations,
                           expansion.instances.size() * text_bytes);
            const bool out_of_steps = expansion.iterations >= limits.max_iterations;
            const bool out_of_room = expansion.instances.size() >= limits.max_instances;
            if (expansion.truncated) {
                using Exhausted = SourceLimits::Exhausted;
                Exhausted why = Exhausted::RuleCap;
                if (out_of_steps && limits.max_iterations < m_options.max_iterations) {
                    why = Exhausted::Iterations;
                } else if (out_of_room && limits.max_instances < m_options.max_instances) {
                    why = m_limits.instances_left() == 0 ? Exhausted::Instances : Exhausted::Text;
                }
                if (m_limits.note_cut(why, master.uid, property_text(event, ICAL_SUMMARY_PROPERTY),
                                      master.source)) {
                    warn(master.source,
                         "recurrence stopped after " + std::to_string(expansion.instances.size()) +
                             " instances (the limit that keeps any rule from running forever); "
                             "later ones are left out: narrow --from/--to to see them");
                }
            }
            for (const local_seconds wall : expansion.instances) {
                Moment start = master.start;
                start.wall = wall;
                const sys_seconds start_utc = to_instant(start);
                if (start_utc >= window_end) {
                    break;
                }
                if (start_utc + longest <= m_options.window_start) {
                    continue; // ends before the window
                }
                add(start, std::nullopt);
            }
        }
        if (!any_rule) {
            add(master.start, std::nullopt); // DTSTART is the first instance of an RDATE-only series
        }
        for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY); p != nullptr;
             p = icalcomponent_get_next_property(event, ICAL_RDATE_PROPERTY)) {
            const icaldatetimeperiodtype rdate = icalproperty_get_rdate(p);
            if (!icalperiodtype_is_null_period(rdate.period)) {
                // VALUE=PERIOD, which libical 3.0.16 does not expand: start and end (or duration).
                Moment start = master.start;
                start.is_date = false;
                start.wall = wall_of(rdate.period.start);
                if (icaltime_is_utc(rdate.period.start)) {
                    start.anchor = Anchor{Anchor::Kind::Utc, "UTC", nullptr, {}};
                }
                const sys_seconds start_utc = to_instant(start);
                sys_seconds end_utc = start_utc;
                if (!icaltime_is_null_time(rdate.period.end)) {
                    Moment end = start;
                    end.wall = wall_of(rdate.period.end);
                    if (icaltime_is_utc(rdate.period.end)) {
                        end.anchor = Anchor{Anchor::Kind::Utc, "UTC", nullptr, {}};
                    }
                    end_utc = to_instant(end);
                } else {
                    end_utc = start_utc + seconds{icaldurationtype_as_int(rdate.period.duration)};
                }
                add(start, end_utc);
            } else if (auto m = moment_of(p, calendar, master.source, property_line(master, "RDATE"))) {
                add(*m, std::nullopt);
            }
        }
        std::erase_if(instances, [&](const Instance& i) {
            return excluded_instants.count(i.start_utc.time_since_epoch().count()) > 0 ||
                   (i.start.is_date && excluded_dates.count(date_of(i.start.wall)) > 0);
        });
        std::sort(instances.begin(), instances.end(),
                  [](const Instance& a, const Instance& b) { return a.start_utc < b.start_utc; });
        return instances;
    }

    // An upper bound of the occurrence length, to skip instances that end before the window.
    seconds duration_guess(const EventRecord& r) const {
        if (r.end) {
            return std::max(seconds{0}, seconds{to_instant(*r.end) - to_instant(r.start)}) + days{2};
        }
        if (r.duration) {
            return seconds{icaldurationtype_as_int(*r.duration)} + days{2};
        }
        return days{2};
    }

    // ---- occurrences --------------------------------------------------------------------

    void emit(const EventRecord& r, const Moment& start, sys_seconds start_utc,
              std::optional<sys_seconds> end_override, const std::string& recurrence_key,
              const std::optional<Moment>& original_start, std::vector<Occurrence>& out) {
        icalcomponent* event = r.component;
        if (icalcomponent_get_status(event) == ICAL_STATUS_CANCELLED) {
            return;
        }
        Occurrence o;
        o.uid = r.uid;
        o.source = r.source;
        o.producer = m_producer;
        if (!recurrence_key.empty() && original_start) {
            o.recurrence_id = recurrence_key;
        }
        o.all_day = start.is_date;
        if (o.all_day) {
            // Dates, end exclusive: computed here (libical 3.0.16 stretches a one-day event to
            // 23:59:59 of the next day).
            o.start_date = date_of(start.wall);
            Date end = Date{sys_days{o.start_date} + days{1}};
            if (r.end && r.end->is_date) {
                const auto length = std::chrono::floor<days>(r.end->wall - r.start.wall);
                end = Date{sys_days{o.start_date} + std::max(length, days{1})};
            } else if (r.duration) {
                const auto length = days{r.duration->days + 7 * r.duration->weeks};
                end = Date{sys_days{o.start_date} + std::max(length, days{1})};
            }
            o.end_date = end;
            o.timezone = "floating";
            o.display_zone = m_floating_zone;
            o.start_utc = to_utc(local_seconds{local_days{o.start_date}.time_since_epoch()}, m_floating_zone);
            o.end_utc = to_utc(local_seconds{local_days{o.end_date}.time_since_epoch()}, m_floating_zone);
        } else {
            o.start_utc = start_utc;
            o.timezone = start.anchor.kind == Anchor::Kind::Floating ? "floating" : start.anchor.zone;
            o.display_zone = start.anchor.zone;
            if (end_override) {
                o.end_utc = *end_override;
            } else if (r.end && !r.end->is_date) {
                // The same length as the master's, so that every instance keeps its duration.
                o.end_utc = start_utc + (to_instant(*r.end) - to_instant(r.start));
            } else if (r.duration) {
                // Nominal days keep the wall-clock time across a DST change; the rest is exact.
                const icaldurationtype d = *r.duration;
                const int sign = d.is_neg ? -1 : 1;
                const days nominal{sign * static_cast<int>(d.days + 7 * d.weeks)};
                const seconds exact{sign * static_cast<int>(d.hours * 3600 + d.minutes * 60 + d.seconds)};
                Moment end = start;
                end.wall += nominal;
                o.end_utc = to_instant(end) + exact;
            } else {
                o.end_utc = start_utc;
            }
            if (o.end_utc < o.start_utc) {
                warn(r.source, "event ends before it starts: read as lasting no time");
                o.end_utc = o.start_utc;
            }
        }
        if (o.end_utc <= m_options.window_start &&
            !(o.end_utc == o.start_utc && o.start_utc >= m_options.window_start)) {
            return;
        }
        if (o.start_utc >= m_options.window_end) {
            return;
        }
        // The fields and the kind are the same for every instance of a component: read and
        // classify once (classify() was three quarters of an import before).
        if (recurrence_key.empty()) {
            // A single event: read straight into the occurrence, nothing to share.
            read_fields(event, o);
            o.kind = classify(o);
            out.push_back(std::move(o));
            return;
        }
        auto cached = m_fields.find(event);
        if (cached == m_fields.end()) {
            Occurrence fields;
            read_fields(event, fields);
            fields.all_day = o.all_day;
            fields.start_date = o.start_date; // the length of an all-day event is the same for all
            fields.end_date = o.end_date;
            fields.producer = o.producer;
            fields.kind = classify(fields);
            cached = m_fields.emplace(event, std::move(fields)).first;
        }
        const Occurrence& f = cached->second;
        o.summary = f.summary;
        o.location = f.location;
        o.description = f.description;
        o.url = f.url;
        o.categories = f.categories;
        o.status = f.status;
        o.transparent = f.transparent;
        o.declined = f.declined;
        o.organizer = f.organizer;
        o.attendees = f.attendees;
        o.geo = f.geo;
        o.kind = f.kind;
        out.push_back(std::move(o));
    }

    /// An event's content for telling an exact copy: its properties as written, except those
    /// that change each time a calendar is exported or saved again, and its components (alarms).
    static std::string fingerprint(icalcomponent* event) {
        std::string print;
        for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_ANY_PROPERTY); p != nullptr;
             p = icalcomponent_get_next_property(event, ICAL_ANY_PROPERTY)) {
            const icalproperty_kind kind = icalproperty_isa(p);
            if (kind == ICAL_DTSTAMP_PROPERTY || kind == ICAL_CREATED_PROPERTY ||
                kind == ICAL_LASTMODIFIED_PROPERTY || kind == ICAL_SEQUENCE_PROPERTY) {
                continue;
            }
            if (const char* text = icalproperty_as_ical_string(p)) {
                print += text;
            }
        }
        for (icalcomponent* c = icalcomponent_get_first_component(event, ICAL_ANY_COMPONENT); c != nullptr;
             c = icalcomponent_get_next_component(event, ICAL_ANY_COMPONENT)) {
            if (const char* text = icalcomponent_as_ical_string(c)) {
                print += text;
            }
        }
        return print;
    }

    static std::string property_text(icalcomponent* event, icalproperty_kind kind) {
        icalproperty* p = icalcomponent_get_first_property(event, kind);
        if (p == nullptr) {
            return {};
        }
        icalvalue* v = icalproperty_get_value(p);
        if (v == nullptr) {
            return {};
        }
        const char* s = icalvalue_get_text(v);
        if (s == nullptr || icalvalue_isa(v) != ICAL_TEXT_VALUE) {
            s = icalvalue_as_ical_string(v);
        }
        return s != nullptr ? std::string(s) : std::string();
    }

    // What emit() copies into every instance of the series: its text properties.
    static std::size_t copied_text_bytes(icalcomponent* event) {
        std::size_t bytes = 0;
        for (const icalproperty_kind kind :
             {ICAL_SUMMARY_PROPERTY, ICAL_LOCATION_PROPERTY, ICAL_DESCRIPTION_PROPERTY, ICAL_URL_PROPERTY,
              ICAL_CATEGORIES_PROPERTY, ICAL_ORGANIZER_PROPERTY, ICAL_ATTENDEE_PROPERTY}) {
            for (icalproperty* p = icalcomponent_get_first_property(event, kind); p != nullptr;
                 p = icalcomponent_get_next_property(event, kind)) {
                if (icalvalue* v = icalproperty_get_value(p)) {
                    if (const char* text = icalvalue_as_ical_string(v)) {
                        bytes += std::strlen(text);
                    }
                }
            }
        }
        return bytes;
    }

    static std::string email_of(const char* cal_address) {
        if (cal_address == nullptr) {
            return {};
        }
        std::string value = cal_address;
        if (text::istarts_with(value, "mailto:")) {
            value.erase(0, 7);
        }
        return text::ascii_lower(text::trim(value));
    }

    void read_fields(icalcomponent* event, Occurrence& o) const {
        o.summary = property_text(event, ICAL_SUMMARY_PROPERTY);
        o.location = property_text(event, ICAL_LOCATION_PROPERTY);
        o.description = property_text(event, ICAL_DESCRIPTION_PROPERTY);
        if (icalproperty* url = icalcomponent_get_first_property(event, ICAL_URL_PROPERTY)) {
            if (const char* u = icalproperty_get_url(url)) {
                o.url = u;
            }
        }
        for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_CATEGORIES_PROPERTY);
             p != nullptr; p = icalcomponent_get_next_property(event, ICAL_CATEGORIES_PROPERTY)) {
            if (const char* c = icalproperty_get_categories(p)) {
                for (auto part : text::split(c, ',')) {
                    const auto trimmed = text::trim(part);
                    if (!trimmed.empty()) {
                        o.categories.emplace_back(trimmed);
                    }
                }
            }
        }
        switch (icalcomponent_get_status(event)) {
        case ICAL_STATUS_CONFIRMED: o.status = "confirmed"; break;
        case ICAL_STATUS_TENTATIVE: o.status = "tentative"; break;
        default: break;
        }
        if (icalproperty* transp = icalcomponent_get_first_property(event, ICAL_TRANSP_PROPERTY)) {
            o.transparent = icalproperty_get_transp(transp) == ICAL_TRANSP_TRANSPARENT;
        }
        if (icalproperty* organizer = icalcomponent_get_first_property(event, ICAL_ORGANIZER_PROPERTY)) {
            o.organizer = email_of(icalproperty_get_organizer(organizer));
        }
        for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY); p != nullptr;
             p = icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY)) {
            const std::string email = email_of(icalproperty_get_attendee(p));
            if (email.empty()) {
                continue;
            }
            o.attendees.push_back(email);
            icalparameter* partstat = icalproperty_get_first_parameter(p, ICAL_PARTSTAT_PARAMETER);
            const bool mine = std::any_of(m_options.user_emails.begin(), m_options.user_emails.end(),
                                          [&](const std::string& e) { return text::iequals(e, email); });
            if (mine && partstat != nullptr &&
                icalparameter_get_partstat(partstat) == ICAL_PARTSTAT_DECLINED) {
                o.declined = true;
                o.transparent = true;
            }
        }
        if (icalproperty* geo = icalcomponent_get_first_property(event, ICAL_GEO_PROPERTY)) {
            const icalgeotype g = icalproperty_get_geo(geo);
            const GeoPoint point{g.lat, g.lon};
            if (is_valid(point)) {
                o.geo = point;
            }
        }
    }

    std::string m_source;
    const CalendarReadOptions& m_options;
    Diagnostics& m_diagnostics;
    SourceLimits& m_limits;
    std::vector<int> m_event_lines;
    std::vector<std::vector<std::string>> m_event_rrules;
    std::vector<std::map<std::string, int>> m_event_property_lines; ///< per VEVENT: DTSTART -> its line
    std::size_t m_next_event = 0;
    std::string m_producer;
    std::string m_floating_zone;
    std::optional<std::string> m_calendar_zone; ///< the calendar's X-WR-TIMEZONE, when it names a zone
    bool m_warned_tzid_with_utc = false;        ///< one warning per file is enough
    std::map<std::string, Anchor> m_zone_cache;
    std::map<icalcomponent*, Occurrence> m_fields;     ///< read_fields() and classify() per component
    std::map<std::string, std::size_t> m_empty_values; ///< property name -> how many were empty
    int m_first_empty_line = 0;
};

const files::InputKind CalendarInput{
    "calendar", files::MaxCalendarBytes, "a calendar file (.ics), or a folder of .ics files",
    "split it into several files (by year, say) and give each with --calendar"};

// By start, then UID. Sorting indices and moving each occurrence once is several times
// cheaper than letting the sort shuffle structs of a dozen strings.
void sort_occurrences(std::vector<Occurrence>& occurrences) {
    std::vector<std::size_t> order(occurrences.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Occurrence& x = occurrences[a];
        const Occurrence& y = occurrences[b];
        if (x.start_utc != y.start_utc) {
            return x.start_utc < y.start_utc;
        }
        return x.uid < y.uid;
    });
    std::vector<Occurrence> sorted;
    sorted.reserve(occurrences.size());
    for (std::size_t i : order) {
        sorted.push_back(std::move(occurrences[i]));
    }
    occurrences = std::move(sorted);
}

} // namespace

SourceLimits::SourceLimits(const CalendarReadOptions& options)
    : m_rule_instances(options.max_instances), m_rule_iterations(options.max_iterations),
      m_max_instances(options.max_source_instances), m_max_iterations(options.max_source_iterations),
      m_max_text_bytes(options.max_source_text_bytes), m_instances_left(options.max_source_instances),
      m_iterations_left(options.max_source_iterations), m_text_bytes_left(options.max_source_text_bytes) {}

void SourceLimits::spend(std::size_t instances, std::size_t iterations, std::size_t text_bytes) noexcept {
    m_instances_left -= std::min(instances, m_instances_left);
    m_iterations_left -= std::min(iterations, m_iterations_left);
    m_text_bytes_left -= std::min(text_bytes, m_text_bytes_left);
}

bool SourceLimits::note_cut(Exhausted what, const std::string& uid, const std::string& summary,
                            const std::string& where) {
    // A few names say which events these are; the count says how many.
    constexpr std::size_t NamesShown = 3;
    const bool own_line = what == Exhausted::RuleCap && m_rule_cap_count++ < RuleCapLines;
    m_hit_instances = m_hit_instances || what == Exhausted::Instances;
    m_hit_iterations = m_hit_iterations || what == Exhausted::Iterations;
    m_hit_text = m_hit_text || what == Exhausted::Text;
    if (m_cut_count == 0) {
        m_first_cut_where = where;
    }
    ++m_cut_count;
    if (m_cut_names.size() < NamesShown) {
        m_cut_names.push_back(summary.empty() ? uid : uid + " \"" + summary + "\"");
    }
    return own_line;
}

void SourceLimits::report(const std::string& source, Diagnostics& diagnostics) const {
    // Series stopped by their rule's cap alone, each warned on its own line: nothing to add.
    const bool source_budget_hit = m_hit_instances || m_hit_iterations || m_hit_text;
    if (m_cut_count == 0 || (!source_budget_hit && m_rule_cap_count <= RuleCapLines)) {
        return;
    }
    std::vector<std::string> limits;
    if (m_rule_cap_count > 0) {
        limits.push_back(std::to_string(m_rule_instances) + " instances or " +
                         std::to_string(m_rule_iterations) + " steps per rule");
    }
    if (m_hit_instances) {
        limits.push_back(std::to_string(m_max_instances) + " occurrences per calendar");
    }
    if (m_hit_iterations) {
        limits.push_back(std::to_string(m_max_iterations) + " rule steps per calendar");
    }
    if (m_hit_text) {
        const bool mib = m_max_text_bytes >= (std::size_t{1} << 20);
        limits.push_back(std::to_string(m_max_text_bytes >> (mib ? 20 : 10)) + (mib ? " MiB" : " KiB") +
                         " of copied event text per calendar");
    }
    std::string which;
    for (std::size_t i = 0; i < limits.size(); ++i) {
        which += (i == 0 ? "" : i + 1 == limits.size() ? " and " : ", ") + limits[i];
    }
    std::string names;
    for (std::size_t i = 0; i < m_cut_names.size(); ++i) {
        names += (i == 0 ? "" : ", ") + m_cut_names[i];
    }
    if (m_cut_count > m_cut_names.size()) {
        names += " and " + std::to_string(m_cut_count - m_cut_names.size()) + " more";
    }
    // The line of the first series cut when the source is that file (not a folder of them).
    int line = 0;
    if (m_first_cut_where.starts_with(source + ":")) {
        line = std::atoi(m_first_cut_where.c_str() + source.size() + 1);
    }
    diagnostics.warn(
        source, line,
        "recurring events reached the limit" + std::string(limits.size() > 1 ? "s" : "") + " of " + which +
            " (no real calendar comes near them; rules such as FREQ=SECONDLY without an end would "
            "take gigabytes): " +
            std::to_string(m_cut_count) + (m_cut_count == 1 ? " series is" : " series are") +
            " cut short or left out: " + names + "; narrow --from/--to, or fix their RRULEs");
}

std::vector<Occurrence> read_calendar_text(std::string_view content, const std::string& source_name,
                                           const CalendarReadOptions& options, Diagnostics& diagnostics,
                                           SourceLimits& limits) {
    auto occurrences = CalendarFileReader(source_name, options, diagnostics, limits).read(content);
    sort_occurrences(occurrences);
    return occurrences;
}

std::vector<Occurrence> read_calendar_text(std::string_view content, const std::string& source_name,
                                           const CalendarReadOptions& options, Diagnostics& diagnostics) {
    SourceLimits limits(options);
    auto occurrences = read_calendar_text(content, source_name, options, diagnostics, limits);
    limits.report(source_name, diagnostics);
    return occurrences;
}

namespace {

/// The .ics files of a vdir folder, sorted; entries that cannot be read are left out with a
/// warning naming them (one bad entry must not lose the whole calendar, issue 14).
std::vector<std::filesystem::path> vdir_files(const std::string& folder, Diagnostics& diagnostics) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it =
             fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& path = it->path();
        const auto name = path.filename().string();
        // Each question gets its own error code: a dangling symlink fails status(), and that
        // must skip the entry, not end the walk (which the iterator's own code would).
        std::error_code entry_ec;
        if (name.starts_with(".")) {
            if (it->is_directory(entry_ec)) {
                it.disable_recursion_pending();
            }
            continue;
        }
        if (!text::iequals(path.extension().string(), ".ics")) {
            continue;
        }
        const auto status = it->status(entry_ec);
        if (fs::is_directory(status)) {
            continue; // a folder named x.ics: walked into like any other
        }
        std::string why;
        if (status.type() == fs::file_type::not_found) {
            why = "a symlink to " + fs::read_symlink(path, entry_ec).string() + ", which does not exist";
        } else if (entry_ec) {
            why = entry_ec.message();
        } else if (!fs::is_regular_file(status)) {
            why = "not a file";
        } else if (std::ifstream probe(path, std::ios::binary); !probe) {
            // A symlink to a readable file is read wherever it points (a calendar kept
            // elsewhere and linked in); one that cannot be opened is skipped.
            why = std::string("it cannot be read (") + std::strerror(errno) + ")";
        }
        if (!why.empty()) {
            diagnostics.warn(path.string(), 0,
                             "skipped in the calendar folder " + folder + ": " + why +
                                 "; the other files are read (fix or remove this entry)");
            continue;
        }
        files.push_back(path);
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

std::vector<Occurrence> read_calendar(const std::string& source, const CalendarReadOptions& options,
                                      Diagnostics& diagnostics) {
    if (source == "-") {
        return read_calendar_text(files::read_input("-", CalendarInput), "-", options, diagnostics);
    }
    // Feeds (Google's secret address, TripIt) and CalDAV collections, with default settings;
    // the program fetches them itself (src/cli/output.cpp) to fall back on cached copies.
    if (net::is_url(source) || is_caldav_source(source)) {
        net::HttpClient client;
        if (is_caldav_source(source)) {
            std::vector<Occurrence> all;
            SourceLimits limits(options); // the collection is one source, its resources parts of it
            for (const auto& r : caldav_query(caldav_collection_url(source), options.window_start,
                                              options.window_end, {}, client)) {
                auto part = read_calendar_text(r.data, net::redact_url(r.href), options, diagnostics, limits);
                all.insert(all.end(), std::make_move_iterator(part.begin()),
                           std::make_move_iterator(part.end()));
            }
            limits.report(net::redact_url(caldav_collection_url(source)), diagnostics);
            sort_occurrences(all);
            return all;
        }
        const auto feed = fetch_feed(source, {}, client);
        return read_calendar_text(feed.content, feed.shown_url, options, diagnostics);
    }
    std::error_code ec;
    const std::filesystem::path path(source);
    if (std::filesystem::is_directory(path, ec)) {
        const auto files = vdir_files(source, diagnostics);
        if (files.empty()) {
            throw InputError(
                source +
                ": the folder holds no .ics files that can be read (give a calendar file, or a vdir folder "
                "of .ics files)");
        }
        std::vector<Occurrence> all;
        SourceLimits limits(options); // the folder is one source, its files parts of it
        for (const auto& file : files) {
            const std::string name = file.string();
            auto part = read_calendar_text(files::read_input(name, CalendarInput), name, options, diagnostics,
                                           limits);
            all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
        }
        limits.report(source, diagnostics);
        sort_occurrences(all);
        return all;
    }
    return read_calendar_text(files::read_input(source, CalendarInput), source, options, diagnostics);
}

} // namespace sidetrip::calendar
