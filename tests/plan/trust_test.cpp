// Plans a traveller can trust: where the traveller is at every moment decides when and where a
// meetup can be, in which zone it is shown, and from where near misses are measured.
#include "trust_support.hpp"

#include "sidetrip/geo/geodesic.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace sidetrip;
using namespace sidetrip::test;
using namespace std::chrono;

namespace {

using calendar::EventKind;

// A week: Austin -> San Francisco on a morning flight (a virtual standup during it), client
// meetings, then home. Three valuable friends in San Francisco.
World flight_into_san_francisco() {
    World w(Austin, "US", Date{year{2027} / 2 / 20});
    w.flight("UA 1234", Austin, SanFrancisco, wall(Austin.zone, 2027, 3, 1, 5, 5),
             wall(SanFrancisco.zone, 2027, 3, 1, 8, 55));
    w.add("Product team standup", EventKind::Virtual, wall(SanFrancisco.zone, 2027, 3, 1, 7, 30),
          wall(SanFrancisco.zone, 2027, 3, 1, 7, 45), SanFrancisco.zone, "Zoom");
    w.add("Customer visit: Bayline", EventKind::Meeting, wall(SanFrancisco.zone, 2027, 3, 1, 13),
          wall(SanFrancisco.zone, 2027, 3, 1, 14, 30), SanFrancisco.zone, "San Francisco");
    w.add("Roadmap workshop", EventKind::Meeting, wall(SanFrancisco.zone, 2027, 3, 2, 10),
          wall(SanFrancisco.zone, 2027, 3, 2, 12), SanFrancisco.zone, "San Francisco");
    w.flight("UA 1500", SanFrancisco, Austin, wall(SanFrancisco.zone, 2027, 3, 2, 18),
             wall(Austin.zone, 2027, 3, 2, 23, 30));
    w.person("Kevin Zhou", SanFrancisco, 5);
    w.person("Ana Ferrer", SanFrancisco, 5);
    w.person("Sam Okonkwo", Oakland, 5);
    return w;
}

// Chicago for two days (meetings), an evening flight to San Francisco, two days there.
World chicago_then_san_francisco() {
    World w(Austin, "US", Date{year{2027} / 4 / 1});
    const auto ct = Chicago.zone;
    const auto pt = SanFrancisco.zone;
    w.flight("AA 1100", Austin, Chicago, wall(ct, 2027, 4, 13, 7), wall(ct, 2027, 4, 13, 9, 30));
    w.add("Client meeting: Lakeshore", EventKind::Meeting, wall(ct, 2027, 4, 13, 13),
          wall(ct, 2027, 4, 13, 15), ct, "Chicago");
    w.add("Client workshop: Lakeshore", EventKind::Meeting, wall(ct, 2027, 4, 14, 9),
          wall(ct, 2027, 4, 14, 12), ct, "Chicago");
    w.flight("UA 1549", Chicago, SanFrancisco, wall(ct, 2027, 4, 14, 18, 0), wall(pt, 2027, 4, 14, 20, 30));
    w.add("Partner sync: Bayline", EventKind::Meeting, wall(pt, 2027, 4, 15, 10), wall(pt, 2027, 4, 15, 12),
          pt, "San Francisco");
    w.add("Board prep", EventKind::Meeting, wall(pt, 2027, 4, 16, 10), wall(pt, 2027, 4, 16, 11), pt,
          "San Francisco");
    w.flight("UA 1600", SanFrancisco, Austin, wall(pt, 2027, 4, 16, 17),
             wall(Austin.zone, 2027, 4, 16, 22, 30));
    w.person("Dana Whitfield", Evanston, 5);
    w.person("Hana Sato", Oakland, 5);
    w.person("Ben Ortiz", Berkeley, 4);
    w.person("Carla Reyes", Sacramento,
             5); // further than an hour from San Francisco, further still from Chicago
    return w;
}

const plan::Meetup* meetup_with(const plan::Plan& plan, const std::string& name) {
    for (const auto& tp : plan.trips) {
        for (const auto& m : tp.meetups) {
            if (std::find(m.names.begin(), m.names.end(), name) != m.names.end()) {
                return &m;
            }
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("no meetup is booked during a flight or before the way out of the airport", "[plan]") {
    auto w = flight_into_san_francisco();
    const auto plan = w.make();
    REQUIRE(plan.trips.size() == 1);
    const auto landed = wall(SanFrancisco.zone, 2027, 3, 1, 8, 55) + w.settings.after_landing;
    const auto leaves = wall(SanFrancisco.zone, 2027, 3, 2, 18) - w.settings.airport_before_domestic;
    REQUIRE_FALSE(plan.trips[0].meetups.empty());
    for (const auto& m : plan.trips[0].meetups) {
        INFO(m.names.front() << " " << calendar::format_rfc3339(m.start, m.timezone));
        CHECK(m.start >= landed);
        CHECK(m.end <= leaves);
    }
    // Free windows too: none opens before the traveller is out of the airport.
    for (const auto& fw : plan.trips[0].windows) {
        CHECK(fw.start >= landed);
    }
}

TEST_CASE("a contact is met only where the traveller is, within reach of where they live", "[plan]") {
    auto w = chicago_then_san_francisco();
    const auto plan = w.make();
    REQUIRE(plan.trips.size() == 1);
    const auto landed_sfo = wall(SanFrancisco.zone, 2027, 4, 14, 20, 30);
    for (const auto& m : plan.trips[0].meetups) {
        INFO(m.names.front() << " " << calendar::format_rfc3339(m.start, m.timezone) << " at "
                             << m.venue.name);
        for (const auto& rc : w.contacts) {
            if (rc.contact.id != m.contacts.front()) {
                continue;
            }
            CHECK(w.travel.estimate(rc.places.front().point, m.venue.point).duration <= w.settings.max_reach);
            if (rc.places.front().timezone == SanFrancisco.zone) {
                CHECK(m.start >= landed_sfo);
                CHECK(m.venue.name.find("Chicago") == std::string::npos);
            } else {
                CHECK(m.start < landed_sfo);
            }
        }
    }
    // The San Francisco days are not wasted: the friends there are met there.
    CHECK(meetup_with(plan, "Hana Sato") != nullptr);
    CHECK(meetup_with(plan, "Dana Whitfield") != nullptr);
}

TEST_CASE("friends in New York are not booked at a Denver venue on the Denver days", "[plan]") {
    // A busy day in New York (an all-afternoon client day the calendar gives no address), then
    // two days in Denver with a meeting: six friends live in and around New York, none near
    // Denver. The Denver meeting is the trip's only commitment with a place, but no place to
    // meet them: only the New York evening is.
    World w(Austin, "US", Date{year{2027} / 3 / 1});
    const auto et = NewYork.zone;
    const auto mt = Denver.zone;
    w.flight("AA 300", Austin, NewYork, wall(Austin.zone, 2027, 3, 8, 6), wall(et, 2027, 3, 8, 10, 30));
    w.add("Client day: Hudson Ledger", EventKind::Meeting, wall(et, 2027, 3, 8, 12), wall(et, 2027, 3, 8, 17),
          et, "");
    w.flight("UA 455", NewYork, Denver, wall(et, 2027, 3, 9, 7), wall(mt, 2027, 3, 9, 9, 30));
    w.add("Partner meeting: Front Range", EventKind::Meeting, wall(mt, 2027, 3, 9, 13),
          wall(mt, 2027, 3, 9, 14), mt, "Denver, Colorado");
    w.add("Partner meeting: Front Range (2)", EventKind::Meeting, wall(mt, 2027, 3, 10, 13),
          wall(mt, 2027, 3, 10, 14), mt, "Denver, Colorado");
    w.flight("UA 600", Denver, Austin, wall(mt, 2027, 3, 10, 19), wall(Austin.zone, 2027, 3, 10, 22));
    for (const char* name : {"Ava", "Noah", "Mia", "Liam", "Zoe", "Eli"}) {
        w.person(name, std::string(name) < "M" ? Brooklyn : NewYork, 5);
    }
    const auto plan = w.make();
    REQUIRE(plan.trips.size() == 1);
    for (const auto& m : plan.trips[0].meetups) {
        INFO(m.names.front() << " " << calendar::format_rfc3339(m.start, m.timezone) << " at "
                             << m.venue.name);
        CHECK(m.timezone == "America/New_York");
        CHECK(w.travel.estimate(NewYork.point, m.venue.point).duration <= w.settings.max_reach);
    }
    CHECK_FALSE(plan.trips[0].meetups.empty());
}

TEST_CASE("a meetup is shown in the zone of the place where it happens", "[plan]") {
    auto w = chicago_then_san_francisco();
    const auto plan = w.make();
    REQUIRE(plan.trips.size() == 1);
    const auto& tp = plan.trips[0];
    REQUIRE_FALSE(tp.meetups.empty());
    for (const auto& m : tp.meetups) {
        INFO(m.names.front() << " " << calendar::format_rfc3339(m.start, m.timezone) << " at "
                             << m.venue.name);
        CHECK(m.timezone == geo::timezone_at(*w.gazetteer, m.venue.point));
        const auto* where = tp.presence.at(m.start);
        REQUIRE(where != nullptr);
        CHECK(where->kind == plan::PresenceKind::AtPlace);
        CHECK(where->timezone == m.timezone);
        // Inside the traveller's day, in that zone.
        const auto local = calendar::to_local(m.start, m.timezone);
        CHECK(local - floor<days>(local) >= w.settings.day_start);
    }
    const auto* dana = meetup_with(plan, "Dana Whitfield");
    REQUIRE(dana != nullptr);
    CHECK(dana->timezone == "America/Chicago");
    // The day of the evening flight is in Chicago until the airport, then in transit.
    const auto* afternoon = tp.presence.at(wall(Chicago.zone, 2027, 4, 14, 15));
    REQUIRE(afternoon != nullptr);
    CHECK(afternoon->timezone == "America/Chicago");
    const auto* flying = tp.presence.at(wall(Chicago.zone, 2027, 4, 14, 19));
    REQUIRE(flying != nullptr);
    CHECK(flying->kind == plan::PresenceKind::InTransit);
}

TEST_CASE("a TripIt feed in UTC with GEO points plans in the place's own zone", "[plan]") {
    World w(Austin, "US", Date{year{2027} / 5 / 1});
    // TripIt writes every time in UTC and the places as GEO: South San Francisco, two days.
    auto& a = w.add("Meeting: Genentech", EventKind::Meeting, wall("UTC", 2027, 5, 11, 17),
                    wall("UTC", 2027, 5, 11, 19), "UTC", "1 DNA Way, South San Francisco, CA");
    a.geo = GeoPoint{37.6547, -122.4077};
    auto& b = w.add("Meeting: Genentech (day 2)", EventKind::Meeting, wall("UTC", 2027, 5, 12, 17),
                    wall("UTC", 2027, 5, 12, 19), "UTC", "1 DNA Way, South San Francisco, CA");
    b.geo = GeoPoint{37.6547, -122.4077};
    w.person("Kevin Zhou", SanFrancisco, 5);
    w.person("Ana Ferrer", SanFrancisco, 5);
    const auto plan = w.make();
    REQUIRE(plan.trips.size() == 1);
    for (const auto& day : plan.trips[0].trip.days) {
        CHECK(day.timezone == "America/Los_Angeles");
    }
    REQUIRE_FALSE(plan.trips[0].meetups.empty());
    for (const auto& m : plan.trips[0].meetups) {
        INFO(m.names.front() << " " << calendar::format_rfc3339(m.start, m.timezone));
        CHECK(m.timezone == "America/Los_Angeles");
        const auto local = calendar::to_local(m.start, m.timezone);
        CHECK(local - floor<days>(local) >= w.settings.day_start);
    }
}

TEST_CASE("a near miss is measured from the trip place nearest to the person", "[plan]") {
    auto w = chicago_then_san_francisco();
    const auto plan = w.make();
    REQUIRE(plan.trips.size() == 1);
    bool carla = false;
    for (const auto& n : plan.trips[0].near_misses) {
        if (n.name == "Carla Reyes") {
            carla = true;
            INFO(n.reason);
            CHECK(n.reason.find("from San Francisco") != std::string::npos);
            CHECK(n.reason.find("Chicago") == std::string::npos);
        }
    }
    CHECK(carla);
}

TEST_CASE("leaving a conference for a meetup elsewhere takes the buffer and the ride, never zero", "[plan]") {
    World w(Lipa, "PH", Date{year{2027} / 1 / 1});
    const auto mt = Manila.zone;
    // A two-day convention in Pasay whose sessions end at 17:00; friends living in Pasay itself.
    for (unsigned day : {14u, 15u}) {
        w.add("Morning sessions", EventKind::Conference, wall(mt, 2027, 1, day, 9),
              wall(mt, 2027, 1, day, 12), mt, "Pasay");
        w.add("Afternoon sessions", EventKind::Conference, wall(mt, 2027, 1, day, 13),
              wall(mt, 2027, 1, day, 17), mt, "Pasay");
    }
    for (const char* name : {"Ria", "Mon", "Joy", "Paolo"}) {
        w.person(name, Pasay, 5);
    }
    const auto plan = w.make();
    REQUIRE(plan.trips.size() == 1);
    REQUIRE_FALSE(plan.trips[0].meetups.empty());
    for (const auto& m : plan.trips[0].meetups) {
        INFO(m.names.front() << " " << calendar::format_rfc3339(m.start, m.timezone) << " at "
                             << m.venue.name);
        for (const auto& o : plan.occurrences) {
            if (o.kind == EventKind::Conference && o.end_utc <= m.start) {
                // The buffer kept after a session, as after any commitment.
                CHECK((m.start - o.end_utc >= w.settings.buffer || m.kind == plan::MeetupKind::Chat));
            }
            if (o.kind == EventKind::Conference && o.start_utc >= m.end) {
                CHECK(o.start_utc - m.end >= w.settings.buffer);
            }
        }
    }
}

TEST_CASE("one trip's plan does not leak into the next", "[plan]") {
    World w(Manila, "PH", Date{year{2027} / 6 / 1});
    // A one-day trip to Singapore, home, then Singapore -> Tokyo.
    const auto sg = Singapore.zone;
    const auto jp = Tokyo.zone;
    w.flight("PR 501", Manila, Singapore, wall(Manila.zone, 2027, 6, 7, 6), wall(sg, 2027, 6, 7, 9, 30));
    w.add("Client meeting", EventKind::Meeting, wall(sg, 2027, 6, 7, 11), wall(sg, 2027, 6, 7, 12), sg,
          "Singapore");
    w.flight("PR 502", Singapore, Manila, wall(sg, 2027, 6, 7, 19), wall(Manila.zone, 2027, 6, 7, 22, 30));
    // Two days in Singapore, so that the days of the trip are in two zones.
    w.flight("PR 503", Manila, Singapore, wall(Manila.zone, 2027, 6, 13, 6), wall(sg, 2027, 6, 13, 9, 30));
    w.add("Workshop", EventKind::Meeting, wall(sg, 2027, 6, 13, 11), wall(sg, 2027, 6, 13, 16), sg,
          "Singapore");
    w.add("Workshop (2)", EventKind::Meeting, wall(sg, 2027, 6, 14, 11), wall(sg, 2027, 6, 14, 16), sg,
          "Singapore");
    w.flight("SQ 12", Singapore, Tokyo, wall(sg, 2027, 6, 15, 8), wall(jp, 2027, 6, 15, 16));
    w.add("Partner meeting", EventKind::Meeting, wall(jp, 2027, 6, 16, 10), wall(jp, 2027, 6, 16, 12), jp,
          "Tokyo");
    w.flight("PR 431", Tokyo, Manila, wall(jp, 2027, 6, 17, 18), wall(Manila.zone, 2027, 6, 17, 22));
    for (const char* name : {"Kenji", "Aiko", "Haruto", "Yui", "Sora", "Ren"}) {
        w.person(name, std::string(name) == "Aiko" ? Yokohama : Tokyo, 5);
    }
    const auto trips = w.trips();
    REQUIRE(trips.size() == 2);
    const auto both = w.make(trips);
    const auto alone = w.make({trips[1]});
    REQUIRE(both.trips.size() == 2);
    REQUIRE(alone.trips.size() == 1);
    const auto& second = both.trips[1];
    for (const auto& m : second.meetups) {
        INFO(m.names.front() << " " << calendar::format_rfc3339(m.start, m.timezone));
        CHECK(m.reasons.back().find("h ") ==
              std::string::npos); // no hours-long ride from a stop of another trip
        if (m.start > wall(jp, 2027, 6, 15, 16)) {
            CHECK(m.timezone == "Asia/Tokyo");
        }
    }
    // Nobody lives in Singapore, so the first trip meets nobody: the second must plan as if alone.
    CHECK(both.trips[0].meetups.empty());
    auto meetups = [](const plan::TripPlan& tp) {
        std::vector<std::string> out;
        for (const auto& m : tp.meetups) {
            out.push_back(m.names.front() + " " + calendar::format_rfc3339(m.start, m.timezone) + " " +
                          m.reasons.back());
        }
        return out;
    };
    CHECK(meetups(second) == meetups(alone.trips[0]));
    CHECK_FALSE(meetups(second).empty());
}

TEST_CASE("the presence timeline of a flight day: there, in the air, then here, each in its zone", "[plan]") {
    auto w = chicago_then_san_francisco();
    const auto trips = w.trips();
    REQUIRE(trips.size() == 1);
    plan::EventPlaces places(w.occurrences, w.geocoder, "US", w.zone_at());
    const auto timeline = plan::build_presence(trips[0], w.occurrences, places, w.settings, w.travel);
    REQUIRE_FALSE(timeline.segments.empty());
    for (std::size_t i = 0; i + 1 < timeline.segments.size(); ++i) {
        CHECK(timeline.segments[i].end <=
              timeline.segments[i + 1].start + hours{1}); // consecutive (connections may overlap)
        CHECK(timeline.segments[i].start < timeline.segments[i].end);
    }
    const auto departs = wall(Chicago.zone, 2027, 4, 14, 18);
    const auto* before = timeline.at(departs - w.settings.airport_before_domestic - minutes{60});
    REQUIRE(before != nullptr);
    CHECK(before->kind == plan::PresenceKind::AtPlace);
    CHECK(before->timezone == "America/Chicago");
    const auto* at_gate = timeline.at(departs - minutes{30});
    REQUIRE(at_gate != nullptr);
    CHECK(at_gate->kind == plan::PresenceKind::InTransit);
    CHECK(at_gate->label == "UA 1549 ORD to SFO");
    const auto* landed = timeline.at(wall(SanFrancisco.zone, 2027, 4, 14, 20, 30) + hours{2});
    REQUIRE(landed != nullptr);
    CHECK(landed->kind == plan::PresenceKind::AtPlace);
    CHECK(landed->timezone == "America/Los_Angeles");
    // Before the outbound flight and after the flight home, the traveller is at home.
    CHECK(timeline.segments.front().basis == plan::PlaceBasis::Home);
    CHECK(timeline.segments.back().basis == plan::PlaceBasis::Home);
}

TEST_CASE("an all-day conference that Google marks as free still fills its days with sessions", "[plan]") {
    World w(Austin, "US", Date{year{2027} / 4 / 1});
    w.flight("AA 1100", Austin, Chicago, wall(Chicago.zone, 2027, 4, 19, 7),
             wall(Chicago.zone, 2027, 4, 19, 9, 30));
    w.all_day("DataCon Chicago 2027", EventKind::Conference, Date{year{2027} / 4 / 20},
              Date{year{2027} / 4 / 22}, "McCormick Place, 2301 S Lake Shore Dr, Chicago, IL 60616, USA",
              true);
    w.flight("AA 1101", Chicago, Austin, wall(Chicago.zone, 2027, 4, 21, 19),
             wall(Austin.zone, 2027, 4, 21, 21, 30));
    w.person("Dana Whitfield", Evanston, 5);
    w.person("Marco Diaz", Chicago, 5);
    w.person("Lee Park", Chicago, 5);
    w.settings.at_event = {"person-1"};
    const auto plan = w.make();
    REQUIRE(plan.trips.size() == 1);
    for (const auto& m : plan.trips[0].meetups) {
        INFO(m.names.front() << " " << calendar::format_rfc3339(m.start, m.timezone));
        const auto local = calendar::to_local(m.start, m.timezone);
        const auto day = floor<days>(local);
        const bool conference_day =
            day >= local_days{year{2027} / 4 / 20} && day < local_days{year{2027} / 4 / 22};
        if (conference_day) {
            // Assumed sessions 09:00-10:30, 11:00-12:30, 13:30-15:00, 15:30-17:00: nothing but a
            // chat in a break falls inside them.
            for (const auto& [from, to] : w.settings.assumed_sessions) {
                const bool inside = local < day + to && calendar::to_local(m.end, m.timezone) > day + from;
                CHECK_FALSE(inside);
            }
        }
    }
    // The attendee gets a chat in a break at the venue.
    const auto* chat = meetup_with(plan, "Marco Diaz");
    REQUIRE(chat != nullptr);
    CHECK(chat->kind == plan::MeetupKind::Chat);
}
