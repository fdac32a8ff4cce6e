#include "sidetrip/people/attendee.hpp"

#include "sidetrip/core/error.hpp"

#include "people_fixtures.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace sidetrip;
using namespace sidetrip::people;
using namespace sidetrip::people::testing;

namespace {

std::string attendee_fixture(const std::string& name) {
    return std::string(SIDETRIP_TEST_DATA) + "/attendees/" + name;
}

std::vector<Attendee> load_attendees(const std::string& name, Diagnostics& diagnostics) {
    return read_attendees_file(attendee_fixture(name), diagnostics);
}

} // namespace

TEST_CASE("an Eventbrite export is read from its first and last name columns", "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("eventbrite_export.csv", diagnostics);
    REQUIRE(attendees.size() == 2);
    const Attendee& rosa = attendees[0];
    CHECK(rosa.row == 0);
    CHECK(rosa.name == "Rosa Aquino");
    CHECK(rosa.given_name == "Rosa");
    CHECK(rosa.family_name == "Aquino");
    CHECK(rosa.emails == std::vector<std::string>{"rosa.aquino@example.com"});
    CHECK(rosa.organization == "Kalye Labs");
    CHECK(rosa.title == "Product Lead");
    CHECK(rosa.country == "Philippines");
    CHECK(rosa.source == attendee_fixture("eventbrite_export.csv") + ":2");
    CHECK(attendees[1].row == 1);
    CHECK(attendees[1].name == "Tomas Reyes");
    CHECK(attendees[1].title == "CTO");
    // Order #, Order Date, Quantity, Ticket Type and Attendee # are ticketing bookkeeping:
    // ignored without a warning.
    CHECK(diagnostics.empty());
}

TEST_CASE("a Luma export is read with its own headers and list separators", "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("luma_export.csv", diagnostics);
    REQUIRE(attendees.size() == 2);
    const Attendee& ana = attendees[0];
    CHECK(ana.name == "Ana Cruz");
    CHECK(ana.given_name == "Ana");
    CHECK(ana.family_name == "Cruz");
    CHECK(ana.emails == std::vector<std::string>{"ana@example.com"});
    CHECK(ana.interests == std::vector<std::string>{"rust", "maps", "coffee"});
    CHECK(ana.linkedin_url == "https://www.linkedin.com/in/anacruz");
    CHECK(ana.city == "Cebu City");
    const Attendee& ben = attendees[1];
    CHECK(ben.name == "Ben Lim");
    CHECK(ben.given_name.empty());
    CHECK(ben.interests == std::vector<std::string>{"climbing", "photography"});
    CHECK(ben.city == "Davao");
    CHECK(has_diagnostic(diagnostics, 1, "\"api_id\", \"phone_number\", \"approval_status\""));
}

TEST_CASE("a CSV separated by semicolons is read with header synonyms", "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("semicolon_separated.csv", diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(attendees.size() == 2);
    CHECK(attendees[0].name == "Juan dela Cruz");
    CHECK(attendees[0].emails == std::vector<std::string>{"juan@example.com"});
    CHECK(attendees[0].organization == "Mabuhay AG");
    CHECK(attendees[0].title == "Engineer");
    CHECK(attendees[0].city == "Manila");
    CHECK(attendees[1].interests == std::vector<std::string>{"maps", "travel"});
    CHECK(attendees[1].source == attendee_fixture("semicolon_separated.csv") + ":3");
}

TEST_CASE("a row with neither a name nor an email is a diagnostic and the others are kept", "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("rows_without_name_or_email.csv", diagnostics);
    REQUIRE(attendees.size() == 3);
    CHECK(attendees[0].name == "Rosa Aquino");
    CHECK(attendees[1].name.empty());
    CHECK(attendees[1].emails == std::vector<std::string>{"only.email@example.com"});
    CHECK(attendees[2].name == "Tomas Reyes");
    CHECK(attendees[2].emails.empty());
    REQUIRE(diagnostics.size() == 1);
    CHECK(has_diagnostic(diagnostics, 3, "neither a name nor an email"));
}

TEST_CASE("row numbers are the organiser's data rows, counting skipped and empty rows", "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("row_numbers_with_gaps.csv", diagnostics);
    REQUIRE(attendees.size() == 3);
    CHECK(attendees[0].row == 0);
    CHECK(attendees[1].name == "Ben Lim");
    CHECK(attendees[1].row == 3);
    CHECK(attendees[2].name == "Carla Santos");
    CHECK(attendees[2].row == 5);
    CHECK(diagnostics.empty());

    Diagnostics skipped;
    const auto kept = load_attendees("rows_without_name_or_email.csv", skipped);
    REQUIRE(kept.size() == 3);
    CHECK(kept[1].row == 2); // row 1 was skipped but still counts
    CHECK(kept[2].row == 3);
}

TEST_CASE("extra columns are ignored with one warning naming them all", "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("extra_columns_ignored.csv", diagnostics);
    REQUIRE(attendees.size() == 1);
    CHECK(attendees[0].organization == "Kalye Labs");
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics.items()[0].line == 1);
    CHECK(diagnostics.items()[0].message.find("\"T-shirt Size\", \"Dietary Needs\"") != std::string::npos);
    // Ticketing bookkeeping (Ticket Type, Checked In) is not named.
    CHECK(diagnostics.items()[0].message.find("Ticket Type") == std::string::npos);
}

TEST_CASE("a CSV without a name or email column is not an attendee list", "[people]") {
    Diagnostics diagnostics;
    CHECK_THROWS_AS(load_attendees("no_name_or_email_column.csv", diagnostics), InputError);
    CHECK_THROWS_AS(load_attendees("missing.csv", diagnostics), InputError);
}

TEST_CASE("a JSON array of attendee objects is read with lists as arrays or text", "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("json_array.json", diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(attendees.size() == 2);
    const Attendee& rosa = attendees[0];
    CHECK(rosa.row == 0);
    CHECK(rosa.name == "Rosa Aquino");
    CHECK(rosa.emails == std::vector<std::string>{"rosa@example.com"});
    CHECK(rosa.organization == "Kalye Labs");
    CHECK(rosa.title == "Product Lead");
    CHECK(rosa.interests == std::vector<std::string>{"rust", "maps"});
    CHECK(rosa.linkedin_url == "https://www.linkedin.com/in/rosa");
    CHECK(rosa.city == "Taguig");
    CHECK(rosa.country == "PH");
    const Attendee& tomas = attendees[1];
    CHECK(tomas.row == 1);
    CHECK(tomas.name == "Tomas Reyes");
    CHECK(tomas.emails == std::vector<std::string>{"tomas@example.org"});
    CHECK(tomas.interests == std::vector<std::string>{"climbing", "coffee"});
}

TEST_CASE("a JSON object's attendees member is read and its unknown keys are reported", "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("json_object_attendees.json", diagnostics);
    REQUIRE(attendees.size() == 1);
    CHECK(attendees[0].row == 1); // element 0 names nobody and is skipped
    CHECK(attendees[0].name == "Ana Cruz");
    CHECK(attendees[0].emails == std::vector<std::string>{"ana@example.com"});
    CHECK(has_diagnostic(diagnostics, 0, "attendee [0] has neither a name nor an email"));
    CHECK(has_diagnostic(diagnostics, 0, "\"badge\""));
}

TEST_CASE("each card of a vCard file is an attendee whose row is the card's index", "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("badges.vcf", diagnostics);
    REQUIRE(attendees.size() == 2);
    const Attendee& rosa = attendees[0];
    CHECK(rosa.row == 0);
    CHECK(rosa.name == "Rosa Aquino");
    CHECK(rosa.given_name == "Rosa");
    CHECK(rosa.emails == std::vector<std::string>{"rosa@example.com"});
    CHECK(rosa.organization == "Kalye Labs");
    CHECK(rosa.title == "Product Lead");
    CHECK(rosa.interests == std::vector<std::string>{"rust", "maps"});
    CHECK(rosa.country == "PH");
    CHECK(rosa.source == attendee_fixture("badges.vcf") + ":1");
    CHECK(attendees[1].name == "Tomas Reyes");
    CHECK(attendees[1].row == 2); // the nameless card 1 is skipped by the vCard reader
    CHECK(has_diagnostic(diagnostics, 11, ""));
}

TEST_CASE("an Eventbrite export gives the home city, else the work city, and no warning for its bookkeeping",
          "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("eventbrite_home_and_work_city.csv", diagnostics);
    REQUIRE(attendees.size() == 2);
    CHECK(attendees[0].name == "Inês Conceição");
    CHECK(attendees[0].city == "Porto");
    CHECK(attendees[0].country == "PT");
    CHECK(attendees[0].organization == "Mapas Lda");
    CHECK(attendees[0].title == "Cartographer");
    CHECK(attendees[1].city == "Taguig");
    CHECK(attendees[1].country == "PH");
    CHECK(diagnostics.empty());
}

TEST_CASE("Luma's registration questions are read from the words of the question", "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("luma_registration_questions.csv", diagnostics);
    REQUIRE(attendees.size() == 1);
    const Attendee& marta = attendees[0];
    CHECK(marta.name == "Marta Ruiz");
    CHECK(marta.organization == "Cartografía Abierta");
    CHECK(marta.title == "GIS Analyst");
    CHECK(marta.linkedin_url == "https://www.linkedin.com/in/martaruiz");
    CHECK(marta.city == "Valencia");
}

TEST_CASE("a Hopin headline gives the job title and the organisation", "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("hopin_people_headline.csv", diagnostics);
    REQUIRE(attendees.size() == 2);
    CHECK(attendees[0].title == "Product Lead");
    CHECK(attendees[0].organization == "Telefónica");
    CHECK(attendees[0].city == "São Paulo");
    CHECK(attendees[0].country == "Brazil");
    CHECK(attendees[1].title == "Independent consultant"); // no organisation in it
    CHECK(attendees[1].organization.empty());
}

TEST_CASE("a Sessionize tagline is split, and rows after a multi-line bio name their physical line",
          "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("sessionize_tagline_multiline_bio.csv", diagnostics);
    REQUIRE(attendees.size() == 2);
    const Attendee& lucia = attendees[0];
    CHECK(lucia.name == "Lucía Fernández");
    CHECK(lucia.title == "Product Lead");
    CHECK(lucia.organization == "Telefónica");
    CHECK(lucia.linkedin_url == "https://www.linkedin.com/in/luciafernandez");
    CHECK(lucia.source == attendee_fixture("sessionize_tagline_multiline_bio.csv") + ":2");
    // Lucía's bio runs over lines 2 to 4: the nameless speaker is on line 5, Tomás on line 6.
    CHECK(has_diagnostic(diagnostics, 5, "neither a name nor an email"));
    const Attendee& tomas = attendees[1];
    CHECK(tomas.source == attendee_fixture("sessionize_tagline_multiline_bio.csv") + ":6");
    CHECK(tomas.title == "CTO");
    CHECK(tomas.organization == "Bayan Cloud");
}

TEST_CASE("a Cvent export saved in Windows-1252 is read with its accents", "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("cvent_windows1252.csv", diagnostics);
    REQUIRE(attendees.size() == 2);
    const Attendee& juergen = attendees[0];
    CHECK(juergen.name == "Jürgen Müller");
    CHECK(juergen.emails == std::vector<std::string>{"juergen.mueller@example.de"});
    CHECK(juergen.organization == "Geodäsie GmbH");
    CHECK(juergen.title == "Geschäftsführer");
    CHECK(juergen.city == "München");
    CHECK(juergen.country == "Germany");
    CHECK(attendees[1].name == "João Gonçalves");
    CHECK(attendees[1].city == "São Paulo");
    for (const auto& d : diagnostics.items()) {
        // Only the guess of the encoding, if the detector is unsure, or the columns not read.
        const bool about_encoding = d.message.find("windows-1252") != std::string::npos;
        const bool about_columns = d.message.find("\"State/Province\"") != std::string::npos;
        CHECK((about_encoding || about_columns));
    }
}

TEST_CASE("an XLSX attendee list is read from its first sheet, rows named as the sheet numbers them",
          "[people]") {
    Diagnostics diagnostics;
    const auto attendees = load_attendees("spreadsheet_with_blank_row.xlsx", diagnostics);
    REQUIRE(attendees.size() == 2);
    CHECK(attendees[0].name == "Søren Kierkegaard");
    CHECK(attendees[0].organization == "Kort & Co");
    CHECK(attendees[0].title == "Surveyor");
    CHECK(attendees[0].city == "København");
    CHECK(attendees[0].source == attendee_fixture("spreadsheet_with_blank_row.xlsx") + ":2");
    CHECK(attendees[1].name == "Mai Tran");
    CHECK(attendees[1].city == "Hà Nội");
    CHECK(attendees[1].source == attendee_fixture("spreadsheet_with_blank_row.xlsx") + ":4");
    CHECK(diagnostics.empty());
}

TEST_CASE("columns named by the user give the fields of headers sidetrip does not know", "[people]") {
    AttendeeReadOptions options;
    options.columns = {parse_attendee_column("name=Participant"),
                       parse_attendee_column("email=Contact e-mail"),
                       parse_attendee_column("organization=employer NAME"), // any case
                       parse_attendee_column("city=Based in")};
    Diagnostics diagnostics;
    const auto attendees =
        read_attendees_file(attendee_fixture("unknown_headers_for_column_option.csv"), options, diagnostics);
    REQUIRE(attendees.size() == 1);
    CHECK(attendees[0].name == "Hana Novak");
    CHECK(attendees[0].emails == std::vector<std::string>{"hana@example.cz"});
    CHECK(attendees[0].organization == "Mapy CZ");
    CHECK(attendees[0].city == "Brno");
    CHECK(diagnostics.empty());
}

TEST_CASE("a named column with an unknown field, no '=' or a header the list lacks is an input error",
          "[people]") {
    CHECK_THROWS_AS(parse_attendee_column("employer=Company"), InputError);
    CHECK_THROWS_AS(parse_attendee_column("organization"), InputError);
    CHECK_THROWS_AS(parse_attendee_column("organization="), InputError);
    AttendeeReadOptions options;
    options.columns = {parse_attendee_column("name=Attendee full name")};
    Diagnostics diagnostics;
    try {
        read_attendees_file(attendee_fixture("unknown_headers_for_column_option.csv"), options, diagnostics);
        FAIL("no error for a column the list does not have");
    } catch (const InputError& e) {
        const std::string message = e.what();
        CHECK(message.find("\"Attendee full name\"") != std::string::npos);
        CHECK(message.find("\"Participant\"") != std::string::npos); // the columns it has
    }
}

TEST_CASE("a column named by the user takes its field from the column sidetrip would have used", "[people]") {
    AttendeeReadOptions options;
    options.columns = {parse_attendee_column("city=Work City")};
    Diagnostics diagnostics;
    const auto attendees =
        read_attendees_file(attendee_fixture("eventbrite_home_and_work_city.csv"), options, diagnostics);
    REQUIRE(attendees.size() == 2);
    CHECK(attendees[0].city == "Lisboa"); // not Home City's Porto
}
