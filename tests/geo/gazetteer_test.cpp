#include "../../src/geo/detail/gazetteer_format.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/geo/gazetteer_builder.hpp"
#include "sidetrip/geo/geodesic.hpp"
#include "sidetrip/geo/offline_geocoder.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <iterator>
#include <unistd.h>

using namespace sidetrip;
using namespace sidetrip::geo;

namespace {

std::filesystem::path temp_path(const std::string& name) {
    return std::filesystem::temp_directory_path() /
           ("sidetrip-test-" + std::to_string(::getpid()) + "-" + name);
}

// The mini gazetteer compiled once per test process, and removed when the process ends.
struct MiniIndex {
    std::filesystem::path path = temp_path("mini.bin");
    MiniIndex() { build_gazetteer(std::filesystem::path(SIDETRIP_TEST_DATA) / "gazetteer-mini", path); }
    ~MiniIndex() {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }
    MiniIndex(const MiniIndex&) = delete;
    MiniIndex& operator=(const MiniIndex&) = delete;
};

std::shared_ptr<const Gazetteer> mini_gazetteer() {
    static const MiniIndex index;
    return Gazetteer::open(index.path);
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
    CHECK(gaz->place_count() == 8);
    CHECK(gaz->airport_count() == 1);
    CHECK(gaz->country_count() == 4);

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

    // "mo" is both Mo i Rana's alternate name and Missouri's code.
    auto mo = gaz->lookup("mo");
    REQUIRE(mo.size() == 2);
    CHECK(mo[0].type == EntryType::Place);
    CHECK(mo[1].type == EntryType::Region);
    CHECK(mo[1].quality == KeyQuality::Code);
    CHECK(gaz->region(mo[1].target).name == "Missouri");

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
    REQUIRE(gaz->region(mo[1].target).seat);
    CHECK(gaz->place(*gaz->region(mo[1].target).seat).name == "Springfield");
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
    auto r =
        geocoder.geocode({"Room 301, ABC Bldg, 12 Rizal Ave, Manila 1000, Metro Manila, Philippines", ""});
    REQUIRE(r.status == GeocodeStatus::Ok);
    CHECK(r.name == "Manila");
    CHECK(r.country == "PH");
}

TEST_CASE("a capitalised two-letter word is a code, never a fuzzy name", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    auto state = geocoder.geocode({"Springfield, MO", ""});
    REQUIRE(state.status == GeocodeStatus::Ok);
    CHECK(state.country == "US");
    CHECK(state.admin1 == "Missouri");
    // In capitals on its own it is Missouri too, not the town also called Mo.
    auto code = geocoder.geocode({"MO", ""});
    REQUIRE(code.status == GeocodeStatus::Ok);
    CHECK(code.name == "Missouri");
    auto town = geocoder.geocode({"Mo i Rana", ""});
    REQUIRE(town.status == GeocodeStatus::Ok);
    CHECK(town.country == "NO");
    auto r = geocoder.geocode({"DC", ""});
    REQUIRE(r.status == GeocodeStatus::Ok);
    CHECK(r.level == "region");
    CHECK(r.name == "District of Columbia");
    auto airport = geocoder.geocode({"MNL", ""});
    REQUIRE(airport.status == GeocodeStatus::Ok);
    CHECK(airport.level == "airport");
}

TEST_CASE("after a comma a state code may be written in lower case", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    auto r = geocoder.geocode({"Springfield, Mo", ""});
    REQUIRE(r.status == GeocodeStatus::Ok);
    CHECK(r.admin1 == "Missouri");
}

TEST_CASE("no-break spaces and numbers glued to a name do not hide the name", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    auto nbsp = geocoder.geocode({"Springfield,\u00a0MO", ""});
    REQUIRE(nbsp.status == GeocodeStatus::Ok);
    CHECK(nbsp.admin1 == "Missouri");
    auto glued = geocoder.geocode({"Manila-1000", ""});
    REQUIRE(glued.status == GeocodeStatus::Ok);
    CHECK(glued.name == "Manila");
    auto control = geocoder.geocode({"Manila\x01\x1b[31m", ""});
    REQUIRE(control.status == GeocodeStatus::Ok);
    CHECK(control.name == "Manila");
}

TEST_CASE("the bias country decides a bare ambiguous name only when the text names no country", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    auto none = geocoder.geocode({"Springfield", ""});
    REQUIRE(none.status == GeocodeStatus::Ok);
    CHECK(none.country == "US");
    auto r = geocoder.geocode({"Springfield", "NZ"});
    REQUIRE(r.status == GeocodeStatus::Ok);
    CHECK(r.country == "NZ");
    auto named = geocoder.geocode({"Manila, Philippines", "US"});
    REQUIRE(named.status == GeocodeStatus::Ok);
    CHECK(named.country == "PH");
}

TEST_CASE("meeting links, placeholders and phone numbers are not places", "[geo]") {
    OfflineGeocoder geocoder(mini_gazetteer());
    for (const char* text :
         {"Zoom", "Microsoft Teams Meeting", "https://zoom.us/j/123456789", "meet.google.com/abc-defg", "TBD",
          "Online", "N/A", "+63 917 123 4567", "(555) 123-4567", "Skype call", "", "  "}) {
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

TEST_CASE("an index whose entries point outside it is refused, not read", "[geo]") {
    const auto good = temp_path("good.bin");
    build_gazetteer(std::filesystem::path(SIDETRIP_TEST_DATA) / "gazetteer-mini", good);
    std::string bytes;
    {
        std::ifstream in(good, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    detail::Header header{};
    std::memcpy(&header, bytes.data(), sizeof header);
    detail::KeyRecord key{};
    std::memcpy(&key, bytes.data() + header.keys_offset, sizeof key);
    key.target = 0x7FFFFFFF;
    std::memcpy(bytes.data() + header.keys_offset, &key, sizeof key);
    const auto bad = temp_path("bad-target.bin");
    {
        std::ofstream out(bad, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    CHECK_THROWS_WITH(Gazetteer::open(bad), Catch::Contains("damaged"));
    CHECK_NOTHROW(Gazetteer::open(good));
    std::filesystem::remove(bad);
    std::filesystem::remove(good);
}

namespace {

// Answers with the text it was asked, and counts how often it was asked.
class EchoGeocoder : public Geocoder {
public:
    int calls = 0;
    GeocodeResult geocode(const GeocodeRequest& request) override {
        ++calls;
        GeocodeResult r;
        r.query = request.query;
        r.status = GeocodeStatus::Ok;
        r.name = request.query + "/" + request.country_bias;
        return r;
    }
};

} // namespace

TEST_CASE("the memory cache asks once per text and bias, and case makes a different text", "[geo]") {
    auto inner = std::make_shared<EchoGeocoder>();
    MemoryCachedGeocoder cached(inner);
    CHECK(cached.geocode({"Springfield, MO", ""}).name == "Springfield, MO/");
    CHECK(cached.geocode({"Springfield, MO", ""}).name == "Springfield, MO/");
    CHECK(inner->calls == 1);
    CHECK(cached.hits() == 1);
    CHECK(cached.geocode({"Springfield, Mo", ""}).name == "Springfield, Mo/");
    CHECK(cached.geocode({"Springfield, MO", "US"}).name == "Springfield, MO/US");
    CHECK(inner->calls == 3);
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
