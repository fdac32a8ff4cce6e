#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/geo/gazetteer_builder.hpp"
#include "sidetrip/geo/geodesic.hpp"
#include "sidetrip/geo/offline_geocoder.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <unistd.h>

using namespace sidetrip;
using namespace sidetrip::geo;

namespace {

std::filesystem::path temp_path(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("sidetrip-test-" + std::to_string(::getpid()) + "-" + name);
}

std::shared_ptr<const Gazetteer> mini_gazetteer() {
    static const auto path = [] {
        auto p = temp_path("mini.bin");
        build_gazetteer(std::filesystem::path(SIDETRIP_TEST_DATA) / "gazetteer-mini", p);
        return p;
    }();
    return Gazetteer::open(path);
}

} // namespace

TEST_CASE("the geodesic distance along the equator is one degree of the WGS84 ellipsoid", "[geo]") {
    CHECK(distance_m({0.0, 0.0}, {0.0, 1.0}) == Approx(111319.49).margin(0.01));
    // Manila to Cebu City, about 570 km.
    CHECK(distance_m({14.6042, 120.9822}, {10.3167, 123.8907}) == Approx(570000).margin(10000));
    CHECK(distance_m({51.5, -0.12}, {51.5, -0.12}) == 0.0);
}

TEST_CASE("a compiled gazetteer finds places by folded name, code and alias", "[geo]") {
    auto gaz = mini_gazetteer();
    CHECK(gaz->place_count() == 6);
    CHECK(gaz->airport_count() == 1);
    CHECK(gaz->country_count() == 2);

    auto lipa = gaz->lookup("lipa");
    REQUIRE(lipa.size() == 1);
    CHECK(lipa[0].type == EntryType::Place);
    CHECK(lipa[0].quality == KeyQuality::Alternate);
    CHECK(gaz->place(lipa[0].target).name == "Lipa City");

    // "Province of Batangas" is also found as "batangas", after the city of that name.
    auto batangas = gaz->lookup("batangas");
    REQUIRE(batangas.size() == 2);
    CHECK(batangas[0].type == EntryType::Place);
    CHECK(batangas[1].type == EntryType::Region);
    CHECK(batangas[1].quality == KeyQuality::Stripped);

    auto mo = gaz->lookup("mo");
    REQUIRE(mo.size() == 1);
    CHECK(mo[0].type == EntryType::Region);
    CHECK(mo[0].quality == KeyQuality::Code);
    CHECK(gaz->region(mo[0].target).name == "Missouri");

    auto naia = gaz->lookup(text::fold("NAIA"));
    REQUIRE(naia.size() == 1);
    CHECK(naia[0].type == EntryType::Airport);
    CHECK(gaz->airport(naia[0].target).iata == "MNL");

    auto metro = gaz->lookup("metro manila");
    REQUIRE(metro.size() == 1);
    CHECK(gaz->region(metro[0].target).code == "NCR");
    CHECK(gaz->lookup("nowhere at all").empty());
}

TEST_CASE("regions know their seat and countries their capital", "[geo]") {
    auto gaz = mini_gazetteer();
    auto ph = gaz->country_by_code("PH");
    REQUIRE(ph);
    REQUIRE(ph->capital);
    CHECK(gaz->place(*ph->capital).name == "Manila");
    auto mo = gaz->lookup("mo");
    REQUIRE(gaz->region(mo[0].target).seat);
    CHECK(gaz->place(*gaz->region(mo[0].target).seat).name == "Springfield");
}

TEST_CASE("two places called Springfield are told apart by the state after the comma", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    auto mo = geocoder.geocode({"Springfield, MO", ""});
    REQUIRE(mo.status == GeocodeStatus::Ok);
    CHECK(mo.admin1 == "Missouri");
    auto il = geocoder.geocode({"Springfield, Illinois", ""});
    REQUIRE(il.status == GeocodeStatus::Ok);
    CHECK(il.admin1 == "Illinois");
    CHECK(il.confidence > 0.7);
    // Without context both are possible: the answer says so with a lower confidence.
    auto bare = geocoder.geocode({"Springfield", ""});
    REQUIRE(bare.status == GeocodeStatus::Ok);
    CHECK(bare.confidence < il.confidence);
}

TEST_CASE("a province after the town decides between a town and a city named like the province", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    auto r = geocoder.geocode({"Lipa, Batangas", ""});
    REQUIRE(r.status == GeocodeStatus::Ok);
    CHECK(r.name == "Lipa City");
    CHECK(r.timezone == "Asia/Manila");
    CHECK(r.source == "gazetteer");
}

TEST_CASE("street lines, building names and postal codes are skipped, read right to left", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    auto r = geocoder.geocode({"Room 301, ABC Bldg, 12 Rizal Ave, Manila 1000, Metro Manila, Philippines", ""});
    REQUIRE(r.status == GeocodeStatus::Ok);
    CHECK(r.name == "Manila");
    CHECK(r.country == "PH");
}

TEST_CASE("a capitalised two-letter word is a code, never a fuzzy name", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    auto r = geocoder.geocode({"DC", ""});
    REQUIRE(r.status == GeocodeStatus::Ok);
    CHECK(r.level == "region");
    CHECK(r.name == "District of Columbia");
    auto airport = geocoder.geocode({"MNL", ""});
    REQUIRE(airport.status == GeocodeStatus::Ok);
    CHECK(airport.level == "airport");
}

TEST_CASE("the bias country decides a bare ambiguous name only when the text names no country", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    auto r = geocoder.geocode({"Springfield", "US"});
    REQUIRE(r.status == GeocodeStatus::Ok);
    CHECK(r.country == "US");
    auto named = geocoder.geocode({"Manila, Philippines", "US"});
    REQUIRE(named.status == GeocodeStatus::Ok);
    CHECK(named.country == "PH");
}

TEST_CASE("meeting links, placeholders and phone numbers are not places", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    for (const char* text : {"Zoom", "Microsoft Teams Meeting", "https://zoom.us/j/123456789", "meet.google.com/abc-defg",
                             "TBD", "Online", "N/A", "+63 917 123 4567", "(555) 123-4567", "Skype call", "", "  "}) {
        INFO(text);
        auto r = geocoder.geocode({text, ""});
        CHECK(r.status == GeocodeStatus::NotAPlace);
        CHECK_FALSE(r.reason.empty());
    }
    CHECK_FALSE(is_not_a_place("Manila"));
    CHECK_FALSE(is_not_a_place("Zürich"));
}

TEST_CASE("an unknown name is not found with a reason, not an error", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    auto r = geocoder.geocode({"Qwertopolis, Narnia", ""});
    CHECK(r.status == GeocodeStatus::NotFound);
    CHECK(r.reason.find("Qwertopolis") != std::string::npos);
}

TEST_CASE("an alias whose target does not exist stops the build naming file and line", "[geo]") {
    const auto out = temp_path("bad.bin");
    try {
        build_gazetteer(std::filesystem::path(SIDETRIP_TEST_DATA) / "gazetteer-bad-alias", out);
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("aliases.tsv:2") != std::string::npos);
        CHECK(std::string(e.what()).find("999") != std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("opening a file that is not a gazetteer index is an error naming it", "[geo]") {
    const auto path = temp_path("not-an-index.bin");
    {
        std::ofstream f(path);
        f << "this is not a gazetteer, just some text that is long enough to hold a header........"
             "......................................................................................";
    }
    CHECK_THROWS_WITH(Gazetteer::open(path), Catch::Contains("not-an-index.bin"));
    std::filesystem::remove(path);
    CHECK_THROWS_AS(Gazetteer::open(temp_path("missing.bin")), Error);
}

TEST_CASE("a huge or hostile place text is answered quickly from its last words", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    std::string text;
    for (int i = 0; i < 20000; ++i) {
        text += "word" + std::to_string(i % 97) + (i % 7 == 0 ? ", " : " ");
    }
    text += ", Lipa, Batangas";
    const auto start = std::chrono::steady_clock::now();
    const auto r = geocoder.geocode({text, ""});
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(r.status == GeocodeStatus::Ok);
    CHECK(r.name == "Lipa City");
    CHECK(elapsed < std::chrono::seconds(1));
}
