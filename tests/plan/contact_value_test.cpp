#include "sidetrip/plan/contact_value.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace sidetrip;
using namespace std::chrono;

namespace {

constexpr Date Today{year{2027} / April / 15};

people::Contact contact(const std::string& name, const std::string& given = "",
                        const std::string& family = "", const std::string& email = "") {
    people::Contact c;
    c.id = ContactId(name);
    c.name = name;
    c.given_name = given;
    c.family_name = family;
    if (!email.empty()) {
        c.emails.push_back(email);
    }
    return c;
}

/// A timed event in Chicago at 19:00 local time on `day`.
calendar::Occurrence event(const std::string& summary, Date day,
                           calendar::EventKind kind = calendar::EventKind::Meeting) {
    calendar::Occurrence o;
    o.uid = summary + "@example.com";
    o.summary = summary;
    o.kind = kind;
    o.timezone = "America/Chicago";
    o.display_zone = "America/Chicago";
    o.start_utc = sys_days{day} + hours(19 + 5); // CDT is UTC-5
    o.end_utc = o.start_utc + hours(2);
    o.status = "confirmed";
    return o;
}

/// The people the planner knows, and a history for them from `events`.
struct Network {
    std::vector<people::Contact> contacts;

    std::vector<plan::ContactHistory> history(const std::vector<calendar::Occurrence>& events) const {
        std::vector<const people::Contact*> pointers;
        for (const auto& c : contacts) {
            pointers.push_back(&c);
        }
        return plan::history_from_calendar(events, pointers, Today);
    }
};

Network network() {
    return {{contact("Marcus Lee"), contact("Ana Reyes", "Ana", "Reyes"),
             contact("Benjamin Ortiz", "Ben", "Ortiz"), contact("Carla Diaz"), contact("Dana Kim"),
             contact("José Núñez"), contact("Sam Wu"), contact("Sam Park")}};
}

constexpr std::size_t Marcus = 0, Ana = 1, Ben = 2, Carla = 3, Dana = 4, Jose = 5, SamWu = 6, SamPark = 7;

constexpr Date June10{year{2025} / June / 10};

} // namespace

TEST_CASE("a summary that names one contact counts as a meeting in person with them", "[plan]") {
    const auto n = network();
    struct Case {
        std::string summary;
        std::vector<std::size_t> met;
    };
    const std::vector<Case> cases = {
        {"Dinner with Marcus", {Marcus}},
        {"Coffee w/ Ana R.", {Ana}},
        {"Lunch: Ben + Carla", {Ben, Carla}},
        {"1:1 Marcus / Dana", {Marcus, Dana}},
        {"Drinks with Marcus Lee and Dana", {Marcus, Dana}},
        {"Catch-up w/ Dr. Ana Reyes", {Ana}},
        {"dinner with jose nunez", {Jose}},
        {"Breakfast with Marcus at Lou Mitchell's", {Marcus}},
        {"Coffee with Dana Kim - Intelligentsia", {Dana}},
    };
    for (const auto& c : cases) {
        INFO(c.summary);
        const auto h = n.history({event(c.summary, June10)});
        for (std::size_t i = 0; i < n.contacts.size(); ++i) {
            INFO(n.contacts[i].name);
            const bool expected = std::find(c.met.begin(), c.met.end(), i) != c.met.end();
            REQUIRE(h[i].last_in_person.has_value() == expected);
            CHECK(h[i].last_contact.has_value() == expected);
            if (expected) {
                CHECK(h[i].last_in_person->date == June10);
            }
        }
    }
}

TEST_CASE("a first name two contacts share names neither of them", "[plan]") {
    const auto n = network();
    const auto h =
        n.history({event("Coffee with Sam", June10), event("Lunch with Sam W.", June10 - months(1))});
    CHECK_FALSE(h[SamPark].last_in_person);
    REQUIRE(h[SamWu].last_in_person); // the initial tells them apart
    CHECK(h[SamWu].last_in_person->what == "lunch");
}

TEST_CASE("a name that is only part of a summary's words does not count", "[plan]") {
    const auto n = network();
    const auto h = n.history({event("Marcus Smith onboarding review", June10),
                              event("Dana's farewell", June10), event("Team dinner", June10)});
    CHECK_FALSE(h[Marcus].last_in_person);
    CHECK_FALSE(h[Dana].last_in_person);
}

TEST_CASE("a virtual event is contact with a person, not a meeting in person", "[plan]") {
    const auto n = network();
    const auto h = n.history({event("Catch-up with Marcus", June10, calendar::EventKind::Virtual)});
    CHECK_FALSE(h[Marcus].last_in_person);
    REQUIRE(h[Marcus].last_contact);
    CHECK(h[Marcus].last_contact->what == "a call");
}

TEST_CASE("declined events, future events and sidetrip's unconfirmed suggestions do not count", "[plan]") {
    auto n = network();
    auto declined = event("Dinner with Marcus", June10);
    declined.declined = true;
    auto future = event("Dinner with Ana", Date{sys_days{Today} + days(3)});
    auto suggestion = event("Coffee with Dana", June10);
    suggestion.uid = "sidetrip-3f2a@sidetrip";
    suggestion.status = "tentative";
    auto kept = event("Lunch with Carla", June10);
    kept.uid = "sidetrip-77aa@sidetrip";
    const auto h = n.history({declined, future, suggestion, kept});
    CHECK_FALSE(h[Marcus].last_contact);
    CHECK_FALSE(h[Ana].last_contact);
    CHECK_FALSE(h[Dana].last_contact);
    CHECK(h[Carla].last_in_person); // confirmed: it happened
}

TEST_CASE("an attendee's email still counts, and the latest meeting wins", "[plan]") {
    Network n{{contact("Marcus Lee", "", "", "marcus@lee.example")}};
    auto by_email = event("Quarterly review", June10);
    by_email.attendees = {"MARCUS@lee.example"};
    const auto h = n.history({event("Dinner with Marcus", June10 - months(2)), by_email});
    REQUIRE(h[0].last_in_person);
    CHECK(h[0].last_in_person->date == June10);
    CHECK(h[0].last_in_person->what == "a meeting");
    CHECK(h[0].last_in_person->summary == "Quarterly review");
}

TEST_CASE("the date of a meeting is the local date where it happened", "[plan]") {
    const auto n = network();
    // 22:30 in Chicago on 10 June is already 11 June in UTC.
    auto late = event("Drinks with Marcus", June10);
    late.start_utc = sys_days{June10} + hours(22 + 5) + minutes(30);
    auto all_day = event("Visit Dana", June10);
    all_day.all_day = true;
    all_day.start_date = June10;
    all_day.end_date = Date{sys_days{June10} + days(2)};
    all_day.start_utc = sys_days{June10} + hours(5);
    const auto h = n.history({late, all_day});
    REQUIRE(h[Marcus].last_in_person);
    CHECK(h[Marcus].last_in_person->date == June10);
    CHECK(h[Marcus].last_in_person->what == "drinks");
    REQUIRE(h[Dana].last_in_person);
    CHECK(h[Dana].last_in_person->date == June10);
    CHECK(h[Dana].last_in_person->what == "a meeting");
}

TEST_CASE("the reason says when the contact was last met and at what", "[plan]") {
    const auto n = network();
    const auto h = n.history({event("Dinner with Marcus", June10)});
    plan::PlannerSettings settings;
    settings.today = Today;
    auto marcus = n.contacts[Marcus];
    marcus.cadence_days = 120;
    const auto v = plan::contact_value(marcus, settings, h[Marcus]);
    CHECK(
        std::find(v.reasons.begin(), v.reasons.end(),
                  "last met in person 22 months ago, at dinner on 10 June 2025 (you want every 4 months)") !=
        v.reasons.end());

    SECTION("a date from the contact's own record keeps the plain wording") {
        marcus.last_met = Date{year{2026} / January / 5};
        const auto own = plan::contact_value(marcus, settings, h[Marcus]);
        CHECK(std::find(own.reasons.begin(), own.reasons.end(),
                        "last met in person 15 months ago (you want every 4 months)") != own.reasons.end());
    }
}
