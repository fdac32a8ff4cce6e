#include <catch2/catch.hpp>

#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/calendar/classify.hpp"
#include "sidetrip/core/diagnostics.hpp"

#include <chrono>
#include <string>
#include <vector>

using sidetrip::calendar::classify;
using sidetrip::calendar::EventKind;
using sidetrip::calendar::Occurrence;

namespace {

constexpr const char* TripIt = "-//TripIt//TripIt API v1//EN";
constexpr const char* Google = "-//Google Inc//Google Calendar 70.9054//EN";
/// A convention centre whose name says neither "convention" nor "expo", as Google writes it.
constexpr const char* McCormick = "McCormick Place, 2301 S Lake Shore Dr, Chicago, IL 60616, USA";

/// One labelled example: the fields classify() reads and the kind a person would give it.
struct Example {
    std::string summary;
    EventKind expected;
    std::string location = "";
    std::string description = "";
    std::string url = "";
    std::vector<std::string> categories = {};
    std::string producer = Google;
    std::vector<std::string> attendees = {};
    std::string organizer = "";
    int all_day_days = 0; ///< 0: a timed event
};

Occurrence occurrence_of(const Example& example) {
    using namespace std::chrono;
    Occurrence o;
    o.uid = "example@test";
    o.summary = example.summary;
    o.location = example.location;
    o.description = example.description;
    o.url = example.url;
    o.categories = example.categories;
    o.producer = example.producer;
    o.attendees = example.attendees;
    o.organizer = example.organizer;
    o.timezone = "Asia/Manila";
    o.display_zone = "Asia/Manila";
    const sys_days day{year{2024} / March / 4};
    if (example.all_day_days > 0) {
        o.all_day = true;
        o.start_date = year_month_day{day};
        o.end_date = year_month_day{day + days(example.all_day_days)};
        o.start_utc = day - hours(8);
        o.end_utc = day + days(example.all_day_days) - hours(8);
    } else {
        o.start_utc = day + hours(1);
        o.end_utc = day + hours(2);
    }
    return o;
}

void check_examples(const std::vector<Example>& examples) {
    for (const auto& example : examples) {
        INFO("summary \"" << example.summary << "\", location \"" << example.location << "\", producer \""
                          << example.producer << "\"");
        CHECK(to_string(classify(occurrence_of(example))) == to_string(example.expected));
    }
}

} // namespace

TEST_CASE("flights are recognised by airline code, airport pair or a leading Flight", "[calendar]") {
    check_examples({
        {.summary = "Flight: PR 2810 MNL to CEB", .expected = EventKind::Flight, .producer = TripIt},
        {.summary = "PR2810 MNL to CEB", .expected = EventKind::Flight, .producer = TripIt},
        {.summary = "Flight to Cebu (PR 2810)", .expected = EventKind::Flight},
        {.summary = "5J560 MNL-CEB", .expected = EventKind::Flight},
        {.summary = "SQ917", .expected = EventKind::Flight, .location = "Manila NAIA Terminal 1"},
        {.summary = "MNL \xE2\x86\x92 CEB", .expected = EventKind::Flight},
        {.summary = "Flight to Singapore", .expected = EventKind::Flight},
        {.summary = "\xE2\x9C\x88\xEF\xB8\x8F Return flight home", .expected = EventKind::Flight},
        {.summary = "Invitation: Flight to Tokyo (NH 820)", .expected = EventKind::Flight},
        {.summary = "Flight to Cebu for client visit", .expected = EventKind::Flight},
        {.summary = "FLIGHT TO DAVAO", .expected = EventKind::Flight},
        {.summary = "Flight MNL-DVO", .expected = EventKind::Flight, .attendees = {"me@example.com"}},
        {.summary = "Check in online for PR 2810", .expected = EventKind::Flight},
        {.summary = "Depart MNL 08:00", .expected = EventKind::Flight},
    });
}

TEST_CASE("meetings, acronyms, currencies and times are not mistaken for flights", "[calendar]") {
    check_examples({
        {.summary = "Flight review meeting", .expected = EventKind::Meeting},
        {.summary = "Review PR 2810", .expected = EventKind::Meeting},
        {.summary = "Meeting about flight to Cebu", .expected = EventKind::Meeting},
        {.summary = "Q3 2024 planning", .expected = EventKind::Meeting},
        {.summary = "Convert USD to PHP", .expected = EventKind::Other},
        {.summary = "Send RFP to CTO", .expected = EventKind::Other},
        {.summary = "A380 factory tour", .expected = EventKind::Other},
        {.summary = "F1 2024 watch party", .expected = EventKind::Other},
        {.summary = "Standup at 10:30", .expected = EventKind::Meeting},
        {.summary = "CALL AT 10 WITH BOB", .expected = EventKind::Meeting},
        {.summary = "pay at 1500 counter", .expected = EventKind::Other},
        {.summary = "Room B2 12", .expected = EventKind::Other},
        {.summary = "DEV to PRD deploy", .expected = EventKind::Other},
    });
}

TEST_CASE("hotel stays are lodging in TripIt, Google, Airbnb and Booking.com spellings", "[calendar]") {
    check_examples({
        {.summary = "Check-in: Shangri-La Mactan", .expected = EventKind::Lodging, .producer = TripIt},
        {.summary = "Check-out: Shangri-La Mactan", .expected = EventKind::Lodging, .producer = TripIt},
        {.summary = "Lodging: Marco Polo Davao", .expected = EventKind::Lodging, .producer = TripIt},
        {.summary = "Hotel: Seda BGC", .expected = EventKind::Lodging},
        {.summary = "Stay at Shangri-La Mactan", .expected = EventKind::Lodging, .all_day_days = 3},
        {.summary = "Airbnb (HMABCDE123)", .expected = EventKind::Lodging, .all_day_days = 2},
        {.summary = "Check in", .expected = EventKind::Lodging, .location = "Quest Hotel Cebu"},
        {.summary = "Reserved",
         .expected = EventKind::Lodging,
         .producer = "-//Airbnb Inc//Hosting Calendar 0.8.8//EN"},
        {.summary = "Holiday Inn Express Cebu", .expected = EventKind::Lodging, .all_day_days = 2},
        {.summary = "Hotel check-in", .expected = EventKind::Lodging},
        {.summary = "Check in at The Henry Hotel", .expected = EventKind::Lodging},
    });
}

TEST_CASE("check-ins with people and meals at hotels are not lodging", "[calendar]") {
    check_examples({
        {.summary = "Check-in with Ana", .expected = EventKind::Meeting},
        {.summary = "Weekly check-in", .expected = EventKind::Meeting},
        {.summary = "Dinner at Hotel Okura with Ana", .expected = EventKind::Meeting},
        {.summary = "Stay at home day", .expected = EventKind::Other},
        {.summary = "Book hotel", .expected = EventKind::Other},
    });
}

TEST_CASE("trains, buses, ferries, ride-hailing and transfers are ground transport", "[calendar]") {
    check_examples({
        {.summary = "Car Rental: Hertz", .expected = EventKind::GroundTransport, .producer = TripIt},
        {.summary = "Rail: Tokyo to Kyoto", .expected = EventKind::GroundTransport, .producer = TripIt},
        {.summary = "Ground Transportation: hotel shuttle", .expected = EventKind::GroundTransport},
        {.summary = "Train to Kyoto", .expected = EventKind::GroundTransport},
        {.summary = "Bus to Baguio", .expected = EventKind::GroundTransport},
        {.summary = "Ferry to Bohol", .expected = EventKind::GroundTransport},
        {.summary = "Grab to office", .expected = EventKind::GroundTransport},
        {.summary = "Uber to airport", .expected = EventKind::GroundTransport},
        {.summary = "Taxi to Shangri-La Hotel", .expected = EventKind::GroundTransport},
        {.summary = "Airport transfer", .expected = EventKind::GroundTransport},
        {.summary = "Shuttle to venue", .expected = EventKind::GroundTransport},
        {.summary = "Leave for airport", .expected = EventKind::GroundTransport},
    });
}

TEST_CASE("verbs and phrases that sound like transport are not ground transport", "[calendar]") {
    check_examples({
        {.summary = "Train the trainer", .expected = EventKind::Other},
        {.summary = "Grab lunch with Ana", .expected = EventKind::Meeting},
        {.summary = "Knowledge transfer session", .expected = EventKind::Meeting},
        {.summary = "Bus factor review", .expected = EventKind::Meeting},
    });
}

TEST_CASE("events held on Zoom, Teams, Meet or Webex are virtual", "[calendar]") {
    check_examples({
        {.summary = "Ana / Ben",
         .expected = EventKind::Virtual,
         .location = "https://us02web.zoom.us/j/123456789"},
        {.summary = "Budget sync",
         .expected = EventKind::Virtual,
         .location = "Microsoft Teams Meeting",
         .organizer = "boss@example.com"},
        {.summary = "Design crit",
         .expected = EventKind::Virtual,
         .description = "Join with Google Meet: https://meet.google.com/abc-defg-hij"},
        {.summary = "Office hours", .expected = EventKind::Virtual, .url = "https://acme.webex.com/meet/ana"},
        {.summary = "Coffee chat (Zoom)", .expected = EventKind::Virtual},
        {.summary = "Webinar: Cloud costs", .expected = EventKind::Virtual},
        {.summary = "Yoga", .expected = EventKind::Virtual, .location = "Zoom"},
        {.summary = "Zoom", .expected = EventKind::Virtual},
    });
}

TEST_CASE("a room next to a call link is a hybrid meeting, and a zoom lens is not a call", "[calendar]") {
    check_examples({
        {.summary = "Zoom lens shopping", .expected = EventKind::Other},
        {.summary = "Quarterly review",
         .expected = EventKind::Meeting,
         .location = "Conference Room 4B; Microsoft Teams Meeting"},
        {.summary = "Lunch with Ana",
         .expected = EventKind::Meeting,
         .location = "Greenbelt 3, Makati",
         .description = "Backup: https://zoom.us/j/555"},
    });
}

TEST_CASE("talks, summits, meetups and conference schedules are conference events", "[calendar]") {
    check_examples({
        {.summary = "Train your model on a laptop",
         .expected = EventKind::Conference,
         .producer = "-//pretalx//pretalx.com//fossasia-2024//EN"},
        {.summary = "Opening", .expected = EventKind::Conference, .producer = "-//CERN//INDICO//EN"},
        {.summary = "Rust in production", .expected = EventKind::Conference, .categories = {"Talk"}},
        {.summary = "PyCon APAC 2024", .expected = EventKind::Conference, .all_day_days = 2},
        {.summary = "KubeCon + CloudNativeCon Europe", .expected = EventKind::Conference},
        {.summary = "AWS Summit Manila", .expected = EventKind::Conference},
        {.summary = "Keynote: The next decade", .expected = EventKind::Conference},
        {.summary = "Philippine Tech Expo", .expected = EventKind::Conference},
        {.summary = "DEF CON 32", .expected = EventKind::Conference, .all_day_days = 4},
        {.summary = "Manila Python Meetup", .expected = EventKind::Conference},
        {.summary = "Civic hackathon", .expected = EventKind::Conference},
        {.summary = "EuroPython 2024", .expected = EventKind::Conference, .all_day_days = 5},
        {.summary = "FOSSASIA 2025", .expected = EventKind::Conference, .all_day_days = 3},
        {.summary = "Family Office Summit", .expected = EventKind::Conference},
        {.summary = "Workshop: Intro to Rust", .expected = EventKind::Conference},
    });
}

TEST_CASE("conference calls, client workshops and trip-wide events are not conferences", "[calendar]") {
    check_examples({
        {.summary = "Conference call with client", .expected = EventKind::Meeting},
        {.summary = "Workshop with client", .expected = EventKind::Meeting},
        {.summary = "Meetup with Ana", .expected = EventKind::Meeting},
        {.summary = "Cebu, Philippines, March 2024",
         .expected = EventKind::Other,
         .producer = TripIt,
         .all_day_days = 5},
        {.summary = "Cebu 2024", .expected = EventKind::Other, .all_day_days = 4},
        {.summary = "Chili con carne cook-off", .expected = EventKind::Other},
        {.summary = "Install beacons", .expected = EventKind::Other},
        {.summary = "Con Edison appointment", .expected = EventKind::Meeting},
    });
}

TEST_CASE("birthdays, health, exercise, school and family are personal", "[calendar]") {
    check_examples({
        {.summary = "Ana's birthday", .expected = EventKind::Personal, .all_day_days = 1},
        {.summary = "Dentist", .expected = EventKind::Personal},
        {.summary = "Doctor's appointment", .expected = EventKind::Personal},
        {.summary = "Gym", .expected = EventKind::Personal},
        {.summary = "Pick up kids", .expected = EventKind::Personal},
        {.summary = "Dinner with mom", .expected = EventKind::Personal, .attendees = {"mom@example.com"}},
        {.summary = "Haircut", .expected = EventKind::Personal},
        {.summary = "Vacation", .expected = EventKind::Personal, .all_day_days = 7},
        {.summary = "Sunday lunch", .expected = EventKind::Personal, .categories = {"Family"}},
        {.summary = "School play", .expected = EventKind::Personal},
        {.summary = "Anniversary dinner", .expected = EventKind::Personal},
        {.summary = "Independence Day",
         .expected = EventKind::Personal,
         .description = "Public holiday",
         .all_day_days = 1},
        {.summary = "DENTIST", .expected = EventKind::Personal},
    });
}

TEST_CASE("events with guests or meeting words are meetings, the rest other", "[calendar]") {
    check_examples({
        {.summary = "Budget",
         .expected = EventKind::Meeting,
         .attendees = {"ana@example.com", "ben@example.com"}},
        {.summary = "Acme", .expected = EventKind::Meeting, .organizer = "ana@example.com"},
        {.summary = "1:1 Ana / Ben", .expected = EventKind::Meeting},
        {.summary = "Client demo", .expected = EventKind::Meeting},
        {.summary = "Interview: Senior engineer", .expected = EventKind::Meeting},
        {.summary = "Sync with design", .expected = EventKind::Meeting},
        {.summary = "Project kickoff", .expected = EventKind::Meeting},
        {.summary = "Focus time", .expected = EventKind::Other},
        {.summary = "Lunch", .expected = EventKind::Other},
        {.summary = "Pay rent", .expected = EventKind::Other},
        {.summary = "", .expected = EventKind::Other},
    });
}

TEST_CASE("classification ignores case and gives the same answer every time", "[calendar]") {
    Example example{.summary = "check-IN: shangri-la mactan", .expected = EventKind::Lodging};
    const auto o = occurrence_of(example);
    CHECK(classify(o) == EventKind::Lodging);
    CHECK(classify(o) == classify(o));
    example.summary = "CLIENT DEMO";
    CHECK(classify(occurrence_of(example)) == EventKind::Meeting);
}

TEST_CASE("phrases are found in long titles and next to accented words and emoji", "[calendar]") {
    check_examples({
        {.summary =
             "Quarterly planning for the team in S\xC3\xA3o Paulo with all of the regional leads and then "
             "a long walk and train to Kyoto",
         .expected = EventKind::GroundTransport},
        {.summary = "Caf\xC3\xA9 \xE2\x9C\xA8 hotel stay", .expected = EventKind::Lodging},
        {.summary = "\xC3\x89quipe d\xC3\xA9jeuner \xF0\x9F\x9A\x86Train to Lyon",
         .expected = EventKind::GroundTransport},
        {.summary = "R\xC3\xA9union: check in with Ana", .expected = EventKind::Meeting},
    });
}

TEST_CASE("an all-day event at a convention centre or a multi-day Week at an address is a conference",
          "[calendar]") {
    check_examples({
        {.summary = "DataCon Chicago 2027",
         .expected = EventKind::Conference,
         .location = McCormick,
         .all_day_days = 2},
        {.summary = "NRF Big Show",
         .expected = EventKind::Conference,
         .location = McCormick,
         .all_day_days = 3},
        {.summary = "CES",
         .expected = EventKind::Conference,
         .location = "Las Vegas Convention Center, 3150 Paradise Rd, Las Vegas, NV 89109, USA",
         .all_day_days = 4},
        {.summary = "Hannover fair",
         .expected = EventKind::Conference,
         .location = "Messegel\xC3\xA4nde, 30521 Hannover, Germany",
         .all_day_days = 5},
        {.summary = "Data + AI day",
         .expected = EventKind::Conference,
         .location = "Moscone Center, 747 Howard St, San Francisco",
         .all_day_days = 1},
        {.summary = "Chicago Tech Week",
         .expected = EventKind::Conference,
         .location = "1871, 222 W Merchandise Mart Plaza, Chicago",
         .all_day_days = 5},
    });
}

TEST_CASE("all-day personal events and trip-wide events at a place are not conferences", "[calendar]") {
    check_examples({
        {.summary = "Mom's birthday",
         .expected = EventKind::Personal,
         .location = McCormick,
         .all_day_days = 1},
        {.summary = "Out of office",
         .expected = EventKind::Personal,
         .location = McCormick,
         .all_day_days = 3},
        {.summary = "Vacation", .expected = EventKind::Personal, .location = "Maui, HI", .all_day_days = 7},
        {.summary = "Holiday", .expected = EventKind::Personal, .location = "Chicago", .all_day_days = 2},
        {.summary = "Public holiday: Memorial Day", .expected = EventKind::Personal, .all_day_days = 1},
        {.summary = "Chicago, IL, March 2027",
         .expected = EventKind::Other,
         .location = "Chicago, IL",
         .producer = TripIt,
         .all_day_days = 3},
        {.summary = "Trip to Chicago",
         .expected = EventKind::Other,
         .location = "Chicago, IL",
         .producer = TripIt,
         .all_day_days = 3},
        {.summary = "Trip to Chicago",
         .expected = EventKind::Other,
         .location = McCormick,
         .all_day_days = 3},
        {.summary = "Holy Week", .expected = EventKind::Other, .location = "Baguio", .all_day_days = 7},
        {.summary = "Work week", .expected = EventKind::Other, .location = "Chicago, IL", .all_day_days = 5},
        {.summary = "Singapore client week",
         .expected = EventKind::Meeting,
         .location = "Singapore",
         .producer = TripIt,
         .all_day_days = 3},
        {.summary = "Chicago Tech Week",
         .expected = EventKind::Other,
         .location = "Chicago",
         .all_day_days = 5},
        {.summary = "Tech Week", .expected = EventKind::Other, .all_day_days = 5}, // no place
    });
}

TEST_CASE("Google's transparent all-day event at McCormick Place is read as a conference", "[calendar]") {
    // As Google Calendar exports it: a date-valued DTSTART, an exclusive DTEND, TRANSP:TRANSPARENT.
    const std::string ics =
        "BEGIN:VCALENDAR\r\n"
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
        "VERSION:2.0\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "X-WR-TIMEZONE:America/Chicago\r\n"
        "BEGIN:VEVENT\r\n"
        "DTSTART;VALUE=DATE:20270316\r\n"
        "DTEND;VALUE=DATE:20270318\r\n"
        "DTSTAMP:20270101T120000Z\r\n"
        "UID:7kq1d2v9o3n8f0h5m6c4a1b2e3@google.com\r\n"
        "CREATED:20261201T150000Z\r\n"
        "LAST-MODIFIED:20261201T150000Z\r\n"
        "LOCATION:McCormick Place\\, 2301 S Lake Shore Dr\\, Chicago\\, IL 60616\\, USA\r\n"
        "SEQUENCE:0\r\n"
        "STATUS:CONFIRMED\r\n"
        "SUMMARY:DataCon Chicago 2027\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\n"
        "DTSTART;VALUE=DATE:20270315\r\n"
        "DTEND;VALUE=DATE:20270316\r\n"
        "DTSTAMP:20270101T120000Z\r\n"
        "UID:1a2b3c4d5e6f7g8h9i0j@google.com\r\n"
        "LOCATION:McCormick Place\\, 2301 S Lake Shore Dr\\, Chicago\\, IL 60616\\, USA\r\n"
        "STATUS:CONFIRMED\r\n"
        "SUMMARY:Mom's birthday\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    sidetrip::Diagnostics diagnostics;
    const auto all = sidetrip::calendar::read_calendar_text(ics, "google.ics", {}, diagnostics);
    REQUIRE(all.size() == 2);
    const auto& con = all[0].summary == "DataCon Chicago 2027" ? all[0] : all[1];
    const auto& birthday = all[0].summary == "DataCon Chicago 2027" ? all[1] : all[0];
    CHECK(con.all_day);
    CHECK(con.transparent); // still free time for the user's calendar, and still the conference
    CHECK(con.kind == EventKind::Conference);
    CHECK(birthday.kind == EventKind::Personal);
}
