#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/geo/offline_geocoder.hpp"
#include "sidetrip/people/contacts_reader.hpp"
#include "sidetrip/plan/planner.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace sidetrip;
using namespace std::chrono;

namespace {

struct SamplePlan {
    std::shared_ptr<const geo::Gazetteer> gazetteer = geo::Gazetteer::open(geo::Gazetteer::default_path());
    geo::OfflineGeocoder geocoder{gazetteer};
    plan::DistanceTravelModel travel;
    plan::PlannerSettings settings;
    std::vector<calendar::Occurrence> occurrences;
    std::vector<plan::ResolvedContact> contacts;
    std::vector<plan::Trip> trips;

    explicit SamplePlan(const std::vector<std::string>& extra_calendars = {}) {
        calendar::CalendarReadOptions read;
        read.home_zone = "Asia/Manila";
        read.user_emails = {"me@sidetrip.example"};
        read.window_start = sys_days{year{2026} / 12 / 1} - hours{8};
        read.window_end = sys_days{year{2027} / 4 / 1} - hours{8};
        Diagnostics d;
        std::vector<std::string> sources = {std::string(SIDETRIP_SOURCE_DIR) + "/samples/calendar.ics"};
        sources.insert(sources.end(), extra_calendars.begin(), extra_calendars.end());
        for (const auto& s : sources) {
            auto part = calendar::read_calendar(s, read, d);
            occurrences.insert(occurrences.end(), part.begin(), part.end());
        }
        std::stable_sort(occurrences.begin(), occurrences.end(),
                         [](const auto& a, const auto& b) { return a.start_utc < b.start_utc; });
        std::vector<people::Contact> people;
        for (const char* f : {"/samples/contacts.vcf", "/samples/contacts.csv"}) {
            auto part = people::read_contacts_file(std::string(SIDETRIP_SOURCE_DIR) + f, d);
            people.insert(people.end(), part.begin(), part.end());
        }
        contacts = plan::resolve_contact_places(people, geocoder, *gazetteer, "PH");
        settings.home = {13.9411, 121.1631};
        settings.home_name = "Lipa City";
        settings.home_zone = "Asia/Manila";
        settings.home_country = "PH";
        settings.today = Date{year{2026} / 12 / 1};
        settings.max_iterations = 3000;
        plan::TripOptions trip_options;
        trip_options.home = settings.home;
        trip_options.home_zone = "Asia/Manila";
        trip_options.home_country = "PH";
        trips = plan::detect_trips(occurrences, trip_options, geocoder);
    }

    plan::Plan make() { return plan::make_plan(occurrences, contacts, trips, settings, travel, geocoder); }
};

} // namespace

TEST_CASE("every suggested meetup is feasible: inside the day, clear of fixed events, reachable in time",
          "[plan]") {
    SamplePlan s;
    const auto result = s.make();
    REQUIRE(result.trips.size() == 3);
    std::size_t meetups = 0;
    for (const auto& tp : result.trips) {
        for (const auto& m : tp.meetups) {
            ++meetups;
            INFO(m.names.front() << " " << calendar::format_rfc3339(m.start, m.timezone));
            const auto local_start = calendar::to_local(m.start, m.timezone);
            const auto local_end = calendar::to_local(m.end, m.timezone);
            const auto midnight = floor<days>(local_start);
            CHECK(local_start - midnight >= s.settings.day_start);
            CHECK(local_end - midnight <= s.settings.day_end);
            CHECK(m.end > m.start);
            // No overlap with a busy fixed event (with the buffer kept around it).
            for (std::size_t i : tp.trip.events) {
                const auto& o = result.occurrences[i];
                if (o.all_day || o.transparent) {
                    continue;
                }
                INFO(o.summary);
                CHECK((m.end <= o.start_utc - s.settings.buffer || m.start >= o.end_utc + s.settings.buffer));
            }
            // Time to get there from whatever came before on that day.
            sys_seconds previous_end{};
            for (std::size_t i : tp.trip.events) {
                const auto& o = result.occurrences[i];
                if (!o.all_day && !o.transparent && o.end_utc <= m.start && o.end_utc > previous_end &&
                    floor<days>(calendar::to_local(o.end_utc, m.timezone)) == midnight) {
                    previous_end = o.end_utc + s.settings.buffer;
                }
            }
            for (const auto& other : tp.meetups) {
                if (other.end <= m.start && other.end > previous_end) {
                    previous_end = other.end;
                }
            }
            if (previous_end != sys_seconds{}) {
                CHECK(m.start - previous_end >= m.travel_to);
            }
            CHECK_FALSE(m.reasons.empty());
            CHECK(m.uid.rfind("sidetrip-", 0) == 0);
        }
    }
    CHECK(meetups >= 5);
}

TEST_CASE("nobody is scheduled twice and no day has more meetups than allowed", "[plan]") {
    SamplePlan s;
    s.settings.meetups_per_day = 1;
    const auto result = s.make();
    std::set<std::string> seen;
    for (const auto& tp : result.trips) {
        std::map<std::string, int> per_day;
        for (const auto& m : tp.meetups) {
            CHECK(seen.insert(m.contacts.front().str()).second);
            const auto day = floor<days>(calendar::to_local(m.start, m.timezone));
            CHECK(++per_day[std::to_string(day.time_since_epoch().count())] <= 1);
        }
    }
}

TEST_CASE("the same seed gives the same plan", "[plan]") {
    SamplePlan a;
    SamplePlan b;
    const auto x = a.make();
    const auto y = b.make();
    REQUIRE(x.trips.size() == y.trips.size());
    for (std::size_t t = 0; t < x.trips.size(); ++t) {
        REQUIRE(x.trips[t].meetups.size() == y.trips[t].meetups.size());
        for (std::size_t i = 0; i < x.trips[t].meetups.size(); ++i) {
            CHECK(x.trips[t].meetups[i].uid == y.trips[t].meetups[i].uid);
            CHECK(x.trips[t].meetups[i].start == y.trips[t].meetups[i].start);
        }
    }
}

TEST_CASE("dormant close ties are worth more than recent acquaintances, with the reasons said", "[plan]") {
    SamplePlan s;
    const auto result = s.make();
    bool said_overdue = false;
    for (const auto& tp : result.trips) {
        for (const auto& m : tp.meetups) {
            for (const auto& r : m.reasons) {
                said_overdue = said_overdue || r.find("you want every") != std::string::npos ||
                               r.find("never met in person") != std::string::npos;
            }
        }
    }
    CHECK(said_overdue);
    CHECK_FALSE(result.unscheduled.empty());
    for (const auto& u : result.unscheduled) {
        CHECK_FALSE(u.reason.empty());
    }
}

TEST_CASE("people of one circle in one city can share a dinner, and nobody is in two meetups", "[plan]") {
    auto gazetteer = geo::Gazetteer::open(geo::Gazetteer::default_path());
    geo::OfflineGeocoder geocoder(gazetteer);
    plan::DistanceTravelModel travel;
    std::vector<plan::ResolvedContact> contacts;
    for (int i = 0; i < 8; ++i) {
        plan::ResolvedContact rc;
        rc.contact.id = ContactId("climber-" + std::to_string(i));
        rc.contact.name = "Climber " + std::to_string(i);
        rc.contact.tags = {"Climbing club"};
        rc.contact.tie_strength = 3;
        rc.contact.last_met = Date{year{2025} / 1 / 1};
        geo::GeocodeResult place;
        place.status = geo::GeocodeStatus::Ok;
        place.point = {14.5503, 121.0327};
        place.name = "Makati City";
        place.timezone = "Asia/Manila";
        rc.contact.places.push_back({"home", "Makati City", "PH", std::nullopt});
        rc.places.push_back(place);
        contacts.push_back(rc);
    }
    plan::Trip trip;
    trip.id = "trip-test";
    trip.start = Date{year{2027} / 3 / 1};
    trip.end = Date{year{2027} / 3 / 2};
    trip.destinations.push_back({"Makati City", {14.5503, 121.0327}, "Asia/Manila"});
    trip.days.push_back({trip.start, "Asia/Manila", {14.5503, 121.0327}, "Makati City", {}});
    plan::PlannerSettings settings;
    settings.home = {13.9411, 121.1631};
    settings.home_name = "Lipa City";
    settings.home_zone = "Asia/Manila";
    settings.home_country = "PH";
    settings.today = Date{year{2027} / 2 / 1};
    settings.meetups_per_day = 2;
    settings.max_iterations = 2000;
    const auto result = plan::make_plan({}, contacts, {trip}, settings, travel, geocoder);
    REQUIRE(result.trips.size() == 1);
    std::set<std::string> seen;
    bool group = false;
    for (const auto& m : result.trips[0].meetups) {
        group = group || m.contacts.size() >= 2;
        for (const auto& id : m.contacts) {
            CHECK(seen.insert(id.str()).second);
        }
        if (m.contacts.size() >= 2) {
            CHECK((m.kind == plan::MeetupKind::Dinner || m.kind == plan::MeetupKind::Drinks));
            CHECK(m.reasons.front().find("one table for") != std::string::npos);
        }
    }
    CHECK(group);
    CHECK(result.trips[0].meetups.size() <= 2);
}
