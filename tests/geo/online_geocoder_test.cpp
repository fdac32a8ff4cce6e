// The online geocoder against the scripted HTTP server of tests/support: what it sends, how it
// reads Nominatim's and Photon's answers, its SQLite cache, its rate limit and its cap.
#include "../support/local_servers.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/geo/online_geocoder.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

using namespace sidetrip;
using namespace sidetrip::geo;
using sidetrip::test::ScriptedHttpServer;
using sidetrip::test::TempFolder;

namespace {

std::string fixture_path(const std::string& name) {
    return std::string(SIDETRIP_TEST_DATA) + "/geocoder/" + name;
}

std::string fixture(const std::string& name) {
    return sidetrip::test::read_text(fixture_path(name));
}

std::shared_ptr<const Gazetteer> gazetteer() {
    static const auto gaz = Gazetteer::open(Gazetteer::default_path());
    return gaz;
}

/// A cache folder of the test's own: XDG_CACHE_HOME points into it, so nothing touches the real cache.
struct IsolatedCache {
    TempFolder folder;
    IsolatedCache() { ::setenv("XDG_CACHE_HOME", folder.path().c_str(), 1); }
    std::filesystem::path sidetrip_folder() const { return folder.path() / "sidetrip"; }
};

/// Settings for a test server: no waits unless the test wants them.
OnlineGeocoderSettings settings_for(const ScriptedHttpServer& server,
                                    OnlineService service = OnlineService::Nominatim) {
    OnlineGeocoderSettings s;
    s.service = service;
    s.base_url = server.url("");
    s.min_interval_seconds = 0.0;
    s.retry_backoff = std::chrono::milliseconds{20};
    s.timeout = std::chrono::milliseconds{10'000};
    return s;
}

nlohmann::json ok_body(const std::string& file) {
    return {{"status", 200}, {"headers", {{"Content-Type", "application/json"}}}, {"body", fixture(file)}};
}

nlohmann::json empty_answer() {
    return {{"status", 200}, {"headers", {{"Content-Type", "application/json"}}}, {"body", "[]"}};
}

/// The value of a query parameter in a logged request path, percent-decoding left to the caller.
std::string parameter(const std::string& path, const std::string& name) {
    const auto query = path.find('?');
    if (query == std::string::npos) {
        return {};
    }
    std::string rest = path.substr(query + 1);
    for (std::size_t at = 0; at <= rest.size();) {
        const auto end = std::min(rest.find('&', at), rest.size());
        const std::string pair = rest.substr(at, end - at);
        if (pair.rfind(name + "=", 0) == 0) {
            return pair.substr(name.size() + 1);
        }
        at = end + 1;
    }
    return "(absent)";
}

} // namespace

TEST_CASE("a Nominatim jsonv2 answer becomes places with their level, region, country and confidence",
          "[geo]") {
    const auto places = parse_nominatim_response(fixture("nominatim_building_on_ayala_avenue.json"),
                                                 "https://n.example/search?q=x");
    REQUIRE(places.size() == 2);
    const GeocodeResult& building = places[0];
    CHECK(building.status == GeocodeStatus::Ok);
    CHECK(building.name == "Ayala Tower One, Makati");
    CHECK(building.admin1 == "Metro Manila");
    CHECK(building.country == "PH");
    CHECK(building.point.lat == Approx(14.5547396));
    CHECK(building.point.lon == Approx(121.0244452));
    CHECK(building.level == "address");
    CHECK(building.source == "online");
    CHECK(building.confidence == Approx(0.5)); // importance ~0
    CHECK(building.timezone.empty());          // the geocoder adds it from the gazetteer
    CHECK(places[1].level == "street");
    CHECK(places[1].name == "Ayala Avenue, Makati");
    CHECK(places[1].confidence > building.confidence);

    const auto house =
        parse_nominatim_response(fixture("nominatim_house_without_name.json"), "https://n.example");
    REQUIRE(house.size() == 1);
    CHECK(house[0].name == "17 Rizal Street, Lipa"); // no name: house number and road
    CHECK(house[0].admin1 == "Calabarzon");
    CHECK(house[0].level == "address");

    const auto towns =
        parse_nominatim_response(fixture("nominatim_town_with_a_rival_abroad.json"), "https://n.example");
    REQUIRE(towns.size() == 2);
    CHECK(towns[0].name == "Springfield");
    CHECK(towns[0].level == "city");
    CHECK(towns[0].admin1 == "Illinois");
    CHECK(towns[0].country == "US");
    CHECK(towns[0].confidence == Approx(0.79));

    CHECK(parse_nominatim_response("[]", "https://n.example").empty());
}

TEST_CASE("Nominatim entries without valid coordinates or with odd field types are skipped, not fatal",
          "[geo]") {
    const auto places =
        parse_nominatim_response(fixture("nominatim_entries_with_bad_coordinates.json"), "https://n.example");
    REQUIRE(places.size() == 2);
    CHECK(places[0].point.lat == Approx(14.5995)); // numbers as JSON numbers are fine too
    CHECK(places[0].name == "Manila");             // a name that is not text: the display name's first part
    CHECK(places[0].country.empty());              // a country code that is not text
    CHECK(places[0].level == "city");
    CHECK(places[0].confidence == Approx(0.6)); // an importance that is not a number
    CHECK(places[1].name == "Quezon City");
    CHECK(places[1].level == "city");
}

TEST_CASE("a Photon FeatureCollection becomes places, its [lon, lat] read as lat and lon", "[geo]") {
    const auto places =
        parse_photon_response(fixture("photon_berlin_city_town_and_house.json"), "https://p.example/api");
    REQUIRE(places.size() == 3);
    CHECK(places[0].name == "Berlin");
    CHECK(places[0].country == "US");
    CHECK(places[0].admin1 == "Connecticut");
    CHECK(places[0].point.lat == Approx(41.6215));
    CHECK(places[0].point.lon == Approx(-72.7742));
    CHECK(places[0].level == "city");
    CHECK(places[1].country == "DE");
    CHECK(places[1].point.lat == Approx(52.5170365));
    CHECK(places[1].admin1.empty()); // the state Berlin is the city itself
    CHECK(places[2].level == "address");
    CHECK(places[2].name == "1 Platz der Republik, Berlin");
    CHECK(places[2].source == "online");
    CHECK(
        parse_photon_response(R"({"type":"FeatureCollection","features":[]})", "https://p.example").empty());
}

TEST_CASE("malformed answers are a ServiceError naming the service and the redacted URL, never a crash",
          "[geo]") {
    const std::string url = "https://n.example/search?q=17%20Secret%20Lane&email=me%40example.com";
    std::vector<std::string> bodies = {"",
                                       "{",
                                       "<html><body>502 Bad Gateway</body></html>",
                                       "[1, 2",
                                       "null",
                                       "{}",
                                       "\"just a string\"",
                                       "\xff\xfe\x00garbage",
                                       "[{\"lat\": \"14.5\", \"lon\": \"121\", \"name\": \"\xff\"}]",
                                       R"({"error": {"code": 400, "message": "Parameter 'q' is empty"}})",
                                       std::string(100000, '[') + std::string(100000, ']'),
                                       std::string(200000, '[')};
    for (const auto& body : bodies) {
        for (const bool nominatim : {true, false}) {
            INFO((nominatim ? "Nominatim: " : "Photon: ") + body.substr(0, 40));
            try {
                const auto places =
                    nominatim ? parse_nominatim_response(body, url) : parse_photon_response(body, url);
                // Only well-formed JSON of the right shape may come back, and then without junk.
                for (const auto& p : places) {
                    CHECK(is_valid(p.point));
                }
                CHECK(body.front() == '[');
                CHECK(nominatim);
            } catch (const ServiceError& e) {
                const std::string message = e.what();
                CHECK(e.exit_code() == ExitCode::ServiceFailed);
                CHECK(message.find(nominatim ? "Nominatim" : "Photon") != std::string::npos);
                CHECK(message.find("REDACTED") != std::string::npos);
                CHECK(message.find("Secret") == std::string::npos);
                CHECK(message.find("me%40example.com") == std::string::npos);
            }
        }
    }
    CHECK_THROWS_WITH(parse_nominatim_response(R"({"error": "Unable to geocode"})", url),
                      Catch::Contains("Unable to geocode"));
}

TEST_CASE(
    "a lookup sends the place text with the country bias, language, contact and a User-Agent naming sidetrip",
    "[geo]") {
    IsolatedCache cache;
    ScriptedHttpServer server(
        nlohmann::json{{"/search", {ok_body("nominatim_building_on_ayala_avenue.json")}}});
    auto settings = settings_for(server);
    settings.contact = "planner@example.org";
    settings.language = "fil";
    OnlineGeocoder geocoder(settings, gazetteer());
    const auto result = geocoder.geocode({"Ayala Tower One, 6767 Ayala Ave", "ph"});
    REQUIRE(result.status == GeocodeStatus::Ok);
    CHECK(result.query == "Ayala Tower One, 6767 Ayala Ave");
    CHECK(result.source == "online");
    CHECK(result.timezone == "Asia/Manila");
    CHECK(result.country == "PH");
    CHECK(result.level == "address");
    CHECK(geocoder.lookups() == 1);
    CHECK(geocoder.results_used() == 1);

    const auto requests = server.requests();
    REQUIRE(requests.size() == 1);
    const std::string path = requests[0]["path"];
    CHECK(path.rfind("/search?", 0) == 0);
    CHECK(parameter(path, "q") == "Ayala%20Tower%20One%2C%206767%20Ayala%20Ave");
    CHECK(parameter(path, "format") == "jsonv2");
    CHECK(parameter(path, "addressdetails") == "1");
    CHECK(parameter(path, "limit") == "5");
    CHECK(parameter(path, "countrycodes") == "ph");
    CHECK(parameter(path, "accept-language") == "fil");
    CHECK(parameter(path, "email") == "planner%40example.org");
    const std::string agent = requests[0]["headers"].value("User-Agent", "");
    CHECK(agent.rfind("sidetrip/", 0) == 0);
    CHECK(agent.find("planner@example.org") != std::string::npos);
}

TEST_CASE("Photon is asked at /api with lang and no country filter, and the bias picks among its candidates",
          "[geo]") {
    IsolatedCache cache;
    ScriptedHttpServer server(nlohmann::json{{"/api", {ok_body("photon_berlin_city_town_and_house.json")}}});
    auto settings = settings_for(server, OnlineService::Photon);
    settings.language = "de";
    OnlineGeocoder geocoder(settings, gazetteer());
    const auto germany = geocoder.geocode({"Berlin Mitte Nord", "DE"});
    REQUIRE(germany.status == GeocodeStatus::Ok);
    CHECK(germany.country == "DE");
    CHECK(germany.timezone == "Europe/Berlin");
    // Another Berlin ranked as high elsewhere: the answer is a guess, and says so.
    CHECK(germany.confidence < 0.7);
    const auto requests = server.requests();
    REQUIRE(requests.size() == 1);
    const std::string path = requests[0]["path"];
    CHECK(path.rfind("/api?", 0) == 0);
    CHECK(parameter(path, "q") == "Berlin%20Mitte%20Nord");
    CHECK(parameter(path, "lang") == "de");
    CHECK(parameter(path, "countrycodes") == "(absent)");
    CHECK(parameter(path, "email") == "(absent)");

    const auto unbiased = geocoder.geocode({"Berlin Mitte Nord", ""});
    REQUIRE(unbiased.status == GeocodeStatus::Ok);
    CHECK(unbiased.country == "US"); // Photon's own first
}

TEST_CASE("answers are kept in SQLite: a second run asks the cache, found and not-found alike", "[geo]") {
    IsolatedCache cache;
    ScriptedHttpServer server(
        nlohmann::json{{"/search", {ok_body("nominatim_house_without_name.json"), empty_answer()}}});
    {
        OnlineGeocoder first(settings_for(server), gazetteer());
        const auto found = first.geocode({"17 Rizal Street, Poblacion", ""});
        REQUIRE(found.status == GeocodeStatus::Ok);
        CHECK(found.source == "online");
        const auto missing = first.geocode({"Nonexistent Lane 9, Atlantis", ""});
        CHECK(missing.status == GeocodeStatus::NotFound);
        CHECK(missing.reason.find("Nominatim found no place") != std::string::npos);
        CHECK(first.lookups() == 2);
    }
    CHECK(std::filesystem::exists(cache.sidetrip_folder() / "geocode.sqlite"));
    CHECK(server.requests().size() == 2);

    OnlineGeocoder second(settings_for(server), gazetteer());
    const auto found = second.geocode({"  17 Rizal Street, Poblacion ", ""});
    REQUIRE(found.status == GeocodeStatus::Ok);
    CHECK(found.source == "cache");
    CHECK(found.query == "  17 Rizal Street, Poblacion ");
    CHECK(found.name == "17 Rizal Street, Lipa");
    CHECK(found.timezone == "Asia/Manila");
    CHECK(found.point.lat == Approx(13.9411));
    const auto missing = second.geocode({"Nonexistent Lane 9, Atlantis", ""});
    CHECK(missing.status == GeocodeStatus::NotFound);
    CHECK(missing.reason.find("cached") != std::string::npos);
    CHECK(second.lookups() == 0);
    CHECK(second.results_used() == 1);
    CHECK(server.requests().size() == 2);

    // Another bias or another language is another question.
    auto english = settings_for(server);
    english.language = "de";
    OnlineGeocoder third(english, gazetteer());
    third.geocode({"17 Rizal Street, Poblacion", ""});
    CHECK(server.requests().size() == 3);
}

TEST_CASE("a damaged cache file is moved aside and the geocoder carries on", "[geo]") {
    IsolatedCache cache;
    std::filesystem::create_directories(cache.sidetrip_folder());
    sidetrip::test::write_text(cache.sidetrip_folder() / "geocode.sqlite", std::string(8192, 'x'));
    ScriptedHttpServer server(nlohmann::json{{"/search", {ok_body("nominatim_house_without_name.json")}}});
    OnlineGeocoder geocoder(settings_for(server), gazetteer());
    CHECK(geocoder.geocode({"17 Rizal Street, Poblacion", ""}).status == GeocodeStatus::Ok);
    CHECK(std::filesystem::exists(cache.sidetrip_folder() / "geocode.sqlite.damaged"));
    OnlineGeocoder again(settings_for(server), gazetteer());
    CHECK(again.geocode({"17 Rizal Street, Poblacion", ""}).source == "cache");
}

TEST_CASE("when the country filter finds nothing, Nominatim is asked once more without it", "[geo]") {
    IsolatedCache cache;
    ScriptedHttpServer server(
        nlohmann::json{{"/search", {empty_answer(), ok_body("nominatim_town_with_a_rival_abroad.json")}}});
    OnlineGeocoder geocoder(settings_for(server), gazetteer());
    const auto result = geocoder.geocode({"Springfield Township Hall", "PH"});
    REQUIRE(result.status == GeocodeStatus::Ok);
    CHECK(result.country == "US");
    CHECK(result.timezone == "America/Chicago");
    // Springfield, Missouri is almost as important and 300 km away.
    CHECK(result.confidence == Approx(0.64));
    const auto requests = server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(parameter(requests[0]["path"], "countrycodes") == "ph");
    CHECK(parameter(requests[1]["path"], "countrycodes") == "(absent)");
    CHECK(geocoder.lookups() == 2);
}

TEST_CASE("texts that are no place are never sent", "[geo]") {
    IsolatedCache cache;
    ScriptedHttpServer server(nlohmann::json{{"/search", {ok_body("nominatim_house_without_name.json")}}});
    OnlineGeocoder geocoder(settings_for(server), gazetteer());
    for (const char* text :
         {"Zoom", "https://meet.google.com/abc-defg-hij", "TBD", "+63 917 555 0101", "   "}) {
        INFO(text);
        CHECK(geocoder.geocode({text, ""}).status == GeocodeStatus::NotAPlace);
    }
    CHECK(geocoder.geocode({std::string(500, 'a'), ""}).status == GeocodeStatus::NotFound);
    CHECK(server.requests().empty());
    CHECK(geocoder.lookups() == 0);
}

TEST_CASE("past the per-run cap a text is not found, with a reason that says how to raise the cap", "[geo]") {
    IsolatedCache cache;
    ScriptedHttpServer server(nlohmann::json{{"/search", {ok_body("nominatim_house_without_name.json")}}});
    auto settings = settings_for(server);
    settings.max_lookups = 2;
    OnlineGeocoder geocoder(settings, gazetteer());
    CHECK(geocoder.geocode({"1 First Street, Somewhere", ""}).status == GeocodeStatus::Ok);
    CHECK(geocoder.geocode({"2 Second Street, Somewhere", ""}).status == GeocodeStatus::Ok);
    const auto third = geocoder.geocode({"3 Third Street, Somewhere", ""});
    CHECK(third.status == GeocodeStatus::NotFound);
    CHECK(third.reason.find("limit of 2 online lookups") != std::string::npos);
    CHECK(third.reason.find("--max-online-lookups") != std::string::npos);
    // A cached answer is no lookup: it still comes back past the cap.
    CHECK(geocoder.geocode({"1 First Street, Somewhere", ""}).source == "cache");
    CHECK(geocoder.lookups() == 2);
    CHECK(geocoder.capped() == 1);
    CHECK(server.requests().size() == 2);
}

TEST_CASE("429 and 500 are retried by the HTTP client, and a service that keeps failing is a ServiceError",
          "[geo]") {
    IsolatedCache cache;
    SECTION("429 with Retry-After, then an answer") {
        ScriptedHttpServer server(
            nlohmann::json{{"/search",
                            {{{"status", 429}, {"headers", {{"Retry-After", "0"}}}, {"body", "slow down"}},
                             ok_body("nominatim_house_without_name.json")}}});
        std::vector<std::string> waits;
        auto settings = settings_for(server);
        settings.on_progress = [&](const OnlineProgress& p) {
            if (p.wait_seconds > 0.0 || !p.why.empty()) {
                waits.push_back(p.why);
            }
        };
        OnlineGeocoder geocoder(settings, gazetteer());
        CHECK(geocoder.geocode({"17 Rizal Street, Poblacion", ""}).status == GeocodeStatus::Ok);
        CHECK(server.requests().size() == 2);
        CHECK(geocoder.lookups() == 1);
    }
    SECTION("500 every time") {
        ScriptedHttpServer server(nlohmann::json{{"/search", {{{"status", 500}, {"body", "boom"}}}}});
        auto settings = settings_for(server);
        settings.max_attempts = 2;
        OnlineGeocoder geocoder(settings, gazetteer());
        try {
            geocoder.geocode({"17 Secret Garden Road, Poblacion", ""});
            FAIL("no ServiceError");
        } catch (const ServiceError& e) {
            const std::string message = e.what();
            CHECK(message.find("Nominatim") != std::string::npos);
            CHECK(message.find("500") != std::string::npos);
            CHECK(message.find("Secret") == std::string::npos); // the query is redacted
        }
        CHECK(server.requests().size() == 2);
    }
    SECTION("404: a URL that is no Nominatim") {
        ScriptedHttpServer server(nlohmann::json{{"/elsewhere", {empty_answer()}}});
        OnlineGeocoder geocoder(settings_for(server), gazetteer());
        CHECK_THROWS_AS(geocoder.geocode({"17 Rizal Street, Poblacion", ""}), ServiceError);
        CHECK_THROWS_WITH(geocoder.geocode({"17 Rizal Street, Poblacion", ""}), Catch::Contains("HTTP 404"));
    }
    SECTION("an HTML page instead of JSON") {
        ScriptedHttpServer server(nlohmann::json{{"/search",
                                                  {{{"status", 200}, {"body", "<html>maintenance</html>"}},
                                                   ok_body("nominatim_house_without_name.json")}}});
        OnlineGeocoder geocoder(settings_for(server), gazetteer());
        try {
            geocoder.geocode({"17 Rizal Street, Poblacion", ""});
            FAIL("no ServiceError");
        } catch (const ServiceError& e) {
            CHECK(e.exit_code() == ExitCode::ServiceFailed);
            CHECK(std::string(e.what()).find("not JSON") != std::string::npos);
        }
        // A failure is not remembered as "not found": the next try asks again.
        const auto retried = geocoder.geocode({"17 Rizal Street, Poblacion", ""});
        CHECK(retried.status == GeocodeStatus::Ok);
        CHECK(retried.source == "online");
        CHECK(server.requests().size() == 2);
    }
}

TEST_CASE("requests to one server are spaced by the minimum interval, and the wait is reported", "[geo]") {
    IsolatedCache cache;
    ScriptedHttpServer server(nlohmann::json{{"/search", {ok_body("nominatim_house_without_name.json")}}});
    auto settings = settings_for(server);
    settings.min_interval_seconds = 0.4;
    std::vector<OnlineProgress> reports;
    settings.on_progress = [&](const OnlineProgress& p) { reports.push_back(p); };
    OnlineGeocoder geocoder(settings, gazetteer());
    for (const char* text : {"1 A Street, X", "2 B Street, X", "3 C Street, X"}) {
        REQUIRE(geocoder.geocode({text, ""}).status == GeocodeStatus::Ok);
    }
    const auto requests = server.requests();
    REQUIRE(requests.size() == 3);
    for (std::size_t i = 1; i < requests.size(); ++i) {
        CHECK(requests[i]["time"].get<double>() - requests[i - 1]["time"].get<double>() >= 0.37);
    }
    const bool waited = std::any_of(reports.begin(), reports.end(), [](const OnlineProgress& p) {
        return p.wait_seconds > 0.0 && p.why == "rate limit" && p.max_lookups == 50;
    });
    CHECK(waited);
    CHECK(std::filesystem::exists(cache.sidetrip_folder() /
                                  ("geocoder-127.0.0.1_" + std::to_string(server.port()) + ".lock")));
}

TEST_CASE("the service names and default servers are the documented ones", "[geo]") {
    CHECK(parse_online_service("Nominatim") == OnlineService::Nominatim);
    CHECK(parse_online_service("photon") == OnlineService::Photon);
    CHECK_FALSE(parse_online_service("google"));
    CHECK(default_base_url(OnlineService::Nominatim) == "https://nominatim.openstreetmap.org");
    CHECK(default_base_url(OnlineService::Photon) == "https://photon.komoot.io");
    OnlineGeocoderSettings bad;
    bad.base_url = "nominatim.example.org";
    CHECK_THROWS_AS(OnlineGeocoder(bad, gazetteer()), InputError);
    OnlineGeocoderSettings pasted;
    pasted.base_url = "https://nominatim.example.org/search/";
    CHECK(OnlineGeocoder(pasted, gazetteer()).base_url() == "https://nominatim.example.org");
    // The public server's policy is one request a second, whatever the settings say.
    OnlineGeocoderSettings eager;
    eager.min_interval_seconds = 0.0;
    CHECK(OnlineGeocoder(eager, gazetteer()).settings().min_interval_seconds == 1.0);
}

TEST_CASE("every spelling of one server shares its rate limit: 127.0.0.1, localhost and 127.1", "[geo]") {
    IsolatedCache cache;
    ScriptedHttpServer server(nlohmann::json{{"/search", {ok_body("nominatim_house_without_name.json")}}});
    const std::string port = std::to_string(server.port());
    std::vector<std::unique_ptr<OnlineGeocoder>> geocoders;
    for (const char* host : {"127.0.0.1", "localhost", "127.1"}) {
        auto settings = settings_for(server);
        settings.base_url = std::string("http://") + host + ":" + port;
        settings.min_interval_seconds = 0.4;
        geocoders.push_back(std::make_unique<OnlineGeocoder>(settings, gazetteer()));
    }
    int n = 0;
    for (auto& geocoder : geocoders) {
        REQUIRE(geocoder->geocode({std::to_string(++n) + " A Street, X", ""}).status == GeocodeStatus::Ok);
    }
    const auto requests = server.requests();
    REQUIRE(requests.size() == 3);
    for (std::size_t i = 1; i < requests.size(); ++i) {
        CHECK(requests[i]["time"].get<double>() - requests[i - 1]["time"].get<double>() >= 0.37);
    }
}

TEST_CASE("the public server's one-second minimum holds however its address is spelled", "[geo]") {
    for (const char* url : {"https://nominatim.openstreetmap.org.:443",
                            "https://NOMINATIM.OpenStreetMap.org/", "http://nominatim.openstreetmap.org:8080",
                            "https://eu.nominatim.openstreetmap.org", "https://photon.komoot.io.:443/api"}) {
        INFO(url);
        OnlineGeocoderSettings eager;
        eager.service = std::string(url).find("photon") != std::string::npos ? OnlineService::Photon
                                                                             : OnlineService::Nominatim;
        eager.base_url = url;
        eager.min_interval_seconds = 0.0;
        CHECK(OnlineGeocoder(eager, gazetteer()).settings().min_interval_seconds == 1.0);
    }
    OnlineGeocoderSettings own;
    own.base_url = "https://nominatim.example.org";
    own.min_interval_seconds = 0.0;
    CHECK(OnlineGeocoder(own, gazetteer()).settings().min_interval_seconds == 0.0);
}

TEST_CASE("phone numbers, e-mail addresses, links and door codes in an address are taken out", "[geo]") {
    CHECK(without_personal_details("12 Rizal St, Lipa, door code 4821, ana@example.com") ==
          "12 Rizal St, Lipa");
    CHECK(without_personal_details("Hauptstr. 5, Türcode 4711, 10115 Berlin") == "Hauptstr. 5, 10115 Berlin");
    CHECK(without_personal_details("17 Rizal Street (call +63 917 555 0101), Poblacion") ==
          "17 Rizal Street, Poblacion");
    CHECK(without_personal_details("5 Rue Oberkampf, digicode 12A4, 75011 Paris") ==
          "5 Rue Oberkampf, 75011 Paris");
    CHECK(without_personal_details("Apt 4B buzzer 3012, 350 5th Ave, New York, tel. 212-555-0199") ==
          "Apt 4B, 350 5th Ave, New York");
    CHECK(without_personal_details("Makati https://maps.app.goo.gl/AbC123, gate code: 1234#") == "Makati");
    // What is part of an address stays.
    for (const char* plain :
         {"1600 Amphitheatre Pkwy, Mountain View, CA 94043-1351", "Ayala Tower One, 6767 Ayala Ave",
          "Postal code 4217, Lipa, Batangas", "1-1 Marunouchi, Chiyoda, Tokyo 100-0005", "14.5995 120.9842",
          "Km 12.5 Aguinaldo Hwy"}) {
        CHECK(without_personal_details(plain) == plain);
    }
}

TEST_CASE("an address with a phone number, e-mail address and door code is sent without them", "[geo]") {
    IsolatedCache cache;
    ScriptedHttpServer server(nlohmann::json{{"/search", {ok_body("nominatim_house_without_name.json")}}});
    OnlineGeocoder geocoder(settings_for(server), gazetteer());
    const auto result = geocoder.geocode(
        {"17 Rizal Street, Poblacion, door code 4821#, Türcode 9911, ana.cruz@example.com, +63 917 555 0101",
         ""});
    CHECK(result.status == GeocodeStatus::Ok);
    CHECK(result.query.find("4821") != std::string::npos); // the caller still sees what was written
    // Only contact details: nothing is sent at all.
    CHECK(geocoder.geocode({"ana.cruz@example.com, 0917 555 0101", ""}).status == GeocodeStatus::NotAPlace);
    const auto requests = server.requests();
    REQUIRE(requests.size() == 1);
    const std::string sent = requests[0]["path"];
    CHECK(parameter(requests[0]["path"], "q") == "17%20Rizal%20Street%2C%20Poblacion");
    for (const char* secret : {"4821", "9911", "ana.cruz", "example.com", "917", "0101"}) {
        INFO(secret);
        CHECK(sent.find(secret) == std::string::npos);
    }
}
