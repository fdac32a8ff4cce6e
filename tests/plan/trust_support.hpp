#pragma once
// A small world for planner tests: a calendar built event by event (as the calendar reader would
// leave it: UTC instants and each event's zone), contacts placed at known points, and the real
// gazetteer, trip detection and planner.

#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/geo/offline_geocoder.hpp"
#include "sidetrip/plan/planner.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace sidetrip::test {

struct City {
    std::string name;
    GeoPoint point;
    std::string zone;
    std::string airport; ///< IATA code, empty for a suburb
    std::string region;  ///< how an address names the region: "California", "England"
};

inline std::chrono::sys_seconds wall(const std::string& zone, int y, unsigned m, unsigned d, int hour,
                                     int minute = 0) {
    using namespace std::chrono;
    const local_days date{year{y} / month{m} / day{d}};
    return calendar::to_utc(local_seconds{date.time_since_epoch()} + hours{hour} + minutes{minute}, zone);
}

struct World {
    std::shared_ptr<const geo::Gazetteer> gazetteer = geo::Gazetteer::open(geo::Gazetteer::default_path());
    geo::OfflineGeocoder geocoder{gazetteer};
    plan::DistanceTravelModel travel;
    plan::PlannerSettings settings;
    std::vector<calendar::Occurrence> occurrences;
    std::vector<plan::ResolvedContact> contacts;
    int next_uid = 0;

    World(const City& home, const std::string& country, Date today) {
        settings.home = home.point;
        settings.home_name = home.name;
        settings.home_zone = home.zone;
        settings.home_country = country;
        settings.today = today;
        settings.max_iterations = 400;
    }

    std::function<std::string(const GeoPoint&)> zone_at() const {
        return [g = gazetteer](const GeoPoint& p) { return geo::timezone_at(*g, p); };
    }

    calendar::Occurrence& add(const std::string& summary, calendar::EventKind kind,
                              std::chrono::sys_seconds start, std::chrono::sys_seconds end,
                              const std::string& zone, const std::string& location = "") {
        calendar::Occurrence o;
        o.uid = "event-" + std::to_string(next_uid++) + "@test";
        o.summary = summary;
        o.location = location;
        o.kind = kind;
        o.start_utc = start;
        o.end_utc = end;
        o.timezone = zone;
        o.display_zone = zone;
        o.status = "confirmed";
        occurrences.push_back(o);
        return occurrences.back();
    }

    /// "UA 1234 AUS to SFO", from departure to arrival (UTC instants).
    calendar::Occurrence& flight(const std::string& number, const City& from, const City& to,
                                 std::chrono::sys_seconds departs, std::chrono::sys_seconds lands) {
        return add(number + " " + from.airport + " to " + to.airport, calendar::EventKind::Flight, departs,
                   lands, from.zone);
    }

    calendar::Occurrence& all_day(const std::string& summary, calendar::EventKind kind, Date first,
                                  Date after_last, const std::string& location, bool transparent) {
        auto& o = add(summary, kind, std::chrono::sys_days{first}, std::chrono::sys_days{after_last},
                      "floating", location);
        o.all_day = true;
        o.start_date = first;
        o.end_date = after_last;
        o.transparent = transparent;
        return o;
    }

    plan::ResolvedContact& person(const std::string& name, const City& lives, int tie = 4) {
        plan::ResolvedContact rc;
        rc.contact.id = ContactId("person-" + std::to_string(contacts.size()));
        rc.contact.name = name;
        rc.contact.tie_strength = tie;
        rc.contact.last_met = Date{std::chrono::year{2024} / 1 / 1};
        rc.contact.places.push_back({"home", lives.name, "", std::nullopt});
        geo::GeocodeResult place;
        place.status = geo::GeocodeStatus::Ok;
        place.point = lives.point;
        place.name = lives.name;
        place.timezone = lives.zone;
        place.level = "city";
        rc.places.push_back(place);
        contacts.push_back(rc);
        return contacts.back();
    }

    std::vector<plan::Trip> trips() {
        std::stable_sort(occurrences.begin(), occurrences.end(),
                         [](const auto& a, const auto& b) { return a.start_utc < b.start_utc; });
        plan::TripOptions options;
        options.home = settings.home;
        options.home_zone = settings.home_zone;
        options.home_country = settings.home_country;
        options.zone_at = zone_at();
        return plan::detect_trips(occurrences, options, geocoder);
    }

    plan::Plan make() { return make(trips()); }

    plan::Plan make(const std::vector<plan::Trip>& trips) {
        return plan::make_plan(occurrences, contacts, trips, settings, travel, geocoder, zone_at());
    }
};

// Places used by the tests (city centres; suburbs within an hour's drive carry no airport).
inline const City Austin{"Austin", {30.2672, -97.7431}, "America/Chicago", "AUS", "Texas"};
inline const City Chicago{"Chicago", {41.8500, -87.6501}, "America/Chicago", "ORD", "Illinois"};
inline const City Evanston{"Evanston", {42.0411, -87.6901}, "America/Chicago", "", "Illinois"};
inline const City SanFrancisco{
    "San Francisco", {37.7749, -122.4194}, "America/Los_Angeles", "SFO", "California"};
inline const City Oakland{"Oakland", {37.8044, -122.2708}, "America/Los_Angeles", "", "California"};
inline const City Berkeley{"Berkeley", {37.8716, -122.2728}, "America/Los_Angeles", "", "California"};
inline const City Sacramento{"Sacramento", {38.5816, -121.4944}, "America/Los_Angeles", "", "California"};
inline const City SantaBarbara{
    "Santa Barbara", {34.4208, -119.6982}, "America/Los_Angeles", "SBA", "California"};
inline const City NewYork{"New York City", {40.7128, -74.0060}, "America/New_York", "JFK", "New York"};
inline const City Brooklyn{"Brooklyn", {40.6501, -73.9496}, "America/New_York", "", "New York"};
inline const City London{"London", {51.5074, -0.1278}, "Europe/London", "LHR", "England"};
inline const City Singapore{"Singapore", {1.2897, 103.8501}, "Asia/Singapore", "SIN", "Singapore"};
inline const City Tokyo{"Tokyo", {35.6895, 139.6917}, "Asia/Tokyo", "NRT", "Japan"};
inline const City Yokohama{"Yokohama", {35.4333, 139.6500}, "Asia/Tokyo", "", "Japan"};
inline const City Manila{"Makati City", {14.5503, 121.0327}, "Asia/Manila", "MNL", "Metro Manila"};
inline const City Pasay{"Pasay", {14.5375, 121.0014}, "Asia/Manila", "", "Metro Manila"};
inline const City Lipa{"Lipa City", {13.9411, 121.1631}, "Asia/Manila", "", "Batangas"};
inline const City Denver{"Denver", {39.7392, -104.9847}, "America/Denver", "DEN", "Colorado"};
inline const City Boulder{"Boulder", {40.0150, -105.2706}, "America/Denver", "", "Colorado"};

} // namespace sidetrip::test
