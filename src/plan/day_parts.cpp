// Stage 2: day parts (the optimizer's routes) and free windows, from the presence timeline.
#include "detail/stages.hpp"

#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/geo/geodesic.hpp"

#include <algorithm>
#include <cstdio>

namespace sidetrip::plan::detail {

using calendar::EventKind;
using calendar::Occurrence;
using std::chrono::days;
using std::chrono::local_days;
using std::chrono::local_seconds;
using std::chrono::minutes;
using std::chrono::sys_days;

std::string duration_text(seconds s) {
    const long m = std::chrono::duration_cast<minutes>(s).count();
    if (m < 60) {
        return std::to_string(m) + (m == 1 ? " minute" : " minutes");
    }
    char b[32];
    std::snprintf(b, sizeof b, "%ld h %02ld", m / 60, m % 60);
    return b;
}

std::string weekday_date(const Date& d) {
    static const char* names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                  "Thursday", "Friday", "Saturday"};
    const std::chrono::weekday wd{sys_days{d}};
    return std::string(names[wd.c_encoding()]) + " " + format_date(d);
}

sys_seconds at_local(const Date& date, minutes t, const std::string& zone) {
    return calendar::to_utc(local_seconds{local_days{date}.time_since_epoch()} + t, zone);
}

seconds plan_travel(const TravelModel& travel, const PlannerSettings& settings, const GeoPoint& from,
                    const GeoPoint& to) {
    auto s = travel.estimate(from, to).duration;
    if (s < settings.min_move && geo::distance_m(from, to) > settings.min_move_km * 1000.0) {
        s = settings.min_move;
    }
    return seconds{(s.count() + 299) / 300 * 300};
}

namespace {

minutes buffer_of(const Commitment& c, const PlannerSettings& settings) {
    return c.conference ? minutes{0} : settings.buffer;
}

// Whether two busy stretches must merge: they overlap once each keeps its buffer (two sessions of
// one conference merge only when they really overlap).
bool overlaps_with_buffers(const Commitment& before, const Commitment& next,
                           const PlannerSettings& settings) {
    return next.start - buffer_of(next, settings) < before.end + buffer_of(before, settings);
}

// A conference known only from its all-day event: its sessions are assumed, so that the breaks
// between them exist. Transparent or not (Google writes all-day events as free), an all-day
// conference fills the day.
void assume_sessions(const Trip& trip, const std::vector<Occurrence>& occ, EventPlaces& places,
                     const PlannerSettings& settings, DayPart& part, const PresenceSegment& segment) {
    const bool has_sessions = std::any_of(part.commitments.begin(), part.commitments.end(),
                                          [](const Commitment& c) { return c.conference; });
    if (has_sessions) {
        return;
    }
    for (std::size_t i : trip.events) {
        const Occurrence& o = occ[i];
        if (!o.all_day || o.declined || o.kind != EventKind::Conference ||
            sys_days{part.date} < sys_days{o.start_date} || sys_days{part.date} >= sys_days{o.end_date}) {
            continue;
        }
        const auto& place = places.of(i);
        if (!place) {
            continue;
        }
        for (const auto& [from, to] : settings.assumed_sessions) {
            Commitment c;
            c.occurrence = i;
            c.assumed = true;
            c.point = place->point;
            c.place = o.location;
            c.start = at_local(part.date, from, part.zone);
            c.end = at_local(part.date, to, part.zone);
            c.conference = true;
            const bool clashes =
                c.start < segment.start || c.end > segment.end ||
                std::any_of(part.commitments.begin(), part.commitments.end(), [&](const Commitment& x) {
                    return x.start < c.end + settings.buffer && c.start < x.end + settings.buffer;
                });
            if (!clashes) {
                part.commitments.push_back(c);
            }
        }
        std::sort(part.commitments.begin(), part.commitments.end(),
                  [](const Commitment& a, const Commitment& b) { return a.start < b.start; });
        return;
    }
}

bool is_commitment(const Occurrence& o) {
    return !o.all_day && !o.transparent && !o.declined && o.kind != EventKind::Flight &&
           o.kind != EventKind::GroundTransport && o.kind != EventKind::Lodging;
}

} // namespace

std::vector<DayPart> build_day_parts(TripContext& ctx, const std::vector<Occurrence>& occ,
                                     EventPlaces& places, const PlannerSettings& settings,
                                     const TravelModel& travel) {
    const Trip& trip = *ctx.trip;
    const auto& segments = ctx.presence.segments;
    // A trip by road starts and ends at home; one with flights at its bases.
    const bool flies = std::any_of(trip.events.begin(), trip.events.end(),
                                   [&](std::size_t i) { return occ[i].kind == EventKind::Flight; });
    std::vector<DayPart> parts;
    for (std::size_t s = 0; s < segments.size(); ++s) {
        const PresenceSegment& seg = segments[s];
        if (seg.kind != PresenceKind::AtPlace || seg.basis == PlaceBasis::Home) {
            continue;
        }
        const Date first = calendar::local_date(seg.start, seg.timezone);
        const Date last = calendar::local_date(seg.end - seconds{1}, seg.timezone);
        for (Date d = first; sys_days{d} <= sys_days{last}; d = Date{sys_days{d} + days{1}}) {
            DayPart part;
            part.date = d;
            part.zone = seg.timezone;
            part.segment = s;
            part.base = seg.point;
            part.base_name = seg.basis == PlaceBasis::Lodging ? "near your hotel (" + seg.place + ")"
                                                              : "near your base (" + seg.place + ")";
            part.city = seg.city;
            part.city_point = seg.city_point;
            part.open = std::max(seg.start, at_local(d, settings.day_start, seg.timezone));
            part.close = std::min(seg.end, at_local(d, settings.day_end, seg.timezone));
            part.start_point = seg.point;
            part.end_point = seg.point;
            const sys_seconds day_from = std::max(seg.start, at_local(d, minutes{0}, seg.timezone));
            const sys_seconds day_to =
                std::min(seg.end, at_local(Date{sys_days{d} + days{1}}, minutes{0}, seg.timezone));
            GeoPoint last_point = part.start_point;
            for (std::size_t i : trip.events) {
                const Occurrence& o = occ[i];
                if (!is_commitment(o) || o.start_utc < day_from || o.start_utc >= day_to) {
                    continue;
                }
                Commitment c;
                c.occurrence = i;
                c.start = o.start_utc;
                c.end = o.end_utc;
                c.conference = o.kind == EventKind::Conference;
                if (const auto& p = places.of(i)) {
                    c.point = p->point;
                    c.place = o.location;
                } else {
                    c.point = last_point; // a call or an event without a place: wherever the user is
                }
                // Overlapping or back-to-back events (double bookings, a session inside a
                // conference block) are one busy stretch at the first one's place.
                if (!part.commitments.empty() &&
                    overlaps_with_buffers(part.commitments.back(), c, settings)) {
                    part.commitments.back().end = std::max(part.commitments.back().end, c.end);
                    continue;
                }
                last_point = c.point;
                part.commitments.push_back(c);
            }
            assume_sessions(trip, occ, places, settings, part, seg);
            // A commitment that began earlier (in the part before, or before landing) still holds
            // the traveller: free time starts after it.
            for (std::size_t i : trip.events) {
                const Occurrence& o = occ[i];
                if (is_commitment(o) && o.start_utc < day_from && o.end_utc > day_from) {
                    part.open = std::max(part.open, o.end_utc + settings.buffer);
                }
            }
            parts.push_back(std::move(part));
        }
    }
    if (!flies && !parts.empty()) {
        parts.front().start_point = settings.home;
        parts.back().end_point = settings.home;
    }
    // Parts of one date share the day's meetups: two parts with free time (before and after a
    // flight) get one fewer each, never fewer than one.
    const auto usable = [&](const DayPart& p) { return p.close > p.open; };
    for (auto& part : parts) {
        const auto same_day = std::count_if(
            parts.begin(), parts.end(), [&](const DayPart& p) { return p.date == part.date && usable(p); });
        part.max_meetups =
            std::max(1, settings.meetups_per_day - static_cast<int>(std::max<long>(same_day, 1) - 1));
    }
    for (auto& part : parts) {
        const PresenceSegment& seg = segments[part.segment];
        // The user's day bounds meetups, not the way to a client: leave earlier or come home later
        // when a commitment needs it, but never outside the segment (not before landing).
        part.route_open = part.open;
        part.route_close = part.close;
        if (!part.commitments.empty()) {
            const auto& first = part.commitments.front();
            const auto& final_one = part.commitments.back();
            // Going to or leaving a commitment keeps the buffer, sessions too (only chats in the
            // breaks are at the venue already).
            part.route_open =
                std::min(part.open, first.start - settings.buffer -
                                        plan_travel(travel, settings, part.start_point, first.point));
            part.route_close =
                std::max(part.close, final_one.end + settings.buffer +
                                         plan_travel(travel, settings, final_one.point, part.end_point));
            part.open = std::max(seg.start, std::min(part.open, part.route_open));
            part.close = std::min(seg.end, std::max(part.close, part.route_close));
        }
        for (std::size_t i = 0; i + 1 < part.commitments.size(); ++i) {
            const auto& a = part.commitments[i];
            const auto& b = part.commitments[i + 1];
            if (a.conference && b.conference && b.start - a.end >= settings.chat_duration) {
                part.breaks.emplace_back(a.end, b.start - settings.chat_duration);
                ctx.event_venue = a.point;
                ctx.event_name = a.place;
            }
        }
    }
    return parts;
}

std::vector<FreeWindow> free_windows(const std::vector<DayPart>& parts, const PlannerSettings& settings,
                                     const TravelModel& travel) {
    std::vector<FreeWindow> out;
    for (const auto& part : parts) {
        sys_seconds cursor = part.open;
        GeoPoint near = part.start_point;
        std::string label = "before the first commitment";
        for (const auto& c : part.commitments) {
            const sys_seconds busy_from =
                c.start - settings.buffer - plan_travel(travel, settings, near, c.point);
            if (busy_from > cursor) {
                out.push_back({part.date, part.zone, cursor, busy_from, label, near});
            }
            cursor = std::max(cursor, c.end + settings.buffer);
            near = c.point;
            label = "between commitments";
        }
        if (part.close > cursor) {
            out.push_back({part.date, part.zone, cursor, part.close,
                           part.commitments.empty() ? "free day" : "after the last commitment", near});
        }
    }
    return out;
}

} // namespace sidetrip::plan::detail
