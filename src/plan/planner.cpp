#include "sidetrip/plan/planner.hpp"

#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/geodesic.hpp"
#include "sidetrip/optimize/problem.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace sidetrip::plan {

std::string_view to_string(MeetupKind kind) {
    switch (kind) {
    case MeetupKind::Breakfast: return "breakfast";
    case MeetupKind::Coffee: return "coffee";
    case MeetupKind::Lunch: return "lunch";
    case MeetupKind::Dinner: return "dinner";
    case MeetupKind::Drinks: return "drinks";
    case MeetupKind::Chat: return "chat";
    }
    return "coffee";
}

namespace {

using calendar::EventKind;
using calendar::Occurrence;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::local_days;
using std::chrono::local_seconds;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

std::vector<MeetupKindSettings> default_kinds_table() {
    // Local customs vary; these are the hours most people in our users' cities would accept,
    // and they are configurable ([meetups] in config.toml).
    return {
        // A meal's start window is shorter than the meal, so two meals of a kind never fit in
        // one day (nobody wants two breakfasts); coffee and drinks may repeat.
        {MeetupKind::Breakfast, minutes{60}, hours{7}, hours{8}},
        {MeetupKind::Coffee, minutes{45}, hours{9} + minutes{30}, hours{16} + minutes{30}},
        {MeetupKind::Lunch, minutes{75}, hours{11} + minutes{30}, hours{12} + minutes{15}},
        {MeetupKind::Dinner, minutes{105}, hours{18}, hours{19} + minutes{30}},
        {MeetupKind::Drinks, minutes{75}, hours{17}, hours{20}},
    };
}

std::string plural(long n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

std::string weekday_date(const Date& d) {
    static const char* names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                  "Thursday", "Friday", "Saturday"};
    const std::chrono::weekday wd{sys_days{d}};
    return std::string(names[wd.c_encoding()]) + " " + format_date(d);
}

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : s) {
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    return h;
}

/// A contact worth meeting on a trip, with where they are and what they are worth.
struct Candidate {
    const ResolvedContact* contact = nullptr;
    GeoPoint place;
    std::string place_name;
    std::string zone;
    double value = 0.0;
    std::vector<std::string> reasons;
    seconds reach{0};      ///< travel time from the trip's base
    bool at_event = false; ///< attends the trip's conference (from the attendee list)
};

/// What is fixed on a trip day, where it happens, as the optimizer will see it.
struct Commitment {
    std::size_t occurrence = 0;
    GeoPoint point;
    std::string place;
    std::chrono::sys_seconds start{}; ///< busy from (the first event of a merged block)
    std::chrono::sys_seconds end{};   ///< busy until (the last end of the block)
    bool conference = false;          ///< a session: one is already at the venue, no buffer around it
    bool assumed = false;             ///< a session assumed from an all-day conference event
};

class TripPlanner {
public:
    TripPlanner(const std::vector<Occurrence>& occurrences, const std::vector<ResolvedContact>& contacts,
                const PlannerSettings& settings, const TravelModel& travel, geo::Geocoder& geocoder,
                const std::vector<ContactHistory>& history)
        : m_occ(occurrences), m_contacts(contacts), m_settings(settings), m_travel(travel),
          m_geocoder(geocoder), m_history(history) {
        m_kinds = settings.kinds.empty() ? default_meetup_kinds() : settings.kinds;
        for (std::size_t i = 0; i < m_occ.size(); ++i) {
            m_uids.insert(m_occ[i].uid);
            if (m_occ[i].uid.rfind("sidetrip-", 0) == 0) {
                m_our_events.push_back(i);
            }
        }
    }

    TripPlan plan(const Trip& trip, std::set<std::string>& scheduled_anywhere) {
        TripPlan out;
        out.trip = trip;
        m_zone = trip.days.empty() ? m_settings.home_zone : trip.days.front().timezone;
        m_base = trip.destinations.empty() ? m_settings.home : trip.destinations.front().point;
        m_base_name = trip.destinations.empty() ? m_settings.home_name : trip.destinations.front().name;
        m_event_venue.reset();
        m_event_name.clear();
        build_days(trip, out);
        auto candidates = find_candidates(trip, out);
        optimize_meetups(trip, candidates, out, scheduled_anywhere);
        suggest_introductions(out, candidates);
        suggest_video_calls(out);
        return out;
    }

    const std::vector<Unscheduled>& unreachable() const { return m_unreachable; }

private:
    struct Day {
        Date date;
        std::string zone;
        GeoPoint base;       ///< where the user is based that day
        sys_seconds open{};  ///< the route may start here
        sys_seconds close{}; ///< and must end by here
        GeoPoint start_point;
        GeoPoint end_point;
        std::vector<Commitment> commitments;
        /// Gaps between two conference sessions long enough for a chat: [earliest, latest] start.
        std::vector<std::pair<sys_seconds, sys_seconds>> breaks;
        GeoPoint venue; ///< where the sessions are
    };

    std::optional<GeoPoint> where(const Occurrence& o) {
        if (o.geo) {
            return o.geo;
        }
        if (o.location.empty() || o.kind == EventKind::Virtual) {
            return std::nullopt;
        }
        // As in trip detection: the bias only when the text alone is ambiguous.
        auto r = m_geocoder.geocode({o.location, ""});
        if (r.status == geo::GeocodeStatus::Ok && r.confidence < 0.5 && !m_settings.home_country.empty()) {
            r = m_geocoder.geocode({o.location, m_settings.home_country});
        }
        if (r.status != geo::GeocodeStatus::Ok) {
            return std::nullopt;
        }
        return r.point;
    }

    sys_seconds at_local(const Date& d, minutes t) const {
        return calendar::to_utc(local_seconds{local_days{d}.time_since_epoch()} + t, zone_of(d));
    }

    /// Travel time as the plan uses it: whole five minutes, so that meetups start at times
    /// people write down.
    seconds travel(const GeoPoint& from, const GeoPoint& to) const {
        const auto s = m_travel.estimate(from, to).duration.count();
        return seconds{(s + 299) / 300 * 300};
    }

    // A conference known only from its all-day event: its sessions are assumed (09:00-10:30,
    // 11:00-12:30, 13:30-15:00, 15:30-17:00), so that the breaks between them exist.
    void assume_sessions(const Trip& trip, Day& day) {
        const bool has_sessions = std::any_of(day.commitments.begin(), day.commitments.end(),
                                              [](const Commitment& c) { return c.conference; });
        if (has_sessions) {
            return;
        }
        for (std::size_t i : trip.events) {
            const Occurrence& o = m_occ[i];
            if (!o.all_day || o.kind != EventKind::Conference ||
                sys_days{day.date} < sys_days{o.start_date} || sys_days{day.date} >= sys_days{o.end_date}) {
                continue;
            }
            const auto point = where(o);
            if (!point) {
                continue;
            }
            for (const auto& [from, to] : m_settings.assumed_sessions) {
                Commitment c;
                c.occurrence = i;
                c.assumed = true;
                c.point = *point;
                c.place = o.location;
                c.start = at_local(day.date, from);
                c.end = at_local(day.date, to);
                c.conference = true;
                const bool clashes =
                    std::any_of(day.commitments.begin(), day.commitments.end(), [&](const Commitment& x) {
                        return x.start < c.end + m_settings.buffer && c.start < x.end + m_settings.buffer;
                    });
                if (!clashes) {
                    day.commitments.push_back(c);
                }
            }
            std::sort(day.commitments.begin(), day.commitments.end(),
                      [](const Commitment& a, const Commitment& b) { return a.start < b.start; });
            return;
        }
    }

    std::chrono::minutes buffer_of(const Commitment& c) const {
        return c.conference ? std::chrono::minutes{0} : m_settings.buffer;
    }

    // Whether two busy stretches must merge: they overlap once each keeps its buffer (two
    // sessions of one conference merge only when they really overlap).
    bool overlaps_with_buffers(const Commitment& before, const Commitment& next) const {
        return next.start - buffer_of(next) < before.end + buffer_of(before);
    }

    /// The zone the user lives in on a trip day (each day of a multi-city trip has its own).
    const std::string& zone_of(const Date& d) const {
        for (const Day& day : m_days) {
            if (day.date == d) {
                return day.zone;
            }
        }
        return m_zone;
    }

    bool international(const Occurrence& flight) const {
        // The trip's zone differing from home is the sign of a border crossed; a domestic
        // flight across US zones gets the longer buffer, which errs on the safe side.
        (void)flight;
        return m_zone != m_settings.home_zone;
    }

    void build_days(const Trip& trip, TripPlan& out) {
        m_days.clear();
        const std::size_t n = trip.days.size();
        for (std::size_t k = 0; k < n; ++k) {
            const TripDay& td = trip.days[k];
            Day day;
            day.date = td.date;
            day.zone = td.timezone;
            day.base = td.where;
            m_zone = td.timezone;
            day.open = at_local(td.date, m_settings.day_start);
            day.close = at_local(td.date, m_settings.day_end);
            // A trip from home by road starts and ends at home; otherwise at the base.
            const bool flies = std::any_of(trip.events.begin(), trip.events.end(),
                                           [&](std::size_t i) { return m_occ[i].kind == EventKind::Flight; });
            day.start_point = (!flies && k == 0) || (!flies && n == 1) ? m_settings.home : day.base;
            day.end_point = (!flies && k + 1 == n) ? m_settings.home : day.base;
            GeoPoint last = day.start_point;
            for (std::size_t i : td.commitments) {
                const Occurrence& o = m_occ[i];
                if (o.kind == EventKind::Flight) {
                    const sys_seconds landed = o.end_utc + m_settings.after_landing;
                    const sys_seconds leave_by =
                        o.start_utc - (international(o) ? m_settings.airport_before_international
                                                        : m_settings.airport_before_domestic);
                    // On the last day a flight leaves: the day ends at the airport in time. On
                    // any other day it arrives (on a multi-city trip, in the next city): the
                    // day starts once landed and through the airport.
                    if (k + 1 == n && n > 1) {
                        day.close = std::min(day.close, leave_by);
                        day.end_point = last;
                    } else {
                        day.open = std::max(day.open, landed);
                        day.start_point = day.base;
                        last = day.base;
                    }
                    continue;
                }
                if (o.kind == EventKind::GroundTransport || o.kind == EventKind::Lodging) {
                    continue; // the way there, or a hotel's check-in time: travel the model makes itself
                }
                Commitment c;
                c.occurrence = i;
                c.start = o.start_utc;
                c.end = o.end_utc;
                c.conference = o.kind == EventKind::Conference;
                if (auto p = where(o)) {
                    c.point = *p;
                    c.place = o.location;
                } else {
                    c.point = last; // a call or an event without a place: wherever the user is
                    c.place = "";
                }
                // Overlapping or back-to-back events (double bookings, a session inside a
                // conference block) are one busy stretch at the first one's place.
                if (!day.commitments.empty() && overlaps_with_buffers(day.commitments.back(), c)) {
                    day.commitments.back().end = std::max(day.commitments.back().end, c.end);
                    continue;
                }
                last = c.point;
                day.commitments.push_back(c);
            }
            assume_sessions(trip, day);
            // The user's day bounds meetups, not the way to a client: leave earlier or come home
            // later when a commitment needs it.
            if (!day.commitments.empty()) {
                const auto& first = day.commitments.front();
                const auto& final_one = day.commitments.back();
                day.open = std::min(day.open,
                                    first.start - m_settings.buffer - travel(day.start_point, first.point));
                day.close = std::max(day.close, final_one.end + m_settings.buffer +
                                                    travel(final_one.point, day.end_point));
            }
            for (std::size_t i = 0; i + 1 < day.commitments.size(); ++i) {
                const auto& a = day.commitments[i];
                const auto& b = day.commitments[i + 1];
                if (a.conference && b.conference && b.start - a.end >= m_settings.chat_duration) {
                    day.breaks.emplace_back(a.end, b.start - m_settings.chat_duration);
                    day.venue = a.point;
                    m_event_venue = a.point;
                    m_event_name = a.place;
                }
            }
            m_days.push_back(day);
            add_free_windows(day, out);
        }
    }

    void add_free_windows(const Day& day, TripPlan& out) const {
        sys_seconds cursor = day.open;
        GeoPoint near = day.start_point;
        std::string label = "before the first commitment";
        for (const auto& c : day.commitments) {
            const seconds to = m_travel.estimate(near, c.point).duration;
            const sys_seconds busy_from = c.start - buffer_of(c) - to;
            if (busy_from > cursor) {
                out.windows.push_back({day.date, day.zone, cursor, busy_from, label, near});
            }
            cursor = std::max(cursor, c.end + buffer_of(c));
            near = c.point;
            label = "between commitments";
        }
        if (day.close > cursor) {
            out.windows.push_back({day.date, day.zone, cursor, day.close,
                                   day.commitments.empty() ? "free day" : "after the last commitment", near});
        }
    }

    // The value of meeting someone, and the reasons a person would give.
    void value(Candidate& cand) {
        const ContactValue& v = value_of(static_cast<std::size_t>(cand.contact - m_contacts.data()));
        cand.value = v.value;
        cand.reasons = v.reasons;
        if (cand.at_event) {
            cand.reasons.insert(cand.reasons.begin(), "on the conference's attendee list");
        }
    }

    std::vector<Candidate> find_candidates(const Trip& trip, TripPlan& out) {
        std::vector<Candidate> all;
        index_places();
        m_reach.assign(m_points.size(), seconds{-1});
        m_far_place.assign(m_contacts.size(), 0);
        // Every trip looks at every contact: the loop reads the flat arrays of index_places()
        // and touches a contact's own record only when it is in reach or worth a word.
        for (std::size_t c = 0; c < m_contacts.size(); ++c) {
            const auto& rc = m_contacts[c];
            std::optional<std::size_t> best_place;
            std::size_t best_entry = 0;
            seconds best_reach{};
            for (std::size_t e = m_place_begin[c]; e < m_place_begin[c + 1]; ++e) {
                const seconds reach = reach_of(trip, m_place_point[e]);
                if (!best_place || reach < best_reach) {
                    best_place = m_place_index[e];
                    best_entry = e;
                    best_reach = reach;
                }
            }
            const bool at_event = !m_settings.at_event.empty() &&
                                  m_settings.at_event.count(rc.contact.id.str()) > 0 &&
                                  m_event_venue.has_value();
            if (!best_place && !at_event) {
                continue;
            }
            if (!at_event && best_reach > m_settings.max_reach) {
                // Out of reach (someone at the event never is). Marked for a video call only when
                // suggest_video_calls could take them: a zone, worth 30 or more, not near home,
                // not called from an earlier trip. Most of 100,000 contacts are far from any trip.
                const std::uint32_t point = m_place_point[best_entry];
                if (m_place_zoned[best_entry] && value_of(c).value >= 30.0 && !m_called_index[c] &&
                    !near_home(point)) {
                    m_far_place[c] = static_cast<std::uint32_t>(*best_place + 1);
                }
                if (best_reach <= 3 * m_settings.max_reach && out.near_misses.size() < 6 &&
                    !near_home(point)) {
                    const auto& place = rc.places[*best_place];
                    // A nearby city: worth a word, at its price.
                    out.near_misses.push_back({rc.contact.id, rc.contact.name,
                                               rc.contact.name + " lives in " + place.name + ", about " +
                                                   age_minutes(best_reach) + " from " + m_base_name +
                                                   ": a detour of half a day"});
                }
                continue;
            }
            Candidate cand;
            cand.contact = &rc;
            if (best_place) {
                const auto& place = rc.places[*best_place];
                cand.place = place.point;
                cand.place_name = place.name;
                cand.zone = place.timezone;
                cand.reach = best_reach;
            }
            if (at_event && (!best_place || best_reach > m_settings.max_reach)) {
                // Attending the conference: they are where the sessions are, whoever they are.
                cand.place = *m_event_venue;
                cand.place_name = m_event_name;
                cand.zone = m_zone;
                cand.reach = seconds{0};
                best_reach = seconds{0};
            }
            cand.at_event = at_event;
            value(cand);
            all.push_back(std::move(cand));
        }
        std::stable_sort(all.begin(), all.end(),
                         [](const Candidate& a, const Candidate& b) { return a.value > b.value; });
        // The optimizer gets the most valuable; the rest are near misses with their reason.
        constexpr std::size_t MaxCandidates = 60;
        if (all.size() > MaxCandidates) {
            all.resize(MaxCandidates);
        }
        return all;
    }

    static std::string age_minutes(seconds s) {
        const long m = std::chrono::duration_cast<minutes>(s).count();
        if (m < 60) {
            return plural(m, "minute");
        }
        char b[32];
        std::snprintf(b, sizeof b, "%ld h %02ld", m / 60, m % 60);
        return b;
    }

    void optimize_meetups(const Trip& trip, const std::vector<Candidate>& candidates, TripPlan& out,
                          std::set<std::string>& scheduled_anywhere) {
        using namespace optimize;
        if (m_days.empty()) {
            return;
        }
        Problem p;
        std::vector<GeoPoint> points;
        auto location = [&](const GeoPoint& g) {
            for (std::size_t i = 0; i < points.size(); ++i) {
                if (points[i] == g) {
                    return i;
                }
            }
            points.push_back(g);
            return points.size() - 1;
        };
        const sys_seconds origin = m_days.front().open - hours{12};
        auto t = [&](sys_seconds s) { return static_cast<Time>((s - origin).count()); };
        for (const Day& day : m_days) {
            if (day.close <= day.open) {
                continue;
            }
            Route r;
            r.start_location = location(day.start_point);
            r.end_location = location(day.end_point);
            r.window = {t(day.open), t(day.close)};
            // Chats in the breaks come on top of the day's meetups.
            // With an attendee list, a conference day allows one more visit per break (the
            // chats); without one, breaks change nothing.
            r.max_optional_visits = m_settings.meetups_per_day +
                                    (m_settings.at_event.empty() ? 0 : static_cast<int>(day.breaks.size()));
            const std::size_t route = p.routes.size();
            p.routes.push_back(r);
            m_route_day.push_back(&day - m_days.data());
            std::optional<std::size_t> previous_fixed;
            for (const auto& c : day.commitments) {
                const Occurrence& o = m_occ[c.occurrence];
                FixedVisit f;
                f.id = (o.summary.empty() ? o.uid : o.summary) + (c.assumed ? " (assumed session)" : "");
                f.route = route;
                // Each busy stretch is a place of its own, so that the way between two of them
                // can be what the user's own schedule allows (below).
                points.push_back(c.point);
                f.location = points.size() - 1;
                f.duration = (c.end - c.start + 2 * buffer_of(c)).count();
                const Time s = t(c.start - buffer_of(c));
                f.window = {s, s};
                if (previous_fixed) {
                    const auto& before = p.fixed[*previous_fixed];
                    m_fixed_gaps.push_back(
                        {before.location, f.location, s - (before.window.open + before.duration)});
                }
                previous_fixed = p.fixed.size();
                p.fixed.push_back(f);
            }
        }
        struct OptionInfo {
            MeetupKind kind;
            Venue venue;
        };
        std::vector<std::vector<OptionInfo>> option_info;
        std::vector<std::vector<const Candidate*>> members_of; ///< who an optional visit meets
        auto add_options = [&](OptionalVisit& v, std::vector<OptionInfo>& infos,
                               const std::vector<Venue>& venues, bool group) {
            for (const auto& kind : m_kinds) {
                if (group && kind.kind != MeetupKind::Dinner && kind.kind != MeetupKind::Drinks) {
                    continue; // a group meets over dinner or drinks
                }
                for (const auto& venue : venues) {
                    VisitOption opt;
                    opt.location = location(venue.point);
                    // The buffer after a meetup keeps the next stop from starting at its last minute.
                    opt.duration =
                        std::chrono::duration_cast<seconds>(kind.duration + m_settings.buffer).count();
                    for (const Day& day : m_days) {
                        // Inside the kind's hours and the user's day, and after landing /
                        // before the airport on travel days.
                        const sys_seconds open =
                            std::max(at_local(day.date, std::max(kind.earliest_start, m_settings.day_start)),
                                     day.open);
                        const sys_seconds close =
                            std::min(at_local(day.date, std::min(kind.latest_start,
                                                                 m_settings.day_end - kind.duration)),
                                     day.close - kind.duration);
                        if (close >= open) {
                            opt.windows.push_back({t(open), t(close)});
                        }
                    }
                    if (!opt.windows.empty()) {
                        v.options.push_back(opt);
                        infos.push_back({kind.kind, venue});
                    }
                }
            }
        };
        std::vector<const Candidate*> available;
        for (const auto& cand : candidates) {
            if (scheduled_anywhere.count(cand.contact->contact.id.str()) > 0 ||
                already_in_calendar(cand, trip)) {
                continue;
            }
            available.push_back(&cand);
            OptionalVisit v;
            v.id = cand.contact->contact.id.str();
            v.score = static_cast<std::int64_t>(std::llround(cand.value * 100.0));
            std::vector<OptionInfo> infos;
            const GeoPoint halfway{(cand.place.lat + m_base.lat) / 2.0, (cand.place.lon + m_base.lon) / 2.0};
            std::vector<Venue> venues = {
                {"near " + cand.contact->contact.name + " (" + cand.place_name + ")", cand.place},
                {"near your base (" + m_base_name + ")", m_base},
                {"halfway", halfway}};
            // Right before or after a commitment: the one of the trip nearest to this person.
            const Commitment* nearest = nullptr;
            seconds best{};
            for (const Day& day : m_days) {
                for (const auto& c : day.commitments) {
                    const seconds d = travel(c.point, cand.place);
                    if (!c.place.empty() && (nearest == nullptr || d < best)) {
                        nearest = &c;
                        best = d;
                    }
                }
            }
            if (nearest != nullptr) {
                venues.push_back({"near " + m_occ[nearest->occurrence].summary + " (" + nearest->place + ")",
                                  nearest->point});
            }
            add_options(v, infos, venues, false);
            if (cand.at_event) {
                // A chat in a conference break, at the venue.
                VisitOption chat;
                chat.location = location(*m_event_venue);
                chat.duration = std::chrono::duration_cast<seconds>(m_settings.chat_duration).count();
                for (const Day& day : m_days) {
                    for (const auto& [earliest, latest] : day.breaks) {
                        chat.windows.push_back({t(earliest), t(latest)});
                    }
                }
                if (!chat.windows.empty()) {
                    v.options.push_back(chat);
                    infos.push_back(
                        {MeetupKind::Chat, {"at the conference (" + m_event_name + ")", *m_event_venue}});
                }
            }
            if (!v.options.empty()) {
                p.optional.push_back(v);
                option_info.push_back(infos);
                members_of.push_back({&cand});
            }
        }
        auto build_matrix = [&](Problem& problem) {
            problem.location_count = points.size();
            problem.travel.assign(points.size() * points.size(), 0);
            for (std::size_t a = 0; a < points.size(); ++a) {
                for (std::size_t b = 0; b < points.size(); ++b) {
                    problem.travel[a * points.size() + b] = travel(points[a], points[b]).count();
                }
            }
            // The user's own schedule wins over the model: two commitments an hour apart are
            // reachable in that hour, whatever the model thinks of the traffic.
            for (const auto& gap : m_fixed_gaps) {
                auto& time = problem.travel[gap.from * points.size() + gap.to];
                time = std::max<Time>(0, std::min(time, gap.seconds));
            }
        };
        build_matrix(p);
        SolverOptions options;
        options.seed = m_settings.seed;
        options.time_limit_seconds = m_settings.time_limit_seconds;
        options.stall_iterations = m_settings.stall_iterations;
        if (m_settings.max_iterations > 0) {
            options.stall_iterations = 0;
            options.max_iterations = m_settings.max_iterations;
            options.time_limit_seconds = 60.0;
        }
        // The time limit is shared: most for choosing whom to meet, the rest for groups.
        const double group_share = 0.3;
        SolverOptions group_options = options;
        if (m_settings.max_iterations == 0) {
            options.time_limit_seconds = m_settings.time_limit_seconds * (1.0 - group_share);
            group_options.time_limit_seconds = m_settings.time_limit_seconds * group_share;
        }
        Solution solution = solve(p, options);

        // Second phase: the people not chosen alone may share a table with their circle, in
        // place of meetups chosen alone if that is worth more. The second problem holds the
        // chosen individuals and groups made only of the others, so no person is in two visits.
        std::set<std::string> chosen;
        std::vector<std::size_t> chosen_visits;
        for (const auto& route : solution.routes) {
            for (const Stop& stop : route.stops) {
                if (!stop.fixed) {
                    chosen.insert(members_of[stop.visit].front()->contact->contact.id.str());
                    chosen_visits.push_back(stop.visit);
                }
            }
        }
        std::sort(chosen_visits.begin(), chosen_visits.end());
        std::erase_if(available,
                      [&](const Candidate* c) { return chosen.count(c->contact->contact.id.str()) > 0; });
        Problem second = p;
        second.optional.clear();
        std::vector<std::size_t> second_to_first; // individual visits of the second problem -> first
        for (std::size_t v : chosen_visits) {
            second.optional.push_back(p.optional[v]);
            second_to_first.push_back(v);
        }
        std::vector<std::vector<OptionInfo>> group_info;
        std::vector<std::vector<const Candidate*>> group_members;
        {
            auto& p_groups = second;
            auto& option_info_groups = group_info;
            auto& members_groups = group_members;
            // Group meetups: people of one circle in one city can share a dinner, worth more than
            // any one of them alone and less than meeting each separately (70% of the sum).
            std::map<std::pair<std::string, std::string>, std::vector<const Candidate*>> circles;
            for (const Candidate* cand : available) {
                for (const auto& tag : cand->contact->contact.tags) {
                    circles[{text::ascii_lower(tag), cand->place_name}].push_back(cand);
                }
            }
            for (auto& [key, group] : circles) {
                if (group.size() < 2) {
                    continue;
                }
                std::stable_sort(group.begin(), group.end(),
                                 [](const Candidate* a, const Candidate* b) { return a->value > b->value; });
                group.resize(std::min<std::size_t>(group.size(), 4));
                OptionalVisit v;
                v.id = "group:" + key.first + ":" + key.second;
                double sum = 0.0;
                GeoPoint centre{0.0, 0.0};
                for (const Candidate* c : group) {
                    sum += c->value;
                    centre.lat += c->place.lat / static_cast<double>(group.size());
                    centre.lon += c->place.lon / static_cast<double>(group.size());
                }
                v.score = static_cast<std::int64_t>(std::llround(0.7 * sum * 100.0));
                std::vector<OptionInfo> infos;
                add_options(v, infos,
                            {{"with your " + key.first + " circle in " + key.second, centre},
                             {"near your base (" + m_base_name + ")", m_base}},
                            true);
                if (!v.options.empty()) {
                    p_groups.optional.push_back(v);
                    option_info_groups.push_back(infos);
                    members_groups.push_back(group);
                }
            }
        }
        if (!group_members.empty()) {
            build_matrix(second);
            Solution with_groups = solve(second, group_options);
            const bool better = with_groups.score > solution.score ||
                                (with_groups.score == solution.score && with_groups.travel < solution.travel);
            if (better) {
                // Map back: individuals to their first-phase visits, groups after the individuals.
                for (auto& route : with_groups.routes) {
                    for (Stop& stop : route.stops) {
                        if (stop.fixed) {
                            continue;
                        }
                        stop.visit = stop.visit < second_to_first.size()
                                         ? second_to_first[stop.visit]
                                         : members_of.size() + (stop.visit - second_to_first.size());
                    }
                }
                for (std::size_t g = 0; g < group_members.size(); ++g) {
                    members_of.push_back(group_members[g]);
                    option_info.push_back(group_info[g]);
                }
                // Near misses still come from the first phase (its indices are the individuals').
                with_groups.unassigned = solution.unassigned;
                solution = with_groups;
            }
        }
        m_fixed_gaps.clear();
        for (std::size_t r = 0; r < solution.routes.size(); ++r) {
            const Day& day = m_days[m_route_day[r]];
            GeoPoint previous = day.start_point;
            for (const Stop& stop : solution.routes[r].stops) {
                if (stop.fixed) {
                    previous = points[stop.location];
                    continue;
                }
                // A person chosen twice (alone and in a group): the first choice stands and
                // the other visit is dropped; dropping a stop keeps a route feasible.
                const auto& members = members_of[stop.visit];
                const bool taken = std::any_of(members.begin(), members.end(), [&](const Candidate* c) {
                    return scheduled_anywhere.count(c->contact->contact.id.str()) > 0;
                });
                if (taken) {
                    continue;
                }
                const OptionInfo& info = option_info[stop.visit][stop.option];
                Meetup m;
                std::string ids;
                double sum = 0.0;
                for (const Candidate* c : members) {
                    const auto& person = c->contact->contact;
                    m.contacts.push_back(person.id);
                    m.names.push_back(person.name);
                    if (!person.emails.empty()) {
                        m.emails.push_back(person.emails.front());
                    }
                    ids += (ids.empty() ? "" : "+") + person.id.str();
                    sum += c->value;
                    scheduled_anywhere.insert(person.id.str());
                }
                m.kind = info.kind;
                m.start = origin + seconds{stop.start};
                m.end = m.start + std::chrono::duration_cast<seconds>(kind_duration(info.kind));
                m.timezone = day.zone;
                m.venue = info.venue;
                if (members.size() == 1) {
                    m.value = members.front()->value;
                    m.reasons = members.front()->reasons;
                } else {
                    m.value = std::round(0.7 * sum * 10.0) / 10.0;
                    m.reasons.push_back("one table for " + std::to_string(members.size()) +
                                        " people of a circle in " + members.front()->place_name);
                    for (const Candidate* c : members) {
                        if (!c->reasons.empty()) {
                            m.reasons.push_back(c->contact->contact.name + ": " + c->reasons.front());
                        }
                    }
                }
                m.travel_to = m_travel.estimate(previous, info.venue.point).duration;
                m.reasons.push_back(m.travel_to < minutes{5}
                                        ? std::string("steps from your previous stop")
                                        : age_minutes(m.travel_to) + " from your previous stop");
                m.uid = meetup_uid(ids, trip.id);
                previous = info.venue.point;
                out.meetups.push_back(std::move(m));
            }
        }
        std::sort(out.meetups.begin(), out.meetups.end(),
                  [](const Meetup& a, const Meetup& b) { return a.start < b.start; });
        // In reach but not scheduled: the most valuable of them are near misses.
        for (std::size_t u : solution.unassigned) {
            if (members_of[u].size() != 1 ||
                scheduled_anywhere.count(members_of[u].front()->contact->contact.id.str()) > 0) {
                continue;
            }
            const Candidate& cand = *members_of[u].front();
            if (out.near_misses.size() < 8 && cand.value >= 30.0) {
                out.near_misses.push_back(
                    {cand.contact->contact.id, cand.contact->contact.name, stay_longer_text(cand)});
            }
        }
    }

    minutes kind_duration(MeetupKind kind) const {
        if (kind == MeetupKind::Chat) {
            return m_settings.chat_duration;
        }
        for (const auto& k : m_kinds) {
            if (k.kind == kind) {
                return k.duration;
            }
        }
        return minutes{60};
    }

    std::string stay_longer_text(const Candidate& cand) const {
        const Day& last = m_days.back();
        const Date next{sys_days{last.date} + days{1}};
        return cand.contact->contact.name + " (" + cand.place_name +
               ") did not fit: the days are full; one more "
               "night, until " +
               weekday_date(next) + " " + calendar::format_clock(at_local(next, hours{10}), m_zone) +
               ", would make room for breakfast";
    }

    // A meetup from an earlier run that the user imported: our UID for this person and trip,
    // or one of our events (a group dinner) that has them as an attendee.
    bool already_in_calendar(const Candidate& cand, const Trip& trip) const {
        const auto& contact = cand.contact->contact;
        const std::string uid = meetup_uid(contact.id.str(), trip.id);
        if (m_uids.count(uid) > 0) {
            return true;
        }
        return std::any_of(m_our_events.begin(), m_our_events.end(), [&](std::size_t i) {
            const Occurrence& o = m_occ[i];
            return std::any_of(o.attendees.begin(), o.attendees.end(), [&](const std::string& a) {
                return std::any_of(contact.emails.begin(), contact.emails.end(),
                                   [&](const std::string& e) { return text::iequals(a, e); });
            });
        });
    }

public:
    static std::string meetup_uid(const std::string& contact, const std::string& trip) {
        char b[32];
        std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(fnv1a(contact + "|" + trip)));
        return std::string("sidetrip-") + b + "@sidetrip";
    }

private:
    void suggest_introductions(TripPlan& out, const std::vector<Candidate>& candidates) const {
        // Two people being met on the same trip, from different circles, who share an interest.
        std::vector<const people::Contact*> met;
        for (const auto& m : out.meetups) {
            for (const auto& cand : candidates) {
                if (cand.contact->contact.id == m.contacts.front()) {
                    met.push_back(&cand.contact->contact);
                }
            }
        }
        for (std::size_t a = 0; a < met.size(); ++a) {
            for (std::size_t b = a + 1; b < met.size(); ++b) {
                const auto& x = *met[a];
                const auto& y = *met[b];
                const bool same_circle = std::any_of(x.tags.begin(), x.tags.end(), [&](const std::string& t) {
                    return std::any_of(y.tags.begin(), y.tags.end(),
                                       [&](const std::string& u) { return text::iequals(t, u); });
                });
                if (same_circle) {
                    continue;
                }
                for (const auto& interest : x.interests) {
                    const bool shared =
                        std::any_of(y.interests.begin(), y.interests.end(),
                                    [&](const std::string& i) { return text::iequals(i, interest); });
                    if (shared && out.introductions.size() < 3) {
                        out.introductions.push_back({x.id, y.id, x.name, y.name,
                                                     "both into " + interest +
                                                         ", from different circles, and "
                                                         "you see both on this trip"});
                        break;
                    }
                }
            }
        }
    }

    // The most valuable people out of reach get a video call, at a half hour inside both
    // people's working hours (09:00-18:00 in each zone) that is free on the trip.
    void suggest_video_calls(TripPlan& out) {
        // The most valuable first, in the contacts' order among equals. Values do not depend on
        // the trip: one order for all trips, each taking the people find_candidates marked
        // (worth 30 or more, with a zone, not near home, not called from an earlier trip).
        if (m_by_value.empty()) {
            m_by_value.resize(m_contacts.size());
            for (std::size_t c = 0; c < m_contacts.size(); ++c) {
                m_by_value[c] = static_cast<std::uint32_t>(c);
            }
            std::stable_sort(m_by_value.begin(), m_by_value.end(), [&](std::uint32_t a, std::uint32_t b) {
                return value_of(a).value > value_of(b).value;
            });
        }
        constexpr std::size_t MaxCalls = 3;
        // A zone without a free half hour in both people's working hours stays without one
        // until a call is added: asked once per zone, not once per person.
        std::map<std::string, std::optional<sys_seconds>> slots;
        for (const std::uint32_t c : m_by_value) {
            if (m_far_place[c] == 0) {
                continue;
            }
            const auto& person = m_contacts[c].contact;
            const auto& place = m_contacts[c].places[m_far_place[c] - 1];
            if (out.virtual_calls.size() >= MaxCalls) {
                break;
            }
            if (m_called_index[c]) {
                continue;
            }
            auto [known, added] = slots.try_emplace(place.timezone);
            if (added) {
                known->second = shared_half_hour(out, place.timezone);
            }
            if (const auto slot = known->second) {
                const auto& reasons = value_of(c).reasons;
                m_called.insert(person.id.str());
                m_called_index[c] = 1;
                out.virtual_calls.push_back(
                    {person.id, person.name, *slot, *slot + minutes{30}, place.timezone,
                     "cannot be met in person on this trip (" + place.name + "); " +
                         (reasons.empty() ? std::string("worth a call") : reasons.front()) + "; " +
                         calendar::format_clock(*slot, m_zone) + " for you is " +
                         calendar::format_clock(*slot, place.timezone) + " for them"});
                slots.clear();
            }
        }
    }

    bool busy(const TripPlan& out, sys_seconds from, sys_seconds to) const {
        for (std::size_t i : out.trip.events) {
            const Occurrence& o = m_occ[i];
            if (!o.all_day && !o.transparent && o.start_utc < to && o.end_utc > from) {
                return true;
            }
        }
        for (const auto& m : out.meetups) {
            if (m.start < to && m.end > from) {
                return true;
            }
        }
        for (const auto& v : out.virtual_calls) {
            if (v.start < to && v.end > from) {
                return true;
            }
        }
        return false;
    }

    std::optional<sys_seconds> shared_half_hour(const TripPlan& out, const std::string& their_zone) const {
        for (const Day& day : m_days) {
            for (minutes t = hours{9}; t + minutes{30} <= hours{18}; t += minutes{30}) {
                const sys_seconds start = at_local(day.date, t);
                const auto theirs = calendar::to_local(start, their_zone);
                const auto their_time = theirs - std::chrono::floor<days>(theirs);
                const std::chrono::weekday their_day{std::chrono::floor<days>(theirs)};
                const bool weekday = their_day != std::chrono::Saturday && their_day != std::chrono::Sunday;
                const bool in_free_window =
                    std::any_of(out.windows.begin(), out.windows.end(), [&](const FreeWindow& w) {
                        return w.start <= start && start + minutes{30} <= w.end;
                    });
                if (weekday && their_time >= hours{9} && their_time + minutes{30} <= hours{18} &&
                    in_free_window && !busy(out, start, start + minutes{30})) {
                    return start;
                }
            }
        }
        return std::nullopt;
    }

    struct FixedGap {
        std::size_t from;
        std::size_t to;
        optimize::Time seconds;
    };
    std::vector<FixedGap> m_fixed_gaps; ///< time between consecutive fixed visits, by their locations
    /// A point's bits: equal bits, equal estimates (the travel model is a pure function).
    struct PointKey {
        std::uint64_t lat = 0;
        std::uint64_t lon = 0;
        bool operator==(const PointKey&) const = default;
    };
    struct PointKeyHash {
        std::size_t operator()(const PointKey& k) const noexcept {
            return static_cast<std::size_t>(k.lat * 0x9E3779B97F4A7C15ULL ^ (k.lon + 0x7F4A7C159E3779B9ULL));
        }
    };

    /// Once for all trips: each contact's resolved places as entries of flat arrays, with the
    /// id of their point among the distinct points (contacts placed by city share its point).
    void index_places() {
        if (!m_place_begin.empty()) {
            return;
        }
        std::unordered_map<PointKey, std::uint32_t, PointKeyHash> ids;
        m_values.resize(m_contacts.size());
        m_called_index.assign(m_contacts.size(), 0);
        for (const auto& rc : m_contacts) {
            m_place_begin.push_back(m_place_point.size());
            for (std::size_t k = 0; k < rc.places.size(); ++k) {
                if (rc.places[k].status != geo::GeocodeStatus::Ok) {
                    continue;
                }
                const GeoPoint& p = rc.places[k].point;
                const auto [it, added] = ids.try_emplace(
                    PointKey{std::bit_cast<std::uint64_t>(p.lat), std::bit_cast<std::uint64_t>(p.lon)},
                    static_cast<std::uint32_t>(m_points.size()));
                if (added) {
                    m_points.push_back(p);
                }
                m_place_index.push_back(k);
                m_place_point.push_back(it->second);
                m_place_zoned.push_back(!rc.places[k].timezone.empty());
            }
        }
        m_place_begin.push_back(m_place_point.size());
        m_near_home.assign(m_points.size(), -1);
    }

    /// The travel time from the trip's base or nearest destination to point `id`, estimated
    /// once per trip.
    seconds reach_of(const Trip& trip, std::uint32_t id) {
        if (m_reach[id] < seconds{0}) {
            seconds reach = travel_from(m_base, id);
            for (const auto& d : trip.destinations) {
                if (!(d.point == m_base)) { // the base is usually the first destination
                    reach = std::min(reach, travel_from(d.point, id));
                }
            }
            m_reach[id] = reach;
        }
        return m_reach[id];
    }

    /// The travel time from `origin` to point `id`, kept for later trips: trips go back to the
    /// same cities, and each estimate is an ellipsoidal distance.
    seconds travel_from(const GeoPoint& origin, std::uint32_t id) {
        auto& times = m_travel_from[PointKey{std::bit_cast<std::uint64_t>(origin.lat),
                                             std::bit_cast<std::uint64_t>(origin.lon)}];
        if (times.empty()) {
            times.assign(m_points.size(), seconds{-1});
        }
        if (times[id] < seconds{0}) {
            times[id] = m_travel.estimate(origin, m_points[id]).duration;
        }
        return times[id];
    }

    /// Whether point `id` is within reach of home (people there are met at home, not called).
    bool near_home(std::uint32_t id) {
        if (m_near_home[id] < 0) {
            m_near_home[id] =
                m_travel.estimate(m_settings.home, m_points[id]).duration <= m_settings.max_reach;
        }
        return m_near_home[id] != 0;
    }

    /// contact_value of contact `c`, computed once for all trips (it depends on nothing else).
    const ContactValue& value_of(std::size_t c) {
        auto& v = m_values[c];
        if (!v) {
            v = contact_value(m_contacts[c].contact, m_settings, m_history[c]);
        }
        return *v;
    }

    // index_places(): contact c's places are entries m_place_begin[c] .. m_place_begin[c + 1].
    std::vector<std::size_t> m_place_begin;
    std::vector<std::size_t> m_place_index;            ///< the entry's index in the contact's places
    std::vector<std::uint32_t> m_place_point;          ///< the entry's point, into m_points
    std::vector<char> m_place_zoned;                   ///< the entry has a time zone
    std::vector<GeoPoint> m_points;                    ///< distinct points of contacts' places
    std::vector<seconds> m_reach;                      ///< by point, for the current trip; -1: not yet
    std::unordered_map<PointKey, std::vector<seconds>, PointKeyHash> m_travel_from; ///< origin -> by point; -1: not yet
    std::vector<signed char> m_near_home;              ///< by point; -1: not yet
    std::vector<std::optional<ContactValue>> m_values; ///< by contact
    std::vector<std::uint32_t> m_far_place;            ///< by contact: 1 + the place of someone to call, or 0
    std::vector<std::uint32_t> m_by_value;             ///< contacts by value, most valuable first
    std::vector<char> m_called_index;                  ///< by contact: in m_called
    std::unordered_set<std::string> m_uids;            ///< every occurrence's UID
    std::vector<std::size_t> m_our_events;             ///< occurrences with one of our UIDs
    std::optional<GeoPoint> m_event_venue;             ///< where the trip's conference sessions are
    std::string m_event_name;
    std::set<std::string> m_called; ///< contacts already given a call on an earlier trip

    const std::vector<Occurrence>& m_occ;
    const std::vector<ResolvedContact>& m_contacts;
    const PlannerSettings& m_settings;
    const TravelModel& m_travel;
    geo::Geocoder& m_geocoder;
    const std::vector<ContactHistory>& m_history;
    std::vector<MeetupKindSettings> m_kinds;
    std::vector<Day> m_days;
    std::vector<std::size_t> m_route_day;
    std::vector<Unscheduled> m_unreachable;
    std::string m_zone;
    GeoPoint m_base;
    std::string m_base_name;
};

} // namespace

std::vector<MeetupKindSettings> default_meetup_kinds() {
    return default_kinds_table();
}

Plan make_plan(const std::vector<calendar::Occurrence>& occurrences,
               const std::vector<ResolvedContact>& contacts, const std::vector<Trip>& trips,
               const PlannerSettings& settings, const TravelModel& travel, geo::Geocoder& geocoder) {
    Plan plan;
    plan.occurrences = occurrences;
    std::vector<const people::Contact*> people;
    people.reserve(contacts.size());
    for (const auto& rc : contacts) {
        people.push_back(&rc.contact);
    }
    const auto met = history_from_calendar(occurrences, people, settings.today);
    TripPlanner planner(plan.occurrences, contacts, settings, travel, geocoder, met);
    std::set<std::string> scheduled;
    std::set<std::string> in_reach;
    for (const auto& trip : trips) {
        plan.trips.push_back(planner.plan(trip, scheduled));
    }
    std::unordered_set<std::string> near_misses; // of any trip
    for (const auto& tp : plan.trips) {
        for (const auto& n : tp.near_misses) {
            near_misses.insert(n.contact.str());
        }
    }
    for (const auto& rc : contacts) {
        if (scheduled.count(rc.contact.id.str()) > 0) {
            continue;
        }
        std::string reason;
        if (!rc.unresolved_reason.empty()) {
            reason = "no known place: " + rc.unresolved_reason;
        } else {
            const bool near_miss = near_misses.count(rc.contact.id.str()) > 0;
            reason = near_miss ? "near a trip but not scheduled (see near misses)"
                               : "not within reach of any trip";
        }
        plan.unscheduled.push_back({rc.contact.id, rc.contact.name, reason});
    }
    return plan;
}

} // namespace sidetrip::plan
