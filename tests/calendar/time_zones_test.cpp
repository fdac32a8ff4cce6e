#include <catch2/catch.hpp>

#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/error.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using sidetrip::calendar::format_rfc3339;
using sidetrip::calendar::iana_zone_for;
using sidetrip::calendar::is_known_zone;
using sidetrip::calendar::to_local;
using sidetrip::calendar::to_utc;
using sidetrip::calendar::utc_offset_seconds;

/// "YYYY-MM-DD hh:mm:ss" of a time point's count, computed without the code under test, so that a
/// failing check prints a readable time.
template <typename Duration> std::string text_of(Duration since_epoch) {
    const sys_seconds t{duration_cast<seconds>(since_epoch)};
    const sys_days day = floor<days>(t);
    const year_month_day date{day};
    const hh_mm_ss time{t - day};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02d:%02d:%02d", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return buffer;
}

/// iana_zone_for's answer as text ("<none>" for nullopt), for checks that print well.
std::string zone_for(std::string_view tzid) {
    return iana_zone_for(tzid).value_or("<none>");
}

std::string utc_text(sys_seconds t) {
    return text_of(t.time_since_epoch());
}
std::string wall_text(local_seconds t) {
    return text_of(t.time_since_epoch());
}

local_seconds wall(year_month_day date, seconds time_of_day) {
    return local_days{date} + time_of_day;
}
sys_seconds utc(year_month_day date, seconds time_of_day) {
    return sys_days{date} + time_of_day;
}

/// The rows of a shipped TSV after its header line, split on tabs.
std::vector<std::vector<std::string>> read_tsv(const std::string& name, std::string& header) {
    std::ifstream in(std::string(SIDETRIP_SOURCE_DIR) + "/data/" + name);
    REQUIRE(in);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    std::getline(in, header);
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::stringstream split(line);
        for (std::string field; std::getline(split, field, '\t');) {
            fields.push_back(field);
        }
        rows.push_back(fields);
    }
    return rows;
}

/// Windows id -> default (territory 001) IANA zone, from data/windows_zones.tsv.
std::map<std::string, std::string> windows_defaults() {
    std::string header;
    std::map<std::string, std::string> defaults;
    for (const auto& row : read_tsv("windows_zones.tsv", header)) {
        if (row.size() == 3 && row[1] == "001") {
            defaults.emplace(row[0], row[2]);
        }
    }
    return defaults;
}

} // namespace

TEST_CASE("an IANA name known to tzdata stands for itself", "[calendar]") {
    CHECK(zone_for("Europe/Berlin") == "Europe/Berlin");
    CHECK(zone_for("Asia/Manila") == "Asia/Manila");
    CHECK(zone_for("America/Argentina/Buenos_Aires") == "America/Argentina/Buenos_Aires");
    CHECK(zone_for("UTC") == "UTC");
    CHECK(zone_for("US/Eastern") == "US/Eastern");
    CHECK(zone_for("Etc/GMT+5") == "Etc/GMT+5");
    CHECK(zone_for("  \"Asia/Tokyo\" ") == "Asia/Tokyo");
}

TEST_CASE("an IANA name in another case resolves to the tzdata spelling", "[calendar]") {
    CHECK(zone_for("europe/berlin") == "Europe/Berlin");
    CHECK(zone_for("AMERICA/NEW_YORK") == "America/New_York");
    CHECK(is_known_zone("Europe/Berlin"));
    CHECK_FALSE(is_known_zone("europe/berlin"));
}

TEST_CASE("the zone name prefixes of libical, Mozilla and Exchange are removed", "[calendar]") {
    CHECK(zone_for("/freeassociation.sourceforge.net/Tzfile/Europe/Berlin") == "Europe/Berlin");
    CHECK(zone_for("/freeassociation.sourceforge.net/Europe/Berlin") == "Europe/Berlin");
    CHECK(zone_for("/mozilla.org/20050126_1/America/New_York") == "America/New_York");
    CHECK(zone_for("/mozilla.org/20070129_1/America/Argentina/Buenos_Aires") ==
          "America/Argentina/Buenos_Aires");
    CHECK(zone_for("/softwarestudio.org/Olson_20011030_5/America/New_York") == "America/New_York");
    CHECK(zone_for("/softwarestudio.org/Tzfile/Asia/Manila") == "Asia/Manila");
    CHECK(zone_for("\"/mozilla.org/20050126_1/Asia/Singapore\"") == "Asia/Singapore");
    CHECK(zone_for("/example.com/v2/Europe/Paris") == "Europe/Paris");
    CHECK(zone_for("tzone://Microsoft/Utc") == "Etc/UTC");
}

TEST_CASE("a Windows zone id maps to CLDR's default zone for it", "[calendar]") {
    CHECK(zone_for("Pacific Standard Time") == "America/Los_Angeles");
    CHECK(zone_for("Eastern Standard Time") == "America/New_York");
    CHECK(zone_for("W. Europe Standard Time") == "Europe/Berlin");
    CHECK(zone_for("China Standard Time") == "Asia/Shanghai");
    CHECK(zone_for("Singapore Standard Time") == "Asia/Singapore");
    CHECK(zone_for("singapore standard time") == "Asia/Singapore");
    CHECK(zone_for("Central Standard Time (Mexico)") == "America/Mexico_City");
    CHECK(zone_for("UTC+12") == "Etc/GMT-12");
    CHECK(zone_for("\"Tokyo Standard Time\"") == "Asia/Tokyo");
}

TEST_CASE("a Windows display name maps through its Windows id", "[calendar]") {
    CHECK(zone_for("(UTC-05:00) Eastern Time (US & Canada)") == "America/New_York");
    CHECK(zone_for("(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi") == "Asia/Shanghai");
    CHECK(zone_for("(UTC+08:00) Kuala Lumpur, Singapore") == "Asia/Singapore");
    CHECK(zone_for("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna") == "Europe/Berlin");
    CHECK(zone_for("(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi") == "Asia/Calcutta");
    CHECK(zone_for("(UTC) Coordinated Universal Time") == "Etc/UTC");
}

TEST_CASE("an old GMT-style display name is matched like its UTC-style successor", "[calendar]") {
    CHECK(zone_for("(GMT-08:00) Pacific Time (US & Canada)") == "America/Los_Angeles");
    CHECK(zone_for("(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna") == "Europe/Berlin");
    CHECK(zone_for("(GMT+08:00) Kuala Lumpur, Singapore") == "Asia/Singapore");
    CHECK(zone_for("(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London") == "Europe/London");
    CHECK(zone_for("(GMT) Dublin, Edinburgh, Lisbon, London") == "Europe/London");
    CHECK(zone_for("(GMT-08:00) Pacific Time (US & Canada); Tijuana") == "America/Los_Angeles");
}

TEST_CASE("display names match ignoring case, spacing and quotes", "[calendar]") {
    CHECK(zone_for("(utc-05:00) eastern time (us & canada)") == "America/New_York");
    CHECK(zone_for("(UTC-05:00)Eastern Time (US & Canada)") == "America/New_York");
    CHECK(zone_for("(UTC -05:00)  Eastern  Time (US & Canada) ") == "America/New_York");
    CHECK(zone_for("\"(UTC+08:00) Kuala Lumpur, Singapore\"") == "Asia/Singapore");
}

TEST_CASE("display names match with \"and\" for \"&\" and with other punctuation", "[calendar]") {
    CHECK(zone_for("(UTC-08:00) Pacific Time (US and Canada)") == "America/Los_Angeles");
    CHECK(zone_for("(UTC-05:00) Eastern Time US & Canada") == "America/New_York");
    CHECK(zone_for("(UTC+01:00) Amsterdam; Berlin; Bern; Rome; Stockholm; Vienna") == "Europe/Berlin");
    CHECK(zone_for("(UTC+08:00) Kuala Lumpur - Singapore") == "Asia/Singapore");
}

TEST_CASE("a display name without its offset, or cut short, is found by its name within the offset",
          "[calendar]") {
    // Outlook's CDO export writes the name without "(GMT-08:00)"; some producers cut long TZIDs.
    CHECK(zone_for("Pacific Time (US & Canada), Tijuana") == "America/Los_Angeles");
    CHECK(zone_for("Eastern Time (US & Canada)") == "America/New_York");
    CHECK(zone_for("(UTC+01:00) Amsterdam, Berlin, Bern, Rome") == "Europe/Berlin");
    CHECK(zone_for("(UTC-06:00) Central Time (US and Canada)") == "America/Chicago");
    // A name that is in no entry, or an offset with no name, finds nothing.
    CHECK_FALSE(iana_zone_for("(UTC+01:00)"));
    CHECK_FALSE(iana_zone_for("(UTC+02:00) Amsterdam, Berlin"));
}

TEST_CASE("a TZID that names no known zone gives nothing", "[calendar]") {
    CHECK_FALSE(iana_zone_for(""));
    CHECK_FALSE(iana_zone_for("\"\""));
    CHECK_FALSE(iana_zone_for("Customized Time Zone"));
    CHECK_FALSE(iana_zone_for("tzone://Microsoft/Custom"));
    CHECK_FALSE(iana_zone_for("Mars/Olympus_Mons"));
    CHECK_FALSE(iana_zone_for("(UTC+05:00) Nowhere In Particular"));
    CHECK_FALSE(iana_zone_for("/mozilla.org/20050126_1/Mars/Olympus_Mons"));
    CHECK_FALSE(iana_zone_for("../../../etc/passwd"));
    CHECK_FALSE(iana_zone_for("/etc/passwd"));
    CHECK_FALSE(iana_zone_for("localtime"));
    CHECK_FALSE(iana_zone_for("right/Europe/Berlin"));
    CHECK_FALSE(is_known_zone("Mars/Olympus_Mons"));
    CHECK_FALSE(is_known_zone(""));
}

TEST_CASE("the Windows zone table has its header and a default zone for every Windows id", "[calendar]") {
    std::string header;
    const auto rows = read_tsv("windows_zones.tsv", header);
    CHECK(header == "windows_id\tterritory\tiana");
    std::set<std::string> ids;
    for (const auto& row : rows) {
        REQUIRE(row.size() == 3);
        ids.insert(row[0]);
    }
    const auto defaults = windows_defaults();
    CHECK(defaults.size() == ids.size());
    CHECK(defaults.size() >= 130);
    for (const auto& [id, zone] : defaults) {
        INFO(id << " -> " << zone);
        CHECK(is_known_zone(zone));
        // "UTC" is also an IANA name, and those are taken as they are.
        CHECK(zone_for(id) == (id == "UTC" ? "UTC" : zone));
    }
}

TEST_CASE("every Windows id in the display name table is in the Windows zone table", "[calendar]") {
    std::string header;
    const auto rows = read_tsv("windows_display_names.tsv", header);
    CHECK(header == "display_name\twindows_id");
    CHECK(rows.size() >= 140);
    const auto defaults = windows_defaults();
    std::set<std::string> covered;
    for (const auto& row : rows) {
        REQUIRE(row.size() == 2);
        INFO(row[0] << " -> " << row[1]);
        const auto zone = defaults.find(row[1]);
        REQUIRE(zone != defaults.end());
        CHECK(zone_for(row[0]) == zone->second);
        covered.insert(row[1]);
    }
    for (const auto& [id, zone] : defaults) {
        INFO("Windows id without a display name: " << id);
        CHECK(covered.count(id) == 1);
    }
}

TEST_CASE("a wall time away from transitions converts with the zone's offset", "[calendar]") {
    CHECK(utc_text(to_utc(wall(2024y / 3 / 4, 9h), "Asia/Manila")) == "2024-03-04 01:00:00");
    CHECK(utc_text(to_utc(wall(2024y / 1 / 15, 9h), "America/New_York")) == "2024-01-15 14:00:00");
    CHECK(utc_text(to_utc(wall(2024y / 7 / 15, 9h), "America/New_York")) == "2024-07-15 13:00:00");
    CHECK(utc_text(to_utc(wall(2024y / 7 / 15, 9h), "Europe/Berlin")) == "2024-07-15 07:00:00");
    CHECK(utc_text(to_utc(wall(2024y / 7 / 15, 9h), "UTC")) == "2024-07-15 09:00:00");
    CHECK(utc_text(to_utc(wall(2024y / 7 / 15, 9h), "Asia/Kathmandu")) == "2024-07-15 03:15:00");
    CHECK(utc_text(to_utc(wall(2060y / 7 / 15, 9h), "America/New_York")) == "2060-07-15 13:00:00");
}

TEST_CASE("a wall time skipped by spring forward moves forward by the gap", "[calendar]") {
    // 02:30 does not exist on these days; read with the offset before the jump it is 03:30.
    const auto new_york = to_utc(wall(2024y / 3 / 10, 2h + 30min), "America/New_York");
    CHECK(utc_text(new_york) == "2024-03-10 07:30:00");
    CHECK(wall_text(to_local(new_york, "America/New_York")) == "2024-03-10 03:30:00");
    const auto berlin = to_utc(wall(2024y / 3 / 31, 2h + 30min), "Europe/Berlin");
    CHECK(utc_text(berlin) == "2024-03-31 01:30:00");
    CHECK(wall_text(to_local(berlin, "Europe/Berlin")) == "2024-03-31 03:30:00");
    // The whole skipped day of Samoa's move across the date line.
    CHECK(utc_text(to_utc(wall(2011y / 12 / 30, 12h), "Pacific/Apia")) == "2011-12-30 22:00:00");
}

TEST_CASE("a wall time repeated by fall back is its first occurrence", "[calendar]") {
    CHECK(utc_text(to_utc(wall(2024y / 11 / 3, 1h + 30min), "America/New_York")) == "2024-11-03 05:30:00");
    CHECK(utc_text(to_utc(wall(2024y / 10 / 27, 2h + 30min), "Europe/Berlin")) == "2024-10-27 00:30:00");
    // Lord Howe Island falls back by half an hour, from 02:00 to 01:30.
    CHECK(utc_text(to_utc(wall(2024y / 4 / 7, 1h + 45min), "Australia/Lord_Howe")) == "2024-04-06 14:45:00");
}

TEST_CASE("wall times next to a transition are not moved", "[calendar]") {
    CHECK(utc_text(to_utc(wall(2024y / 3 / 10, 1h + 59min + 59s), "America/New_York")) ==
          "2024-03-10 06:59:59");
    CHECK(utc_text(to_utc(wall(2024y / 3 / 10, 3h), "America/New_York")) == "2024-03-10 07:00:00");
    CHECK(utc_text(to_utc(wall(2024y / 11 / 3, 59min + 59s), "America/New_York")) == "2024-11-03 04:59:59");
    CHECK(utc_text(to_utc(wall(2024y / 11 / 3, 2h), "America/New_York")) == "2024-11-03 07:00:00");
    CHECK(utc_text(to_utc(wall(2024y / 10 / 27, 3h), "Europe/Berlin")) == "2024-10-27 02:00:00");
    CHECK(utc_text(to_utc(wall(2024y / 3 / 31, 1h + 59min + 59s), "Europe/Berlin")) == "2024-03-31 00:59:59");
}

TEST_CASE("to_local and to_utc round-trip every hour of a year", "[calendar]") {
    // zone -> hours of 2024 whose wall time is the second occurrence of a repeated one
    const std::map<std::string, int> repeated{{"America/New_York", 1},
                                              {"Europe/Berlin", 1},
                                              {"Australia/Sydney", 1},
                                              {"Asia/Manila", 0},
                                              {"UTC", 0}};
    for (const auto& [zone, expected] : repeated) {
        INFO(zone);
        int came_back_earlier = 0;
        for (sys_seconds t = utc(2024y / 1 / 1, 0s); t < utc(2025y / 1 / 1, 0s); t += 1h) {
            const local_seconds local = to_local(t, zone);
            const sys_seconds back = to_utc(local, zone);
            if (back != t) {
                INFO(utc_text(t) << " -> " << wall_text(local) << " -> " << utc_text(back));
                CHECK(back < t);
                CHECK(to_local(back, zone) == local);
                ++came_back_earlier;
            }
        }
        CHECK(came_back_earlier == expected);
        CHECK(to_local(to_utc(wall(2024y / 6 / 1, 12h), zone), zone) == wall(2024y / 6 / 1, 12h));
    }
    const sys_seconds second_one_thirty = utc(2024y / 11 / 3, 6h + 30min);
    CHECK(wall_text(to_local(second_one_thirty, "America/New_York")) == "2024-11-03 01:30:00");
    CHECK(utc_text(to_utc(to_local(second_one_thirty, "America/New_York"), "America/New_York")) ==
          "2024-11-03 05:30:00");
}

TEST_CASE("Manila is eight hours ahead of UTC all year", "[calendar]") {
    CHECK(utc_offset_seconds(utc(2024y / 1 / 15, 0s), "Asia/Manila") == 8 * 3600);
    CHECK(utc_offset_seconds(utc(2024y / 7 / 15, 0s), "Asia/Manila") == 8 * 3600);
}

TEST_CASE("New York is five hours behind UTC in winter and four in summer", "[calendar]") {
    CHECK(utc_offset_seconds(utc(2024y / 1 / 15, 12h), "America/New_York") == -5 * 3600);
    CHECK(utc_offset_seconds(utc(2024y / 7 / 15, 12h), "America/New_York") == -4 * 3600);
    // The clocks change at 2024-03-10 07:00 UTC and 2024-11-03 06:00 UTC.
    CHECK(utc_offset_seconds(utc(2024y / 3 / 10, 7h) - 1s, "America/New_York") == -5 * 3600);
    CHECK(utc_offset_seconds(utc(2024y / 3 / 10, 7h), "America/New_York") == -4 * 3600);
    CHECK(utc_offset_seconds(utc(2024y / 11 / 3, 6h) - 1s, "America/New_York") == -4 * 3600);
    CHECK(utc_offset_seconds(utc(2024y / 11 / 3, 6h), "America/New_York") == -5 * 3600);
    CHECK(utc_offset_seconds(utc(2024y / 7 / 15, 12h), "UTC") == 0);
}

TEST_CASE("RFC 3339 text carries the zone's offset at that instant", "[calendar]") {
    const sys_seconds t = utc(2024y / 3 / 4, 1h);
    CHECK(format_rfc3339(t, "Asia/Manila") == "2024-03-04T09:00:00+08:00");
    CHECK(format_rfc3339(t, "UTC") == "2024-03-04T01:00:00Z");
    CHECK(format_rfc3339(t, "Etc/UTC") == "2024-03-04T01:00:00Z");
    CHECK(format_rfc3339(t, "America/New_York") == "2024-03-03T20:00:00-05:00");
    CHECK(format_rfc3339(t, "Europe/London") == "2024-03-04T01:00:00+00:00");
    CHECK(format_rfc3339(t, "Asia/Kathmandu") == "2024-03-04T06:45:00+05:45");
    CHECK(format_rfc3339(t, "America/St_Johns") == "2024-03-03T21:30:00-03:30");
    CHECK(format_rfc3339(utc(2024y / 7 / 4, 16h), "America/New_York") == "2024-07-04T12:00:00-04:00");
}

TEST_CASE("an unknown zone is an input error that names the zone", "[calendar]") {
    using Catch::Matchers::Contains;
    const sys_seconds t = utc(2024y / 3 / 4, 1h);
    CHECK_THROWS_AS(to_utc(wall(2024y / 3 / 4, 9h), "Mars/Olympus_Mons"), sidetrip::InputError);
    CHECK_THROWS_WITH(to_utc(wall(2024y / 3 / 4, 9h), "Mars/Olympus_Mons"), Contains("Mars/Olympus_Mons"));
    CHECK_THROWS_AS(to_local(t, "Eastern Standard Time"), sidetrip::InputError);
    CHECK_THROWS_AS(utc_offset_seconds(t, "europe/berlin"), sidetrip::InputError);
    CHECK_THROWS_AS(format_rfc3339(t, ""), sidetrip::InputError);
    CHECK_THROWS_WITH(format_rfc3339(t, "Nowhere"), Contains("Nowhere"));
}
