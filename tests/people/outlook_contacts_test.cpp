#include "sidetrip/people/contacts_reader.hpp"

#include "people_fixtures.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace sidetrip;
using namespace sidetrip::people;
using namespace sidetrip::people::testing;

namespace {

const ContactPlace* place_labelled(const Contact& contact, const std::string& label) {
    for (const auto& place : contact.places) {
        if (place.label == label) {
            return &place;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("classic Outlook's CSV is recognised by its header", "[people]") {
    CHECK(
        detect_contact_format("\"Title\",\"First Name\",\"Middle Name\",\"Last Name\",\"E-mail Address\"\r\n",
                              "contacts.csv") == ContactFormat::OutlookCsv);
    CHECK(detect_contact_format("First Name,Last Name,E-mail Address,Job Title\n", "x.csv") ==
          ContactFormat::OutlookCsv);
    CHECK(to_string(ContactFormat::OutlookCsv) == "outlook-csv");
}

TEST_CASE("classic Outlook's Windows-1252 CSV is read with its accents, emails and places", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("outlook_classic_windows1252.csv", diagnostics);
    REQUIRE(contacts.size() == 2);

    const Contact& renee = contacts[0];
    CHECK(renee.given_name == "Renée"); // 0xE9 in the file
    CHECK(renee.family_name == "Lefèvre");
    CHECK(renee.name == "Dr. Renée Lefèvre"); // "Title" is the honorific...
    CHECK(renee.title == "Head of Research"); // ...and "Job Title" the job
    CHECK(renee.organization == "Société Générale");
    CHECK(renee.emails == std::vector<std::string>{"renee.lefevre@example.fr", "renee@example.org"});
    CHECK(renee.phones == std::vector<std::string>{"+33 6 12 34 56 78"});
    CHECK_FALSE(renee.birthday.has_value()); // "0/0/00"
    CHECK(renee.priority == std::nullopt);   // Outlook's "Normal" is about mail, not the person
    CHECK(renee.tags == std::vector<std::string>{"Conference", "Research"});
    CHECK(renee.notes == "Met at the café in Lyon");
    const ContactPlace* home = place_labelled(renee, "home");
    REQUIRE(home != nullptr);
    CHECK(home->text == "Lyon, Auvergne-Rhône-Alpes, France"); // "Home Country", without "/Region"
    CHECK(home->country == "FR");
    const ContactPlace* work = place_labelled(renee, "work");
    REQUIRE(work != nullptr);
    CHECK(work->text == "Paris, France");
    CHECK(work->country == "FR");
    CHECK(renee.source == fixture("outlook_classic_windows1252.csv") + ":2");

    const Contact& jose = contacts[1];
    CHECK(jose.name == "José María Núñez");
    // An Exchange address ("/o=ExchangeLabs/...") gives way to the one in its display name.
    CHECK(jose.emails == std::vector<std::string>{"jose.nunez@example.es"});
    REQUIRE(jose.birthday.has_value());
    CHECK(*jose.birthday == Date{std::chrono::year{1985}, std::chrono::month{3}, std::chrono::day{14}});
    CHECK(jose.linkedin_url == "https://www.linkedin.com/in/josenunez");
    const ContactPlace* office = place_labelled(jose, "work");
    REQUIRE(office != nullptr);
    CHECK(office->text == "Gran Vía 28, Madrid, 28013, Spain");
    CHECK(office->country == "ES");
    // The detector may be unsure of a short file; then it says what it guessed.
    for (const auto& d : diagnostics.items()) {
        CHECK(d.message.find("windows-1252") != std::string::npos);
    }
}

TEST_CASE("Outlook.com's UTF-8 CSV with a byte order mark is read with its places", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("outlook_com_utf8_bom.csv", diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(contacts.size() == 2);

    const Contact& zoe = contacts[0];
    CHECK(zoe.name == "Ms. Zoë Ångström");
    CHECK(zoe.emails == std::vector<std::string>{"zoe@example.se"});
    CHECK(zoe.title == "Data Engineer");
    CHECK(zoe.organization == "Nordisk Kartografi");
    CHECK_FALSE(zoe.birthday.has_value());
    CHECK(zoe.notes == "Line one\nline two");
    const ContactPlace* home = place_labelled(zoe, "home");
    REQUIRE(home != nullptr);
    CHECK(home->text == "Malmö, SE");
    CHECK(home->country == "SE");
    const ContactPlace* work = place_labelled(zoe, "work");
    REQUIRE(work != nullptr);
    CHECK(work->text == "Göteborg, Sweden");

    const Contact& lukasz = contacts[1];
    CHECK(lukasz.name == "Łukasz Żółkiewski");
    CHECK(lukasz.emails == std::vector<std::string>{"lukasz@example.pl", "l.z@example.com"});
    REQUIRE(lukasz.birthday.has_value());
    CHECK(*lukasz.birthday == Date{std::chrono::year{1990}, std::chrono::month{7}, std::chrono::day{2}});
    // Zoë's notes span two lines: Łukasz's record starts on the file's fourth line.
    CHECK(lukasz.source == fixture("outlook_com_utf8_bom.csv") + ":4");
}
