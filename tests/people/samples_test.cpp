#include "sidetrip/people/contacts_reader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

using namespace sidetrip;
using namespace sidetrip::people;

namespace {

std::string sample(const std::string& name) {
    return std::string(SIDETRIP_SOURCE_DIR) + "/samples/" + name;
}

std::vector<Contact> load_samples(Diagnostics& diagnostics) {
    auto contacts = read_contacts_file(sample("contacts.vcf"), diagnostics);
    auto more = read_contacts_file(sample("contacts.csv"), diagnostics);
    contacts.insert(contacts.end(), more.begin(), more.end());
    return contacts;
}

} // namespace

TEST_CASE("the sample contacts load without diagnostics and hold at least 40 people", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load_samples(diagnostics);
    for (const auto& d : diagnostics.items()) {
        UNSCOPED_INFO(d.to_string());
    }
    CHECK(diagnostics.empty());
    CHECK(contacts.size() >= 40);
    std::set<std::string> names;
    for (const auto& contact : contacts) {
        names.insert(contact.name);
    }
    CHECK(names.size() == contacts.size());
}

TEST_CASE("the two sample files share no contact id and every knows target is one of them", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load_samples(diagnostics);
    std::set<std::string> ids;
    for (const auto& contact : contacts) {
        CHECK(ids.insert(contact.id.str()).second);
    }
    std::size_t relationships = 0;
    for (const auto& contact : contacts) {
        for (const auto& relationship : contact.relationships) {
            INFO(contact.name << " -> " << relationship.target);
            CHECK(ids.count(relationship.target) == 1);
            ++relationships;
        }
    }
    CHECK(relationships >= 40);
}

TEST_CASE("the sample contacts have places, circles and planning fields to plan with", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load_samples(diagnostics);
    std::set<int> years_met;
    std::set<std::string> countries;
    std::set<std::string> circles;
    for (const auto& contact : contacts) {
        INFO(contact.name);
        CHECK_FALSE(contact.places.empty());
        CHECK_FALSE(contact.tags.empty());
        CHECK_FALSE(contact.interests.empty());
        CHECK(contact.cadence_days.has_value());
        CHECK(contact.tie_strength.has_value());
        REQUIRE(contact.last_met.has_value());
        years_met.insert(static_cast<int>(contact.last_met->year()));
        for (const auto& place : contact.places) {
            if (!place.country.empty()) {
                countries.insert(place.country);
            }
        }
        for (const auto& tag : contact.tags) {
            std::string lower;
            for (const char c : tag) {
                lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            }
            circles.insert(lower);
        }
    }
    CHECK(years_met == std::set<int>{2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026});
    CHECK(countries == std::set<std::string>{"DE", "GB", "NL", "PH", "SG", "US"});
    CHECK(circles == std::set<std::string>{"church", "climbing club", "clients", "conference friends",
                                           "ex-colleagues", "homeschool", "university"});
}
