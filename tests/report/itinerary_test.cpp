#include "sidetrip/report/itinerary.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace sidetrip;
using std::chrono::sys_days;
using std::chrono::sys_seconds;
using namespace std::chrono_literals;

namespace {

Date date(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// A UTC instant from a date and UTC wall-clock time.
sys_seconds utc(const Date& d, std::chrono::hours h, std::chrono::minutes m = 0min) {
    return sys_seconds{sys_days{d}} + h + m;
}

calendar::Occurrence event(const std::string& summary, sys_seconds start, sys_seconds end,
                           const std::string& location) {
    calendar::Occurrence o;
    o.uid = summary;
    o.summary = summary;
    o.location = location;
    o.start_utc = start;
    o.end_utc = end;
    o.timezone = "Asia/Manila";
    o.display_zone = "Asia/Manila";
    o.kind = calendar::EventKind::Meeting;
    return o;
}

plan::Meetup meetup(const std::string& name, plan::MeetupKind kind, sys_seconds start, sys_seconds end,
                    const std::string& zone, const std::string& venue, std::vector<std::string> reasons) {
    plan::Meetup m;
    m.uid = "meetup-" + name;
    m.contacts = {ContactId(name)};
    m.names = {name};
    m.kind = kind;
    m.start = start;
    m.end = end;
    m.timezone = zone;
    m.venue.name = venue;
    m.reasons = std::move(reasons);
    m.travel_to = 12min;
    return m;
}

// One trip: Monday 15 April 2024 in Manila (UTC+8), Tuesday 16 April in Tokyo (UTC+9).
plan::Plan two_day_plan() {
    const Date monday = date(2024, 4, 15);
    const Date tuesday = date(2024, 4, 16);
    plan::Plan p;
    // Client meetings 09:00-10:00 and 15:00-16:00 Manila time.
    p.occurrences.push_back(
        event("Client meeting: Acme", utc(monday, 1h), utc(monday, 2h), "Ayala Center, Makati"));
    p.occurrences.push_back(event("Review | *draft*", utc(monday, 7h), utc(monday, 8h), ""));

    plan::TripPlan tp;
    tp.trip.id = "trip-2024-04-15-manila";
    tp.trip.start = monday;
    tp.trip.end = date(2024, 4, 17);
    tp.trip.destinations = {{"Manila", GeoPoint{14.6, 121.0}, "Asia/Manila"},
                            {"Tokyo", GeoPoint{35.68, 139.76}, "Asia/Tokyo"}};
    tp.trip.events = {0, 1};
    tp.trip.days = {{monday, "Asia/Manila", GeoPoint{14.6, 121.0}, "Manila", {0, 1}},
                    {tuesday, "Asia/Tokyo", GeoPoint{35.68, 139.76}, "Tokyo", {}}};
    // Lunch 12:00-13:00 Manila; dinner 19:00-20:30 Tokyo (18:00 in Manila).
    tp.meetups.push_back(meetup("Ana Reyes", plan::MeetupKind::Lunch, utc(monday, 4h), utc(monday, 5h),
                                "Asia/Manila", "near Client meeting: Acme (Makati City)",
                                {"last met 14 months ago", "9 minutes from your client"}));
    tp.meetups.push_back(meetup("Bo <b>& Co", plan::MeetupKind::Dinner, utc(tuesday, 10h),
                                utc(tuesday, 11h, 30min), "Asia/Tokyo", "near Bo's home (Shibuya)",
                                {"never met in person"}));
    tp.near_misses.push_back(
        {ContactId("cy"), "Cy Tan", "stay until Wednesday 10:00 to have breakfast with Cy Tan"});
    // 14:00-14:30 in Tokyo is 07:00-07:30 in Berlin (CEST).
    tp.virtual_calls.push_back({ContactId("dee"), "Dee Klein", utc(tuesday, 5h), utc(tuesday, 5h, 30min),
                                "Europe/Berlin", "cannot be met in person on this trip (Berlin)"});
    tp.introductions.push_back({ContactId("Ana Reyes"), ContactId("Bo <b>& Co"), "Ana Reyes", "Bo <b>& Co",
                                "both into sailing, from different circles"});
    p.trips.push_back(tp);
    p.unscheduled.push_back({ContactId("eve"), "Eve Ong", "no known place: no address or city given"});
    return p;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST_CASE("the Markdown itinerary has a heading per trip and per day with the day's zone", "[report]") {
    const std::string md = report::itinerary_markdown(two_day_plan());
    CHECK(md.rfind("# sidetrip itinerary\n", 0) == 0);
    CHECK(contains(md, "\n## Manila, Tokyo, 2024-04-15 to 2024-04-16 (2 days)\n"));
    CHECK(contains(md, "trip-2024-04-15-manila"));
    CHECK(contains(md, "\n### Monday 2024-04-15 \u2014 Manila (Asia/Manila, UTC+08:00)\n"));
    CHECK(contains(md, "\n### Tuesday 2024-04-16 \u2014 Tokyo (Asia/Tokyo, UTC+09:00)\n"));
}

TEST_CASE("the Markdown timeline shows local times of each day's zone in time order", "[report]") {
    const std::string md = report::itinerary_markdown(two_day_plan());
    const auto client =
        md.find("- **09:00\u201310:00** Client meeting: Acme _(meeting, fixed)_ \u2014 Ayala Center, Makati");
    const auto lunch = md.find("- **12:00\u201313:00** **Lunch with Ana Reyes** _(suggested lunch)_");
    const auto review = md.find("- **15:00\u201316:00** Review \\| \\*draft\\*");
    const auto tuesday = md.find("### Tuesday");
    const auto dinner = md.find("- **19:00\u201320:30** **Dinner with Bo \\<b\\>\\& Co**");
    REQUIRE(client != std::string::npos);
    REQUIRE(lunch != std::string::npos);
    REQUIRE(review != std::string::npos);
    REQUIRE(dinner != std::string::npos);
    CHECK(client < lunch);
    CHECK(lunch < review);
    CHECK(review < tuesday);
    CHECK(tuesday < dinner);
    // The dinner is shown in Tokyo time, not in Manila's (18:00) or UTC (10:00).
    CHECK_FALSE(contains(md, "18:00\u2013"));
    CHECK(contains(md, "about 12 min to get there"));
}

TEST_CASE("the Markdown itinerary gives each meetup's reasons under it", "[report]") {
    const std::string md = report::itinerary_markdown(two_day_plan());
    CHECK(contains(md, "(Makati City); about 12 min to get there\n  - last met 14 months ago\n"
                       "  - 9 minutes from your client\n"));
    CHECK(contains(md, "(Shibuya); about 12 min to get there\n  - never met in person\n"));
}

TEST_CASE("the Markdown itinerary lists near misses, video calls, introductions and the unscheduled",
          "[report]") {
    const std::string md = report::itinerary_markdown(two_day_plan());
    const auto near = md.find("\n### Near misses\n\n- **Cy Tan**: stay until Wednesday 10:00");
    const auto calls =
        md.find("\n### Video calls\n\n- **Dee Klein**: Tuesday 2024-04-16, 14:00\u201314:30 your time "
                "(Asia/Tokyo); 07:00\u201307:30 their time (Europe/Berlin)\n"
                "  - cannot be met in person on this trip (Berlin)\n");
    const auto intros =
        md.find("\n### Introductions\n\n- **Ana Reyes** and **Bo \\<b\\>\\& Co**: both into sailing");
    const auto unscheduled =
        md.find("\n## Not scheduled\n\n- **Eve Ong**: no known place: no address or city given\n");
    REQUIRE(near != std::string::npos);
    REQUIRE(calls != std::string::npos);
    REQUIRE(intros != std::string::npos);
    REQUIRE(unscheduled != std::string::npos);
    CHECK(near < calls);
    CHECK(calls < intros);
    CHECK(intros < unscheduled);
    CHECK(contains(
        md, "1 trip \u00B7 2 suggested meetups \u00B7 1 video call \u00B7 1 introduction \u00B7 1 contact "
            "not scheduled"));
}

TEST_CASE("the HTML itinerary is one self-contained page without scripts or external resources", "[report]") {
    const std::string html = report::itinerary_html(two_day_plan());
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    CHECK(contains(html, "<meta charset=\"utf-8\">"));
    CHECK(contains(html, "<title>sidetrip itinerary</title>"));
    CHECK(contains(html, "<style>"));
    CHECK(contains(html, "@media print"));
    CHECK(html.size() > 20);
    CHECK(html.substr(html.size() - 8) == "</html>\n");
    CHECK_FALSE(contains(html, "<script"));
    CHECK_FALSE(contains(html, "http://"));
    CHECK_FALSE(contains(html, "https://"));
    CHECK_FALSE(contains(html, "<link"));
    CHECK_FALSE(contains(html, "<img"));
    CHECK_FALSE(contains(html, "@import"));
    CHECK_FALSE(contains(html, "url("));
}

TEST_CASE("the HTML itinerary escapes names and contains every meetup with its times and reasons",
          "[report]") {
    const std::string html = report::itinerary_html(two_day_plan());
    CHECK(contains(html, "Dinner with Bo &lt;b&gt;&amp; Co"));
    CHECK(contains(html, "<strong>Ana Reyes</strong> and <strong>Bo &lt;b&gt;&amp; Co</strong>"));
    CHECK_FALSE(contains(html, "<b>"));
    CHECK(contains(html, "near Bo&#39;s home (Shibuya)"));
    CHECK(contains(html, "Lunch with Ana Reyes"));
    CHECK(contains(html, "<time datetime=\"2024-04-15T12:00:00+08:00\">12:00</time>"));
    CHECK(contains(html, "<time datetime=\"2024-04-16T19:00:00+09:00\">19:00</time>"));
    CHECK(contains(html, "<li>last met 14 months ago</li>"));
    CHECK(contains(html, "<li>never met in person</li>"));
    CHECK(contains(html, "<h3>Near misses</h3>"));
    CHECK(contains(html, "<h3>Video calls</h3>"));
    CHECK(contains(html, "<h3>Introductions</h3>"));
    CHECK(contains(html, "<h2>Not scheduled</h2>"));
    CHECK(contains(html, "<strong>Eve Ong</strong>: no known place"));
}

TEST_CASE("the HTML title is escaped in the title element and the heading", "[report]") {
    const std::string html = report::itinerary_html(two_day_plan(), "Trip \"A\" & <B>");
    CHECK(contains(html, "<title>Trip &quot;A&quot; &amp; &lt;B&gt;</title>"));
    CHECK(contains(html, "<h1>Trip &quot;A&quot; &amp; &lt;B&gt;</h1>"));
}

TEST_CASE("an empty plan says there are no trips in both formats", "[report]") {
    const plan::Plan empty;
    const std::string md = report::itinerary_markdown(empty);
    const std::string html = report::itinerary_html(empty);
    CHECK(contains(md, "No trips away from home in that range"));
    CHECK_FALSE(contains(md, "## "));
    CHECK(contains(html, "No trips away from home in that range"));
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK_FALSE(contains(html, "<h2>"));
}

TEST_CASE("a day with nothing on it says so, and a meetup past midnight says next day", "[report]") {
    plan::Plan p = two_day_plan();
    auto& tp = p.trips.front();
    tp.meetups.erase(tp.meetups.begin() + 1);
    // Drinks 23:30-00:30 Manila time.
    tp.meetups.push_back(meetup("Fe", plan::MeetupKind::Drinks, utc(date(2024, 4, 15), 15h, 30min),
                                utc(date(2024, 4, 15), 16h, 30min), "Asia/Manila", "halfway", {}));
    const std::string md = report::itinerary_markdown(p);
    CHECK(contains(md, "- **23:30\u201300:30 (next day)** **Drinks with Fe**"));
    CHECK(contains(md, "(Asia/Tokyo, UTC+09:00)\n\n_Nothing fixed, nothing suggested._\n"));
}

TEST_CASE("Markdown escaping keeps user text literal and on one line", "[report]") {
    CHECK(report::escape_markdown("a*b_c|d<e>f&g[h]i`j\\k~l#m") ==
          "a\\*b\\_c\\|d\\<e\\>f\\&g\\[h\\]i\\`j\\\\k\\~l\\#m");
    CHECK(report::escape_markdown("two\nlines") == "two lines");
    CHECK(report::escape_markdown("M\xC3\xBCnchen") == "M\xC3\xBCnchen");
    CHECK(report::escape_markdown("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("HTML escaping replaces the five special characters and control characters", "[report]") {
    CHECK(report::escape_html("<a href='x'>\"&\"</a>") ==
          "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
    CHECK(report::escape_html("bell\x07") == "bell ");
    CHECK(report::escape_html("line\nbreak") == "line\nbreak");
}
