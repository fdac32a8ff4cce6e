#include "sidetrip/geo/offline_geocoder.hpp"
#include "sidetrip/plan/contact_places.hpp"

#include <catch2/catch.hpp>

using namespace sidetrip;

namespace {

struct Fixture {
    std::shared_ptr<const geo::Gazetteer> gazetteer = geo::Gazetteer::open(geo::Gazetteer::default_path());
    geo::OfflineGeocoder geocoder{gazetteer};

    std::vector<plan::ResolvedContact> resolve(std::vector<people::Contact> contacts,
                                               const std::string& country = "") {
        return plan::resolve_contact_places(contacts, geocoder, *gazetteer, country);
    }
};

people::Contact person(const std::string& name, std::vector<people::ContactPlace> places) {
    people::Contact c;
    c.id = ContactId(name);
    c.name = name;
    c.places = std::move(places);
    return c;
}

} // namespace

TEST_CASE("a contact's own coordinates are kept and named after the nearest town", "[plan]") {
    Fixture f;
    auto r = f.resolve({person("Ana", {{"home", "", "", GeoPoint{14.5547, 121.0244}}})});
    REQUIRE(r[0].places.size() == 1);
    const auto& place = r[0].places[0];
    CHECK(place.status == geo::GeocodeStatus::Ok);
    CHECK(place.point == GeoPoint{14.5547, 121.0244});
    CHECK(place.country == "PH");
    CHECK(place.timezone == "Asia/Manila");
    CHECK(place.source == "contact");
    CHECK(r[0].unresolved_reason.empty());
}

TEST_CASE("the home country decides a bare namesake, the contact's own country wins over it", "[plan]") {
    Fixture f;
    auto r = f.resolve({person("Ben", {{"home", "San Jose", "", std::nullopt}}),
                        person("Cy", {{"home", "San Jose", "CR", std::nullopt}})},
                       "US");
    REQUIRE(r[0].places[0].status == geo::GeocodeStatus::Ok);
    CHECK(r[0].places[0].country == "US");
    REQUIRE(r[1].places[0].status == geo::GeocodeStatus::Ok);
    CHECK(r[1].places[0].country == "CR");
}

TEST_CASE("a place with only a country resolves at country level", "[plan]") {
    Fixture f;
    auto r = f.resolve({person("Dee", {{"other", "", "SG", std::nullopt}})});
    REQUIRE(r[0].places[0].status == geo::GeocodeStatus::Ok);
    CHECK(r[0].places[0].country == "SG");
}

TEST_CASE("contacts without a usable place are reported with the reason", "[plan]") {
    Fixture f;
    auto r = f.resolve({person("Eve", {}), person("Fay", {{"home", "Qwertopolis", "", std::nullopt}}),
                        person("Gus", {{"work", "Zoom", "", std::nullopt}})});
    CHECK(r[0].unresolved_reason == "no address or city given");
    CHECK(r[1].unresolved_reason.find("Qwertopolis") != std::string::npos);
    CHECK(r[2].places[0].status == geo::GeocodeStatus::NotAPlace);
    CHECK_FALSE(r[2].unresolved_reason.empty());
}

TEST_CASE("a place known only as its region or country is resolved but not a place to meet in person",
          "[plan]") {
    Fixture f;
    auto r = f.resolve({person("Hal", {{"home", "Qilakvik, Alaska", "", std::nullopt}}),
                        person("Ivy", {{"home", "Qilakvik, United States", "", std::nullopt}}),
                        person("Jo", {{"home", "Qilakvik, Alaska", "", std::nullopt},
                                      {"work", "Juneau, Alaska", "", std::nullopt}}),
                        person("Kim", {{"home", "Makati City, Metro Manila", "", std::nullopt}})});
    // The town is unknown: a partial answer, still there for its time zone.
    REQUIRE(r[0].places[0].status == geo::GeocodeStatus::Partial);
    CHECK(r[0].places[0].level == "region");
    CHECK(r[0].place_not_in_person_reasons.at(0) ==
          "Qilakvik, Alaska is known only as Alaska (region level): too vague to meet in person");
    CHECK(r[0].not_in_person_reason == r[0].place_not_in_person_reasons[0]);
    CHECK(r[0].unresolved_reason.empty());

    REQUIRE(r[1].places[0].status == geo::GeocodeStatus::Partial);
    CHECK(r[1].places[0].level == "country");
    CHECK(r[1].not_in_person_reason.find("Qilakvik, United States is known only as ") == 0);
    CHECK(r[1].not_in_person_reason.find("(country level): too vague to meet in person") !=
          std::string::npos);

    // One precise place is enough to meet in person; the vague one stays marked.
    CHECK_FALSE(r[2].place_not_in_person_reasons.at(0).empty());
    CHECK(r[2].place_not_in_person_reasons.at(1).empty());
    CHECK(r[2].not_in_person_reason.empty());

    CHECK(r[3].place_not_in_person_reasons.at(0).empty());
    CHECK(r[3].not_in_person_reason.empty());
}

TEST_CASE("a place with only a country is too vague to meet in person, unless a city-state", "[plan]") {
    Fixture f;
    auto r = f.resolve({person("Dee", {{"other", "", "NZ", std::nullopt}}),
                        person("Eli", {{"home", "", "", GeoPoint{14.5547, 121.0244}}}),
                        person("Flo", {{"other", "", "SG", std::nullopt}})});
    CHECK(r[0].not_in_person_reason.find("NZ is known only as ") == 0);
    CHECK(r[1].not_in_person_reason.empty()); // the contact's own coordinates are precise
    CHECK(r[2].not_in_person_reason.empty()); // Singapore is one city
}
