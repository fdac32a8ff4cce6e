#include "sidetrip/calendar/time_zones.hpp"

#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>
#include <vector>

namespace sidetrip::calendar {

namespace detail {
// The contents of data/windows_zones.tsv and data/windows_display_names.tsv, compiled in by CMake
// (windows_zones_data.cpp.in).
extern const char* const WindowsZonesTsv;
extern const char* const WindowsDisplayNamesTsv;
} // namespace detail

namespace {

using std::chrono::days;
using std::chrono::local_seconds;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

/// Key under which Windows ids and display names are compared: ASCII lower case with every space
/// removed, because producers differ in both ("W. Europe Standard Time", "(UTC+01:00)Amsterdam").
std::string spaceless_lower(std::string_view s) {
    std::string key;
    key.reserve(s.size());
    for (char c : s) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            key.push_back(c);
        }
    }
    return text::ascii_lower(key);
}

/// Display names changed their prefix from "(GMT+01:00)" to "(UTC+01:00)" with Windows 7, and the
/// zero offset is written "(GMT)", "(UTC)" or "(UTC+00:00)" depending on the version.
std::string display_name_key(std::string_view display_name) {
    std::string key = spaceless_lower(display_name);
    if (key.starts_with("(gmt")) {
        key.replace(1, 3, "utc");
    }
    if (key.starts_with("(utc)")) {
        key.replace(0, 5, "(utc+00:00)");
    }
    return key;
}

/// A display name taken apart for the looser matches: its offset ("+01:00"; empty when the TZID
/// has no "(UTC+01:00)" prefix) and its name reduced to lower-case letters and digits, "&" read
/// as "and". Producers and Windows versions differ in exactly these: "(US & Canada)" and
/// "(US and Canada)", "; Tijuana" and ", Tijuana", "Rome, Stockholm" and "Rome; Stockholm".
struct DisplayNameParts {
    std::string offset;
    std::string name;
};

DisplayNameParts display_name_parts(std::string_view display_name) {
    DisplayNameParts parts;
    std::string_view rest = text::trim(display_name);
    if (rest.starts_with('(')) {
        const auto close = rest.find(')');
        if (close == std::string_view::npos) {
            return parts;
        }
        std::string inside = spaceless_lower(rest.substr(1, close - 1));
        if (inside.starts_with("utc") || inside.starts_with("gmt")) {
            inside.erase(0, 3);
            parts.offset = inside.empty() ? "+00:00" : inside;
            rest.remove_prefix(close + 1);
        }
    }
    for (std::size_t i = 0; i < rest.size(); ++i) {
        const char c = rest[i];
        if (c == '&') {
            parts.name += "and";
        } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
            parts.name.push_back(c);
        } else if (c >= 'A' && c <= 'Z') {
            parts.name.push_back(static_cast<char>(c - 'A' + 'a'));
        }
    }
    return parts;
}

struct DisplayNameEntry {
    DisplayNameParts parts;
    std::string windows_id;
};

struct WindowsTables {
    std::unordered_map<std::string, std::string> iana_by_id;      ///< spaceless_lower(id) -> IANA
    std::unordered_map<std::string, std::string> id_by_display;   ///< display_name_key -> id
    std::unordered_map<std::string, std::string> iana_by_lowered; ///< lower-case IANA -> IANA
    std::vector<DisplayNameEntry> display_names;                  ///< for the looser matches
};

/// Calls `row` with the fields of each line after the header; blank lines are skipped.
template <typename Row> void for_each_tsv_row(std::string_view tsv, Row row) {
    bool header = true;
    for (std::string_view line : text::split(tsv, '\n')) {
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (header || line.empty()) {
            header = false;
            continue;
        }
        row(text::split(line, '\t'));
    }
}

const WindowsTables& windows_tables() {
    static const WindowsTables tables = [] {
        WindowsTables t;
        for_each_tsv_row(detail::WindowsZonesTsv, [&](const std::vector<std::string_view>& f) {
            if (f.size() < 3) {
                return;
            }
            if (f[1] == "001") {
                t.iana_by_id.emplace(spaceless_lower(f[0]), std::string(f[2]));
            }
            t.iana_by_lowered.emplace(text::ascii_lower(f[2]), std::string(f[2]));
        });
        for_each_tsv_row(detail::WindowsDisplayNamesTsv, [&](const std::vector<std::string_view>& f) {
            if (f.size() >= 2) {
                t.id_by_display.emplace(display_name_key(f[0]), std::string(f[1]));
                t.display_names.push_back({display_name_parts(f[0]), std::string(f[1])});
            }
        });
        // The zones of the system's zone.tab, so that "europe/berlin" finds "Europe/Berlin".
        // Listing them does not load them.
        icalarray* builtin = icaltimezone_get_builtin_timezones();
        for (size_t i = 0; builtin != nullptr && i < builtin->num_elements; ++i) {
            auto* zone = static_cast<icaltimezone*>(icalarray_element_at(builtin, i));
            if (const char* location = icaltimezone_get_location(zone); location != nullptr) {
                t.iana_by_lowered.emplace(text::ascii_lower(location), location);
            }
        }
        return t;
    }();
    return tables;
}

/// Whether `name` may be handed to libical, which turns it into a path under
/// /usr/share/zoneinfo: "Area/City" words only, no "..", and none of the files there that are
/// not zones of their own (the host's localtime, the leap-second "right/" variants).
bool is_plausible_zone_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') {
        return false;
    }
    for (char c : name) {
        const bool word = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                          c == '_' || c == '-' || c == '+' || c == '/';
        if (!word) {
            return false;
        }
    }
    if (name.find("//") != std::string_view::npos) {
        return false;
    }
    return name != "localtime" && name != "posixrules" && !name.starts_with("posix/") &&
           !name.starts_with("right/");
}

/// libical's zone for an IANA name, or nullptr. Lookups (misses too) are remembered: libical
/// reads and expands the tzfile on each miss.
icaltimezone* find_zone(std::string_view name) {
    static std::unordered_map<std::string, icaltimezone*> cache;
    std::string key(name);
    if (auto it = cache.find(key); it != cache.end()) {
        return it->second;
    }
    icaltimezone* zone = nullptr;
    if (key == "UTC") {
        zone = icaltimezone_get_utc_timezone();
    } else if (is_plausible_zone_name(key)) {
        zone = icaltimezone_get_builtin_timezone(key.c_str());
    }
    cache.emplace(std::move(key), zone);
    return zone;
}

icaltimezone* zone_or_throw(std::string_view name) {
    if (icaltimezone* zone = find_zone(name)) {
        return zone;
    }
    throw InputError("time zone \"" + std::string(name) +
                     "\": not a zone in the system's tzdata (use an IANA name such as Europe/Berlin)");
}

/// The zone's offset from UTC at an instant. libical is reliable in this direction (UTC to
/// wall clock is a function); the other direction is built on it in to_utc.
int offset_at_exactly(icaltimezone* zone, sys_seconds instant) {
    const sys_days day = std::chrono::floor<days>(instant);
    const std::chrono::year_month_day date{day};
    const std::chrono::hh_mm_ss time{instant - day};
    icaltimetype tt = icaltime_null_time();
    tt.year = static_cast<int>(date.year());
    tt.month = static_cast<int>(static_cast<unsigned>(date.month()));
    tt.day = static_cast<int>(static_cast<unsigned>(date.day()));
    tt.hour = static_cast<int>(time.hours().count());
    tt.minute = static_cast<int>(time.minutes().count());
    tt.second = static_cast<int>(time.seconds().count());
    int is_daylight = 0;
    return icaltimezone_get_utc_offset_of_utc_time(zone, &tt, &is_daylight);
}

// libical's offset lookup is exact but costs thousands of instructions, and an import asks it
// several times per occurrence. Offsets change at most once on any day in real tzdata, so each
// zone's offsets at the first and last second of a UTC day are kept: when they are equal, that
// is the offset all day; on a transition day the exact lookup runs.
int offset_at(icaltimezone* zone, sys_seconds instant) {
    if (zone == icaltimezone_get_utc_timezone()) {
        return 0;
    }
    struct DayKey {
        icaltimezone* zone;
        std::int64_t day;
        bool operator==(const DayKey&) const = default;
    };
    struct DayKeyHash {
        std::size_t operator()(const DayKey& k) const noexcept {
            return std::hash<const void*>{}(k.zone) ^
                   (std::hash<std::int64_t>{}(k.day) * 0x9E3779B97F4A7C15ULL);
        }
    };
    static std::unordered_map<DayKey, std::pair<int, int>, DayKeyHash> days_seen;
    const sys_days day = std::chrono::floor<days>(instant);
    const DayKey key{zone, day.time_since_epoch().count()};
    auto it = days_seen.find(key);
    if (it == days_seen.end()) {
        const sys_seconds start{day};
        it = days_seen
                 .emplace(key, std::make_pair(offset_at_exactly(zone, start),
                                              offset_at_exactly(zone, start + days{1} - seconds{1})))
                 .first;
    }
    return it->second.first == it->second.second ? it->second.first : offset_at_exactly(zone, instant);
}

/// "UTC" and the tzdata names that are UTC itself, which RFC 3339 writes with "Z".
bool is_utc_name(std::string_view zone) {
    static constexpr std::array<std::string_view, 12> names{
        "UTC",       "Etc/UTC",       "Etc/UCT", "UCT",     "Etc/Zulu", "Zulu",
        "Universal", "Etc/Universal", "GMT",     "Etc/GMT", "GMT0",     "Etc/GMT0"};
    return std::find(names.begin(), names.end(), zone) != names.end();
}

std::string_view unquoted(std::string_view s) {
    s = text::trim(s);
    while (s.size() >= 2 &&
           ((s.front() == '"' && s.back() == '"') || (s.front() == '\'' && s.back() == '\''))) {
        s = text::trim(s.substr(1, s.size() - 2));
    }
    return s;
}

/// Shortest name a cut-short display name may keep and still be matched by its start: "Amsterdam"
/// is one city, "Cent" is half a dozen zones.
constexpr std::size_t ShortestNameStart = 8;

/// The Windows id of a display name that does not match any entry exactly (see
/// docs/time_zones.md), or "" when none or more than one would fit:
/// 1. the same offset and the same name once case, "&"/"and", spaces and punctuation are set aside;
/// 2. without an offset in the TZID ("Pacific Time (US & Canada), Tijuana", as Outlook's CDO
///    writes it), the same name;
/// 3. with an offset, an entry of that offset whose name starts with the TZID's or whose start the
///    TZID's name is (names cut short by a producer, a city added or dropped by a Windows version).
std::string windows_id_for_display_name(std::string_view tzid) {
    const DisplayNameParts wanted = display_name_parts(tzid);
    if (wanted.name.empty()) {
        return {};
    }
    const auto& entries = windows_tables().display_names;
    auto unique_id = [&](auto fits) {
        std::string found;
        for (const DisplayNameEntry& e : entries) {
            if (!fits(e.parts)) {
                continue;
            }
            if (!found.empty() && found != e.windows_id) {
                return std::string();
            }
            found = e.windows_id;
        }
        return found;
    };
    if (wanted.offset.empty()) {
        return unique_id([&](const DisplayNameParts& p) { return p.name == wanted.name; });
    }
    if (auto id = unique_id(
            [&](const DisplayNameParts& p) { return p.offset == wanted.offset && p.name == wanted.name; });
        !id.empty()) {
        return id;
    }
    if (wanted.name.size() < ShortestNameStart) {
        return {};
    }
    return unique_id([&](const DisplayNameParts& p) {
        return p.offset == wanted.offset && p.name.size() >= ShortestNameStart &&
               (p.name.starts_with(wanted.name) || wanted.name.starts_with(p.name));
    });
}

/// A TZID without producer prefix: IANA name (exact, then ignoring case), Windows id, Windows
/// display name.
std::optional<std::string> resolve_plain(std::string_view name) {
    if (name.empty()) {
        return std::nullopt;
    }
    if (is_known_zone(name)) {
        return std::string(name);
    }
    const WindowsTables& tables = windows_tables();
    auto known = [](const std::string& iana) -> std::optional<std::string> {
        if (is_known_zone(iana)) {
            return iana;
        }
        return std::nullopt;
    };
    if (auto it = tables.iana_by_lowered.find(text::ascii_lower(name)); it != tables.iana_by_lowered.end()) {
        return known(it->second);
    }
    if (auto it = tables.iana_by_id.find(spaceless_lower(name)); it != tables.iana_by_id.end()) {
        return known(it->second);
    }
    if (auto it = tables.id_by_display.find(display_name_key(name)); it != tables.id_by_display.end()) {
        if (auto iana = tables.iana_by_id.find(spaceless_lower(it->second));
            iana != tables.iana_by_id.end()) {
            return known(iana->second);
        }
    }
    if (const std::string id = windows_id_for_display_name(name); !id.empty()) {
        if (auto iana = tables.iana_by_id.find(spaceless_lower(id)); iana != tables.iana_by_id.end()) {
            return known(iana->second);
        }
    }
    return std::nullopt;
}

/// Removes one prefix that calendar producers put before the zone name; false when none is there.
/// "*" stands for one path component (a version such as "20050126_1" or "Olson_20011030_5").
bool strip_producer_prefix(std::string& tzid) {
    static constexpr std::array<std::string_view, 7> prefixes{
        "/freeassociation.sourceforge.net/Tzfile/", // libical before 3.0
        "/freeassociation.sourceforge.net/",        // libical 3
        "/mozilla.org/*/",                          // Thunderbird/Lightning
        "/softwarestudio.org/*/",                   // old libical, Evolution ("Olson_20011030_5", "Tzfile")
        "/citadel.org/*/",                          // Citadel
        "tzone://Microsoft/",                       // Exchange Online ("tzone://Microsoft/Utc")
        "/kde.org/*/"};
    for (std::string_view prefix : prefixes) {
        const auto star = prefix.find('*');
        const std::string_view head = prefix.substr(0, star);
        if (!text::istarts_with(tzid, head)) {
            continue;
        }
        std::size_t end = head.size();
        if (star != std::string_view::npos) {
            end = tzid.find('/', head.size());
            if (end == std::string::npos || end == head.size()) {
                continue;
            }
            ++end;
        }
        tzid.erase(0, end);
        return true;
    }
    return false;
}

} // namespace

bool is_known_zone(std::string_view zone) {
    return find_zone(zone) != nullptr;
}

std::optional<std::string> iana_zone_for(std::string_view tzid) {
    const std::string_view name = unquoted(tzid);
    if (auto zone = resolve_plain(name)) {
        return zone;
    }
    std::string rest(name);
    while (strip_producer_prefix(rest)) {
        rest = std::string(unquoted(rest));
        if (auto zone = resolve_plain(rest)) {
            return zone;
        }
    }
    // Some other producer's "/vendor/version/Area/City": the longest tail that is a zone.
    if (name.starts_with('/')) {
        for (std::size_t slash = name.find('/', 1); slash != std::string_view::npos;
             slash = name.find('/', slash + 1)) {
            if (auto zone = resolve_plain(name.substr(slash + 1))) {
                return zone;
            }
        }
    }
    return std::nullopt;
}

std::chrono::sys_seconds to_utc(std::chrono::local_seconds wall, std::string_view zone) {
    icaltimezone* tz = zone_or_throw(zone);
    // libical's own wall-to-UTC conversion (icaltime_as_timet_with_zone) resolves both edges the
    // wrong way for RFC 5545: a nonexistent 02:30 moves back by the gap (01:30 standard time)
    // and an ambiguous 01:30 becomes the second occurrence. So it is computed here from the
    // offsets, which libical gets right: an offset o fits when the instant wall - o has offset
    // o. The offsets in force a day before and after cover any single transition near `wall`.
    const sys_seconds as_if_utc{wall.time_since_epoch()};
    // Nearly always the offset is the same a day either side: then it is the answer.
    if (const int before = offset_at(tz, as_if_utc - days{1});
        before == offset_at(tz, as_if_utc + days{1}) && before == offset_at(tz, as_if_utc)) {
        return as_if_utc - seconds{before};
    }
    std::array<int, 3> candidates{offset_at(tz, as_if_utc - days{1}), offset_at(tz, as_if_utc),
                                  offset_at(tz, as_if_utc + days{1})};
    std::optional<sys_seconds> first;
    for (int offset : candidates) {
        const sys_seconds instant = as_if_utc - seconds{offset};
        if (offset_at(tz, instant) == offset && (!first || instant < *first)) {
            first = instant; // the earliest fitting instant is the first occurrence
        }
    }
    if (first) {
        return *first;
    }
    // In a gap. At wall - (largest offset) the clock has not jumped yet; reading the wall time
    // with the offset in force then lands after the jump, later by the size of the gap.
    const int largest = *std::max_element(candidates.begin(), candidates.end());
    return as_if_utc - seconds{offset_at(tz, as_if_utc - seconds{largest})};
}

std::chrono::local_seconds to_local(std::chrono::sys_seconds instant, std::string_view zone) {
    icaltimezone* tz = zone_or_throw(zone);
    return local_seconds{instant.time_since_epoch() + seconds{offset_at(tz, instant)}};
}

int utc_offset_seconds(std::chrono::sys_seconds instant, std::string_view zone) {
    return offset_at(zone_or_throw(zone), instant);
}

std::string format_clock(std::chrono::sys_seconds instant, std::string_view zone) {
    const auto local = to_local(instant, zone);
    const std::chrono::hh_mm_ss hms{local - std::chrono::floor<days>(local)};
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()));
    return text;
}

std::chrono::year_month_day local_date(std::chrono::sys_seconds instant, std::string_view zone) {
    return std::chrono::year_month_day{
        sys_days{std::chrono::floor<days>(to_local(instant, zone)).time_since_epoch()}};
}

std::string format_rfc3339(std::chrono::sys_seconds instant, std::string_view zone) {
    icaltimezone* tz = zone_or_throw(zone);
    const bool utc = is_utc_name(zone);
    int offset = utc ? 0 : offset_at(tz, instant);
    // RFC 3339 offsets have no seconds; local mean time before ~1900 has them. Rounding the
    // offset and the wall time together keeps the text naming the same instant.
    offset = (offset + (offset < 0 ? -30 : 30)) / 60 * 60;
    const sys_seconds wall{instant.time_since_epoch() + seconds{offset}};
    const sys_days day = std::chrono::floor<days>(wall);
    const std::chrono::year_month_day date{day};
    const std::chrono::hh_mm_ss time{wall - day};
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    std::string result = text;
    if (utc) {
        result += 'Z';
    } else {
        const int minutes = std::abs(offset) / 60;
        std::snprintf(text, sizeof text, "%c%02d:%02d", offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
        result += text;
    }
    return result;
}

} // namespace sidetrip::calendar
