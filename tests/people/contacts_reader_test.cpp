#include "sidetrip/people/contacts_reader.hpp"

#include "sidetrip/core/error.hpp"

#include "people_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

using namespace sidetrip;
using namespace sidetrip::people;
using namespace sidetrip::people::testing;

TEST_CASE("contact formats have the names the command line uses", "[people]") {
    CHECK(to_string(ContactFormat::VCard) == "vcard");
    CHECK(to_string(ContactFormat::GoogleCsv) == "google-csv");
    CHECK(to_string(ContactFormat::LinkedInCsv) == "linkedin-csv");
    CHECK(to_string(ContactFormat::NativeCsv) == "csv");
    CHECK(to_string(ContactFormat::NativeJson) == "json");
}

TEST_CASE("the format is detected from the content whatever the file is called", "[people]") {
    CHECK(detect_contact_format("\xEF\xBB\xBF"
                                "BEGIN:VCARD\r\nVERSION:3.0\r\n",
                                "contacts.txt") == ContactFormat::VCard);
    CHECK(detect_contact_format("  [ {\"name\": \"A\"} ]", "") == ContactFormat::NativeJson);
    CHECK(detect_contact_format("{\"contacts\": []}", "x.csv") == ContactFormat::NativeJson);
    CHECK(detect_contact_format("name,emails\nA,a@example.com\n", "") == ContactFormat::NativeCsv);
    CHECK(detect_contact_format("Name;E-mail\nA;a@example.com\n", "") == ContactFormat::NativeCsv);
    CHECK(detect_contact_format("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
                                "") == ContactFormat::LinkedInCsv);
    CHECK(detect_contact_format("Name,Given Name,Family Name,Group Membership,E-mail 1 - Value\n", "") ==
          ContactFormat::GoogleCsv);
}

TEST_CASE("a .vcf file with text before its first card is still a vCard", "[people]") {
    CHECK(detect_contact_format("exported by a phone\nBEGIN:VCARD\nFN:A\nEND:VCARD\n", "phone.vcf") ==
          ContactFormat::VCard);
}

TEST_CASE("content of no known format is an input error naming the file and what it can be", "[people]") {
    Diagnostics diagnostics;
    CHECK_THROWS_AS(read_contacts_file(fixture("unknown_format.txt"), diagnostics), InputError);
    CHECK_THROWS_WITH(read_contacts_file(fixture("unknown_format.txt"), diagnostics),
                      Catch::Matchers::Contains("unknown_format.txt") &&
                          Catch::Matchers::Contains("This is a shopping list.") &&
                          Catch::Matchers::Contains("vCard"));
    CHECK_THROWS_WITH(detect_contact_format("hello", "notes.vcf"),
                      Catch::Matchers::Contains("no BEGIN:VCARD"));
    CHECK_THROWS_WITH(detect_contact_format("hello", "notes.json"), Catch::Matchers::Contains("not JSON"));
}

TEST_CASE("a directory given as a contacts file is an input error", "[people]") {
    Diagnostics diagnostics;
    CHECK_THROWS_AS(read_contacts_file(SIDETRIP_TEST_DATA, diagnostics), InputError);
    CHECK_THROWS_WITH(read_contacts_file(SIDETRIP_TEST_DATA, diagnostics),
                      Catch::Matchers::Contains("is a directory"));
}

TEST_CASE("a missing contacts file is an input error naming it", "[people]") {
    Diagnostics diagnostics;
    CHECK_THROWS_WITH(read_contacts_file(fixture("no_such_file.vcf"), diagnostics),
                      Catch::Matchers::Contains("no_such_file.vcf: no such file"));
}

TEST_CASE("an empty or blank contacts file is an input error", "[people]") {
    Diagnostics diagnostics;
    CHECK_THROWS_AS(read_contacts_file(fixture("empty_file.csv"), diagnostics), InputError);
    CHECK_THROWS_WITH(read_contacts_file(fixture("empty_file.csv"), diagnostics),
                      Catch::Matchers::Contains("empty_file.csv is empty"));
    CHECK_THROWS_WITH(read_contacts_file(fixture("whitespace_only.vcf"), diagnostics),
                      Catch::Matchers::Contains("is empty"));
}

TEST_CASE("a binary file given as contacts is an input error", "[people]") {
    Diagnostics diagnostics;
    CHECK_THROWS_WITH(read_contacts_file(fixture("binary_garbage.dat"), diagnostics),
                      Catch::Matchers::Contains("binary data"));
}

TEST_CASE("contacts without an id get a stable id derived from name and first email", "[people]") {
    Diagnostics first_run;
    Diagnostics second_run;
    const auto first = read_contacts_file(fixture("derived_ids_and_duplicates.csv"), first_run);
    const auto second = read_contacts_file(fixture("derived_ids_and_duplicates.csv"), second_run);
    REQUIRE(first.size() == 3);
    REQUIRE(second.size() == 3);
    for (std::size_t i = 0; i < first.size(); ++i) {
        CHECK(first[i].id == second[i].id);
        CHECK(first[i].id.str().rfind("c-", 0) == 0);
    }
    CHECK(first[0].id.str().size() == 14); // "c-" and 12 hex digits
    // The same person twice: the second id is made unique, with a warning at its line.
    CHECK(first[1].id.str() == first[0].id.str() + "-2");
    CHECK(first[2].id != first[0].id);
    REQUIRE(first_run.size() == 1);
    CHECK(has_diagnostic(first_run, 3, "already used"));
}

TEST_CASE("a derived id does not depend on case or accents of the name", "[people]") {
    Diagnostics diagnostics;
    const auto a = read_contacts("name,emails\nJosé Peña,Jose@Example.com\n", ContactFormat::NativeCsv,
                                 "a.csv", diagnostics);
    const auto b = read_contacts("name,emails\njose pena,jose@example.com\n", ContactFormat::NativeCsv,
                                 "b.csv", diagnostics);
    REQUIRE(a.size() == 1);
    REQUIRE(b.size() == 1);
    CHECK(a[0].id == b[0].id);
}

TEST_CASE("duplicate vCard UIDs in one file get a suffix and a warning", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = read_contacts_file(fixture("duplicate_uid.vcf"), diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(contacts[0].id.str() == "same-id");
    CHECK(contacts[1].id.str() == "same-id-2");
    REQUIRE(diagnostics.size() == 1);
    CHECK(has_diagnostic(diagnostics, 6, "\"same-id\""));
}

TEST_CASE("read_contacts_file detects each fixture's format and every loaded contact has an id and a source",
          "[people]") {
    for (const char* name : {"google_new_header.csv", "linkedin_connections_preamble.csv",
                             "native_columns.csv", "json_array.json", "vcard40_related_geo.vcf"}) {
        Diagnostics diagnostics;
        const auto contacts = read_contacts_file(fixture(name), diagnostics);
        INFO(name);
        REQUIRE_FALSE(contacts.empty());
        std::set<std::string> ids;
        for (const auto& contact : contacts) {
            CHECK_FALSE(contact.id.empty());
            CHECK_FALSE(contact.name.empty());
            CHECK(contact.source.rfind(fixture(name) + ":", 0) == 0);
            ids.insert(contact.id.str());
        }
        CHECK(ids.size() == contacts.size());
    }
}
