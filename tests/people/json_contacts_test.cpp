#include "sidetrip/people/contacts_reader.hpp"

#include "sidetrip/core/error.hpp"

#include "people_fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <string>

using namespace sidetrip;
using namespace sidetrip::people;
using namespace sidetrip::people::testing;

TEST_CASE("a JSON array of contacts is read with lists, places and planning fields", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("json_array.json", diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(diagnostics.empty());
    const Contact& lea = contacts[0];
    CHECK(lea.id.str() == "j-lea");
    CHECK(lea.name == "Lea Fernandez");
    CHECK(lea.emails == std::vector<std::string>{"lea@example.com"});
    CHECK(lea.tags == std::vector<std::string>{"university", "climbing club"});
    CHECK(lea.interests == std::vector<std::string>{"bouldering"});
    REQUIRE(lea.relationships.size() == 2);
    CHECK(lea.relationships[0].kind == "knows");
    CHECK(lea.relationships[0].target == "j-mark");
    CHECK(lea.relationships[1].kind == "friend");
    CHECK(lea.relationships[1].target == "p-ana");
    REQUIRE(lea.places.size() == 3);
    CHECK(lea.places[0].label == "home");
    CHECK(lea.places[0].text == "Quezon City, Metro Manila");
    CHECK(lea.places[0].country == "PH");
    CHECK(lea.places[1].label == "work");
    CHECK(lea.places[2].label == "other");
    CHECK(lea.places[2].text == "Cebu City");
    REQUIRE(lea.places[2].point.has_value());
    CHECK(lea.places[2].point->lon == Approx(123.8854));
    CHECK(format_date(*lea.last_met) == "2023-07-15");
    CHECK(lea.cadence_days == 60);
    CHECK(lea.tie_strength == 3);
    CHECK(lea.priority == 2);
    CHECK(lea.availability == "weekends");
    CHECK(lea.source.ends_with(":2"));

    const Contact& mark = contacts[1];
    CHECK(mark.name == "Mark Sy");
    CHECK(mark.source.ends_with(":19"));
    // Coordinates without a home or work place make a place of their own.
    REQUIRE(mark.places.size() == 1);
    CHECK(mark.places[0].text.empty());
    REQUIRE(mark.places[0].point.has_value());
    CHECK(mark.places[0].point->lat == Approx(1.3521));
}

TEST_CASE("a JSON object with a contacts array is read like a bare array", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("json_object_contacts.json", diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(diagnostics.empty());
    CHECK(contacts[0].id.str() == "o-1");
    CHECK(contacts[0].places[0].country == "DE");
    CHECK(contacts[0].source.ends_with(":4"));
    // A list written as one string with ';' is accepted too.
    CHECK(contacts[1].emails == std::vector<std::string>{"two@example.com", "zwei@example.de"});
}

TEST_CASE("a bad JSON element is a diagnostic with its index and line and the rest load", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("json_bad_element.json", diagnostics);
    REQUIRE(contacts.size() == 3);
    CHECK(contacts[0].name == "Good Before");
    CHECK(contacts[1].name == "Bad Values");
    CHECK_FALSE(contacts[1].tie_strength.has_value());
    CHECK_FALSE(contacts[1].last_met.has_value());
    CHECK(contacts[1].tags == std::vector<std::string>{"a", "b"});
    CHECK(contacts[1].emails.empty());
    CHECK(contacts[2].name == "Good After");
    CHECK(has_diagnostic(diagnostics, 3, "contact [1] is number, not an object; skipped"));
    CHECK(has_diagnostic(diagnostics, 4, "contact [2] has no name"));
    CHECK(has_diagnostic(diagnostics, 5, "tie_strength \"9\""));
    CHECK(has_diagnostic(diagnostics, 5, "last_met \"soon\""));
    CHECK(has_diagnostic(diagnostics, 5, "contact [3]: \"emails\" should be an array of text"));
    CHECK(has_diagnostic(diagnostics, 0, "unknown key \"shoe_size\""));
    CHECK(diagnostics.size() == 6);
}

TEST_CASE("malformed JSON is an input error naming the file and the line", "[people]") {
    Diagnostics diagnostics;
    CHECK_THROWS_AS(load("json_malformed.json", diagnostics), InputError);
    CHECK_THROWS_WITH(load("json_malformed.json", diagnostics),
                      Catch::Matchers::Contains("json_malformed.json:3: not valid JSON"));
}

TEST_CASE("JSON that is neither an array nor an object with contacts is an input error", "[people]") {
    Diagnostics diagnostics;
    CHECK_THROWS_WITH(load("json_wrong_shape.json", diagnostics),
                      Catch::Matchers::Contains("not a list of contacts"));
}

TEST_CASE("bytes that are not UTF-8 in JSON are dropped with a warning at their line", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = read_contacts("[\n{\"name\": \"Ren\xE9 Ocampo\"}\n]\n", ContactFormat::NativeJson,
                                        "inline.json", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(contacts[0].name == "Ren Ocampo");
    REQUIRE(diagnostics.size() == 1);
    CHECK(has_diagnostic(diagnostics, 2, "not UTF-8"));
}

TEST_CASE("every contact key in data/contacts.schema.json is a key the JSON reader knows", "[people]") {
    std::ifstream in(std::string(SIDETRIP_SOURCE_DIR) + "/data/contacts.schema.json");
    REQUIRE(in);
    const auto schema = nlohmann::json::parse(in);
    const auto& properties = schema.at("$defs").at("contact").at("properties");
    REQUIRE(properties.size() >= 20);
    nlohmann::json contact = {{"name", "Schema Keys"}};
    for (const auto& [key, definition] : properties.items()) {
        contact[key] = key == "places" || key == "knows" ? nlohmann::json::array() : nlohmann::json("");
    }
    contact["name"] = "Schema Keys";
    Diagnostics diagnostics;
    const auto contacts = read_contacts(nlohmann::json::array({contact}).dump(), ContactFormat::NativeJson,
                                        "schema.json", diagnostics);
    REQUIRE(contacts.size() == 1);
    for (const auto& d : diagnostics.items()) {
        UNSCOPED_INFO(d.to_string());
    }
    CHECK(diagnostics.empty());
}
