#include <catch2/catch.hpp>

#include "sidetrip/calendar/ics_writer.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"

#include <libical/ical.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace std::chrono;
using sidetrip::calendar::IcsWriteOptions;
using sidetrip::calendar::Occurrence;
using sidetrip::calendar::write_ics;

namespace {

const sys_seconds FixedStamp = sys_days{year{2024} / March / 1} + hours(0);

sys_seconds utc(int y, unsigned m, unsigned d, int h, int min = 0) {
    return sys_days{year{y} / month{m} / day{d}} + hours(h) + minutes(min);
}

Occurrence timed(std::string summary, sys_seconds start, sys_seconds end, std::string zone) {
    Occurrence o;
    o.uid = summary + "@test";
    o.summary = std::move(summary);
    o.start_utc = start;
    o.end_utc = end;
    o.timezone = zone;
    o.display_zone = zone == "floating" ? "Asia/Manila" : zone;
    return o;
}

Occurrence all_day(std::string summary, sidetrip::Date first, sidetrip::Date end_exclusive) {
    Occurrence o;
    o.uid = summary + "@test";
    o.summary = std::move(summary);
    o.all_day = true;
    o.start_date = first;
    o.end_date = end_exclusive;
    o.start_utc = sys_days{first};
    o.end_utc = sys_days{end_exclusive};
    o.timezone = "floating";
    o.display_zone = "Asia/Manila";
    return o;
}

IcsWriteOptions fixed_options() {
    IcsWriteOptions options;
    options.stamp = FixedStamp;
    return options;
}

struct ComponentDeleter {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Calendar = std::unique_ptr<icalcomponent, ComponentDeleter>;

Calendar parse(const std::string& ics) {
    Calendar calendar(icalparser_parse_string(ics.c_str()));
    REQUIRE(calendar != nullptr);
    REQUIRE(icalcomponent_isa(calendar.get()) == ICAL_VCALENDAR_COMPONENT);
    return calendar;
}

std::vector<icalcomponent*> children(icalcomponent* parent, icalcomponent_kind kind) {
    std::vector<icalcomponent*> out;
    for (auto* c = icalcomponent_get_first_component(parent, kind); c != nullptr;
         c = icalcomponent_get_next_component(parent, kind)) {
        out.push_back(c);
    }
    return out;
}

/// The event whose SUMMARY is `summary`.
icalcomponent* event_named(icalcomponent* calendar, const std::string& summary) {
    for (auto* e : children(calendar, ICAL_VEVENT_COMPONENT)) {
        if (const char* s = icalcomponent_get_summary(e); s != nullptr && summary == s) {
            return e;
        }
    }
    FAIL("no event named " << summary);
    return nullptr;
}

std::string tzid_of(icalproperty* property) {
    icalparameter* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
    return tzid == nullptr ? std::string() : std::string(icalparameter_get_tzid(tzid));
}

/// The instant a DTSTART/DTEND stands for, resolving its TZID through the calendar's own
/// VTIMEZONEs (not libical's builtin ones), so that the written VTIMEZONE is what is tested.
sys_seconds instant_of(icalcomponent* calendar, icalproperty* property, const char* floating_zone = "UTC") {
    REQUIRE(property != nullptr);
    icaltimetype t = icalvalue_get_datetime(icalproperty_get_value(property));
    icaltimezone* zone = nullptr;
    if (const std::string tzid = tzid_of(property); !tzid.empty()) {
        zone = icalcomponent_get_timezone(calendar, tzid.c_str());
        REQUIRE(zone != nullptr);
    } else if (icaltime_is_utc(t)) {
        zone = icaltimezone_get_utc_timezone();
    } else {
        zone = icaltimezone_get_builtin_timezone(floating_zone);
    }
    return sys_seconds{seconds{icaltime_as_timet_with_zone(t, zone)}};
}

/// Content lines with folding undone (RFC 5545 section 3.1).
std::vector<std::string> unfolded_lines(const std::string& ics) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < ics.size()) {
        const std::size_t end = ics.find("\r\n", at);
        const std::string physical = ics.substr(at, end - at);
        if (!physical.empty() && physical[0] == ' ' && !lines.empty()) {
            lines.back() += physical.substr(1);
        } else {
            lines.push_back(physical);
        }
        at = end == std::string::npos ? ics.size() : end + 2;
    }
    return lines;
}

bool has_line(const std::string& ics, const std::string& line) {
    for (const auto& l : unfolded_lines(ics)) {
        if (l == line) {
            return true;
        }
    }
    return false;
}

std::size_t count_lines(const std::string& ics, const std::string& line) {
    std::size_t n = 0;
    for (const auto& l : unfolded_lines(ics)) {
        n += l == line ? 1 : 0;
    }
    return n;
}

/// A calendar exercising every feature the writer has.
std::vector<Occurrence> mixed_trip() {
    std::vector<Occurrence> events;
    events.push_back(timed("Flight PR 2810", utc(2024, 3, 4, 0, 5), utc(2024, 3, 4, 1, 25), "Asia/Manila"));
    events.push_back(
        timed("Client meeting, Makati; 3rd floor", utc(2024, 3, 4, 2), utc(2024, 3, 4, 3), "Asia/Manila"));
    events.back().description = "Bring:\n- laptop\n- slides \\ handouts";
    events.back().location = "Ayala Ave, Makati";
    events.back().categories = {"Work, travel", "Client"};
    events.back().status = "confirmed";
    events.push_back(timed("Call with Berlin", utc(2024, 7, 1, 8), utc(2024, 7, 1, 9), "Europe/Berlin"));
    events.push_back(timed("Standup (UTC)", utc(2024, 3, 5, 1), utc(2024, 3, 5, 1, 15), "UTC"));
    events.push_back(timed("Breakfast (floating)", utc(2024, 3, 5, 0), utc(2024, 3, 5, 1), "floating"));
    events.push_back(all_day("Conference", year{2024} / March / 6, year{2024} / March / 8));
    events.push_back(timed("Kape at pandesal sa Maynila kasama si Ana, Ben at Carla; pag-usapan ang proyekto "
                           "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xA7\xE4\xBC\x9A\xE8\xAD\xB0 \xF0\x9F\x8E\x89"
                           "\xF0\x9F\x8E\x89\xF0\x9F\x8E\x89",
                           utc(2024, 3, 5, 23), utc(2024, 3, 6, 0), "Asia/Manila"));
    events.back().status = "tentative";
    events.back().transparent = true;
    events.back().geo = sidetrip::GeoPoint{14.5547, 121.0244};
    events.back().url = "https://example.com/meetups/ana?x=1,2;3";
    return events;
}

/// A python3 that has the icalendar module, or nullopt. pyenv's python3 may shadow Debian's,
/// which is where python3-icalendar installs the module.
std::optional<std::string> python_with_icalendar() {
    for (const std::string python : {"python3", "/usr/bin/python3"}) {
        const std::string command = python + " -c 'import icalendar' >/dev/null 2>&1";
        const int status = std::system(command.c_str());
        if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            return python;
        }
    }
    return std::nullopt;
}

struct CommandResult {
    int exit_code = -1;
    std::string output;
};

CommandResult run(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        result.output.append(buffer, n);
    }
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

/// A file in the temporary directory, removed when the test ends.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::string& name, const std::string& content)
        : m_path(std::filesystem::temp_directory_path() /
                 ("sidetrip-ics-writer-" + std::to_string(::getpid()) + "-" + name)) {
        std::ofstream out(m_path, std::ios::binary);
        out << content;
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        std::error_code ignored;
        std::filesystem::remove(m_path, ignored);
    }
    std::string path() const { return m_path.string(); }

private:
    std::filesystem::path m_path;
};

} // namespace

TEST_CASE("a written calendar has the header fields importers expect", "[calendar]") {
    IcsWriteOptions options = fixed_options();
    options.calendar_name = "Trip, Manila";
    const std::string ics = write_ics({timed("A", utc(2024, 3, 4, 1), utc(2024, 3, 4, 2), "UTC")}, options);
    CHECK(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    CHECK(ics.ends_with("END:VCALENDAR\r\n"));
    CHECK(has_line(ics, "VERSION:2.0"));
    CHECK(has_line(ics, "PRODID:-//sidetrip//sidetrip//EN"));
    CHECK(has_line(ics, "CALSCALE:GREGORIAN"));
    CHECK(has_line(ics, "METHOD:PUBLISH"));
    CHECK(has_line(ics, "X-WR-CALNAME:Trip\\, Manila"));
    CHECK(has_line(ics, "DTSTAMP:20240301T000000Z"));

    const auto calendar = parse(ics);
    icalproperty* name = icalcomponent_get_first_property(calendar.get(), ICAL_X_PROPERTY);
    REQUIRE(name != nullptr);
    CHECK(std::string(icalproperty_get_x_name(name)) == "X-WR-CALNAME");
    CHECK(std::string(icalproperty_get_x(name)) == "Trip, Manila");
}

TEST_CASE("a calendar without a name has no X-WR-CALNAME", "[calendar]") {
    const std::string ics = write_ics({}, fixed_options());
    CHECK(ics.find("X-WR-CALNAME") == std::string::npos);
    CHECK(ics.find("BEGIN:VEVENT") == std::string::npos);
    parse(ics);
}

TEST_CASE("timed events read back at the same instants in their own zones", "[calendar]") {
    std::vector<Occurrence> events = {
        timed("Berlin summer", utc(2024, 7, 1, 8), utc(2024, 7, 1, 9, 30), "Europe/Berlin"),
        timed("Berlin winter", utc(2024, 1, 15, 8), utc(2024, 1, 15, 9), "Europe/Berlin"),
        timed("Manila", utc(2024, 3, 4, 8), utc(2024, 3, 4, 9), "Asia/Manila"),
        timed("New York", utc(2024, 3, 10, 7, 30), utc(2024, 3, 10, 8), "America/New_York"),
        timed("Chatham", utc(2024, 3, 4, 8), utc(2024, 3, 4, 9), "Pacific/Chatham"),
        timed("Far future", utc(2099, 6, 1, 12), utc(2099, 6, 1, 13), "Europe/Berlin"),
        timed("In UTC", utc(2024, 3, 4, 8), utc(2024, 3, 4, 9), "UTC"),
    };
    const std::string ics = write_ics(events, fixed_options());
    const auto calendar = parse(ics);

    // The wall time in the zone, with the plain IANA name as TZID.
    CHECK(has_line(ics, "DTSTART;TZID=Asia/Manila:20240304T160000"));
    CHECK(has_line(ics, "DTSTART;TZID=Europe/Berlin:20240701T100000"));
    CHECK(has_line(ics, "DTSTART;TZID=Europe/Berlin:20240115T090000"));
    CHECK(has_line(ics, "DTSTART;TZID=America/New_York:20240310T033000"));
    CHECK(has_line(ics, "DTSTART:20240304T080000Z"));

    for (const auto& o : events) {
        INFO(o.summary);
        icalcomponent* e = event_named(calendar.get(), o.summary);
        icalproperty* start = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY);
        icalproperty* end = icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY);
        CHECK(instant_of(calendar.get(), start) == o.start_utc);
        CHECK(instant_of(calendar.get(), end) == o.end_utc);
        CHECK(tzid_of(start) == (o.timezone == "UTC" ? "" : o.timezone));
    }
}

TEST_CASE("there is one VTIMEZONE per zone used and none for UTC, floating or all-day events", "[calendar]") {
    std::vector<Occurrence> events = mixed_trip();
    events.push_back(timed("Manila again", utc(2024, 3, 7, 1), utc(2024, 3, 7, 2), "Asia/Manila"));
    const std::string ics = write_ics(events, fixed_options());
    const auto calendar = parse(ics);
    const auto zones = children(calendar.get(), ICAL_VTIMEZONE_COMPONENT);
    REQUIRE(zones.size() == 2);
    std::vector<std::string> tzids;
    for (auto* z : zones) {
        tzids.emplace_back(icalproperty_get_tzid(icalcomponent_get_first_property(z, ICAL_TZID_PROPERTY)));
    }
    CHECK(tzids == std::vector<std::string>{"Asia/Manila", "Europe/Berlin"});
    CHECK(ics.find("freeassociation") == std::string::npos);
    CHECK(count_lines(ics, "BEGIN:VTIMEZONE") == 2);

    const std::string without_zones =
        write_ics({timed("u", utc(2024, 3, 4, 1), utc(2024, 3, 4, 2), "UTC"),
                   timed("f", utc(2024, 3, 4, 1), utc(2024, 3, 4, 2), "floating"),
                   all_day("d", year{2024} / March / 4, year{2024} / March / 5)},
                  fixed_options());
    CHECK(without_zones.find("BEGIN:VTIMEZONE") == std::string::npos);
    CHECK(without_zones.find("TZID") == std::string::npos);
}

TEST_CASE("floating events are written as wall time in their display zone", "[calendar]") {
    Occurrence o = timed("Breakfast", utc(2024, 3, 4, 0), utc(2024, 3, 4, 1), "floating");
    o.display_zone = "Asia/Manila";
    const std::string ics = write_ics({o}, fixed_options());
    CHECK(has_line(ics, "DTSTART:20240304T080000"));
    CHECK(has_line(ics, "DTEND:20240304T090000"));
    const auto calendar = parse(ics);
    icalcomponent* e = event_named(calendar.get(), "Breakfast");
    icalproperty* start = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY);
    CHECK(instant_of(calendar.get(), start, "Asia/Manila") == o.start_utc);
}

TEST_CASE("all-day events are dates and their end is the day after the last", "[calendar]") {
    const std::string ics = write_ics({all_day("Conference", year{2024} / March / 6, year{2024} / March / 8),
                                       all_day("Holiday", year{2024} / June / 12, year{2024} / June / 12)},
                                      fixed_options());
    CHECK(has_line(ics, "DTSTART;VALUE=DATE:20240306"));
    CHECK(has_line(ics, "DTEND;VALUE=DATE:20240308"));
    // An all-day event that ends where it starts lasts its one day.
    CHECK(has_line(ics, "DTSTART;VALUE=DATE:20240612"));
    CHECK(has_line(ics, "DTEND;VALUE=DATE:20240613"));

    const auto calendar = parse(ics);
    icalcomponent* e = event_named(calendar.get(), "Conference");
    const icaltimetype start = icalcomponent_get_dtstart(e);
    const icaltimetype end = icalcomponent_get_dtend(e);
    CHECK(start.is_date == 1);
    CHECK((start.year == 2024 && start.month == 3 && start.day == 6));
    CHECK((end.year == 2024 && end.month == 3 && end.day == 8));
}

TEST_CASE("text with commas, semicolons, newlines and backslashes reads back unchanged", "[calendar]") {
    Occurrence o =
        timed("Lunch, then talk; \"quotes\" \\ and more", utc(2024, 3, 4, 4), utc(2024, 3, 4, 5), "UTC");
    o.location = "Greenbelt 3, Makati; 2/F";
    o.description = "Agenda:\r\n1. intro, demo; Q&A\n2. C:\\temp\\notes\ttabbed";
    o.categories = {"Work, travel", "R&D; plan", "back\\slash"};
    const std::string ics = write_ics({o}, fixed_options());
    CHECK(has_line(ics, "SUMMARY:Lunch\\, then talk\\; \"quotes\" \\\\ and more"));
    CHECK(has_line(ics, "CATEGORIES:Work\\, travel"));

    const auto calendar = parse(ics);
    icalcomponent* e = event_named(calendar.get(), o.summary);
    CHECK(std::string(icalcomponent_get_location(e)) == o.location);
    CHECK(std::string(icalcomponent_get_description(e)) ==
          "Agenda:\n1. intro, demo; Q&A\n2. C:\\temp\\notes\ttabbed");
    std::vector<std::string> categories;
    for (auto* p = icalcomponent_get_first_property(e, ICAL_CATEGORIES_PROPERTY); p != nullptr;
         p = icalcomponent_get_next_property(e, ICAL_CATEGORIES_PROPERTY)) {
        categories.emplace_back(icalproperty_get_categories(p));
    }
    CHECK(categories == o.categories);
}

TEST_CASE("long UTF-8 lines are folded at 75 octets without splitting a character", "[calendar]") {
    const std::string tagalog =
        "Magkita tayo sa Maynila pagkatapos ng pulong para magkape at mag-usap tungkol sa "
        "proyekto ng ating mga kaibigan; salamat, Ana!";
    const std::string japanese = "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xA7\xE3\x81\xAE\xE6\x89\x93\xE3\x81\xA1"
                                 "\xE5\x90\x88\xE3\x82\x8F\xE3\x81\x9B\xE3\x81\xAE\xE5\xBE\x8C\xE3\x81\xAB"
                                 "\xE3\x82\xB3\xE3\x83\xBC\xE3\x83\x92\xE3\x83\xBC\xE3\x82\x92\xE9\xA3\xB2"
                                 "\xE3\x81\xBF\xE3\x81\xBE\xE3\x81\x97\xE3\x82\x87\xE3\x81\x86\xE3\x80\x82";
    std::string emoji;
    for (int i = 0; i < 40; ++i) {
        emoji += "\xF0\x9F\x8E\x89"; // U+1F389
        emoji += i % 3 == 0 ? "\xC3\xA9" : "";
    }
    Occurrence o = timed(tagalog + " " + japanese, utc(2024, 3, 4, 4), utc(2024, 3, 4, 5), "Asia/Manila");
    o.description = japanese + japanese + "\n" + emoji + "\n" + tagalog;
    o.location = "x" + emoji; // shifts the emoji by one octet against the fold points
    const std::string ics = write_ics({o}, fixed_options());

    std::size_t folded = 0;
    std::size_t at = 0;
    while (at < ics.size()) {
        const std::size_t end = ics.find("\r\n", at);
        REQUIRE(end != std::string::npos); // every line, the last one too, ends in CRLF
        const std::string line = ics.substr(at, end - at);
        INFO("line: " << line);
        CHECK(line.size() <= 75);
        CHECK(sidetrip::text::is_valid_utf8(line));
        CHECK(line.find('\n') == std::string::npos);
        CHECK(line.find('\r') == std::string::npos);
        folded += !line.empty() && line[0] == ' ' ? 1 : 0;
        at = end + 2;
    }
    CHECK(folded >= 6);

    const auto calendar = parse(ics);
    icalcomponent* e = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
    CHECK(std::string(icalcomponent_get_summary(e)) == o.summary);
    CHECK(std::string(icalcomponent_get_description(e)) == o.description);
    CHECK(std::string(icalcomponent_get_location(e)) == o.location);
}

TEST_CASE("the same occurrences and stamp give the same bytes", "[calendar]") {
    const auto events = mixed_trip();
    const std::string first = write_ics(events, fixed_options());
    CHECK(write_ics(events, fixed_options()) == first);

    Occurrence o = timed("Coffee with Ana", utc(2024, 3, 4, 1), utc(2024, 3, 4, 2), "UTC");
    o.uid = "coffee-1@sidetrip";
    o.location = "Makati";
    o.status = "tentative";
    CHECK(write_ics({o}, fixed_options()) == "BEGIN:VCALENDAR\r\n"
                                             "PRODID:-//sidetrip//sidetrip//EN\r\n"
                                             "VERSION:2.0\r\n"
                                             "CALSCALE:GREGORIAN\r\n"
                                             "METHOD:PUBLISH\r\n"
                                             "BEGIN:VEVENT\r\n"
                                             "UID:coffee-1@sidetrip\r\n"
                                             "DTSTAMP:20240301T000000Z\r\n"
                                             "DTSTART:20240304T010000Z\r\n"
                                             "DTEND:20240304T020000Z\r\n"
                                             "SUMMARY:Coffee with Ana\r\n"
                                             "LOCATION:Makati\r\n"
                                             "STATUS:TENTATIVE\r\n"
                                             "END:VEVENT\r\n"
                                             "END:VCALENDAR\r\n");
}

TEST_CASE("without a fixed stamp DTSTAMP is the current time in UTC", "[calendar]") {
    const auto before = floor<seconds>(system_clock::now());
    const std::string ics = write_ics({timed("A", utc(2024, 3, 4, 1), utc(2024, 3, 4, 2), "UTC")});
    const auto after = floor<seconds>(system_clock::now());
    const auto calendar = parse(ics);
    icalcomponent* e = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
    const icaltimetype stamp = icalcomponent_get_dtstamp(e);
    CHECK(icaltime_is_utc(stamp));
    const sys_seconds t{seconds{icaltime_as_timet_with_zone(stamp, icaltimezone_get_utc_timezone())}};
    CHECK(t >= before);
    CHECK(t <= after);
}

TEST_CASE("an occurrence without a UID gets a stable one derived from its content", "[calendar]") {
    Occurrence o = timed("Lunch with Ana", utc(2024, 3, 4, 4), utc(2024, 3, 4, 5), "Asia/Manila");
    o.uid.clear();
    o.location = "Makati";
    const auto uid_of = [](const Occurrence& occurrence) {
        const auto calendar = parse(write_ics({occurrence}, fixed_options()));
        icalcomponent* e = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
        return std::string(icalcomponent_get_uid(e));
    };
    const std::string uid = uid_of(o);
    CHECK(uid.size() == 16 + std::string("@sidetrip").size());
    CHECK(uid.ends_with("@sidetrip"));
    CHECK(uid_of(o) == uid);
    Occurrence other = o;
    other.summary = "Lunch with Ben";
    CHECK(uid_of(other) != uid);
    other = o;
    other.start_utc += hours(1);
    other.end_utc += hours(1);
    CHECK(uid_of(other) != uid);
    other = o;
    other.uid = "kept@example.com";
    CHECK(uid_of(other) == "kept@example.com");
}

TEST_CASE("recurrence ids are written in UTC or as dates", "[calendar]") {
    Occurrence instance = timed("Weekly sync", utc(2024, 3, 4, 1), utc(2024, 3, 4, 2), "Asia/Manila");
    instance.recurrence_id = "2024-03-04T01:00:00Z";
    Occurrence moved = timed("Weekly sync moved", utc(2024, 3, 11, 3), utc(2024, 3, 11, 4), "Asia/Manila");
    moved.recurrence_id = "2024-03-11T09:00:00+08:00";
    Occurrence day = all_day("Daily standup day", year{2024} / March / 5, year{2024} / March / 6);
    day.recurrence_id = "2024-03-05";
    const std::string ics = write_ics({instance, moved, day}, fixed_options());
    CHECK(has_line(ics, "RECURRENCE-ID:20240304T010000Z"));
    CHECK(has_line(ics, "RECURRENCE-ID:20240311T010000Z"));
    CHECK(has_line(ics, "RECURRENCE-ID;VALUE=DATE:20240305"));

    const auto calendar = parse(ics);
    icalcomponent* e = event_named(calendar.get(), "Weekly sync");
    const icaltimetype rid = icalcomponent_get_recurrenceid(e);
    CHECK(icaltime_as_timet_with_zone(rid, icaltimezone_get_utc_timezone()) ==
          utc(2024, 3, 4, 1).time_since_epoch().count());

    Occurrence bad = instance;
    bad.recurrence_id = "next Monday";
    CHECK_THROWS_AS(write_ics({bad}, fixed_options()), sidetrip::InputError);
}

TEST_CASE("status, transparency, geo, url and categories are written when set", "[calendar]") {
    const auto events = mixed_trip();
    const std::string ics = write_ics(events, fixed_options());
    CHECK(has_line(ics, "GEO:14.5547;121.0244"));
    CHECK(has_line(ics, "URL:https://example.com/meetups/ana?x=1,2;3"));
    CHECK(count_lines(ics, "TRANSP:TRANSPARENT") == 1);
    CHECK(count_lines(ics, "STATUS:CONFIRMED") == 1);
    CHECK(count_lines(ics, "STATUS:TENTATIVE") == 1);

    const auto calendar = parse(ics);
    icalcomponent* e = event_named(calendar.get(), events.back().summary);
    CHECK(icalcomponent_get_status(e) == ICAL_STATUS_TENTATIVE);
    icalproperty* transp = icalcomponent_get_first_property(e, ICAL_TRANSP_PROPERTY);
    REQUIRE(transp != nullptr);
    CHECK(icalproperty_get_transp(transp) == ICAL_TRANSP_TRANSPARENT);
    const icalgeotype geo = icalproperty_get_geo(icalcomponent_get_first_property(e, ICAL_GEO_PROPERTY));
    CHECK(geo.lat == Approx(14.5547));
    CHECK(geo.lon == Approx(121.0244));
    CHECK(std::string(icalproperty_get_url(icalcomponent_get_first_property(e, ICAL_URL_PROPERTY))) ==
          events.back().url);

    icalcomponent* plain = event_named(calendar.get(), "Flight PR 2810");
    CHECK(icalcomponent_get_first_property(plain, ICAL_STATUS_PROPERTY) == nullptr);
    CHECK(icalcomponent_get_first_property(plain, ICAL_TRANSP_PROPERTY) == nullptr);
    CHECK(icalcomponent_get_first_property(plain, ICAL_GEO_PROPERTY) == nullptr);
    CHECK(icalcomponent_get_first_property(plain, ICAL_CATEGORIES_PROPERTY) == nullptr);
}

TEST_CASE("a wall time that occurs twice is written in UTC so that no reader picks the wrong one",
          "[calendar]") {
    // 3 November 2024 in New York: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    const std::vector<Occurrence> events = {
        timed("First 01:30", utc(2024, 11, 3, 5, 30), utc(2024, 11, 3, 8), "America/New_York"),
        timed("Second 01:30", utc(2024, 11, 3, 6, 30), utc(2024, 11, 3, 8), "America/New_York"),
    };
    const std::string ics = write_ics(events, fixed_options());
    CHECK(has_line(ics, "DTSTART:20241103T053000Z"));
    CHECK(has_line(ics, "DTSTART:20241103T063000Z"));
    CHECK(count_lines(ics, "DTEND;TZID=America/New_York:20241103T030000") == 2);
    const auto calendar = parse(ics);
    for (const auto& o : events) {
        icalcomponent* e = event_named(calendar.get(), o.summary);
        CHECK(instant_of(calendar.get(), icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY)) ==
              o.start_utc);
    }
}

TEST_CASE("an unknown zone is written in UTC and a zero-length event has no DTEND", "[calendar]") {
    const std::string ics =
        write_ics({timed("Mars", utc(2024, 3, 4, 1), utc(2024, 3, 4, 2), "Mars/Olympus_Mons"),
                   timed("Reminder", utc(2024, 3, 4, 1), utc(2024, 3, 4, 1), "Asia/Manila")},
                  fixed_options());
    CHECK(has_line(ics, "DTSTART:20240304T010000Z"));
    CHECK(has_line(ics, "DTEND:20240304T020000Z"));
    CHECK(count_lines(ics, "DTSTART;TZID=Asia/Manila:20240304T090000") == 1);
    CHECK(ics.find("DTEND;TZID=Asia/Manila") == std::string::npos);
}

TEST_CASE("an occurrence that ends before it starts is an error", "[calendar]") {
    CHECK_THROWS_AS(write_ics({timed("Backwards", utc(2024, 3, 4, 2), utc(2024, 3, 4, 1), "UTC")}),
                    sidetrip::Error);
    CHECK_THROWS_AS(write_ics({all_day("Backwards", year{2024} / March / 6, year{2024} / March / 4)}),
                    sidetrip::Error);
}

TEST_CASE("python's icalendar reads the written calendar with the same events", "[calendar]") {
    const auto python = python_with_icalendar();
    if (!python) {
        WARN("python3 with the icalendar module is not installed (apt-get install python3-icalendar): "
             "the cross-check with another iCalendar implementation did not run");
        return;
    }
    const auto events = mixed_trip();
    const TemporaryFile calendar("trip.ics", write_ics(events, fixed_options()));

    // The acceptance check exactly as CI and users run it.
    const auto accepted =
        run(*python +
            " -c \"import icalendar,sys; icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())\" '" +
            calendar.path() + "' 2>&1");
    INFO(accepted.output);
    CHECK(accepted.exit_code == 0);

    // Then what it read: one line per VEVENT with its summary and start (UTC seconds for times).
    const TemporaryFile script("read.py", R"PY(
import icalendar, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = cal.walk('VEVENT')
print(len(events))
for e in events:
    start = e.decoded('DTSTART')
    when = str(int(start.timestamp())) if getattr(start, 'tzinfo', None) else start.isoformat()
    summary = str(e.get('SUMMARY')).replace('\\', '\\\\').replace('\n', '\\n')
    print(when + '|' + summary)
)PY");
    const auto read =
        run("PYTHONIOENCODING=utf-8 " + *python + " '" + script.path() + "' '" + calendar.path() + "' 2>&1");
    INFO(read.output);
    REQUIRE(read.exit_code == 0);
    std::vector<std::string> lines;
    for (const auto line : sidetrip::text::split(read.output, '\n')) {
        if (!line.empty()) {
            lines.emplace_back(line);
        }
    }
    REQUIRE(lines.size() == events.size() + 1);
    CHECK(lines[0] == std::to_string(events.size()));
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& o = events[i];
        std::string when;
        if (o.all_day) {
            when = sidetrip::format_date(o.start_date);
        } else if (o.timezone == "floating") {
            when = "2024-03-05T08:00:00"; // wall time in Asia/Manila
        } else {
            when = std::to_string(o.start_utc.time_since_epoch().count());
        }
        CHECK(lines[i + 1] == when + "|" + o.summary);
    }
}

TEST_CASE("control characters and invalid UTF-8 never reach the written file", "[calendar]") {
    Occurrence o =
        timed(std::string("Bell\x07 and \xFF byte"), utc(2024, 3, 4, 1), utc(2024, 3, 4, 2), "UTC");
    o.description = "old\rmac\r\nand windows\x1b[0m";
    o.url = "https://example.com/a\nb";
    const std::string ics = write_ics({o}, fixed_options());
    CHECK(sidetrip::text::is_valid_utf8(ics));
    CHECK(has_line(ics, "SUMMARY:Bell and \xEF\xBF\xBD byte"));
    CHECK(has_line(ics, "DESCRIPTION:old\\nmac\\nand windows[0m"));
    CHECK(has_line(ics, "URL:https://example.com/ab"));
    for (const char c : ics) {
        const auto byte = static_cast<unsigned char>(c);
        CHECK((byte >= 0x20 || c == '\r' || c == '\n'));
    }
}
