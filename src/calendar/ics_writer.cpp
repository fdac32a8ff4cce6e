#include "sidetrip/calendar/ics_writer.hpp"

#include "sidetrip/core/date.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"

#include <libical/ical.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::calendar {

// The calendar is built as libical components (the VTIMEZONEs come from libical's builtin zones),
// but written by the serializer below rather than icalcomponent_as_ical_string(), because
// libical 3.0.16 (Debian 12) gets these wrong:
// - CATEGORIES values are not escaped at all, so "Work, travel" reads back as two categories,
//   and X- property values (X-WR-CALNAME) have only "\" escaped, not "," or ";";
// - GEO is printed with "%f" inside a setlocale(LC_NUMERIC, "C") bracket, which changes the
//   locale of the whole process for a moment and is not thread-safe.
// Its folding is legal but breaks after the last ':', ';' or ' ' before column 74 ("DESCRIPTION:"
// alone on a line); folding here is by octets alone, which makes the output byte-stable and
// independent of libical's version.
// Two more libical 3.0.16 habits are worked around below: icaltime_from_timet_with_zone() returns
// the right wall time labelled as UTC (so wall times are computed from the zone's offset), and
// its reader takes a repeated wall time (clocks going back) as the second of the two where RFC
// 5545 says the first (so such times are written in UTC).

namespace {

using std::chrono::sys_seconds;

struct ComponentDeleter {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

/// A string libical allocated with icalmemory (the *_r functions); freed on scope exit.
class LibicalString {
public:
    explicit LibicalString(char* s) : m_s(s) {}
    LibicalString(const LibicalString&) = delete;
    LibicalString& operator=(const LibicalString&) = delete;
    ~LibicalString() { icalmemory_free_buffer(m_s); }
    std::string_view view() const { return m_s ? std::string_view(m_s) : std::string_view(); }

private:
    char* m_s;
};

// ---------------------------------------------------------------------------------------
// Text

/**
 * Text as RFC 5545 allows it in a value: valid UTF-8 (invalid bytes become U+FFFD), line ends
 * as "\n" (CRLF and lone CR included), no control characters other than tab and line end.
 */
std::string clean_text(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == '\r') {
            out += '\n';
            i += (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        const std::size_t length = text::utf8_sequence_length(s, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (length == 1 && ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') || c == 0x7F)) {
            ++i;
            continue;
        }
        out.append(s, i, length);
        i += length;
    }
    return out;
}

/// A URI on one line: clean_text() with line ends and tabs removed too.
std::string clean_uri(std::string_view s) {
    std::string out;
    for (const char c : clean_text(text::trim(s))) {
        if (c != '\n' && c != '\t') {
            out += c;
        }
    }
    return out;
}

/// RFC 5545 section 3.3.11 escaping of a TEXT value.
std::string escape_text(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (const char c : s) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ';': out += "\\;"; break;
        case ',': out += "\\,"; break;
        case '\n': out += "\\n"; break;
        default: out += c; break;
        }
    }
    return out;
}

/**
 * Appends one content line folded to at most 75 octets per physical line (continuations start
 * with a space, so they carry 74 octets of content), never inside a UTF-8 sequence, each line
 * ended by CRLF (RFC 5545 section 3.1).
 */
void append_folded(std::string& out, std::string_view line) {
    constexpr std::size_t MaxOctets = 75;
    std::size_t limit = MaxOctets;
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
            --cut; // back off to the first byte of the character that would be split
        }
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = MaxOctets - 1;
    }
    out.append(line);
    out += "\r\n";
}

/// A coordinate in plain decimal notation (never exponent form), locale-independent, with at
/// most 6 decimals (about 0.1 m): "14.5995", "-120.9842".
std::string format_coordinate(double value) {
    std::array<char, 64> buffer{};
    const auto [end, ec] =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, 6);
    std::string s = ec == std::errc() ? std::string(buffer.data(), end) : std::string("0");
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') {
            s.pop_back();
        }
        if (s.back() == '.') {
            s.pop_back();
        }
    }
    return s == "-0" ? "0" : s;
}

// ---------------------------------------------------------------------------------------
// Serializer

std::string value_text(icalproperty* property) {
    icalvalue* value = icalproperty_get_value(property);
    if (value == nullptr) {
        return {};
    }
    switch (icalvalue_isa(value)) {
    case ICAL_TEXT_VALUE: {
        const char* s = icalvalue_get_text(value);
        return escape_text(s ? s : "");
    }
    case ICAL_X_VALUE: {
        const char* s = icalvalue_get_x(value);
        return escape_text(s ? s : "");
    }
    case ICAL_GEO_VALUE: {
        const icalgeotype geo = icalvalue_get_geo(value);
        return format_coordinate(geo.lat) + ";" + format_coordinate(geo.lon);
    }
    default: return std::string(LibicalString(icalvalue_as_ical_string_r(value)).view());
    }
}

void append_property(std::string& out, icalproperty* property) {
    std::string line(LibicalString(icalproperty_get_property_name_r(property)).view());
    for (icalparameter* parameter = icalproperty_get_first_parameter(property, ICAL_ANY_PARAMETER);
         parameter != nullptr; parameter = icalproperty_get_next_parameter(property, ICAL_ANY_PARAMETER)) {
        line += ';';
        line += LibicalString(icalparameter_as_ical_string_r(parameter)).view();
    }
    line += ':';
    line += value_text(property);
    append_folded(out, line);
}

void append_component(std::string& out, icalcomponent* component) {
    const std::string kind = icalcomponent_kind_to_string(icalcomponent_isa(component));
    append_folded(out, "BEGIN:" + kind);
    for (icalproperty* property = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY);
         property != nullptr; property = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY)) {
        append_property(out, property);
    }
    for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT);
         child != nullptr; child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        append_component(out, child);
    }
    append_folded(out, "END:" + kind);
}

// ---------------------------------------------------------------------------------------
// Times

/// The fields of an instant read as if it were UTC; zone left null (floating).
icaltimetype date_time_fields(sys_seconds t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{t - day};
    icaltimetype out = icaltime_null_time();
    out.year = static_cast<int>(ymd.year());
    out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    out.hour = static_cast<int>(hms.hours().count());
    out.minute = static_cast<int>(hms.minutes().count());
    out.second = static_cast<int>(hms.seconds().count());
    out.is_date = 0;
    out.zone = nullptr;
    return out;
}

icaltimetype utc_time(sys_seconds t) {
    icaltimetype out = date_time_fields(t);
    out.zone = icaltimezone_get_utc_timezone(); // printed with "Z"
    return out;
}

icaltimetype date_value(const Date& date) {
    icaltimetype out = icaltime_null_date();
    out.year = static_cast<int>(date.year());
    out.month = static_cast<int>(static_cast<unsigned>(date.month()));
    out.day = static_cast<int>(static_cast<unsigned>(date.day()));
    out.is_date = 1;
    return out;
}

bool is_utc_name(std::string_view zone) {
    static constexpr std::array<std::string_view, 10> UtcNames = {
        "", "UTC", "Z", "GMT", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"};
    for (const auto name : UtcNames) {
        if (text::iequals(zone, name)) {
            return true;
        }
    }
    return false;
}

/// libical's builtin zone of an IANA name (from the system's tzdata), or null.
icaltimezone* builtin_zone(const std::string& zone) {
    if (is_utc_name(zone)) {
        return nullptr;
    }
    return icaltimezone_get_builtin_timezone(zone.c_str());
}

/// Offset from UTC in seconds of `zone` at instant `t`.
int utc_offset(icaltimezone* zone, sys_seconds t) {
    icaltimetype utc = utc_time(t);
    int is_daylight = 0;
    return icaltimezone_get_utc_offset_of_utc_time(zone, &utc, &is_daylight);
}

/**
 * True when the wall time of `t` in `zone` also belongs to another instant (the repeated hour
 * when clocks go back). RFC 5545 section 3.3.5 reads such a time as the first of the two,
 * libical 3.0.16 reads it as the second, so neither can be written with a TZID safely.
 */
bool wall_time_is_ambiguous(icaltimezone* zone, sys_seconds t, int offset) {
    const sys_seconds wall = t + std::chrono::seconds(offset);
    // Offsets in effect within a day on either side; a repeated wall time needs a second one.
    static constexpr std::array<int, 8> ProbeHours = {-26, -12, -6, -3, 3, 6, 12, 26};
    for (const int hours : ProbeHours) {
        const int other = utc_offset(zone, t + std::chrono::hours(hours));
        if (other == offset) {
            continue;
        }
        const sys_seconds twin = wall - std::chrono::seconds(other);
        if (twin != t && utc_offset(zone, twin) == other) {
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------------------------------
// Building

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : s) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

/// A UID that stays the same when the same occurrence is written again.
std::string derived_uid(const Occurrence& occurrence) {
    std::string key = occurrence.summary;
    key += '\x1f';
    key += occurrence.all_day ? format_date(occurrence.start_date)
                              : std::to_string(occurrence.start_utc.time_since_epoch().count());
    key += '\x1f';
    key += occurrence.location;
    std::array<char, 17> hex{};
    std::snprintf(hex.data(), hex.size(), "%016llx", static_cast<unsigned long long>(fnv1a(key)));
    return std::string(hex.data()) + "@sidetrip";
}

std::string describe(const Occurrence& occurrence) {
    std::string where = occurrence.source.empty() ? std::string() : occurrence.source + ": ";
    return where + "event \"" + occurrence.summary + "\"";
}

/// Reads the two digits at s[i], or -1.
int two_digits(std::string_view s, std::size_t i) {
    if (i + 2 > s.size() || s[i] < '0' || s[i] > '9' || s[i + 1] < '0' || s[i + 1] > '9') {
        return -1;
    }
    return (s[i] - '0') * 10 + (s[i + 1] - '0');
}

/**
 * Parses a RECURRENCE-ID as Occurrence holds it: a date ("2024-03-04" or "20240304"), or a
 * date-time in UTC ("2024-03-04T09:00:00Z", also the basic form "20240304T090000Z" and an
 * explicit offset "+08:00"; no suffix is taken as UTC).
 */
std::optional<icaltimetype> parse_recurrence_id(std::string_view text_value) {
    const std::string_view s = text::trim(text_value);
    const std::size_t t_pos = s.find_first_of("Tt ");
    const auto date = parse_date(s.substr(0, t_pos));
    if (!date) {
        return std::nullopt;
    }
    if (t_pos == std::string_view::npos) {
        return date_value(*date);
    }
    std::string_view rest = s.substr(t_pos + 1);
    std::array<int, 3> hms{};
    std::size_t i = 0;
    for (std::size_t field = 0; field < hms.size(); ++field) {
        if (field > 0 && i < rest.size() && rest[i] == ':') {
            ++i;
        }
        hms[field] = two_digits(rest, i);
        if (hms[field] < 0) {
            return std::nullopt;
        }
        i += 2;
    }
    if (i < rest.size() && rest[i] == '.') { // fractional seconds: dropped
        ++i;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
            ++i;
        }
    }
    int offset_seconds = 0;
    const std::string_view zone = rest.substr(i);
    if (!zone.empty() && zone != "Z" && zone != "z") {
        if (zone[0] != '+' && zone[0] != '-') {
            return std::nullopt;
        }
        const int hours = two_digits(zone, 1);
        const std::size_t minute_at = zone.size() > 3 && zone[3] == ':' ? 4 : 3;
        const int minutes = two_digits(zone, minute_at);
        if (hours < 0 || minutes < 0 || zone.size() != minute_at + 2) {
            return std::nullopt;
        }
        offset_seconds = (zone[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    }
    if (hms[0] > 23 || hms[1] > 59 || hms[2] > 60) {
        return std::nullopt;
    }
    const sys_seconds instant = std::chrono::sys_days{*date} + std::chrono::hours(hms[0]) +
                                std::chrono::minutes(hms[1]) + std::chrono::seconds(hms[2]) -
                                std::chrono::seconds(offset_seconds);
    return utc_time(instant);
}

enum class TimeProperty { Start, End };

icalproperty* new_time_property(TimeProperty which, const icaltimetype& value) {
    return which == TimeProperty::Start ? icalproperty_new_dtstart(value) : icalproperty_new_dtend(value);
}

/// Builds the VEVENTs and remembers which zones they refer to by TZID.
class EventBuilder {
public:
    explicit EventBuilder(sys_seconds stamp) : m_stamp(stamp) {}

    ComponentPtr build(const Occurrence& occurrence) {
        ComponentPtr event(icalcomponent_new_vevent());
        icalcomponent* e = event.get();
        const std::string uid = clean_uri(occurrence.uid);
        icalcomponent_add_property(
            e, icalproperty_new_uid(uid.empty() ? derived_uid(occurrence).c_str() : uid.c_str()));
        icalcomponent_add_property(e, icalproperty_new_dtstamp(utc_time(m_stamp)));
        add_times(e, occurrence);
        if (occurrence.recurrence_id) {
            const auto recurrence_id = parse_recurrence_id(*occurrence.recurrence_id);
            if (!recurrence_id) {
                throw InputError(describe(occurrence) + ": RECURRENCE-ID \"" + *occurrence.recurrence_id +
                                 "\" is neither a date (2024-03-04) nor a UTC time (2024-03-04T09:00:00Z)");
            }
            icalproperty* property = icalproperty_new_recurrenceid(*recurrence_id);
            if (recurrence_id->is_date) {
                icalproperty_add_parameter(property, icalparameter_new_value(ICAL_VALUE_DATE));
            }
            icalcomponent_add_property(e, property);
        }
        icalcomponent_add_property(e, icalproperty_new_summary(clean_text(occurrence.summary).c_str()));
        if (!occurrence.location.empty()) {
            icalcomponent_add_property(e, icalproperty_new_location(clean_text(occurrence.location).c_str()));
        }
        if (!occurrence.description.empty()) {
            icalcomponent_add_property(
                e, icalproperty_new_description(clean_text(occurrence.description).c_str()));
        }
        if (const std::string url = clean_uri(occurrence.url); !url.empty()) {
            icalcomponent_add_property(e, icalproperty_new_url(url.c_str()));
        }
        // One CATEGORIES property per category: a comma inside a category then stays escaped
        // text instead of a list separator.
        for (const auto& category : occurrence.categories) {
            if (!text::trim(category).empty()) {
                icalcomponent_add_property(e, icalproperty_new_categories(clean_text(category).c_str()));
            }
        }
        if (text::iequals(occurrence.status, "confirmed")) {
            icalcomponent_add_property(e, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
        } else if (text::iequals(occurrence.status, "tentative")) {
            icalcomponent_add_property(e, icalproperty_new_status(ICAL_STATUS_TENTATIVE));
        }
        if (occurrence.transparent) {
            icalcomponent_add_property(e, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
        }
        // The people: as mailto: addresses, not inviting anyone (RSVP=FALSE: importing a
        // suggestion must not send mail).
        if (!occurrence.organizer.empty()) {
            icalcomponent_add_property(
                e, icalproperty_new_organizer(("mailto:" + occurrence.organizer).c_str()));
        }
        for (const auto& attendee : occurrence.attendees) {
            if (attendee.find_first_of(" \r\n\t\"") != std::string::npos || attendee.empty()) {
                continue;
            }
            icalproperty* a = icalproperty_new_attendee(("mailto:" + attendee).c_str());
            icalproperty_add_parameter(a, icalparameter_new_rsvp(ICAL_RSVP_FALSE));
            icalcomponent_add_property(e, a);
        }
        if (occurrence.geo && is_valid(*occurrence.geo)) {
            icalgeotype geo{};
            geo.lat = occurrence.geo->lat;
            geo.lon = occurrence.geo->lon;
            icalcomponent_add_property(e, icalproperty_new_geo(geo));
        }
        return event;
    }

    /// Zones used by TZID, by name: std::map keeps the VTIMEZONEs in a stable order.
    const std::map<std::string, icaltimezone*>& zones() const { return m_zones; }

private:
    void add_times(icalcomponent* e, const Occurrence& occurrence) {
        if (occurrence.all_day) {
            const std::chrono::sys_days first{occurrence.start_date};
            std::chrono::sys_days last{occurrence.end_date};
            if (!occurrence.start_date.ok() || !occurrence.end_date.ok() || last < first) {
                throw Error(describe(occurrence) + ": all-day end " + format_date(occurrence.end_date) +
                            " is before its start " + format_date(occurrence.start_date));
            }
            if (last == first) { // a DATE DTSTART without DTEND lasts one day (RFC 5545 3.6.1)
                last += std::chrono::days(1);
            }
            add_date(e, TimeProperty::Start, occurrence.start_date);
            add_date(e, TimeProperty::End, Date{last});
            return;
        }
        if (occurrence.end_utc < occurrence.start_utc) {
            throw Error(describe(occurrence) + ": it ends before it starts");
        }
        add_instant(e, TimeProperty::Start, occurrence.start_utc, occurrence);
        // DTEND must be later than DTSTART; without one the event ends where it starts.
        if (occurrence.end_utc > occurrence.start_utc) {
            add_instant(e, TimeProperty::End, occurrence.end_utc, occurrence);
        }
    }

    static void add_date(icalcomponent* e, TimeProperty which, const Date& date) {
        icalproperty* property = new_time_property(which, date_value(date));
        icalproperty_add_parameter(property, icalparameter_new_value(ICAL_VALUE_DATE));
        icalcomponent_add_property(e, property);
    }

    // "floating": wall time in display_zone, no TZID. A zone libical does not know, and a wall
    // time that occurs twice, are written in UTC: the instant is what must survive.
    void add_instant(icalcomponent* e, TimeProperty which, sys_seconds t, const Occurrence& occurrence) {
        const bool floating = text::iequals(occurrence.timezone, "floating");
        const std::string& zone_name = floating ? occurrence.display_zone : occurrence.timezone;
        icaltimezone* zone = builtin_zone(zone_name);
        if (zone == nullptr) {
            icalcomponent_add_property(
                e, new_time_property(which, floating ? date_time_fields(t) : utc_time(t)));
            return;
        }
        const int offset = utc_offset(zone, t);
        const icaltimetype wall = date_time_fields(t + std::chrono::seconds(offset));
        if (floating) {
            icalcomponent_add_property(e, new_time_property(which, wall));
            return;
        }
        if (wall_time_is_ambiguous(zone, t, offset)) {
            icalcomponent_add_property(e, new_time_property(which, utc_time(t)));
            return;
        }
        icalproperty* property = new_time_property(which, wall);
        icalproperty_add_parameter(property, icalparameter_new_tzid(zone_name.c_str()));
        icalcomponent_add_property(e, property);
        m_zones.emplace(zone_name, zone);
    }

    sys_seconds m_stamp;
    std::map<std::string, icaltimezone*> m_zones;
};

/// libical's VTIMEZONE for a builtin zone, its TZID set to the plain IANA name: libical names
/// it "/freeassociation.sourceforge.net/Europe/Berlin" (or "/.../Tzfile/..." in other builds),
/// which other software does not map to a zone.
ComponentPtr timezone_component(const std::string& name, icaltimezone* zone) {
    icalcomponent* builtin = icaltimezone_get_component(zone);
    if (builtin == nullptr) {
        throw Error("libical has no VTIMEZONE for the zone " + name);
    }
    ComponentPtr vtimezone(icalcomponent_new_clone(builtin));
    icalproperty* tzid = icalcomponent_get_first_property(vtimezone.get(), ICAL_TZID_PROPERTY);
    if (tzid == nullptr) {
        icalcomponent_add_property(vtimezone.get(), icalproperty_new_tzid(name.c_str()));
    } else {
        icalproperty_set_tzid(tzid, name.c_str());
    }
    return vtimezone;
}

} // namespace

std::string write_ics(const std::vector<Occurrence>& occurrences, const IcsWriteOptions& options) {
    const sys_seconds stamp =
        options.stamp ? *options.stamp
                      : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());

    EventBuilder builder(stamp);
    std::vector<ComponentPtr> events;
    events.reserve(occurrences.size());
    for (const auto& occurrence : occurrences) {
        events.push_back(builder.build(occurrence));
    }

    ComponentPtr calendar(icalcomponent_new_vcalendar());
    icalcomponent* c = calendar.get();
    icalcomponent_add_property(c, icalproperty_new_prodid(clean_text(options.prodid).c_str()));
    icalcomponent_add_property(c, icalproperty_new_version("2.0"));
    icalcomponent_add_property(c, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(c, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    if (!options.calendar_name.empty()) {
        icalproperty* name = icalproperty_new_x(clean_text(options.calendar_name).c_str());
        icalproperty_set_x_name(name, "X-WR-CALNAME");
        icalcomponent_add_property(c, name);
    }
    for (const auto& [name, zone] : builder.zones()) {
        icalcomponent_add_component(c, timezone_component(name, zone).release());
    }
    for (auto& event : events) {
        icalcomponent_add_component(c, event.release());
    }

    std::string out;
    append_component(out, c);
    return out;
}

} // namespace sidetrip::calendar
