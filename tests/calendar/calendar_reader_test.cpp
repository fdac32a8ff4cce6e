#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <unistd.h>

using namespace sidetrip;
using namespace sidetrip::calendar;
using namespace std::chrono;

namespace {

std::string fixture(const std::string& name) {
    return std::string(SIDETRIP_TEST_DATA) + "/calendar/" + name;
}

std::vector<Occurrence> load(const std::string& name, Diagnostics& diagnostics,
                             CalendarReadOptions options = {}) {
    return read_calendar(fixture(name), options, diagnostics);
}

std::string utc(sys_seconds t) {
    return format_rfc3339(t, "UTC");
}

const Occurrence& by_summary(const std::vector<Occurrence>& all, const std::string& summary) {
    auto it = std::find_if(all.begin(), all.end(), [&](const Occurrence& o) { return o.summary == summary; });
    REQUIRE(it != all.end());
    return *it;
}

sys_seconds at(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
    return sys_seconds{sys_days{year{y} / month{m} / day{d}}} + hours{h} + minutes{min};
}

} // namespace

TEST_CASE("an Outlook series in a Windows zone keeps 09:00 local across the DST change", "[calendar]") {
    Diagnostics d;
    auto all = load("outlook_windows_zones.ics", d);
    std::vector<const Occurrence*> series;
    for (const auto& o : all) {
        if (o.uid.ends_with("-weekly")) {
            series.push_back(&o);
        }
    }
    // Four Mondays, one excluded (EXDATE), one moved (RECURRENCE-ID).
    REQUIRE(series.size() == 3);
    CHECK(utc(series[0]->start_utc) == "2024-03-04T17:00:00Z"); // 09:00 PST
    CHECK(series[0]->timezone == "America/Los_Angeles");
    CHECK(series[1]->summary == "Weekly sync with Acme (moved)");
    CHECK(utc(series[1]->start_utc) == "2024-03-11T21:00:00Z"); // 14:00 PDT
    CHECK(series[1]->recurrence_id == "2024-03-11T16:00:00Z");
    CHECK(utc(series[2]->start_utc) == "2024-03-25T16:00:00Z"); // 09:00 PDT
    CHECK(series[2]->end_utc - series[2]->start_utc == minutes{30});
}

TEST_CASE("a Windows display name as TZID is read as its IANA zone", "[calendar]") {
    Diagnostics d;
    auto all = load("outlook_windows_zones.ics", d);
    const auto& workshop = by_summary(all, "Client workshop");
    CHECK(workshop.timezone == "America/New_York");
    CHECK(utc(workshop.start_utc) == "2024-04-10T14:00:00Z");
    CHECK(format_rfc3339(workshop.start_utc, workshop.display_zone) == "2024-04-10T10:00:00-04:00");
}

TEST_CASE("Google's X-WR-TIMEZONE anchors floating times, cancelled instances and events are dropped",
          "[calendar]") {
    Diagnostics d;
    CalendarReadOptions options;
    options.home_zone = "Europe/London";
    options.user_emails = {"me@example.com"};
    auto all = load("google_x_wr_timezone.ics", d, options);
    CHECK(all.size() == 5);
    const auto& coffee = by_summary(all, "Floating coffee");
    CHECK(coffee.timezone == "Asia/Manila");                // X-WR-TIMEZONE makes it a zoned time
    CHECK(utc(coffee.start_utc) == "2024-03-04T02:00:00Z"); // 10:00 in Manila, not London
    const auto& holiday = by_summary(all, "Holiday");
    CHECK(holiday.all_day);
    CHECK(holiday.transparent);
    CHECK(format_date(holiday.start_date) == "2024-03-04");
    CHECK(format_date(holiday.end_date) == "2024-03-05");
    const auto& pitch = by_summary(all, "Vendor pitch");
    CHECK(pitch.declined);
    CHECK(pitch.transparent);
    CHECK(pitch.end_utc - pitch.start_utc == minutes{90});
    CHECK(pitch.organizer == "vendor@example.com");
    std::vector<std::string> standups;
    for (const auto& o : all) {
        if (o.summary == "Standup") {
            standups.push_back(utc(o.start_utc));
        }
    }
    CHECK(standups == std::vector<std::string>{"2024-03-06T01:00:00Z", "2024-03-08T01:00:00Z"});
    CHECK(std::none_of(all.begin(), all.end(),
                       [](const Occurrence& o) { return o.summary == "Cancelled lunch"; }));
}

TEST_CASE("an RDATE equal to DTSTART is one instance and RDATE periods keep their own end", "[calendar]") {
    Diagnostics d;
    auto all = load("rdate_exdate_period.ics", d);
    REQUIRE(all.size() == 3);
    CHECK(utc(all[0].start_utc) == "2024-04-01T08:00:00Z");
    CHECK(utc(all[1].start_utc) == "2024-04-03T08:00:00Z");
    CHECK(all[1].end_utc - all[1].start_utc == hours{1});
    CHECK(utc(all[2].start_utc) == "2024-04-05T08:00:00Z");
    CHECK(all[2].end_utc - all[2].start_utc == hours{4});
}

TEST_CASE("a THISANDFUTURE override moves its instance and every later one", "[calendar]") {
    Diagnostics d;
    auto all = load("this_and_future.ics", d);
    REQUIRE(all.size() == 4);
    CHECK(utc(all[0].start_utc) == "2024-05-01T11:00:00Z");
    CHECK(utc(all[1].start_utc) == "2024-05-08T11:00:00Z");
    CHECK(utc(all[2].start_utc) == "2024-05-15T12:00:00Z");
    CHECK(all[2].summary == "Book club (new time)");
    CHECK(utc(all[3].start_utc) == "2024-05-22T12:00:00Z");
    CHECK(all[3].summary == "Book club (new time)");
    CHECK(all[3].recurrence_id == "2024-05-22T11:00:00Z");
}

TEST_CASE("Confluence's COUNT=-1 is read as an open rule with a warning", "[calendar]") {
    Diagnostics d;
    CalendarReadOptions options;
    options.window_start = at(2024, 1, 1);
    options.window_end = at(2024, 2, 1);
    auto all = load("confluence_count_minus_one.ics", d, options);
    REQUIRE(all.size() == 3);
    CHECK(utc(all[2].start_utc) == "2024-01-30T09:00:00Z");
    CHECK_FALSE(d.empty());
}

TEST_CASE("P1D keeps the wall-clock time across a DST change, PT24H does not", "[calendar]") {
    Diagnostics d;
    auto all = load("nominal_day_across_dst.ics", d);
    const auto& nominal = by_summary(all, "Offsite (P1D)");
    CHECK(format_rfc3339(nominal.end_utc, "America/New_York") == "2024-03-10T12:00:00-04:00");
    const auto& exact = by_summary(all, "Offsite (PT24H)");
    CHECK(format_rfc3339(exact.end_utc, "America/New_York") == "2024-03-10T13:00:00-04:00");
    const auto& days3 = by_summary(all, "Conference days");
    CHECK(days3.all_day);
    CHECK(format_date(days3.start_date) == "2024-03-04");
    CHECK(format_date(days3.end_date) == "2024-03-07");
}

TEST_CASE("a BOM, a UTF-8 character split across a fold and an empty value do not lose the event",
          "[calendar]") {
    Diagnostics d;
    auto all = load("bom_fold_split_utf8_empty_value.ics", d);
    REQUIRE(all.size() == 1);
    CHECK(all[0].summary.find("日本") != std::string::npos);
    CHECK(all[0].summary.find("ñ é ü") != std::string::npos);
    CHECK(all[0].location.empty());
    // The empty LOCATION is one summary warning for the file, not an error.
    REQUIRE(d.size() == 1);
    CHECK(d.items()[0].message.find("empty value") != std::string::npos);
}

TEST_CASE("several VCALENDARs in one file each keep their own X-WR-TIMEZONE", "[calendar]") {
    Diagnostics d;
    CalendarReadOptions options;
    options.home_zone = "Asia/Manila";
    auto all = load("two_calendars_one_file.ics", d, options);
    REQUIRE(all.size() == 2);
    CHECK(utc(by_summary(all, "Lunch in Singapore").start_utc) == "2024-07-02T04:00:00Z");
    CHECK(utc(by_summary(all, "Dinner at home").start_utc) == "2024-07-02T11:00:00Z");
    CHECK(by_summary(all, "Dinner at home").producer == "-//Two//EN");
}

TEST_CASE("a duplicated UID keeps the newer copy, and different events sharing a UID are all kept",
          "[calendar]") {
    Diagnostics d;
    auto all = load("duplicate_uid.ics", d);
    REQUIRE(all.size() == 3);
    CHECK(all[0].summary == "New title");
    CHECK(all[1].uid == "dup-2");
    CHECK(all[2].uid == "dup-2");
    CHECK(d.size() == 2);
}

TEST_CASE("an endless rule stops at the instance cap with a warning instead of hanging", "[calendar]") {
    Diagnostics d;
    CalendarReadOptions options;
    options.window_start = at(2024, 1, 1);
    options.window_end = at(2024, 1, 2);
    options.max_instances = 100;
    auto all = load("endless_secondly_rule.ics", d, options);
    CHECK(all.size() == 100);
    REQUIRE_FALSE(d.empty());
    CHECK(d.items()[0].message.find("stopped") != std::string::npos);
}

namespace {

std::string secondly_calendar(int events, const std::string& extra = "",
                              const std::string& rule = "FREQ=SECONDLY") {
    std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//sidetrip tests//EN\r\n";
    for (int i = 1; i <= events; ++i) {
        text += "BEGIN:VEVENT\r\nUID:tick-" + std::to_string(i) +
                "\r\nDTSTART:20270101T000000Z\r\nDTEND:20270101T000001Z\r\nRRULE:" + rule +
                "\r\nSUMMARY:Tick " + std::to_string(i) + "\r\n" + extra + "END:VEVENT\r\n";
    }
    return text + "END:VCALENDAR\r\n";
}

} // namespace

TEST_CASE("the series of one calendar share its cap: past it they are cut, with one warning naming a few",
          "[calendar]") {
    Diagnostics d;
    CalendarReadOptions options;
    options.window_start = at(2027, 1, 1);
    options.window_end = at(2028, 1, 1);
    options.max_instances = 100;
    options.max_source_instances = 250;
    const auto all = read_calendar_text(secondly_calendar(6), "ticks.ics", options, d);
    CHECK(all.size() == 250); // 100 + 100 + 50, then nothing
    REQUIRE(d.size() == 3);   // the two series stopped by their own cap, then the calendar's
    CHECK(d.items()[0].message.find("recurrence stopped after 100 instances") != std::string::npos);
    const auto& summary = d.items()[2];
    CHECK(summary.source == "ticks.ics");
    CHECK(summary.line == 4); // the first series cut: tick-1, by its own cap
    CHECK(summary.message.find("limits of 100 instances or 200000 steps per rule and 250 occurrences per "
                               "calendar") != std::string::npos);
    CHECK(summary.message.find("6 series are cut short or left out: tick-1 \"Tick 1\", tick-2 \"Tick 2\", "
                               "tick-3 \"Tick 3\" and 3 more") != std::string::npos);
}

TEST_CASE("the rule steps of one calendar are capped as a whole", "[calendar]") {
    Diagnostics d;
    CalendarReadOptions options;
    options.window_start = at(2027, 1, 1);
    options.window_end = at(2028, 1, 1);
    options.max_iterations = 1000;
    options.max_source_iterations = 2500;
    // Never matches: each period of INTERVAL=2 starts on an even second.
    const auto all = read_calendar_text(secondly_calendar(4, "", "FREQ=SECONDLY;INTERVAL=2;BYSECOND=1"),
                                        "never.ics", options, d);
    CHECK(all.size() == 4); // each DTSTART
    REQUIRE_FALSE(d.empty());
    CHECK(d.items().back().message.find("2500 rule steps per calendar") != std::string::npos);
    CHECK(d.items().back().message.find("4 series are cut short or left out") != std::string::npos);
}

TEST_CASE("the text every instance copies is capped per calendar: a long description on a daily rule is cut",
          "[calendar]") {
    Diagnostics d;
    CalendarReadOptions options;
    options.window_start = at(2027, 1, 1);
    options.window_end = at(2028, 1, 1);
    options.max_source_text_bytes = std::size_t{1} << 20;
    const std::string description = "DESCRIPTION:" + std::string(100000, 'x') + "\r\n";
    const auto all =
        read_calendar_text(secondly_calendar(1, description, "FREQ=DAILY"), "long.ics", options, d);
    CHECK(all.size() == 10); // 1 MiB / 100 KB
    REQUIRE(d.size() == 1);
    CHECK(d.items()[0].message.find("1 MiB of copied event text per calendar") != std::string::npos);
}

TEST_CASE("a real calendar's occurrences are the same with and without the per-calendar caps", "[calendar]") {
    for (const std::string sample :
         {"samples/calendar.ics", "samples/scenario-1-lipa/calendar.ics",
          "samples/scenario-2-singapore/outlook.ics", "samples/scenario-2-singapore/tripit.ics"}) {
        INFO(sample);
        CalendarReadOptions capped;
        capped.window_start = at(2020, 1, 1);
        capped.window_end = at(2030, 1, 1);
        CalendarReadOptions unlimited = capped;
        unlimited.max_source_instances = std::numeric_limits<std::size_t>::max();
        unlimited.max_source_iterations = std::numeric_limits<std::size_t>::max();
        unlimited.max_source_text_bytes = std::numeric_limits<std::size_t>::max();
        Diagnostics d1, d2;
        const auto a = read_calendar(std::string(SIDETRIP_SOURCE_DIR) + "/" + sample, capped, d1);
        const auto b = read_calendar(std::string(SIDETRIP_SOURCE_DIR) + "/" + sample, unlimited, d2);
        CHECK_FALSE(a.empty());
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].uid == b[i].uid);
            CHECK(a[i].start_utc == b[i].start_utc);
            CHECK(a[i].end_utc == b[i].end_utc);
            CHECK(a[i].summary == b[i].summary);
            CHECK(a[i].description == b[i].description);
        }
        CHECK(d1.size() == d2.size());
    }
}

TEST_CASE("only occurrences overlapping the window are returned", "[calendar]") {
    Diagnostics d;
    CalendarReadOptions options;
    options.window_start = at(2024, 3, 7);
    options.window_end = at(2024, 3, 9);
    auto all = load("google_x_wr_timezone.ics", d, options);
    REQUIRE(all.size() == 1);
    CHECK(utc(all[0].start_utc) == "2024-03-08T01:00:00Z");
}

TEST_CASE("a bad event is a diagnostic with its line and the rest load", "[calendar]") {
    Diagnostics d;
    auto all = load("bad_event_among_good.ics", d);
    CHECK(all.size() == 2);
    REQUIRE(d.size() == 1);
    CHECK(d.items()[0].line == 11);
    CHECK(d.items()[0].message.find("DTSTART") != std::string::npos);
}

TEST_CASE("a vdir folder is read recursively, hidden entries skipped", "[calendar]") {
    Diagnostics d;
    auto all = load("vdir", d);
    REQUIRE(all.size() == 2);
    CHECK(all[0].summary == "From vdir A");
    CHECK(all[1].summary == "From vdir B");
}

TEST_CASE("a vdir entry that cannot be read is skipped with a warning naming it, the rest are read",
          "[calendar]") {
    namespace fs = std::filesystem;
    const fs::path folder = fs::temp_directory_path() / ("sidetrip-vdir-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder / "folder.ics"); // a folder named like a file: walked into
    fs::copy_file(fixture("vdir/work/a.ics"), folder / "a.ics");
    fs::copy_file(fixture("vdir/work/b.ics"), folder / "folder.ics" / "b.ics");
    fs::create_symlink(folder / "gone.ics", folder / "dangling.ics");
    fs::copy_file(fixture("vdir/work/a.ics"), folder / "locked.ics");
    fs::permissions(folder / "locked.ics", fs::perms::none);
    // Root reads a file of mode 000 all the same (CI runs as root): then it is an ordinary file.
    const bool locked_is_unreadable = !std::ifstream(folder / "locked.ics");

    Diagnostics d;
    const auto all = read_calendar(folder.string(), {}, d);
    fs::permissions(folder / "locked.ics", fs::perms::owner_all);
    fs::remove_all(folder);

    REQUIRE(all.size() == (locked_is_unreadable ? 2U : 3U));
    CHECK_NOTHROW(by_summary(all, "From vdir A"));
    CHECK_NOTHROW(by_summary(all, "From vdir B"));
    REQUIRE(d.size() == (locked_is_unreadable ? 2U : 1U));
    auto warning_about = [&](const std::string& name) -> std::string {
        for (const auto& item : d.items()) {
            if (item.source == (folder / name).string()) {
                return item.message;
            }
        }
        return "(no warning about " + name + ")";
    };
    CHECK_THAT(warning_about("dangling.ics"),
               Catch::Contains("skipped") && Catch::Contains("does not exist"));
    if (locked_is_unreadable) {
        CHECK_THAT(warning_about("locked.ics"),
                   Catch::Contains("skipped") && Catch::Contains("cannot be read"));
    }
}

TEST_CASE("a file that is no calendar, an empty one and a missing one are input errors naming them",
          "[calendar]") {
    Diagnostics d;
    CHECK_THROWS_WITH(load("not_a_calendar.txt", d), Catch::Contains("not_a_calendar.txt"));
    CHECK_THROWS_AS(load("empty.ics", d), InputError);
    CHECK_THROWS_WITH(load("missing.ics", d), Catch::Contains("missing.ics"));
    CHECK_THROWS_AS(load("vdir/.hidden/../../empty.ics", d), InputError);
}

TEST_CASE("a feed that cannot be fetched is a service error, its secret query left out", "[calendar]") {
    Diagnostics d;
    CHECK_THROWS_WITH(read_calendar("https://calendar.example.invalid/basic.ics?token=SECRET", {}, d),
                      Catch::Contains("calendar.example.invalid") && !Catch::Contains("SECRET"));
    CHECK_THROWS_AS(read_calendar("webcal://example.invalid/cal.ics", {}, d), ServiceError);
}

TEST_CASE("inputs the fuzzer found crashing are read without a crash", "[calendar]") {
    // tests/data/calendar/fuzz: one file per finding of fuzz_calendar (docs/hardening.md).
    std::size_t files = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(SIDETRIP_TEST_DATA) + "/calendar/fuzz")) {
        ++files;
        Diagnostics d;
        INFO(entry.path().string());
        try {
            read_calendar(entry.path().string(), {}, d);
        } catch (const InputError& e) {
            CHECK(std::string(e.what()).find(entry.path().filename().string()) != std::string::npos);
        }
    }
    CHECK(files >= 1);
}

namespace {

bool has_warning(const Diagnostics& d, const std::string& part, int line = 0) {
    return std::any_of(d.items().begin(), d.items().end(), [&](const Diagnostic& item) {
        return item.message.find(part) != std::string::npos && (line == 0 || item.line == line);
    });
}

std::vector<std::string> summaries(const std::vector<Occurrence>& all, const std::string& uid_part) {
    std::vector<std::string> out;
    for (const auto& o : all) {
        if (o.uid.find(uid_part) != std::string::npos) {
            out.push_back(o.summary);
        }
    }
    return out;
}

} // namespace

TEST_CASE("a date-time RECURRENCE-ID in a zone or in UTC replaces the instance of an all-day series on its "
          "wall-clock date",
          "[calendar]") {
    Diagnostics d;
    CalendarReadOptions options;
    options.home_zone = "Europe/Berlin";
    auto all = load("exchange_all_day_series_date_time_recurrence_id.ics", d, options);
    // 5 March 00:00 in Berlin is 4 March 23:00 UTC: still the instance of 5 March. The EXDATE at
    // local midnight of 6 March removes that day.
    CHECK(summaries(all, "-offsite") ==
          std::vector<std::string>{"Team offsite", "Team offsite (day 2 in Lyon)"});
    const auto& lyon = by_summary(all, "Team offsite (day 2 in Lyon)");
    CHECK(lyon.all_day);
    CHECK(format_date(lyon.start_date) == "2024-03-05");
    CHECK(lyon.recurrence_id == "2024-03-05");
    // A UTC RECURRENCE-ID names the date it has in UTC.
    CHECK(summaries(all, "-retro") == std::vector<std::string>{"Retro day", "Retro day (moved to Tuesday)"});
    CHECK(format_date(by_summary(all, "Retro day (moved to Tuesday)").start_date) == "2024-03-19");
}

TEST_CASE("X-WR-TIMEZONE with a VALUE parameter, as Apple writes it, anchors floating times in that zone",
          "[calendar]") {
    Diagnostics d;
    CalendarReadOptions options;
    options.home_zone = "Europe/London";
    auto all = load("apple_x_wr_timezone_with_value_parameter.ics", d, options);
    REQUIRE(all.size() == 1);
    CHECK(utc(all[0].start_utc) == "2024-06-10T16:00:00Z"); // 09:00 in California, not London
    CHECK(utc(all[0].end_utc) == "2024-06-10T17:00:00Z");
    CHECK(all[0].timezone == "US/Pacific");
    CHECK(all[0].display_zone == "US/Pacific");
    CHECK(d.size() == 0);
}

TEST_CASE("a Windows display name or id as TZID without any VTIMEZONE is read in its zone, not as floating",
          "[calendar]") {
    Diagnostics d;
    auto all = load("outlook_display_names_without_vtimezone.ics", d);
    REQUIRE(all.size() == 3);
    const auto& call = by_summary(all, "Vendor call");
    CHECK(call.timezone == "America/Los_Angeles");
    CHECK(utc(call.start_utc) == "2024-06-10T16:00:00Z");
    const auto& board = by_summary(all, "Board review");
    CHECK(board.timezone == "America/Los_Angeles");
    CHECK(utc(board.start_utc) == "2024-06-11T16:00:00Z");
    const auto& visit = by_summary(all, "Supplier visit");
    CHECK(visit.timezone == "Europe/Berlin");
    CHECK(utc(visit.start_utc) == "2024-06-12T07:00:00Z");
    CHECK_FALSE(has_warning(d, "unknown time zone"));
}

TEST_CASE(
    "events sharing a UID at the same start are all kept, and only an exact duplicate is dropped with a "
    "warning naming the UID",
    "[calendar]") {
    Diagnostics d;
    auto all = load("conference_same_uid_parallel_sessions.ics", d);
    std::vector<std::string> titles;
    for (const auto& o : all) {
        titles.push_back(o.summary + " / " + o.location);
    }
    std::sort(titles.begin(), titles.end());
    CHECK(titles == std::vector<std::string>{"Closing panel / Room 1", "Geospatial data on a budget / Room 2",
                                             "Streaming joins in practice / Room 1"});
    CHECK(has_warning(d, "datacon2027-schedule@example.org", 29));
    CHECK(has_warning(d, "exact copy"));
}

TEST_CASE(
    "a DTEND of another value type than DTSTART is read in its own type, a floating DTEND in DTSTART's zone",
    "[calendar]") {
    Diagnostics d;
    auto all = load("dtend_value_type_differs_from_dtstart.ics", d);
    REQUIRE(all.size() == 4);
    const auto& fair = by_summary(all, "Trade fair");
    CHECK(fair.all_day);
    CHECK(format_date(fair.start_date) == "2024-03-04");
    CHECK(format_date(fair.end_date) == "2024-03-06"); // two days, not one
    const auto& workshop = by_summary(all, "Afternoon workshop");
    CHECK(utc(workshop.start_utc) == "2024-03-07T13:00:00Z");
    CHECK(utc(workshop.end_utc) == "2024-03-07T23:00:00Z"); // midnight in Berlin, not no time at all
    const auto& meeting = by_summary(all, "Partner meeting");
    CHECK(utc(meeting.start_utc) == "2024-03-08T14:00:00Z");
    CHECK(meeting.end_utc - meeting.start_utc == hours{1}); // 10:00 in New York, not in UTC
    // The other way round: a floating DTSTART under a zoned DTEND is read in DTEND's zone.
    const auto& visit = by_summary(all, "Site visit");
    CHECK(utc(visit.start_utc) == "2024-03-09T00:00:00Z");
    CHECK(visit.end_utc - visit.start_utc == hours{2});
    CHECK(visit.timezone == "Asia/Tokyo");
    CHECK(has_warning(d, "DTEND", 8));
    CHECK(has_warning(d, "DTEND", 15));
    CHECK(has_warning(d, "DTEND", 22));
    CHECK_FALSE(has_warning(d, "ends before it starts"));
}

TEST_CASE("a date past the end of its month is refused with a warning naming its line, not rolled over",
          "[calendar]") {
    Diagnostics d;
    auto all = load("day_past_end_of_month.ics", d);
    REQUIRE(all.size() == 2);
    CHECK(std::none_of(all.begin(), all.end(),
                       [](const Occurrence& o) { return o.summary == "Day that does not exist"; }));
    CHECK(has_warning(d, "20171032", 7));
    // A bad DTEND is dropped, the event kept.
    const auto& kickoff = by_summary(all, "Kick-off");
    CHECK(utc(kickoff.start_utc) == "2017-10-30T09:00:00Z");
    CHECK(kickoff.end_utc == kickoff.start_utc);
    CHECK(has_warning(d, "20171032T100000Z", 14));
    CHECK(utc(by_summary(all, "Review").start_utc) == "2017-10-31T09:00:00Z");
}

TEST_CASE("a quoted TZID that swallowed its value is recovered, and the series is kept", "[calendar]") {
    Diagnostics d;
    auto all = load("quoted_tzid_swallowed_value.ics", d);
    std::vector<std::string> planning;
    for (const auto& o : all) {
        if (o.summary == "Weekly planning") {
            planning.push_back(utc(o.start_utc));
            CHECK(o.timezone == "Europe/Berlin");
            CHECK(o.end_utc - o.start_utc == hours{1});
        }
    }
    // The EXDATE, folded inside its quotes, removes 9 January.
    CHECK(planning == std::vector<std::string>{"2017-01-02T09:00:00Z", "2017-01-16T09:00:00Z"});
    CHECK(has_warning(d, "TZID", 7));
    // A quoted display name with colons that is closed before the value is left alone.
    const auto& quoted = by_summary(all, "Quoted display name with colons");
    CHECK(quoted.timezone == "Europe/Berlin");
    CHECK(utc(quoted.start_utc) == "2017-01-03T09:00:00Z");
    CHECK_FALSE(has_warning(d, "TZID", 17));
}

TEST_CASE("a time with both a TZID and a Z is read as wall-clock time in the TZID, with one warning",
          "[calendar]") {
    Diagnostics d;
    auto all = load("tzid_on_utc_time.ics", d);
    REQUIRE(all.size() == 1);
    // As khal and python-recurring-ical-events read it: 12:00 in Berlin, not 12:00 UTC.
    CHECK(utc(all[0].start_utc) == "2015-06-02T10:00:00Z");
    CHECK(utc(all[0].end_utc) == "2015-06-02T14:00:00Z");
    CHECK(all[0].timezone == "Europe/Berlin");
    REQUIRE(d.size() == 1);
    CHECK(d.items()[0].message.find("both TZID=Europe/Berlin and a Z") != std::string::npos);
}
