#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/geo/offline_geocoder.hpp"
#include "sidetrip/plan/trips.hpp"

#include <catch2/catch.hpp>

using namespace sidetrip;
using namespace std::chrono;

namespace {

struct SampleTrips {
    std::vector<calendar::Occurrence> occurrences;
    std::vector<plan::Trip> trips;

    SampleTrips() {
        calendar::CalendarReadOptions read;
        read.home_zone = "Asia/Manila";
        read.user_emails = {"me@sidetrip.example"};
        read.window_start = sys_days{year{2026} / 12 / 1} - hours{8};
        read.window_end = sys_days{year{2027} / 4 / 1} - hours{8};
        Diagnostics diagnostics;
        occurrences = calendar::read_calendar(std::string(SIDETRIP_SOURCE_DIR) + "/samples/calendar.ics",
                                              read, diagnostics);
        auto gazetteer = geo::Gazetteer::open(geo::Gazetteer::default_path());
        geo::OfflineGeocoder geocoder(gazetteer);
        plan::TripOptions options;
        options.home = {13.9411, 121.1631}; // Lipa City
        options.home_zone = "Asia/Manila";
        options.home_country = "PH";
        trips = plan::detect_trips(occurrences, options, geocoder);
    }

    bool trip_has(const plan::Trip& trip, const std::string& uid) const {
        for (std::size_t i : trip.events) {
            if (occurrences[i].uid == uid) {
                return true;
            }
        }
        return false;
    }
};

} // namespace

TEST_CASE("the sample calendar has three trips: a Makati day, Cebu by plane, a Singapore conference",
          "[plan]") {
    SampleTrips s;
    REQUIRE(s.trips.size() == 3);
    CHECK(format_date(s.trips[0].start) == "2026-12-08");
    CHECK(format_date(s.trips[0].end) == "2026-12-09");
    REQUIRE(s.trips[0].destinations.size() == 1);
    CHECK(s.trips[0].destinations[0].name == "Makati City");

    CHECK(format_date(s.trips[1].start) == "2027-01-19");
    CHECK(format_date(s.trips[1].end) == "2027-01-22");
    REQUIRE(s.trips[1].destinations.size() == 1);
    CHECK(s.trips[1].destinations[0].name == "Cebu City");
    CHECK(s.trips[1].destinations[0].timezone == "Asia/Manila");

    CHECK(format_date(s.trips[2].start) == "2027-02-23");
    CHECK(format_date(s.trips[2].end) == "2027-02-28");
    REQUIRE(s.trips[2].destinations.size() == 1);
    CHECK(s.trips[2].destinations[0].name == "Singapore");
    CHECK(s.trips[2].destinations[0].timezone == "Asia/Singapore");
}

TEST_CASE("a trip holds its flights, hotel and meetings, and each day knows its fixed commitments",
          "[plan]") {
    SampleTrips s;
    REQUIRE(s.trips.size() == 3);
    const auto& cebu = s.trips[1];
    CHECK(s.trip_has(cebu, "tripit-air-pr1845@tripit.example"));
    CHECK(s.trip_has(cebu, "tripit-lodging-cebu@tripit.example"));
    CHECK(s.trip_has(cebu, "cebu-client-1@sidetrip.example"));
    CHECK(s.trip_has(cebu, "tripit-air-pr1846@tripit.example"));
    CHECK_FALSE(s.trip_has(cebu, "homeschool-coop@sidetrip.example"));
    REQUIRE(cebu.days.size() == 3);
    // Day one: the flight and the client meeting are fixed; the all-day trip and hotel are not.
    std::vector<std::string> first_day;
    for (std::size_t i : cebu.days[0].commitments) {
        first_day.push_back(s.occurrences[i].uid);
    }
    CHECK(first_day ==
          std::vector<std::string>{"tripit-air-pr1845@tripit.example", "cebu-client-1@sidetrip.example"});
}

TEST_CASE("home events, online calls and declined meetings make no trip", "[plan]") {
    SampleTrips s;
    for (const auto& trip : s.trips) {
        CHECK_FALSE(s.trip_has(trip, "declined-vendor@sidetrip.example"));
        for (const auto& d : trip.destinations) {
            CHECK(d.name != "Lipa City");
        }
    }
}

TEST_CASE("a TripIt tour through two cities is one trip with both destinations in order", "[plan]") {
    calendar::CalendarReadOptions read;
    read.home_zone = "Asia/Manila";
    read.window_start = sys_days{year{2027} / 3 / 1};
    read.window_end = sys_days{year{2027} / 4 / 1};
    Diagnostics diagnostics;
    const auto occurrences = calendar::read_calendar(
        std::string(SIDETRIP_TEST_DATA) + "/calendar/tripit_multi_city.ics", read, diagnostics);
    auto gazetteer = geo::Gazetteer::open(geo::Gazetteer::default_path());
    geo::OfflineGeocoder geocoder(gazetteer);
    plan::TripOptions options;
    options.home = {13.9411, 121.1631};
    options.home_zone = "Asia/Manila";
    options.home_country = "PH";
    const auto trips = plan::detect_trips(occurrences, options, geocoder);
    REQUIRE(trips.size() == 1);
    CHECK(format_date(trips[0].start) == "2027-03-08");
    CHECK(format_date(trips[0].end) == "2027-03-13");
    REQUIRE(trips[0].destinations.size() == 2);
    CHECK(trips[0].destinations[0].name == "Cebu City");
    CHECK(trips[0].destinations[1].name == "Davao");
    CHECK(trips[0].events.size() == occurrences.size());
}

TEST_CASE("a conference schedule away from home is a trip made of conference sessions", "[plan]") {
    calendar::CalendarReadOptions read;
    read.home_zone = "Asia/Manila";
    read.window_start = sys_days{year{2027} / 2 / 1};
    read.window_end = sys_days{year{2027} / 3 / 1};
    Diagnostics diagnostics;
    auto occurrences = calendar::read_calendar(
        std::string(SIDETRIP_TEST_DATA) + "/calendar/conference_schedule_pretalx.ics", read, diagnostics);
    REQUIRE(occurrences.size() == 4);
    for (const auto& o : occurrences) {
        INFO(o.summary);
        CHECK(o.kind == calendar::EventKind::Conference);
        CHECK(o.timezone == "Asia/Singapore");
    }
    // Rooms are not towns: sessions that name only rooms ("Hall A", "Foyer") say nothing about
    // where the conference is, so the schedule makes no trip by itself (the user's own
    // all-day event for the conference, as in the sample calendar, does).
    auto gazetteer = geo::Gazetteer::open(geo::Gazetteer::default_path());
    geo::OfflineGeocoder geocoder(gazetteer);
    plan::TripOptions options;
    options.home = {13.9411, 121.1631};
    options.home_zone = "Asia/Manila";
    options.home_country = "PH";
    CHECK(plan::detect_trips(occurrences, options, geocoder).empty());
}
