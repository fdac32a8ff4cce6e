// Stage 5: what the plan suggests besides meetups: introductions and video calls.
#include "detail/stages.hpp"

#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <map>

namespace sidetrip::plan::detail {

namespace {

using calendar::Occurrence;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

bool share_a_circle(const people::Contact& x, const people::Contact& y) {
    return std::any_of(x.tags.begin(), x.tags.end(), [&](const std::string& t) {
        return std::any_of(y.tags.begin(), y.tags.end(),
                           [&](const std::string& u) { return text::iequals(t, u); });
    });
}

bool busy(const TripContext& ctx, const TripPlan& out, const std::vector<Occurrence>& occ, sys_seconds from,
          sys_seconds to) {
    for (std::size_t i : out.trip.events) {
        const Occurrence& o = occ[i];
        if (!o.all_day && !o.transparent && o.start_utc < to && o.end_utc > from) {
            return true;
        }
    }
    for (const auto& s : ctx.presence.segments) {
        if (s.kind == PresenceKind::InTransit && s.start < to && s.end > from) {
            return true;
        }
    }
    const auto overlaps = [&](const auto& x) { return x.start < to && x.end > from; };
    return std::any_of(out.meetups.begin(), out.meetups.end(), overlaps) ||
           std::any_of(out.virtual_calls.begin(), out.virtual_calls.end(), overlaps);
}

// A half hour inside both people's working hours (09:00-18:00 in each zone) that is free on the
// trip, in the zone where the traveller is then.
std::optional<std::pair<sys_seconds, std::string>> shared_half_hour(const TripContext& ctx,
                                                                    const TripPlan& out,
                                                                    const std::vector<Occurrence>& occ,
                                                                    const std::string& their_zone) {
    for (const DayPart& part : ctx.parts) {
        for (minutes t = hours{9}; t + minutes{30} <= hours{18}; t += minutes{30}) {
            const sys_seconds start = at_local(part.date, t, part.zone);
            const auto theirs = calendar::to_local(start, their_zone);
            const auto their_time = theirs - std::chrono::floor<days>(theirs);
            const std::chrono::weekday their_day{std::chrono::floor<days>(theirs)};
            const bool weekday = their_day != std::chrono::Saturday && their_day != std::chrono::Sunday;
            const bool in_free_window =
                std::any_of(out.windows.begin(), out.windows.end(), [&](const FreeWindow& w) {
                    return w.start <= start && start + minutes{30} <= w.end;
                });
            if (weekday && their_time >= hours{9} && their_time + minutes{30} <= hours{18} &&
                in_free_window && !busy(ctx, out, occ, start, start + minutes{30})) {
                return std::make_pair(start, part.zone);
            }
        }
    }
    return std::nullopt;
}

} // namespace

void suggest_introductions(const std::vector<Candidate>& candidates, const PlannerSettings& settings,
                           TripPlan& out) {
    // Two people met on the same trip, from different circles, who share an interest.
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
            if (share_a_circle(x, y)) {
                continue;
            }
            for (const auto& interest : x.interests) {
                const bool shared =
                    std::any_of(y.interests.begin(), y.interests.end(),
                                [&](const std::string& i) { return text::iequals(i, interest); });
                if (shared && out.introductions.size() < settings.max_introductions) {
                    out.introductions.push_back(
                        {x.id, y.id, x.name, y.name,
                         "both into " + interest +
                             ", from different circles, and you see both on this trip"});
                    break;
                }
            }
        }
    }
}

void suggest_video_calls(const TripContext& ctx, ContactIndex& index,
                         const std::vector<std::uint32_t>& far_place, const std::vector<Occurrence>& occ,
                         const PlannerSettings& settings, TripPlan& out) {
    // A zone without a free half hour in both people's working hours stays without one until a
    // call is added: asked once per zone, not once per person.
    std::map<std::string, std::optional<std::pair<sys_seconds, std::string>>> slots;
    // The most valuable first, in the contacts' order among equals.
    for (const std::uint32_t c : index.by_value()) {
        if (far_place[c] == 0 || index.called(c)) {
            continue;
        }
        if (out.virtual_calls.size() >= settings.max_video_calls) {
            break;
        }
        const auto& person = index.contacts()[c].contact;
        const auto& place = index.contacts()[c].places[far_place[c] - 1];
        auto [known, added] = slots.try_emplace(place.timezone);
        if (added) {
            known->second = shared_half_hour(ctx, out, occ, place.timezone);
        }
        if (const auto slot = known->second) {
            const auto& reasons = index.value_of(c).reasons;
            index.mark_called(c);
            out.virtual_calls.push_back(
                {person.id, person.name, slot->first, slot->first + minutes{30}, place.timezone,
                 "cannot be met in person on this trip (" + place.name + "); " +
                     (reasons.empty() ? std::string("worth a call") : reasons.front()) + "; " +
                     calendar::format_clock(slot->first, slot->second) + " for you is " +
                     calendar::format_clock(slot->first, place.timezone) + " for them"});
            slots.clear();
        }
    }
}

} // namespace sidetrip::plan::detail
