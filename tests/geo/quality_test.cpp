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
        if (c.status == "ok" || c.status == "partial") {
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
        // A partial answer is right when it is partial and at the region or country the text names.
        if ((c.status == "ok" && r.status == GeocodeStatus::Ok) ||
            (c.status == "partial" && r.status == GeocodeStatus::Partial)) {
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

TEST_CASE("an unknown town is answered as the region or country the text names, marked partial",
          "[geo][quality]") {
    OfflineGeocoder geocoder(Gazetteer::open(Gazetteer::default_path()));
    const auto nevada = geocoder.geocode({"Mercury, Nevada, United States", ""});
    CHECK(nevada.status == GeocodeStatus::Partial);
    CHECK(nevada.level == "region");
    CHECK(nevada.name == "Nevada");
    CHECK(nevada.country == "US");
    CHECK(nevada.timezone == "America/Los_Angeles"); // not Nevada, Missouri in Chicago's zone
    CHECK(nevada.reason.find("'Mercury' is not in the offline gazetteer") != std::string::npos);
    const auto country = geocoder.geocode({"Xyzzy, Philippines", ""});
    CHECK(country.status == GeocodeStatus::Partial);
    CHECK(country.level == "country");
    // Named on its own, a region is what the user meant: ok, not partial.
    CHECK(geocoder.geocode({"Alaska", ""}).status == GeocodeStatus::Ok);
    // A building before a city of millions does not turn the city into its state.
    const auto nyc = geocoder.geocode({"ABC Bldg, New York, USA", ""});
    CHECK(nyc.status == GeocodeStatus::Ok);
    CHECK(nyc.level == "city");
}

TEST_CASE("ISO 3166's inverted country names are read as one name", "[geo][quality]") {
    OfflineGeocoder geocoder(Gazetteer::open(Gazetteer::default_path()));
    for (const auto& [query, country] : std::vector<std::pair<std::string, std::string>>{
             {"Seoul, Korea, Republic of", "KR"},
             {"Pointe-Noire, Congo, Republic of the", "CG"},
             {"Tehran, Iran, Islamic Republic of", "IR"},
             {"Kinshasa, Congo, The Democratic Republic of the", "CD"},
             {"Taipei, Taiwan, Province of China", "TW"},
             {"Charlotte Amalie, Virgin Islands, U.S.", "VI"}}) {
        INFO(query);
        const auto r = geocoder.geocode({query, ""});
        CHECK(r.status == GeocodeStatus::Ok);
        CHECK(r.level == "city");
        CHECK(r.country == country);
    }
}

TEST_CASE("a station, terminal or venue resolves to the city it is in, or to nothing", "[geo][quality]") {
    OfflineGeocoder geocoder(Gazetteer::open(Gazetteer::default_path()));
    for (const auto& [query, name] : std::vector<std::pair<std::string, std::string>>{
             {"Frankfurt Hauptbahnhof", "Frankfurt am Main"},
             {"Hamburg Hbf", "Hamburg"},
             {"Gare de Lyon, Paris", "Paris"},
             {"Porte de Versailles, Paris", "Paris"},
             {"Moscone Convention Center, San Francisco", "San Francisco"}}) {
        INFO(query);
        const auto r = geocoder.geocode({query, ""});
        CHECK(r.status == GeocodeStatus::Ok);
        CHECK(r.name == name);
    }
    // Named after where its trains go: alone, no town rather than the wrong one.
    CHECK(geocoder.geocode({"Gare de Lyon", ""}).status == GeocodeStatus::NotFound);
    CHECK(geocoder.geocode({"Terminal 3, Changi Airport", ""}).status == GeocodeStatus::NotFound);
}
