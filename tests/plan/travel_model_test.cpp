#include "sidetrip/core/error.hpp"
#include "sidetrip/geo/geodesic.hpp"
#include "sidetrip/plan/travel_model.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace sidetrip;
using namespace std::chrono;
using plan::DistanceTravelModel;
using plan::TravelMode;

namespace {

// Places in the Philippines (WGS84, from OpenStreetMap), ordered roughly south-east from Makati.
const GeoPoint makati{14.5560, 121.0230};    // Ayala Avenue, Makati CBD
const GeoPoint glorietta{14.5508, 121.0247}; // a short walk from Ayala Avenue
const GeoPoint bgc{14.5509, 121.0509};       // Bonifacio High Street, ~3 km straight, 4-5 km by road
const GeoPoint lipa{13.9411, 121.1631};      // Lipa City, Batangas
const GeoPoint legazpi{13.1391, 123.7438};   // Legazpi City, Albay
const GeoPoint cebu{10.3157, 123.8854};      // Cebu City

/// The same point moved north by `degrees`: with the default zones, 3 degrees north of Makati is
/// rural Cagayan Valley, outside every congestion zone.
GeoPoint moved_north(const GeoPoint& p, double degrees) {
    return GeoPoint{p.lat + degrees, p.lon};
}

/// One row of tests/data/travel/drive_times.tsv: a typical published drive between two places.
struct PublishedDrive {
    std::string from;
    GeoPoint from_point;
    std::string to;
    GeoPoint to_point;
    double road_km = 0.0;
    double minutes = 0.0;
};

std::vector<PublishedDrive> load_drive_times() {
    const std::string path = std::string(SIDETRIP_TEST_DATA) + "/travel/drive_times.tsv";
    std::ifstream in(path);
    REQUIRE(in);
    std::vector<PublishedDrive> drives;
    std::string line;
    bool header_seen = false;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#') {
            continue;
        }
        if (!header_seen) { // the first other line names the columns
            header_seen = true;
            continue;
        }
        std::vector<std::string> fields;
        std::istringstream row(line);
        for (std::string field; std::getline(row, field, '\t');) {
            fields.push_back(field);
        }
        INFO(path << ": " << line);
        REQUIRE(fields.size() == 9);
        drives.push_back({fields[0], GeoPoint{std::stod(fields[1]), std::stod(fields[2])}, fields[3],
                          GeoPoint{std::stod(fields[4]), std::stod(fields[5])}, std::stod(fields[6]),
                          std::stod(fields[7])});
    }
    return drives;
}

} // namespace

TEST_CASE("travel modes have lower-case names", "[plan]") {
    CHECK(plan::to_string(TravelMode::Walk) == "walk");
    CHECK(plan::to_string(TravelMode::City) == "city");
    CHECK(plan::to_string(TravelMode::Intercity) == "intercity");
}

TEST_CASE("a hop to the same point takes no time and is walked", "[plan]") {
    const DistanceTravelModel model;
    const auto estimate = model.estimate(makati, makati);
    CHECK(estimate.duration == seconds{0});
    CHECK(estimate.mode == TravelMode::Walk);
    CHECK(estimate.distance_km == 0.0);
}

TEST_CASE("a short hop across Makati is walked at walking pace", "[plan]") {
    const DistanceTravelModel model;
    const auto estimate = model.estimate(makati, glorietta);
    REQUIRE(estimate.distance_km == Approx(0.6).margin(0.1));
    CHECK(estimate.mode == TravelMode::Walk);
    // 0.6 km x 1.3 detour at 4.5 km/h is 10.4 minutes, rounded up; no congestion on foot.
    CHECK(estimate.duration == minutes{11});
}

TEST_CASE("a hop just longer than walk_max_km is never walked", "[plan]") {
    const DistanceTravelModel model;
    const GeoPoint near{makati.lat + 1.19 / 110.6, makati.lon};
    const GeoPoint beyond{makati.lat + 1.25 / 110.6, makati.lon};
    REQUIRE(geo::distance_m(makati, near) / 1000.0 < model.settings().walk_max_km);
    REQUIRE(geo::distance_m(makati, beyond) / 1000.0 > model.settings().walk_max_km);
    CHECK(model.estimate(makati, near).mode == TravelMode::Walk);
    const auto ride = model.estimate(makati, beyond);
    CHECK(ride.mode == TravelMode::City);
    // Not quicker than the longest walk it replaces.
    CHECK(ride.duration >= model.estimate(makati, near).duration);
}

TEST_CASE("Makati to BGC by car takes clearly longer than the same distance outside Metro Manila", "[plan]") {
    const DistanceTravelModel model;
    const auto manila = model.estimate(makati, bgc);
    const auto rural = model.estimate(moved_north(makati, 3.0), moved_north(bgc, 3.0));
    REQUIRE(manila.distance_km == Approx(3.0).margin(0.3));
    REQUIRE(rural.distance_km == Approx(manila.distance_km).epsilon(0.03));
    CHECK(manila.mode == TravelMode::City);
    CHECK(rural.mode == TravelMode::City);
    // 3 km x 1.35 / 24 km/h = 10 min of driving: x 1.8 in Metro Manila, + 10 min overhead.
    CHECK(manila.duration >= rural.duration + minutes{7});
    CHECK(manila.duration >= minutes{25});
    CHECK(manila.duration <= minutes{45});
}

TEST_CASE("an intercity hop from Metro Manila is slower than the same hop elsewhere", "[plan]") {
    const DistanceTravelModel model;
    const GeoPoint laguna{14.2, 121.4}; // Laguna lakeshore, ~42 km outside the zone's centre
    const auto from_manila = model.estimate(makati, laguna);
    const auto elsewhere = model.estimate(moved_north(makati, 3.0), moved_north(laguna, 3.0));
    CHECK(from_manila.mode == TravelMode::Intercity);
    CHECK(elsewhere.mode == TravelMode::Intercity);
    CHECK(from_manila.duration > elsewhere.duration);
}

TEST_CASE("Lipa to Makati is an intercity hop of one and a quarter to two and a half hours", "[plan]") {
    const DistanceTravelModel model;
    const auto estimate = model.estimate(lipa, makati);
    REQUIRE(estimate.distance_km == Approx(70.0).margin(5.0));
    CHECK(estimate.mode == TravelMode::Intercity);
    CHECK(estimate.duration >= minutes{75});
    CHECK(estimate.duration <= minutes{150});
    // Only the stretch inside Metro Manila is slowed: clearly slower than the same hop elsewhere,
    // but far from 1.8 times the whole drive.
    const auto elsewhere = model.estimate(moved_north(lipa, 4.0), moved_north(makati, 4.0));
    CHECK(estimate.duration > elsewhere.duration);
    CHECK(estimate.duration < elsewhere.duration * 1.5);
}

TEST_CASE("ever longer hops from Makati take ever longer and are intercity", "[plan]") {
    const DistanceTravelModel model;
    const auto to_lipa = model.estimate(makati, lipa);
    const auto to_legazpi = model.estimate(makati, legazpi);
    const auto to_cebu = model.estimate(makati, cebu);
    CHECK(to_lipa.distance_km < to_legazpi.distance_km);
    CHECK(to_legazpi.distance_km < to_cebu.distance_km);
    CHECK(to_legazpi.mode == TravelMode::Intercity);
    CHECK(to_cebu.mode == TravelMode::Intercity);
    CHECK(to_lipa.duration < to_legazpi.duration);
    CHECK(to_legazpi.duration < to_cebu.duration);
}

TEST_CASE("a longer hop from the same place never takes less time, across walk, city and intercity",
          "[plan]") {
    const DistanceTravelModel model;
    const GeoPoint start = GENERATE(makati, moved_north(makati, 3.0));
    seconds previous{0};
    for (double km = 0.0; km <= 120.0; km += 0.1) {
        const GeoPoint end{start.lat - km / 110.6, start.lon + km / 220.0};
        const auto estimate = model.estimate(start, end);
        INFO("start " << start.lat << "," << start.lon << ", " << km << " km south-east");
        REQUIRE(estimate.duration >= previous);
        previous = estimate.duration;
    }
}

TEST_CASE("an estimate is the same in both directions", "[plan]") {
    const DistanceTravelModel model;
    const std::vector<std::pair<GeoPoint, GeoPoint>> hops = {
        {makati, glorietta}, {makati, bgc}, {lipa, makati}, {makati, cebu}, {legazpi, cebu}};
    for (const auto& [a, b] : hops) {
        const auto there = model.estimate(a, b);
        const auto back = model.estimate(b, a);
        CHECK(there.duration == back.duration);
        CHECK(there.mode == back.mode);
        CHECK(there.distance_km == back.distance_km);
    }
}

TEST_CASE("every estimate is a whole number of minutes, rounded up", "[plan]") {
    const DistanceTravelModel model;
    for (const GeoPoint& to : {glorietta, bgc, lipa, cebu}) {
        const auto estimate = model.estimate(makati, to);
        CHECK(estimate.duration.count() % 60 == 0);
        CHECK(estimate.duration > seconds{0});
    }
}

TEST_CASE("custom congestion zones replace the built-in ones", "[plan]") {
    plan::TravelModelSettings settings;
    settings.congestion = {{"nowhere in particular", {0.0, 0.0}, 1.0, 2.0}};
    const DistanceTravelModel custom(settings);
    const DistanceTravelModel defaults;
    // Metro Manila is no longer a zone: Makati to BGC costs the plain city formula.
    const auto plain = custom.estimate(makati, bgc);
    CHECK(plain.duration ==
          minutes{static_cast<int>(std::ceil(plain.distance_km * 1.35 / 24.0 * 60.0 + 10.0))});
    CHECK(plain.duration < defaults.estimate(makati, bgc).duration);

    // And a zone of one's own slows hops there.
    settings.congestion = {{"Cagayan Valley", moved_north(makati, 3.0), 10.0, 3.0}};
    const DistanceTravelModel valley(settings);
    CHECK(valley.estimate(moved_north(makati, 3.0), moved_north(bgc, 3.0)).duration >
          defaults.estimate(moved_north(makati, 3.0), moved_north(bgc, 3.0)).duration + minutes{15});
}

TEST_CASE("a hop between two zones pays each zone's factor on its own stretch", "[plan]") {
    plan::TravelModelSettings settings;
    settings.congestion = {{"Makati", makati, 1.0, 1.5}, {"BGC", bgc, 1.0, 2.5}};
    const DistanceTravelModel model(settings);
    settings.congestion = {{"both", makati, 10.0, 2.5}};
    const DistanceTravelModel worst(settings);
    settings.congestion = {{"off", {0.0, 0.0}, 0.0, 1.0}};
    const DistanceTravelModel plain(settings);
    // 1 km at 1.5, about 1.1 km free, 1 km at 2.5 (all at the city pace: 3.1 km is two legs).
    const auto both = model.estimate(makati, bgc);
    CHECK(both.duration > plain.estimate(makati, bgc).duration);
    CHECK(both.duration < worst.estimate(makati, bgc).duration);
    const double city_per_km = 1.35 / 24.0 * 60.0;
    const double expected = (1.0 * 1.5 + (both.distance_km - 2.0) + 1.0 * 2.5) * city_per_km + 10.0;
    CHECK(std::abs(duration<double, std::ratio<60>>(both.duration).count() - expected) <= 1.5);
}

TEST_CASE("custom speeds, detours, overhead and thresholds override the defaults", "[plan]") {
    plan::TravelModelSettings settings;
    settings.congestion = {{"off", {0.0, 0.0}, 0.0, 1.0}};
    settings.walk_max_km = 5.0;
    settings.walk_speed_kmh = 6.0;
    settings.walk_detour = 1.0;
    const DistanceTravelModel walker(settings);
    const auto walked = walker.estimate(makati, bgc);
    CHECK(walked.mode == TravelMode::Walk);
    CHECK(walked.duration == minutes{static_cast<int>(std::ceil(walked.distance_km / 6.0 * 60.0))});

    settings.walk_max_km = 0.0;
    settings.city_speed_kmh = 60.0;
    settings.city_detour = 1.0;
    settings.drive_overhead_minutes = 0.0;
    const DistanceTravelModel driver(settings);
    const auto driven = driver.estimate(makati, glorietta);
    CHECK(driven.mode == TravelMode::City);
    CHECK(driven.duration == minutes{1});

    settings.city_max_km = 1.0;
    settings.city_leg_km = 0.0; // no city leg: all of it at the motorway pace
    settings.intercity_speed_kmh = 100.0;
    settings.intercity_detour = 1.0;
    const DistanceTravelModel highway(settings);
    const auto far = highway.estimate(makati, lipa);
    CHECK(far.mode == TravelMode::Intercity);
    CHECK(far.duration == minutes{static_cast<int>(std::ceil(far.distance_km / 100.0 * 60.0))});
}

TEST_CASE("settings that make no sense are refused with the name of the setting", "[plan]") {
    plan::TravelModelSettings settings;
    settings.city_speed_kmh = 0.0;
    CHECK_THROWS_WITH(DistanceTravelModel(settings), Catch::Contains("city_speed_kmh"));
    CHECK_THROWS_AS(DistanceTravelModel(settings), InputError);

    settings = {};
    settings.city_max_km = 0.5;
    CHECK_THROWS_WITH(DistanceTravelModel(settings), Catch::Contains("city_max_km"));

    settings = {};
    settings.city_leg_km = -1.0;
    CHECK_THROWS_WITH(DistanceTravelModel(settings), Catch::Contains("city_leg_km"));

    settings = {};
    settings.intercity_detour = 0.9;
    CHECK_THROWS_WITH(DistanceTravelModel(settings), Catch::Contains("intercity_detour"));

    settings = {};
    settings.congestion = {{"Metro Manila", {14.58, 121.03}, 25.0, 0.0}};
    CHECK_THROWS_WITH(DistanceTravelModel(settings),
                      Catch::Contains("Metro Manila") && Catch::Contains("factor"));
}

TEST_CASE("the distance model stays close to typical published drive times", "[plan]") {
    const DistanceTravelModel model;
    const std::vector<PublishedDrive> drives = load_drive_times();
    REQUIRE(drives.size() >= 25);
    std::vector<double> errors;
    for (const PublishedDrive& drive : drives) {
        const auto estimate = model.estimate(drive.from_point, drive.to_point);
        // Route planners give the time at the wheel; the model's door-to-door time also holds
        // the overhead of finding a car or parking, so that is taken off before comparing.
        const double driving = duration<double, std::ratio<60>>(estimate.duration).count() -
                               model.settings().drive_overhead_minutes;
        const double error = driving - drive.minutes;
        errors.push_back(std::abs(error));
        // Within 25 % or 15 minutes, whichever is larger: the published figures themselves vary
        // by that much between route planners and days, and a planner can live with it.
        const double tolerance = std::max(0.25 * drive.minutes, 15.0);
        INFO(drive.from << " -> " << drive.to << ": published " << drive.minutes << " min, model " << driving
                        << " min driving (" << estimate.distance_km << " km straight, " << drive.road_km
                        << " km by road)");
        CHECK(std::abs(error) <= tolerance);
    }
    std::sort(errors.begin(), errors.end());
    const std::size_t n = errors.size();
    const double median = n % 2 == 1 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2.0;
    std::cout << "drive_times.tsv: " << n << " pairs, median absolute error " << median << " min, worst "
              << errors.back() << " min\n";
    CHECK(median <= 10.0);
}

TEST_CASE("a hop from a point that is not on the globe is refused", "[plan]") {
    const DistanceTravelModel model;
    CHECK_THROWS_AS(model.estimate(GeoPoint{91.0, 0.0}, makati), Error);
}
