// Conformance against real files from other projects' test suites (../shared/corpus/ics):
// every file is read without a crash or hang, and the expectations those projects' tests
// state hold.
// The corpus is not part of this repository: set SIDETRIP_ICS_CORPUS to its folder (.ci/run
// does); without it these tests say so and check nothing.
#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

using namespace sidetrip;
using namespace sidetrip::calendar;
using namespace std::chrono;

namespace {

std::optional<std::filesystem::path> corpus() {
    const char* dir = std::getenv("SIDETRIP_ICS_CORPUS");
    if (dir == nullptr || *dir == '\0') {
        WARN("SIDETRIP_ICS_CORPUS is not set: the iCalendar corpus conformance checks did not run");
        return std::nullopt;
    }
    return std::filesystem::path(dir);
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

TEST_CASE("every corpus file is read without a crash or a hang", "[calendar][conformance]") {
    auto dir = corpus();
    if (!dir) {
        return;
    }
    std::ifstream index(*dir / "INDEX.tsv");
    std::string line;
    std::getline(index, line);
    int files = 0, read = 0, refused = 0;
    while (std::getline(index, line)) {
        const std::string path = std::string(text::split(line, '\t')[0]);
        if (path.empty()) {
            continue;
        }
        ++files;
        CalendarReadOptions options;
        options.window_start = sys_days{year{1990} / 1 / 1};
        options.window_end = sys_days{year{2031} / 1 / 1};
        Diagnostics diagnostics;
        const auto start = steady_clock::now();
        try {
            read_calendar_text(slurp(*dir / path), path, options, diagnostics);
            ++read;
        } catch (const InputError& e) {
            ++refused; // an unreadable file is a clear error, which is allowed
            INFO(e.what());
        }
        INFO(path);
        CHECK(steady_clock::now() - start < seconds{5});
    }
    std::cout << "corpus: " << files << " files, " << read << " read, " << refused
              << " refused as unreadable\n";
    CHECK(files >= 60);
}

TEST_CASE("the corpus files meet their source projects' stated expectations", "[calendar][conformance]") {
    auto dir = corpus();
    if (!dir) {
        return;
    }
    auto load = [&](const std::string& path, const std::string& home = "UTC") {
        CalendarReadOptions options;
        options.home_zone = home;
        options.window_start = sys_days{year{1990} / 1 / 1};
        options.window_end = sys_days{year{2031} / 1 / 1};
        Diagnostics diagnostics;
        return read_calendar_text(slurp(*dir / path), path, options, diagnostics);
    };
    SECTION("khal: a floating event is 09:30-10:30 in the local zone") {
        auto all = load("khal/event_dt_floating.ics", "Europe/Berlin");
        REQUIRE(all.size() == 1);
        CHECK(all[0].timezone == "floating");
        CHECK(format_rfc3339(all[0].start_utc, "Europe/Berlin") == "2014-04-09T09:30:00+02:00");
        CHECK(format_rfc3339(all[0].end_utc, "Europe/Berlin") == "2014-04-09T10:30:00+02:00");
    }
    SECTION("khal: an unknown TZID without VTIMEZONE is read in the local zone") {
        // khal's test runs with Europe/Berlin as the local zone and reads TZID=FOO there.
        auto all = load("khal/event_dt_local_missing_tz.ics", "Europe/Berlin");
        REQUIRE(all.size() == 1);
        CHECK(format_rfc3339(all[0].start_utc, "Europe/Berlin") == "2014-04-09T09:30:00+02:00");
        CHECK(format_rfc3339(all[0].end_utc, "Europe/Berlin") == "2014-04-09T10:30:00+02:00");
    }
    SECTION("khal: an all-day rule with a date-time UNTIL expands to three months") {
        auto all = load("khal/event_dt_rrule_invalid_until.ics");
        REQUIRE(all.size() == 3);
        CHECK(format_date(all[0].start_date) == "2007-12-01");
        CHECK(format_date(all[2].start_date) == "2008-02-01");
    }
    SECTION("khal: a floating rule with a UTC UNTIL, expanded in New York, has seven instances") {
        auto all = load("khal/event_dtr_notz_untilz.ics", "America/New_York");
        REQUIRE(all.size() == 7);
        CHECK(format_rfc3339(all[0].start_utc, "America/New_York") == "2012-07-26T13:00:00-04:00");
        CHECK(format_rfc3339(all[6].start_utc, "America/New_York") == "2012-10-18T13:00:00-04:00");
    }
    SECTION("icalendar: exactly one event in issue 165 (a daily series)") {
        std::set<std::string> uids;
        for (const auto& o : load("icalendar/issue_165_missing_event.ics")) {
            uids.insert(o.uid);
        }
        CHECK(uids.size() == 1);
    }
    SECTION("ical.js: the finite series with overrides has five instances") {
        auto all = load("ical.js/samples/recur_instances_finite.ics");
        std::vector<std::string> starts;
        for (const auto& o : all) {
            starts.push_back(format_rfc3339(o.start_utc, "UTC"));
        }
        CHECK(starts == std::vector<std::string>{"2012-10-02T17:00:00Z", "2012-11-05T18:00:00Z",
                                                 "2012-11-06T18:00:00Z", "2012-11-10T18:00:00Z",
                                                 "2012-12-04T18:00:00Z"});
    }
}

// The recurrence tables (../shared/corpus/ics/recurrence) are checked against the expansion
// engine itself in recurrence_test.cpp.
