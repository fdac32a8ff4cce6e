#include "sidetrip/people/contacts_reader.hpp"

#include "sidetrip/core/error.hpp"

#include "people_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace sidetrip;
using namespace sidetrip::people;
using namespace sidetrip::people::testing;

namespace {

std::vector<std::string> names(const std::vector<Contact>& contacts) {
    std::vector<std::string> out;
    for (const auto& contact : contacts) {
        out.push_back(contact.name);
    }
    return out;
}

} // namespace

TEST_CASE("a Google Contacts export with the old header set is read", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("google_old_header.csv", diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(diagnostics.empty());
    const Contact& rosa = contacts[0];
    CHECK(rosa.name == "Rosa Aquino");
    CHECK(rosa.given_name == "Rosa");
    CHECK(rosa.family_name == "Aquino");
    // Several values in one cell are separated by " ::: ".
    CHECK(rosa.emails ==
          std::vector<std::string>{"rosa.aquino@example.com", "rosa@example.org", "rosa.a@example.net"});
    CHECK(rosa.phones == std::vector<std::string>{"+63 917 555 0103"});
    CHECK(rosa.organization == "Kalye Labs");
    CHECK(rosa.title == "Product Lead");
    REQUIRE(rosa.places.size() == 1);
    CHECK(rosa.places[0].label == "work");
    CHECK(rosa.places[0].text == "26th St, Bonifacio Global City, Taguig 1634, PH");
    CHECK(rosa.places[0].country == "PH");
    CHECK(rosa.tags == std::vector<std::string>{"Ex-colleagues"}); // "* myContacts", "* starred" dropped
    REQUIRE(rosa.relationships.size() == 1);
    CHECK(rosa.relationships[0].kind == "friend");
    CHECK(rosa.relationships[0].target == "Tomas Aquino");
    CHECK(rosa.linkedin_url == "https://www.linkedin.com/in/rosa-aquino-example");
    REQUIRE(rosa.birthday.has_value());
    CHECK(format_date(*rosa.birthday) == "1988-06-14");
    CHECK(rosa.notes == "Met at the BGC meetup");
    CHECK(rosa.source.ends_with(":2"));

    const Contact& miguel = contacts[1];
    CHECK(miguel.name == "Miguel Bautista"); // no "Name": built from the parts
    CHECK(miguel.tags == std::vector<std::string>{"Homeschool"});
    CHECK_FALSE(miguel.birthday.has_value());
    REQUIRE(miguel.places.size() == 1);
    CHECK(miguel.places[0].label == "home");
    CHECK(miguel.places[0].text == "Lipa, Batangas, Philippines"); // built from the components
    CHECK(miguel.places[0].country == "PH");
    CHECK(miguel.source.ends_with(":5")); // the record before spans lines 2-4
}

TEST_CASE("a Google Contacts export with the new header set is read", "[people]") {
    Diagnostics diagnostics;
    REQUIRE(
        detect_contact_format("First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\n",
                              "x.csv") == ContactFormat::GoogleCsv);
    const auto contacts = load("google_new_header.csv", diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(diagnostics.empty());
    const Contact& jasmine = contacts[0];
    CHECK(jasmine.name == "Jasmine Ong");
    CHECK(jasmine.organization == "Lion City Ventures");
    CHECK(jasmine.title == "Partner");
    CHECK(jasmine.emails == std::vector<std::string>{"jasmine.ong@example.com"});
    CHECK(jasmine.tags == std::vector<std::string>{"Clients", "Conference friends"});
    REQUIRE(jasmine.places.size() == 1);
    CHECK(jasmine.places[0].label == "work");
    CHECK(jasmine.places[0].text == "1 Raffles Place, Singapore, 048616, Singapore");
    CHECK(jasmine.places[0].country == "SG");
    CHECK(contacts[1].name == "Dr. Tomas R. Garcia Jr.");
    CHECK(contacts[1].tags.empty());
}

TEST_CASE("LinkedIn's Connections.csv is read after its notes preamble", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("linkedin_connections_preamble.csv", diagnostics);
    REQUIRE(contacts.size() == 3);
    const Contact& hannah = contacts[0];
    CHECK(hannah.name == "Hannah Schmidt");
    CHECK(hannah.linkedin_url == "https://www.linkedin.com/in/hannah-schmidt-example");
    CHECK(hannah.emails.empty());
    CHECK(hannah.organization == "Spreeblick GmbH");
    CHECK(hannah.title == "Engineering Manager");
    REQUIRE(hannah.last_contact.has_value());
    CHECK(format_date(*hannah.last_contact) == "2021-03-12");
    CHECK(hannah.source.ends_with(":5")); // after the three lines of notes and the header
    CHECK(contacts[1].organization == "Canal Works, B.V.");
    CHECK(contacts[1].emails == std::vector<std::string>{"marco.devries@example.nl"});
    CHECK(format_date(*contacts[1].last_contact) == "2024-01-03");
    // An unreadable date is a warning; the connection still loads.
    CHECK_FALSE(contacts[2].last_contact.has_value());
    REQUIRE(diagnostics.size() == 1);
    CHECK(has_diagnostic(diagnostics, 7, "Connected On"));
}

TEST_CASE("a native CSV with every documented column fills every contact field", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("native_columns.csv", diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(diagnostics.empty());
    const Contact& ana = contacts[0];
    CHECK(ana.id.str() == "p-ana");
    CHECK(ana.name == "Ana Santos");
    CHECK(ana.given_name == "Ana");
    CHECK(ana.family_name == "Santos");
    CHECK(ana.emails == std::vector<std::string>{"ana@example.com", "ana.santos@example.org"});
    CHECK(ana.phones == std::vector<std::string>{"+63 917 555 0104"});
    CHECK(ana.organization == "Reyes Santos & Co.");
    CHECK(ana.title == "Partner");
    REQUIRE(ana.places.size() == 2);
    CHECK(ana.places[0].label == "home");
    CHECK(ana.places[0].text == "Lipa, Batangas");
    CHECK(ana.places[0].country == "PH"); // country, lat, lon describe the home place
    REQUIRE(ana.places[0].point.has_value());
    CHECK(ana.places[0].point->lat == Approx(13.9411));
    CHECK(ana.places[0].point->lon == Approx(121.1631));
    CHECK(ana.places[1].label == "work");
    CHECK(ana.places[1].text == "Makati City, Metro Manila");
    CHECK_FALSE(ana.places[1].point.has_value());
    CHECK(ana.tags == std::vector<std::string>{"homeschool", "clients"});
    CHECK(ana.interests == std::vector<std::string>{"permaculture", "trail running"});
    REQUIRE(ana.relationships.size() == 2);
    CHECK(ana.relationships[0].kind == "knows");
    CHECK(ana.relationships[0].target == "p-ben");
    CHECK(ana.relationships[1].target == "Carlo Reyes");
    CHECK(format_date(*ana.last_met) == "2024-11-03");
    CHECK(format_date(*ana.last_contact) == "2025-02-10");
    CHECK(ana.cadence_days == 90);
    CHECK(ana.tie_strength == 4);
    CHECK(ana.priority == 5);
    CHECK(ana.availability == "weekday lunches");
    CHECK(ana.linkedin_url == "https://www.linkedin.com/in/ana-santos-example");
    CHECK(ana.notes == "Godmother of the kids");
    REQUIRE(contacts[1].places.size() == 1);
    CHECK(contacts[1].places[0].label == "work");
    CHECK(contacts[1].places[0].text == "BGC, Taguig");
}

TEST_CASE("native CSV synonyms are read and unknown columns are named in one warning", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("native_synonyms_unknown_columns.csv", diagnostics);
    REQUIRE(contacts.size() == 1);
    const Contact& carmen = contacts[0];
    CHECK(carmen.name == "Carmen Diaz");
    CHECK(carmen.emails == std::vector<std::string>{"carmen@example.com"});
    CHECK(carmen.organization == "Brightline");
    REQUIRE(carmen.places.size() == 1);
    CHECK(carmen.places[0].text == "Brooklyn, NY");
    CHECK(carmen.tags == std::vector<std::string>{"church", "climbing club"});
    REQUIRE(diagnostics.size() == 1);
    CHECK(has_diagnostic(diagnostics, 1, "unknown columns \"Favourite Colour\", \"Shoe Size\""));
}

TEST_CASE("quoted CSV fields keep separators, doubled quotes and line breaks", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("quoted_newlines_crlf.csv", diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(diagnostics.empty());
    CHECK(contacts[0].name == "Dela Paz, Jun");
    CHECK(contacts[0].notes == "Line one\nLine two with \"quotes\"");
    CHECK(contacts[0].places[0].text == "Quezon City, Metro Manila");
    CHECK(contacts[1].name == "Second Row");
    CHECK(contacts[1].source.ends_with(":4")); // the physical line, after the two-line record
}

TEST_CASE("a CSV whose header has semicolons and no commas is read with semicolons as the separator",
          "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("semicolon_separated.csv", diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(diagnostics.empty());
    CHECK(contacts[0].name == "Lorna Villareal");
    CHECK(contacts[0].places[0].text == "Mandaue, Cebu");
    CHECK(contacts[0].tags == std::vector<std::string>{"church", "homeschool"});
    CHECK(contacts[1].tags == std::vector<std::string>{"university"});
}

TEST_CASE("a CSV row with the wrong number of fields is a diagnostic with its line and the rest load",
          "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("wrong_field_count_row.csv", diagnostics);
    CHECK(names(contacts) == std::vector<std::string>{"Good One", "Good Two", "Trailing Separator"});
    REQUIRE(diagnostics.size() == 2);
    CHECK(has_diagnostic(diagnostics, 3, "row has 4 fields but the header has 3"));
    CHECK(has_diagnostic(diagnostics, 5, "row has 1 fields but the header has 3"));
}

TEST_CASE("an unclosed quote at the end of a CSV file is a diagnostic at the line it opens", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("unclosed_quote_at_end.csv", diagnostics);
    CHECK(names(contacts) == std::vector<std::string>{"Fine Person"});
    REQUIRE(diagnostics.size() == 1);
    CHECK(has_diagnostic(diagnostics, 3, "not closed"));
}

TEST_CASE("a CSV row without a name is skipped with a diagnostic", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("row_without_name.csv", diagnostics);
    CHECK(names(contacts) == std::vector<std::string>{"Named Person"});
    REQUIRE(diagnostics.size() == 1);
    CHECK(has_diagnostic(diagnostics, 3, "no name"));
}

TEST_CASE("invalid native CSV values are warnings and the fields are left empty", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("native_invalid_values.csv", diagnostics);
    REQUIRE(contacts.size() == 1);
    const Contact& c = contacts[0];
    CHECK_FALSE(c.last_met.has_value());
    CHECK_FALSE(c.tie_strength.has_value());
    CHECK_FALSE(c.cadence_days.has_value());
    CHECK(c.places.empty());
    CHECK(diagnostics.size() == 5);
    CHECK(has_diagnostic(diagnostics, 2, "last_met \"2023-13-01\""));
    CHECK(has_diagnostic(diagnostics, 2, "tie_strength \"0\""));
    CHECK(has_diagnostic(diagnostics, 2, "cadence_days \"-5\""));
    CHECK(has_diagnostic(diagnostics, 2, "lat, lon \"91, 200\""));
    CHECK(has_diagnostic(diagnostics, 2, "country \"Narnia\""));
}

TEST_CASE("a CSV in Windows-1252 that does not say so keeps its accented letters", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("windows1252_without_saying.csv", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(contacts[0].name == "René Ocampo");
    // One accented letter is too little for the detector to be sure: the guess is named.
    for (const auto& d : diagnostics.items()) {
        CHECK(d.source == fixture("windows1252_without_saying.csv"));
        CHECK(d.message.find("windows-1252") != std::string::npos);
    }
}

TEST_CASE("a UTF-8 CSV with one stray byte loses only that byte, with a warning naming the column",
          "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("stray_byte_in_utf8_file.csv", diagnostics);
    REQUIRE(contacts.size() == 3);
    CHECK(contacts[0].name == "Zoë Añonuevo"); // not read as Windows-1252 ("ZoÃ«")
    CHECK(contacts[1].name == "Ren Ocampo");
    CHECK(contacts[2].name == "José Rizal");
    REQUIRE(diagnostics.size() == 1);
    CHECK(has_diagnostic(diagnostics, 3, "column \"name\" has bytes that are not UTF-8"));
}

TEST_CASE("a CSV in Windows-1251 is decoded from the code page ICU detects", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("windows1251_cyrillic_names.csv", diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(contacts[0].name == "Иван Петров");
    CHECK(contacts[0].organization == "Картография и геодезия");
    REQUIRE(contacts[1].places.size() == 1);
    CHECK(contacts[1].places[0].text == "Санкт-Петербург");
    // Far ahead of any other code page (24 against 10 for ISO-8859-2): sure, so no warning.
    CHECK(diagnostics.empty());
}

TEST_CASE("a native CSV needs a name column", "[people]") {
    Diagnostics diagnostics;
    CHECK_THROWS_AS(read_contacts("emails,home\na@example.com,Lipa\n", ContactFormat::NativeCsv,
                                  "no-name.csv", diagnostics),
                    InputError);
}

TEST_CASE("a file whose encoding is only a guess gets a warning naming the file and the encoding",
          "[people]") {
    Diagnostics diagnostics;
    const auto contacts =
        read_contacts("name\nJos\xE9\n", ContactFormat::NativeCsv, "short.csv", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(contacts[0].name == "José");
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics.items()[0].source == "short.csv");
    CHECK(diagnostics.items()[0].message.find("read as windows-1252 (a guess") != std::string::npos);
}
