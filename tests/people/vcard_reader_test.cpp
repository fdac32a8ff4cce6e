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

std::vector<Contact> read_text(const std::string& text, Diagnostics& diagnostics) {
    return read_contacts(text, ContactFormat::VCard, "inline.vcf", diagnostics);
}

} // namespace

TEST_CASE("folded vCard lines with CRLF, a BOM and a UTF-8 character split across the fold are joined",
          "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("folded_lines_crlf_bom.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(diagnostics.empty());
    const Contact& maria = contacts[0];
    CHECK(maria.name == "Maria Concepción Dela Cruz");
    CHECK(maria.given_name == "Maria");
    CHECK(maria.family_name == "Dela Cruz");
    // The continuation line started with two spaces: one is the fold, one is the text's.
    CHECK(maria.notes == "Met at the Lipa homeschool co-op, likes long walks and talks about permaculture.");
    // A tab also folds.
    REQUIRE(maria.emails.size() == 1);
    CHECK(maria.emails[0] == "maria.delacruz@example.com");
    CHECK(maria.source.ends_with("folded_lines_crlf_bom.vcf:1"));
}

TEST_CASE("vCard 2.1 quoted-printable values continue after a soft line break", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("quoted_printable_soft_breaks_21.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(diagnostics.empty());
    const Contact& jose = contacts[0];
    // "Pe=C3=" "=B1a": the soft break falls inside the UTF-8 sequence of ñ.
    CHECK(jose.name == "José Peña");
    CHECK(jose.given_name == "José");
    CHECK(jose.family_name == "Peña");
    CHECK(jose.notes == "Former teammate at the Ortigas agency.\nAsk about the new studio in Pasig and his "
                        "kids' science fair.");
    REQUIRE(jose.places.size() == 1);
    CHECK(jose.places[0].label == "work"); // bare 2.1 parameter ";WORK"
    CHECK(jose.places[0].text ==
          "Unit 12, Tektite Tower, Ortigas Center, Pasig, Metro Manila, 1605, Philippines");
    CHECK(jose.places[0].country == "PH");
    CHECK(jose.phones == std::vector<std::string>{"+63 917 555 0101"});
    CHECK(jose.emails == std::vector<std::string>{"jose.pena@example.com"});
}

TEST_CASE("a vCard that declares ISO-8859-1 or Windows-1252 is converted to UTF-8", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("latin1_charset_21.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(diagnostics.empty());
    CHECK(contacts[0].name == "Jürgen Müller");
    REQUIRE(contacts[0].places.size() == 1);
    CHECK(contacts[0].places[0].text == "Leopoldstraße 12, München, 80802, Deutschland");
    CHECK(contacts[0].places[0].country == "DE");
    CHECK(contacts[0].notes == "\u201CServus\u201D \u2013 met at a meetup");
}

TEST_CASE("a vCard in Windows-1252 without CHARSET keeps its accented letters", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("windows1252_without_charset.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(contacts[0].name == "René Ocampo");
    CHECK(contacts[0].emails == std::vector<std::string>{"rene.ocampo@example.org"});
    for (const auto& d : diagnostics.items()) {
        CHECK(d.message.find("windows-1252") != std::string::npos);
    }
}

TEST_CASE("a UTF-8 vCard with one stray byte loses only that byte, with a warning naming the property",
          "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("stray_byte_in_utf8_file.vcf", diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(contacts[0].name == "Zoë Añonuevo");
    CHECK(contacts[1].name == "Ren Ocampo");
    REQUIRE(diagnostics.size() == 1);
    CHECK(has_diagnostic(diagnostics, 7, "FN has bytes that are not UTF-8"));
}

TEST_CASE("Apple property groups give addresses and related names the label of their group", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("property_groups_apple.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(diagnostics.empty());
    const Contact& wei = contacts[0];
    CHECK(wei.id.str() == "5B9E0C1A-7F0B-4C3E-9D6A-1A2B3C4D5E6F");
    CHECK(wei.organization == "Harbourfront Analytics");
    CHECK(wei.title == "Head of Data");
    CHECK(wei.emails == std::vector<std::string>{"weiling.tan@example.com"});
    REQUIRE(wei.places.size() == 1);
    CHECK(wei.places[0].label == "work");
    CHECK(wei.places[0].text == "10 Marina Boulevard, Singapore, 018983, Singapore");
    CHECK(wei.places[0].country == "SG");
    REQUIRE(wei.relationships.size() == 1);
    CHECK(wei.relationships[0].kind == "spouse");
    CHECK(wei.relationships[0].target == "Daniel Tan");
    CHECK(wei.linkedin_url == "https://www.linkedin.com/in/weilingtan-example");
    CHECK_FALSE(wei.birthday.has_value()); // Apple's placeholder year 1604 means "no year"
}

TEST_CASE("TYPE written as a list, repeated, quoted or as bare 2.1 parameters all give the place label",
          "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("type_parameter_forms.vcf", diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(diagnostics.empty());
    const Contact& paolo = contacts[0];
    REQUIRE(paolo.places.size() == 2);
    CHECK(paolo.places[0].label == "home");
    CHECK(paolo.places[0].text == "Lipa, Batangas, 4217, PH");
    CHECK(paolo.places[0].country == "PH");
    CHECK(paolo.places[1].label == "work");
    CHECK(paolo.places[1].text == "Ayala Ave, Makati City, Metro Manila, Philippines");
    CHECK(paolo.emails == std::vector<std::string>{"paolo@example.com"});
    REQUIRE(contacts[1].places.size() == 1);
    CHECK(contacts[1].places[0].label == "home");
    CHECK(contacts[1].places[0].text == "Cebu City, Cebu, PH");
}

TEST_CASE("escaped commas, semicolons, newlines and backslashes in vCard values are unescaped", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("escaped_values.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    const Contact& ana = contacts[0];
    CHECK(ana.name == "Santos, Ana");
    CHECK(ana.organization == "Reyes; Santos & Co."); // an escaped ';' does not split ORG
    CHECK(ana.notes == "Line one\nLine two, with a comma; a semicolon and a backslash \\ here.");
    CHECK(ana.tags == std::vector<std::string>{"Clients", "Board games, tabletop"});
}

TEST_CASE("a vCard 4.0 card gives UID without urn:uuid, GEO from a geo: URI and RELATED kinds", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("vcard40_related_geo.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(diagnostics.empty());
    const Contact& kenji = contacts[0];
    CHECK(kenji.id.str() == "0c6f2a5e-3b8e-4d11-9a57-5d1f6c2e8a01");
    REQUIRE(kenji.places.size() == 1);
    REQUIRE(kenji.places[0].point.has_value());
    CHECK(kenji.places[0].point->lat == Approx(10.3157));
    CHECK(kenji.places[0].point->lon == Approx(123.8854));
    REQUIRE(kenji.relationships.size() == 3);
    CHECK(kenji.relationships[0].kind == "colleague");
    CHECK(kenji.relationships[0].target == "9a1d3b7c-2f4e-4a6b-8c0d-1e2f3a4b5c6d");
    CHECK(kenji.relationships[1].kind == "knows");
    CHECK(kenji.relationships[1].target == "Ana Santos");
    CHECK(kenji.relationships[2].kind == "friend");
    CHECK(kenji.relationships[2].target == "liza@example.org");
    CHECK_FALSE(kenji.birthday.has_value()); // "--0415" has no year, and is not an error
    CHECK(kenji.phones == std::vector<std::string>{"+63-917-555-0102"});
}

TEST_CASE("a vCard 3.0 GEO without an address becomes a place with only coordinates", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("geo_30_without_address.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(diagnostics.empty());
    REQUIRE(contacts[0].places.size() == 1);
    CHECK(contacts[0].places[0].text.empty());
    REQUIRE(contacts[0].places[0].point.has_value());
    CHECK(contacts[0].places[0].point->lat == Approx(1.2834));
    CHECK(contacts[0].places[0].point->lon == Approx(103.8607));
    // Google's "myContacts" system group is not a circle.
    CHECK(contacts[0].tags == std::vector<std::string>{"Conference friends"});
}

TEST_CASE("X-SIDETRIP properties give places, interests, ties and the planning fields", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("sidetrip_properties.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(diagnostics.empty());
    const Contact& ana = contacts[0];
    CHECK(ana.id.str() == "ana-santos");
    REQUIRE(ana.places.size() == 2);
    CHECK(ana.places[0].label == "home");
    CHECK(ana.places[0].text == "Lipa, Batangas");
    CHECK(ana.places[1].label == "work");
    CHECK(ana.places[1].text == "Makati City, Metro Manila");
    CHECK(ana.places[1].country == "PH");
    REQUIRE(ana.places[1].point.has_value());
    CHECK(ana.places[1].point->lat == Approx(14.5547));
    CHECK(ana.interests == std::vector<std::string>{"homeschooling", "permaculture", "trail running"});
    REQUIRE(ana.relationships.size() == 2);
    CHECK(ana.relationships[0].kind == "knows");
    CHECK(ana.relationships[0].target == "kenji-morales");
    CHECK(ana.relationships[1].target == "Paolo Villanueva");
    REQUIRE(ana.last_met.has_value());
    CHECK(format_date(*ana.last_met) == "2024-11-03");
    REQUIRE(ana.last_contact.has_value());
    CHECK(format_date(*ana.last_contact) == "2025-02-10");
    CHECK(ana.cadence_days == 90);
    CHECK(ana.tie_strength == 4);
    CHECK(ana.priority == 5);
    CHECK(ana.availability == "weekday lunches, Saturday mornings");
}

TEST_CASE("invalid planning values are warnings with their line and the card still loads", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("invalid_planning_values.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    const Contact& carlo = contacts[0];
    CHECK(carlo.name == "Carlo Reyes");
    CHECK_FALSE(carlo.last_met.has_value());
    CHECK_FALSE(carlo.tie_strength.has_value());
    CHECK_FALSE(carlo.cadence_days.has_value());
    CHECK(carlo.priority == 3);
    CHECK(carlo.places.empty());
    CHECK_FALSE(carlo.birthday.has_value());
    CHECK(diagnostics.size() == 6);
    CHECK(has_diagnostic(diagnostics, 4, "X-SIDETRIP-LAST-MET \"2024-02-30\" is not a date"));
    CHECK(has_diagnostic(diagnostics, 5, "X-SIDETRIP-TIE \"9\" is not a whole number from 1 to 5"));
    CHECK(has_diagnostic(diagnostics, 6, "X-SIDETRIP-CADENCE \"often\""));
    CHECK(has_diagnostic(diagnostics, 8, "GEO"));
    CHECK(has_diagnostic(diagnostics, 9, "unknown property X-SIDETRIP-COLOUR"));
    CHECK(has_diagnostic(diagnostics, 10, "BDAY \"yesterday\""));
    for (const auto& d : diagnostics.items()) {
        CHECK(d.severity == Severity::Warning);
        CHECK(d.source == fixture("invalid_planning_values.vcf"));
    }
}

TEST_CASE("a card without a name is skipped with a diagnostic at its BEGIN line and the others load",
          "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("card_without_name_skipped.vcf", diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(contacts[0].name == "First Person");
    CHECK(contacts[1].name == "Third Person"); // built from N
    CHECK(contacts[1].source.ends_with(":10"));
    REQUIRE(diagnostics.size() == 1);
    CHECK(has_diagnostic(diagnostics, 5, "no name"));
}

TEST_CASE("a missing END:VCARD, a stray END and stray text are reported and every card still loads",
          "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("begin_end_mismatch_recovered.vcf", diagnostics);
    REQUIRE(contacts.size() == 3);
    CHECK(contacts[0].name == "Missing End");
    CHECK(contacts[1].name == "After Missing End");
    CHECK(contacts[2].name == "Cut Off At The End");
    CHECK(has_diagnostic(diagnostics, 1, "no END:VCARD"));
    CHECK(has_diagnostic(diagnostics, 8, "END:VCARD without BEGIN:VCARD"));
    CHECK(has_diagnostic(diagnostics, 9, "outside BEGIN:VCARD"));
    CHECK(has_diagnostic(diagnostics, 10, "before the end of the file"));
    CHECK(diagnostics.size() == 4);
}

TEST_CASE("ADR country names and codes become ISO alpha-2 codes and unknown ones stay empty", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("address_country_names.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    const auto& places = contacts[0].places;
    REQUIRE(places.size() == 5);
    CHECK(places[0].text == "5th Ave, Bonifacio Global City, Taguig, 1634, Philippines");
    CHECK(places[0].country == "PH");
    CHECK(places[1].text == "Brooklyn, NY, USA");
    CHECK(places[1].country == "US");
    CHECK(places[2].country == "GB");
    CHECK(places[2].label == "other");
    CHECK(places[3].country == "NL");
    CHECK(places[4].country.empty());
    CHECK(places[4].text == "Atlantis, Atlantis");
    CHECK(diagnostics.empty());
}

TEST_CASE("a contact group card is not read as a person", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("group_card_ignored.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(contacts[0].name == "Real Person");
    CHECK(diagnostics.empty());
}

TEST_CASE("a vCard saved as UTF-16 with a byte order mark is read", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("utf16_with_bom.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(contacts[0].name == "Zoë Utf-Sixteen");
}

TEST_CASE("vCard 2.1 keeps the white space before which a line was folded", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = read_text("BEGIN:VCARD\nVERSION:2.1\nFN:Ana\nNOTE:two\n words\nEND:VCARD\n"
                                    "BEGIN:VCARD\nVERSION:3.0\nFN:Ben\nNOTE:two\n words\nEND:VCARD\n",
                                    diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(contacts[0].notes == "two words");
    CHECK(contacts[1].notes == "twowords");
}

TEST_CASE("a vCard URL or X-SOCIALPROFILE on linkedin.com becomes the LinkedIn profile", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = read_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nURL:https://example.com/blog\n"
                                    "URL:https://www.linkedin.com/in/ana-example\nEND:VCARD\n"
                                    "BEGIN:VCARD\nVERSION:3.0\nFN:Ben\n"
                                    "X-SOCIALPROFILE;type=linkedin;x-user=ben-example:x-apple:ben-example\n"
                                    "END:VCARD\n",
                                    diagnostics);
    REQUIRE(contacts.size() == 2);
    CHECK(contacts[0].linkedin_url == "https://www.linkedin.com/in/ana-example");
    CHECK(contacts[1].linkedin_url == "https://www.linkedin.com/in/ben-example");
}

TEST_CASE("a vCard birthday with a year is read and a yearless one is left empty without a warning",
          "[people]") {
    Diagnostics diagnostics;
    const auto contacts = read_text("BEGIN:VCARD\nVERSION:4.0\nFN:Ana\nBDAY:19850304\nEND:VCARD\n"
                                    "BEGIN:VCARD\nVERSION:3.0\nFN:Ben\nBDAY:--03-04\nEND:VCARD\n",
                                    diagnostics);
    REQUIRE(contacts.size() == 2);
    REQUIRE(contacts[0].birthday.has_value());
    CHECK(format_date(*contacts[0].birthday) == "1985-03-04");
    CHECK_FALSE(contacts[1].birthday.has_value());
    CHECK(diagnostics.empty());
}

TEST_CASE("text with no BEGIN:VCARD read as vCard is an input error naming the file", "[people]") {
    Diagnostics diagnostics;
    CHECK_THROWS_AS(read_text("FN:Nobody\n", diagnostics), InputError);
    CHECK_THROWS_WITH(read_text("FN:Nobody\n", diagnostics),
                      Catch::Matchers::Contains("inline.vcf") && Catch::Matchers::Contains("BEGIN:VCARD"));
}

TEST_CASE("a vCard value in the code page its CHARSET names is decoded through ICU", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("charset_windows1250_21.vcf", diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(contacts[0].name == "Łukasz Żółkiewski");
    CHECK(contacts[0].given_name == "Łukasz");
    CHECK(diagnostics.empty());
}
