// The geocoding quality figure: our own labelled cases (tests/data/geocode_cases.tsv) against
// the shipped gazetteer, scored as the share of answers within 25 km (or with the right
// status for non-places and unknown names). The issue asks for >= 95%.
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/geo/geodesic.hpp"
#include "sidetrip/geo/offline_geocoder.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>

using namespace sidetrip;
using namespace sidetrip::geo;

namespace {

struct Case {
    int line;
    std::string query, country, status;
    double lat = 0, lon = 0;
};

std::vector<Case> load_cases() {
    std::ifstream in(std::filesystem::path(SIDETRIP_TEST_DATA) / "geocode_cases.tsv");
    std::vector<Case> cases;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 || line.empty()) {
            continue;
        }
        auto f = text::split(line, '\t');
        REQUIRE(f.size() >= 5);
        Case c{number, std::string(f[0]), std::string(f[1]), std::string(f[2])};
        if (c.status == "ok") {
            c.lat = std::stod(std::string(f[3]));
            c.lon = std::stod(std::string(f[4]));
        }
        cases.push_back(c);
    }
    return cases;
}

} // namespace

TEST_CASE("at least 95% of our labelled place texts resolve within 25 km", "[geo][quality]") {
    OfflineGeocoder geocoder(Gazetteer::open(Gazetteer::default_path()));
    const auto cases = load_cases();
    REQUIRE(cases.size() >= 60);
    std::size_t good = 0;
    for (const auto& c : cases) {
        const auto r = geocoder.geocode({c.query, c.country});
        bool right = false;
        std::string got = std::string(to_string(r.status));
        if (c.status == "ok" && r.status == GeocodeStatus::Ok) {
            const double km = distance_m(r.point, {c.lat, c.lon}) / 1000.0;
            right = km <= 25.0;
            got = r.name + ", " + r.country + " at " + std::to_string(km) + " km";
        } else {
            right = got == c.status;
        }
        if (right) {
            ++good;
        } else {
            std::cerr << "geocode_cases.tsv:" << c.line << ": '" << c.query << "' expected " << c.status
                      << ", got " << got << "\n";
        }
    }
    const double share = static_cast<double>(good) / static_cast<double>(cases.size());
    std::cout << "geocoding quality: " << good << "/" << cases.size() << " = " << share * 100.0
              << "% within 25 km\n";
    CHECK(share >= 0.95);
}

TEST_CASE("the shipped gazetteer knows the issue's own examples", "[geo][quality]") {
    OfflineGeocoder geocoder(Gazetteer::open(Gazetteer::default_path()));
    struct Example {
        const char* query;
        const char* name;
        const char* country;
    };
    for (const Example& e :
         {Example{"Room 301, ABC Bldg, Ayala Ave, Makati City, Metro Manila", "Makati City", "PH"},
          Example{"Lipa, Batangas", "Lipa City", "PH"}, Example{"Springfield, MO", "Springfield", "US"},
          Example{"Paris, TX", "Paris", "US"}, Example{"London, Ontario", "London", "CA"},
          Example{"München", "Munich", "DE"},
          Example{"1600 Amphitheatre Pkwy, Mountain View, CA 94043, USA", "Mountain View", "US"},
          Example{"BGC", "Taguig", "PH"}, Example{"NYC", "New York City", "US"}}) {
        INFO(e.query);
        const auto r = geocoder.geocode({e.query, ""});
        REQUIRE(r.status == GeocodeStatus::Ok);
        CHECK(r.name == e.name);
        CHECK(r.country == e.country);
        CHECK_FALSE(r.timezone.empty());
    }
    const auto mnl = geocoder.geocode({"MNL", ""});
    REQUIRE(mnl.status == GeocodeStatus::Ok);
    CHECK(mnl.level == "airport");
    CHECK(mnl.timezone == "Asia/Manila");
}

TEST_CASE("the time zone of a point comes from its nearest town, or tzdata's far out at sea", "[geo]") {
    auto gaz = Gazetteer::open(Gazetteer::default_path());
    CHECK(timezone_at(*gaz, {14.55, 121.03}) == "Asia/Manila");
    CHECK(timezone_at(*gaz, {40.71, -74.0}) == "America/New_York");
    CHECK(timezone_at(*gaz, {48.14, 11.58}) == "Europe/Berlin");
    // Far from any town, tzdata's zone.tab decides.
    CHECK(timezone_at(*gaz, {0.0, -150.0}) == "Pacific/Kiritimati");
    CHECK(timezone_at(*gaz, {-60.0, -30.0}) == "Atlantic/South_Georgia");
}
