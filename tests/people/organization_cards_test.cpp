#include "sidetrip/people/contacts_reader.hpp"

#include "people_fixtures.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace sidetrip;
using namespace sidetrip::people;
using namespace sidetrip::people::testing;

TEST_CASE("vCards marked as a company or an org or location kind are organisation cards", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("organization_cards.vcf", diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(contacts.size() == 6);
    CHECK(contacts[0].name == "Lakeshore Logistics"); // Apple: X-ABShowAs:COMPANY
    CHECK(contacts[0].kind == ContactKind::Organization);
    CHECK(contacts[1].name == "Harbourfront Analytics"); // vCard 4: KIND:org
    CHECK(contacts[1].kind == ContactKind::Organization);
    CHECK(contacts[2].name == "Lipa Cathedral"); // KIND:Location, in any case
    CHECK(contacts[2].kind == ContactKind::Organization);
    CHECK(contacts[3].name == "Rosa Aquino"); // KIND:individual, with an employer
    CHECK(contacts[3].kind == ContactKind::Person);
    CHECK(contacts[4].name == "Kalye Labs"); // only ORG: named after it
    CHECK(contacts[4].kind == ContactKind::Organization);
    CHECK(contacts[5].name == "Wei Ling Tan"); // X-ABShowAs:PERSON
    CHECK(contacts[5].kind == ContactKind::Person);
}

TEST_CASE("a Google CSV row with an organisation and no name is an organisation card", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("same_human_google.csv", diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(contacts.size() == 5);
    CHECK(contacts[3].name == "Maria Santos");
    CHECK(contacts[3].kind == ContactKind::Person);
    CHECK(contacts[4].name == "Lakeshore Logistics");
    CHECK(contacts[4].kind == ContactKind::Organization);
    CHECK(contacts[4].phones == std::vector<std::string>{"+1 312-555-0100"});
}

TEST_CASE("a sidetrip CSV row naming only its organisation, or of kind organization, is an organisation card",
          "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("organization_rows.csv", diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(contacts.size() == 5);
    CHECK(contacts[0].name == "Lakeshore Logistics"); // no name: the organisation's
    CHECK(contacts[0].kind == ContactKind::Organization);
    CHECK(contacts[1].name == "Kalye Labs"); // the name is the organisation's
    CHECK(contacts[1].kind == ContactKind::Organization);
    CHECK(contacts[2].name == "Mactan Dive Center"); // kind column
    CHECK(contacts[2].kind == ContactKind::Organization);
    CHECK(contacts[3].kind == ContactKind::Person); // a person at Kalye Labs
    CHECK(contacts[4].name == "Ben Ong");
    CHECK(contacts[4].kind == ContactKind::Person);
}

TEST_CASE("sidetrip JSON has a kind key, and a contact with only an organisation is one", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("organization_json_kind.json", diagnostics);
    REQUIRE(contacts.size() == 4);
    CHECK(contacts[0].kind == ContactKind::Organization);
    CHECK(contacts[1].name == "Kalye Labs");
    CHECK(contacts[1].kind == ContactKind::Organization);
    CHECK(contacts[2].kind == ContactKind::Person);
    CHECK(contacts[3].kind == ContactKind::Person); // an unknown kind: a person, with a warning
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics.items()[0].message.find("\"robot\" is neither person nor organization") !=
          std::string::npos);
}

TEST_CASE("contact kinds are named person and organization", "[people]") {
    CHECK(to_string(ContactKind::Person) == "person");
    CHECK(to_string(ContactKind::Organization) == "organization");
}
