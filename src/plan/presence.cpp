#include "sidetrip/plan/presence.hpp"

#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/geo/geodesic.hpp"

#include <algorithm>

namespace sidetrip::plan {

std::string_view to_string(PlaceBasis basis) {
    switch (basis) {
    case PlaceBasis::Home: return "home";
    case PlaceBasis::Destination: return "destination";
    case PlaceBasis::Lodging: return "hotel";
    case PlaceBasis::Departure: return "departure";
    case PlaceBasis::Arrival: return "arrival";
    }
    return "destination";
}

const PresenceSegment* PresenceTimeline::at(std::chrono::sys_seconds instant) const {
    for (const auto& s : segments) {
        if (s.start <= instant && instant < s.end) {
            return &s;
        }
    }
    return nullptr;
}

std::string PresenceTimeline::zone_at(std::chrono::sys_seconds instant, const std::string& otherwise) const {
    const PresenceSegment* s = at(instant);
    if (s == nullptr) {
        return otherwise;
    }
    if (s->kind == PresenceKind::InTransit && instant < s->arrives && !s->from_timezone.empty()) {
        return s->from_timezone;
    }
    return s->timezone.empty() ? otherwise : s->timezone;
}

std::string PresenceTimeline::path(std::chrono::sys_seconds from, std::chrono::sys_seconds to) const {
    std::vector<const PresenceSegment*> parts;
    for (const auto& s : segments) {
        if (s.start < to && s.end > from) {
            parts.push_back(&s);
        }
    }
    const bool one_place = std::all_of(parts.begin(), parts.end(), [&](const PresenceSegment* s) {
        return s->kind == PresenceKind::AtPlace && s->place == parts.front()->place &&
               s->timezone == parts.front()->timezone;
    });
    if (parts.empty() || one_place) {
        return "";
    }
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const PresenceSegment& s = *parts[i];
        std::string text;
        if (s.kind == PresenceKind::InTransit) {
            text = s.label;
        } else {
            text = s.basis == PlaceBasis::Home ? "home" : (s.city.empty() ? s.place : s.city);
            if (i > 0 && s.start > from) {
                text += " from " + calendar::format_clock(s.start, s.timezone);
            }
            if (i + 1 < parts.size() && s.end < to) {
                text += " until " + calendar::format_clock(s.end, s.timezone);
            }
        }
        out += (out.empty() ? "" : " \u2192 ") + text;
    }
    return out;
}

namespace {

using calendar::EventKind;
using calendar::Occurrence;
using std::chrono::days;
using std::chrono::local_days;
using std::chrono::local_seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

sys_seconds midnight(const Date& d, const std::string& zone) {
    return calendar::to_utc(local_seconds{local_days{d}.time_since_epoch()}, zone);
}

bool within_km(const GeoPoint& a, const GeoPoint& b, double km) {
    return geo::distance_m(a, b) <= km * 1000.0;
}

/// A flight or a timed ride, with the places at its ends when known.
struct Transit {
    std::size_t occurrence = 0;
    sys_seconds start{};
    sys_seconds end{};
    std::optional<EventPlace> from;
    std::optional<EventPlace> to;
};

class PresenceBuilder {
public:
    PresenceBuilder(const Trip& trip, const std::vector<Occurrence>& occ, EventPlaces& places,
                    const PlannerSettings& settings, const TravelModel& travel)
        : m_trip(trip), m_occ(occ), m_places(places), m_settings(settings), m_travel(travel) {}

    PresenceTimeline build() {
        PresenceTimeline out;
        out.segments = day_segments();
        for (const Transit& t : transits(out.segments)) {
            cut(out.segments, t);
        }
        // Consecutive stays at one place are one segment (days end at midnight; stays do not).
        std::vector<PresenceSegment> merged;
        for (auto& s : out.segments) {
            if (!merged.empty() && s.kind == PresenceKind::AtPlace &&
                merged.back().kind == PresenceKind::AtPlace && merged.back().point == s.point &&
                merged.back().timezone == s.timezone && merged.back().end == s.start) {
                merged.back().end = s.end;
                continue;
            }
            merged.push_back(std::move(s));
        }
        out.segments = std::move(merged);
        return out;
    }

private:
    PresenceSegment home_segment(sys_seconds start, sys_seconds end) const {
        PresenceSegment s;
        s.start = start;
        s.end = end;
        s.point = m_settings.home;
        s.place = m_settings.home_name;
        s.city = m_settings.home_name;
        s.city_point = m_settings.home;
        s.timezone = m_settings.home_zone;
        s.basis = PlaceBasis::Home;
        return s;
    }

    bool near_home(const GeoPoint& p) const { return within_km(p, m_settings.home, m_settings.gateway_km); }

    // Each trip day at its destination, from its local midnight; the hotel of that night gives
    // the point when it is in the same city.
    std::vector<PresenceSegment> day_segments() {
        std::vector<PresenceSegment> out;
        for (std::size_t k = 0; k < m_trip.days.size(); ++k) {
            const TripDay& day = m_trip.days[k];
            PresenceSegment s;
            s.start = out.empty() ? midnight(day.date, day.timezone) : out.back().end;
            s.end = std::max(s.start, midnight(Date{sys_days{day.date} + days{1}}, day.timezone));
            s.point = day.where;
            s.place = day.place;
            s.city = city_name(day.where, day.place);
            s.timezone = day.timezone;
            s.basis = PlaceBasis::Destination;
            // The stay: the latest hotel in this city checked into by the end of the day (a
            // TripIt or Gmail check-in is an hour-long event on the first day only).
            const Occurrence* stay = nullptr;
            for (std::size_t i : m_trip.events) {
                const Occurrence& o = m_occ[i];
                if (o.kind != EventKind::Lodging || o.start_utc >= s.end ||
                    (stay != nullptr && o.start_utc <= stay->start_utc)) {
                    continue;
                }
                const auto& hotel = m_places.of(i);
                if (hotel && within_km(hotel->point, day.where, m_settings.same_city_km)) {
                    stay = &o;
                    s.point = hotel->point;
                    s.place = hotel->name;
                    s.basis = PlaceBasis::Lodging;
                }
            }
            s.city_point = city_point(s.point);
            if (s.end > s.start) {
                out.push_back(std::move(s));
            }
        }
        return out;
    }

    std::vector<Transit> transits(const std::vector<PresenceSegment>& days_at) {
        std::vector<Transit> out;
        for (std::size_t i : m_trip.events) {
            const Occurrence& o = m_occ[i];
            if (o.all_day || o.declined || o.end_utc <= o.start_utc) {
                continue;
            }
            Transit t;
            t.occurrence = i;
            t.start = o.start_utc;
            t.end = o.end_utc;
            if (o.kind == EventKind::Flight) {
                t.from = m_places.flight_end(i, 1);
                t.to = m_places.flight_end(i, 2);
                const bool abroad = t.from && t.to && !t.from->country.empty() && !t.to->country.empty() &&
                                    t.from->country != t.to->country;
                t.start -=
                    abroad ? m_settings.airport_before_international : m_settings.airport_before_domestic;
                t.end += m_settings.after_landing;
                // The rides to and from the airports, from and to the places on either side.
                if (t.from) {
                    if (const auto* before = find(days_at, o.start_utc);
                        before && !near_home(t.from->point)) {
                        t.start -= ride(before->point, t.from->point);
                    }
                }
                if (t.to && !near_home(t.to->point)) {
                    if (const auto* after = find(days_at, o.end_utc)) {
                        t.end += ride(t.to->point, after->point);
                    }
                }
            } else if (o.kind == EventKind::GroundTransport && !o.transparent) {
                if (const auto& to = m_places.of(i)) {
                    t.to = to;
                }
            } else {
                continue;
            }
            // Whole five minutes, so that what follows starts at a time people write down.
            t.start = std::chrono::floor<std::chrono::minutes>(t.start);
            t.start -= std::chrono::minutes{t.start.time_since_epoch().count() / 60 % 5};
            t.end = std::chrono::ceil<std::chrono::minutes>(t.end);
            t.end += std::chrono::minutes{(5 - t.end.time_since_epoch().count() / 60 % 5) % 5};
            out.push_back(std::move(t));
        }
        std::sort(out.begin(), out.end(),
                  [](const Transit& a, const Transit& b) { return a.start < b.start; });
        return out;
    }

    std::chrono::seconds ride(const GeoPoint& a, const GeoPoint& b) const {
        if (!within_km(a, b, m_settings.same_city_km * 2)) {
            return std::chrono::seconds{0}; // not the same city: the airport's own, not ours to guess
        }
        return m_travel.estimate(a, b).duration;
    }

    static const PresenceSegment* find(const std::vector<PresenceSegment>& segments, sys_seconds t) {
        for (const auto& s : segments) {
            if (s.start <= t && t < s.end) {
                return &s;
            }
        }
        return segments.empty() ? nullptr
                                : (t < segments.front().start ? &segments.front() : &segments.back());
    }

    // The place on the departure side: where the traveller was before, when that is the city the
    // flight leaves from; else the departure airport; home when it leaves from near home.
    void place_before(PresenceSegment& s, const Transit& t, const PresenceSegment* previous) const {
        if (!t.from) {
            if (previous != nullptr) {
                copy_place(s, *previous);
            }
            return;
        }
        if (near_home(t.from->point)) {
            s = home_segment(s.start, s.end);
            return;
        }
        if (previous != nullptr && previous->kind == PresenceKind::AtPlace &&
            within_km(previous->point, t.from->point, m_settings.same_city_km)) {
            copy_place(s, *previous);
            return;
        }
        if (within_km(s.point, t.from->point, m_settings.same_city_km)) {
            return; // the day's own place is where the flight leaves from
        }
        set_place(s, *t.from, PlaceBasis::Departure);
    }

    // The place on the arrival side: the day's own place when the flight lands there; else the
    // next day's (a day that began in the zone left behind ends there); else the airport.
    void place_after(PresenceSegment& s, const Transit& t, const PresenceSegment* following) const {
        if (!t.to) {
            return;
        }
        if (near_home(t.to->point)) {
            s = home_segment(s.start, s.end);
            return;
        }
        if (within_km(s.point, t.to->point, m_settings.same_city_km)) {
            return;
        }
        if (following != nullptr && following->kind == PresenceKind::AtPlace &&
            following->basis != PlaceBasis::Home &&
            within_km(following->point, t.to->point, 2 * m_settings.same_city_km)) {
            copy_place(s, *following);
            return;
        }
        set_place(s, *t.to, PlaceBasis::Arrival);
    }

    static void copy_place(PresenceSegment& s, const PresenceSegment& from) {
        s.point = from.point;
        s.place = from.place;
        s.city = from.city;
        s.city_point = from.city_point;
        s.timezone = from.timezone;
        s.basis = from.basis;
    }

    // The trip destination a point is in ("London" rather than its airport), for texts.
    std::string city_name(const GeoPoint& p, const std::string& otherwise) const {
        const Destination* d = destination_near(p);
        return d != nullptr ? d->name : otherwise;
    }

    /// The trip destination nearest to a point, within one city's distance.
    const Destination* destination_near(const GeoPoint& p) const {
        const Destination* best = nullptr;
        double best_m = m_settings.same_city_km * 1000.0;
        for (const auto& d : m_trip.destinations) {
            if (const double m = geo::distance_m(d.point, p); m <= best_m) {
                best = &d;
                best_m = m;
            }
        }
        return best;
    }

    GeoPoint city_point(const GeoPoint& p) const {
        const Destination* d = destination_near(p);
        return d != nullptr ? d->point : p;
    }

    void set_place(PresenceSegment& s, const EventPlace& p, PlaceBasis basis) const {
        s.point = p.point;
        s.place = p.name;
        s.city = city_name(p.point, p.name);
        s.city_point = city_point(p.point);
        if (!p.timezone.empty()) {
            s.timezone = p.timezone;
        }
        s.basis = basis;
    }

    void cut(std::vector<PresenceSegment>& segments, const Transit& t) {
        if (segments.empty()) {
            return;
        }
        const sys_seconds start = std::max(t.start, segments.front().start);
        const sys_seconds end = std::min(t.end, segments.back().end);
        if (end <= start) {
            return;
        }
        std::vector<PresenceSegment> out;
        const PresenceSegment* previous = nullptr;
        std::size_t transit_at = 0;
        for (std::size_t k = 0; k < segments.size(); ++k) {
            const auto& s = segments[k];
            if (s.end <= start || s.start >= end || s.kind == PresenceKind::InTransit) {
                out.push_back(s);
                if (s.end <= start) {
                    transit_at = out.size();
                }
                continue;
            }
            if (s.start < start) {
                PresenceSegment before = s;
                before.end = start;
                previous = out.empty() ? nullptr : &out.back();
                place_before(before, t, previous);
                out.push_back(std::move(before));
                transit_at = out.size();
            }
            if (s.end > end) {
                PresenceSegment after = s;
                after.start = end;
                place_after(after, t, k + 1 < segments.size() ? &segments[k + 1] : nullptr);
                out.push_back(std::move(after));
            }
        }
        // Days after the landing are where it landed until the next day's own evidence says
        // otherwise: the days' places came from trip detection and stay.
        PresenceSegment transit;
        transit.kind = PresenceKind::InTransit;
        transit.start = start;
        transit.end = end;
        transit.occurrence = t.occurrence;
        transit.arrives = m_occ[t.occurrence].end_utc;
        transit.label = m_occ[t.occurrence].summary;
        // Where it leaves from, until its ends say better: the place it cuts into.
        if (const auto* from = find(segments, start)) {
            copy_place(transit, *from);
            transit.from_point = from->point;
            transit.from_place = from->place;
            transit.from_timezone = from->timezone;
        }
        if (t.to) {
            set_place(transit, *t.to, PlaceBasis::Arrival);
        }
        if (t.from) {
            transit.from_point = t.from->point;
            transit.from_place = t.from->name;
            transit.from_timezone = t.from->timezone;
        }
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(transit_at), std::move(transit));
        std::stable_sort(out.begin(), out.end(), [](const PresenceSegment& a, const PresenceSegment& b) {
            return a.start < b.start;
        });
        segments = std::move(out);
    }

    const Trip& m_trip;
    const std::vector<Occurrence>& m_occ;
    EventPlaces& m_places;
    const PlannerSettings& m_settings;
    const TravelModel& m_travel;
};

} // namespace

PresenceTimeline build_presence(const Trip& trip, const std::vector<calendar::Occurrence>& occurrences,
                                EventPlaces& places, const PlannerSettings& settings,
                                const TravelModel& travel) {
    return PresenceBuilder(trip, occurrences, places, settings, travel).build();
}

} // namespace sidetrip::plan
