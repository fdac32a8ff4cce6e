#include "sidetrip/people/contact_merge.hpp"

#include "sidetrip/people/matcher.hpp"

#include "people_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>

using namespace sidetrip;
using namespace sidetrip::people;
using namespace sidetrip::people::testing;

namespace {

/// The iPhone vCard, the Google CSV and the sidetrip CSV of tests/data/contacts, in that order.
std::vector<Contact> three_sources(Diagnostics& diagnostics) {
    std::vector<Contact> all;
    for (const char* name : {"same_human_iphone.vcf", "same_human_google.csv", "same_human_native.csv"}) {
        auto part = load(name, diagnostics);
        all.insert(all.end(), part.begin(), part.end());
    }
    return all;
}

const Contact* named(const std::vector<Contact>& contacts, const std::string& name) {
    const auto it =
        std::find_if(contacts.begin(), contacts.end(), [&](const Contact& c) { return c.name == name; });
    return it == contacts.end() ? nullptr : &*it;
}

const ContactMerge* merge_of(const MergeReport& report, const std::string& id) {
    const auto it = std::find_if(report.merged.begin(), report.merged.end(),
                                 [&](const ContactMerge& m) { return m.id.str() == id; });
    return it == report.merged.end() ? nullptr : &*it;
}

bool has_reason(const ContactMerge& merge, const std::string& reason) {
    return std::find(merge.reasons.begin(), merge.reasons.end(), reason) != merge.reasons.end();
}

Contact person(std::string id, std::string name, std::string email) {
    Contact c;
    c.id = ContactId(std::move(id));
    c.name = std::move(name);
    if (!email.empty()) {
        c.emails.push_back(std::move(email));
    }
    c.source = "inline:" + c.id.str();
    return c;
}

} // namespace

TEST_CASE("phone numbers are compared in E.164, national ones with the home country's code", "[people]") {
    CHECK(normalize_phone("+1 (312) 555-0142") == "+13125550142");
    CHECK(normalize_phone("001 312.555.0142") == "+13125550142");
    CHECK(normalize_phone("tel:+1-312-555-0142") == "+13125550142");
    CHECK(normalize_phone("+44 (0)20 7946 0958") == "+442079460958");
    CHECK(normalize_phone("(312) 555-0142", "US") == "+13125550142");
    CHECK(normalize_phone("1 312 555 0142", "us") == "+13125550142");
    CHECK(normalize_phone("0917 555 0103", "PH") == "+639175550103");
    CHECK(normalize_phone("06 1234 5678", "IT") == "+390612345678"); // Italy keeps its 0
    CHECK(normalize_phone("0917 555 0103") == "national:9175550103");
    CHECK(normalize_phone("917-555-0103") == "national:9175550103");
    CHECK(normalize_phone("+1 312 555 0142 ext. 12") == "+13125550142");
    CHECK(normalize_phone("+1 312 555 0142 x12") == "+13125550142");
    CHECK(normalize_phone("911").empty());
    CHECK(normalize_phone("1-800-FLOWERS").empty());
    CHECK(normalize_phone("").empty());
}

TEST_CASE("an iPhone vCard and a Google CSV of the same human with the email in another case are one contact",
          "[people]") {
    Diagnostics diagnostics;
    auto contacts = three_sources(diagnostics);
    CHECK(diagnostics.empty());
    MergeReport report;
    const auto merged = merge_contacts(contacts, report, "US");
    // Ana is in all three sources, Ben, Carla and Dan in two, the two Lakeshore cards are one:
    // 7 iPhone + 5 Google + 2 native records, 6 of them merged away.
    CHECK(merged.size() == 8);
    const ContactMerge* ana = merge_of(report, "8D1C2F7A-3B4E-4C5D-9E6F-7A8B9C0D1E2F");
    REQUIRE(ana != nullptr);
    REQUIRE(ana->sources.size() == 3);
    CHECK(ana->sources[0].ends_with("same_human_iphone.vcf:1"));
    CHECK(ana->sources[1].ends_with("same_human_google.csv:2"));
    CHECK(ana->sources[2].ends_with("same_human_native.csv:2"));
    CHECK(has_reason(*ana, "same email ana.reyes@example.com"));
}

TEST_CASE("merging is transitive: an email joins the vCard to the CSV, a phone the CSV to a third file",
          "[people]") {
    Diagnostics diagnostics;
    MergeReport report;
    const auto merged = merge_contacts(three_sources(diagnostics), report, "US");
    const Contact* ana = named(merged, "Ana Maria Reyes");
    REQUIRE(ana != nullptr);
    // The vCard and the native row share nothing: the Google row links them.
    const auto vcard = ana->source.find("same_human_iphone.vcf:1");
    const auto google = ana->source.find("same_human_google.csv:2");
    const auto native = ana->source.find("same_human_native.csv:2");
    REQUIRE(native != std::string::npos);
    CHECK(vcard < google);
    CHECK(google < native);
    CHECK(ana->phones.size() == 2); // the vCard's and the Google row's; the native row's is the latter
    CHECK(has_reason(*merge_of(report, ana->id.str()), "same phone +17735550199"));
}

TEST_CASE("a phone number without its country code joins only with the home country given", "[people]") {
    Diagnostics diagnostics;
    MergeReport without_home;
    const auto apart = merge_contacts(three_sources(diagnostics), without_home);
    const auto native_ana = std::find_if(apart.begin(), apart.end(), [](const Contact& c) {
        return c.source.ends_with("same_human_native.csv:2");
    });
    REQUIRE(native_ana != apart.end());
    CHECK(native_ana->name == "Ana Reyes"); // alone: "(773) 555-0199" is not "+1 773 555 0199" without US
}

TEST_CASE("phones written as +65 5550 1234 and 0065-5550-1234 are one person", "[people]") {
    Diagnostics diagnostics;
    MergeReport report;
    const auto merged = merge_contacts(three_sources(diagnostics), report, "US");
    const Contact* ben = named(merged, "Benjamin Ong");
    REQUIRE(ben != nullptr);
    CHECK(ben->id.str() == "0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9"); // the first source's id
    CHECK(ben->phones.size() == 1);                                 // one number, written twice
    CHECK(has_reason(*merge_of(report, ben->id.str()), "same phone +6555501234"));
}

TEST_CASE("LinkedIn URLs with another scheme, www, case, slash or query are one profile", "[people]") {
    Diagnostics diagnostics;
    MergeReport report;
    const auto merged = merge_contacts(three_sources(diagnostics), report, "US");
    const Contact* carla = named(merged, "Carla Diaz");
    REQUIRE(carla != nullptr);
    CHECK(carla->source.find(" + ") != std::string::npos);
    CHECK(has_reason(*merge_of(report, carla->id.str()),
                     "same LinkedIn profile linkedin.com/in/carla-diaz-42"));
}

TEST_CASE("the same UID in a vCard and a native id is one person, whatever the names say", "[people]") {
    Diagnostics diagnostics;
    MergeReport report;
    const auto merged = merge_contacts(three_sources(diagnostics), report, "US");
    const auto dan = std::find_if(merged.begin(), merged.end(),
                                  [](const Contact& c) { return c.id.str() == "DAN-CRUZ-0001"; });
    REQUIRE(dan != merged.end());
    CHECK(dan->name == "Dan Cruz"); // the name with given and family name wins over a longer one
    CHECK(dan->emails == std::vector<std::string>{"dan@home.example.net", "daniel.cruz@work.example.com"});
    CHECK(has_reason(*merge_of(report, "DAN-CRUZ-0001"), "same id DAN-CRUZ-0001"));
}

TEST_CASE("the same name with the same organisation is reported as a possible duplicate, not merged",
          "[people]") {
    Diagnostics diagnostics;
    MergeReport report;
    const auto merged = merge_contacts(three_sources(diagnostics), report, "US");
    CHECK(std::count_if(merged.begin(), merged.end(),
                        [](const Contact& c) { return c.name == "Maria Santos"; }) == 2);
    REQUIRE(report.near_duplicates.size() == 1);
    const auto& near = report.near_duplicates[0];
    CHECK(near.reason == "same name and organisation");
    CHECK(near.first != near.second);
}

TEST_CASE("the same name in the same place is reported, and so is neither a merge", "[people]") {
    std::vector<Contact> contacts = {person("a", "Jose Rizal", ""), person("b", "Rizal, José", "")};
    contacts[0].places.push_back({"home", "Calamba City, Laguna", "PH", std::nullopt});
    contacts[1].places.push_back({"home", "Calamba", "", std::nullopt});
    MergeReport report;
    const auto merged = merge_contacts(contacts, report);
    CHECK(merged.size() == 2);
    CHECK(report.merged.empty());
    REQUIRE(report.near_duplicates.size() == 1);
    CHECK(report.near_duplicates[0].first.str() == "a");
    CHECK(report.near_duplicates[0].second.str() == "b");
    CHECK(report.near_duplicates[0].reason == "same name and place");
}

TEST_CASE("organisation cards are merged with each other but never into a person with their number",
          "[people]") {
    Diagnostics diagnostics;
    MergeReport report;
    const auto merged = merge_contacts(three_sources(diagnostics), report, "US");
    const auto organisations = std::count_if(
        merged.begin(), merged.end(), [](const Contact& c) { return c.kind == ContactKind::Organization; });
    CHECK(organisations == 1);
    const Contact* lena = named(merged, "Lena Lake");
    REQUIRE(lena != nullptr);
    CHECK(lena->kind == ContactKind::Person);
    CHECK(lena->source.find(" + ") == std::string::npos);
}

TEST_CASE("a merged person keeps every email, phone, place, tag and relationship and the strongest planning "
          "fields",
          "[people]") {
    Contact a = person("ana-1", "Ana Reyes", "ANA@example.com");
    a.phones = {"+1 312 555 0142"};
    a.places.push_back({"home", "Chicago, IL", "US", std::nullopt});
    a.tags = {"pycon"};
    a.relationships.push_back({"knows", "ben"});
    a.last_met = Date{std::chrono::year{2024}, std::chrono::month{5}, std::chrono::day{1}};
    a.last_contact = Date{std::chrono::year{2025}, std::chrono::month{1}, std::chrono::day{9}};
    a.tie_strength = 2;
    a.cadence_days = 180;
    Contact b = person("ana-2", "Ana", "ana@example.com");
    b.given_name = "Ana";
    b.family_name = "Reyes";
    b.name = "Ana M. Reyes";
    b.emails.push_back("ana.reyes@work.example.com");
    b.phones = {"(312) 555-0142", "+1 773 555 0199"};
    b.places.push_back({"home", "chicago, il", "", GeoPoint{41.88, -87.63}});
    b.places.push_back({"work", "Evanston, IL", "US", std::nullopt});
    b.tags = {"PyCon", "climbing"};
    b.interests = {"rust"};
    b.relationships.push_back({"friend", "carla"});
    b.last_met = Date{std::chrono::year{2025}, std::chrono::month{3}, std::chrono::day{1}};
    b.priority = 4;
    b.tie_strength = 4;
    b.cadence_days = 60;
    Contact ben = person("ben", "Ben Ong", "ben@example.com");
    ben.relationships.push_back({"knows", "ana-2"});
    MergeReport report;
    const auto merged = merge_contacts({a, ben, b}, report, "US");
    REQUIRE(merged.size() == 2);
    const Contact& ana = merged[0];
    CHECK(ana.id.str() == "ana-1");
    CHECK(ana.name == "Ana M. Reyes"); // given and family name known
    CHECK(ana.emails == std::vector<std::string>{"ANA@example.com", "ana.reyes@work.example.com"});
    CHECK(ana.phones == std::vector<std::string>{"+1 312 555 0142", "+1 773 555 0199"});
    REQUIRE(ana.places.size() == 2);
    CHECK(ana.places[0].point.has_value()); // the same place, completed by the other record
    CHECK(ana.places[1].text == "Evanston, IL");
    CHECK(ana.tags == std::vector<std::string>{"pycon", "climbing"});
    CHECK(ana.interests == std::vector<std::string>{"rust"});
    CHECK(ana.relationships.size() == 2);
    CHECK(ana.last_met == b.last_met);
    CHECK(ana.last_contact == a.last_contact);
    CHECK(ana.tie_strength == 4);
    CHECK(ana.priority == 4);
    CHECK(ana.cadence_days == 60);
    CHECK(ana.source == "inline:ana-1 + inline:ana-2");
    // Ben knew the record that was merged away: he now knows the merged contact.
    REQUIRE(merged[1].relationships.size() == 1);
    CHECK(merged[1].relationships[0].target == "ana-1");
    REQUIRE(report.merged.size() == 1);
    CHECK(report.merged[0].sources == std::vector<std::string>{"inline:ana-1", "inline:ana-2"});
}

TEST_CASE("ids derived from name and email do not merge two namesakes without an email", "[people]") {
    Diagnostics diagnostics;
    auto first =
        read_contacts("name,home\nJuan Santos,Lipa\n", ContactFormat::NativeCsv, "a.csv", diagnostics);
    auto second =
        read_contacts("name,home\nJuan Santos,Cebu City\n", ContactFormat::NativeCsv, "b.csv", diagnostics);
    REQUIRE(first.size() == 1);
    REQUIRE(second.size() == 1);
    REQUIRE(first[0].id == second[0].id); // the same derived id
    MergeReport report;
    const auto merged = merge_contacts({first[0], second[0]}, report);
    CHECK(merged.size() == 2);
    CHECK(report.merged.empty());
}

TEST_CASE("match lists a human met in two sources once, not as ambiguous with themselves", "[people]") {
    Diagnostics diagnostics;
    MergeReport report;
    const auto merged = merge_contacts(three_sources(diagnostics), report, "US");
    Attendee attendee;
    attendee.name = "Ana Reyes";
    attendee.emails = {"ANA.REYES@example.com"};
    const auto result = match_attendees({attendee}, merged);
    CHECK(result.ambiguities.empty());
    REQUIRE(result.known.size() == 1);
    CHECK(result.known[0].contact.str() == "8D1C2F7A-3B4E-4C5D-9E6F-7A8B9C0D1E2F");
}

TEST_CASE("a hundred thousand contacts are merged in well under a second", "[people]") {
    std::vector<Contact> contacts;
    contacts.reserve(100000);
    for (int i = 0; i < 100000; ++i) {
        Contact c = person("id-" + std::to_string(i), "Person " + std::to_string(i / 2),
                           "p" + std::to_string(i / 2) + "@example.com");
        c.phones.push_back("+63 917 " + std::to_string(1000000 + i));
        c.places.push_back({"home", "Lipa, Batangas", "PH", std::nullopt});
        c.organization = "Org " + std::to_string(i % 1000);
        contacts.push_back(std::move(c));
    }
    MergeReport report;
    const auto start = std::chrono::steady_clock::now();
    const auto merged = merge_contacts(std::move(contacts), report, "PH");
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(merged.size() == 50000);
    WARN("merge took " << seconds << " s");
#ifndef SIDETRIP_SANITIZED
    CHECK(seconds < 1.0);
#else
    (void)seconds;
#endif
}
