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
