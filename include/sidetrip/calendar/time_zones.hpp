#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sidetrip::calendar {

/**
 * The IANA zone a TZID written by a calendar producer stands for, or nullopt:
 * - an IANA name known to the system's tzdata, as it is ("Europe/Berlin", "UTC");
 * - libical's, Mozilla's and Exchange's prefixed forms
 *   ("/freeassociation.sourceforge.net/Tzfile/Europe/Berlin", "/mozilla.org/20050126_1/America/New_York",
 *   "tzone://Microsoft/Utc"), the prefix removed;
 * - Windows zone ids ("Pacific Standard Time", "W. Europe Standard Time"), mapped with the
 *   table built from CLDR's windowsZones (data/windows_zones.tsv, territory "001");
 * - Windows display names ("(UTC-05:00) Eastern Time (US & Canada)", "(GMT+01:00) Amsterdam,
 *   Berlin, ..."), through their Windows id (data/windows_display_names.tsv).
 * Matching ignores case and surrounding quotes/spaces; display names also match when only
 * "(GMT+01:00)" versus "(UTC+01:00)" or the spacing differs. A zone is returned only when the
 * system's tzdata has it, so the result can be passed to to_utc and friends. See docs/time_zones.md.
 */
std::optional<std::string> iana_zone_for(std::string_view tzid);

/// True when `zone` is an IANA zone the system's tzdata has (exact spelling; "UTC" included).
bool is_known_zone(std::string_view zone);

/**
 * The UTC instant of a wall-clock time in an IANA zone. A time that does not exist (spring
 * forward) moves forward by the gap; a time that exists twice (fall back) is the first one,
 * as RFC 5545 section 3.3.5 says.
 * @throws InputError when the zone is unknown.
 */
std::chrono::sys_seconds to_utc(std::chrono::local_seconds wall, std::string_view zone);

/// The wall-clock time of an instant in an IANA zone ("UTC" allowed). @throws InputError when unknown.
std::chrono::local_seconds to_local(std::chrono::sys_seconds instant, std::string_view zone);

/// The zone's offset from UTC at an instant, in seconds. @throws InputError when unknown.
int utc_offset_seconds(std::chrono::sys_seconds instant, std::string_view zone);

/// "09:30": the wall-clock hour and minute of an instant in a zone. @throws InputError when unknown.
std::string format_clock(std::chrono::sys_seconds instant, std::string_view zone);

/// The calendar date of an instant in a zone. @throws InputError when the zone is unknown.
std::chrono::year_month_day local_date(std::chrono::sys_seconds instant, std::string_view zone);

/**
 * RFC 3339 with the zone's offset at that instant: "2024-03-04T09:00:00+08:00". "Z" when the zone
 * is UTC itself ("UTC", "Etc/UTC", "GMT", ...), "+00:00" for a zone that is merely at offset zero
 * (Europe/London in winter).
 * @throws InputError when the zone is unknown.
 */
std::string format_rfc3339(std::chrono::sys_seconds instant, std::string_view zone);

} // namespace sidetrip::calendar
