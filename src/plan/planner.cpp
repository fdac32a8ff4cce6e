// The planner: for each trip, the stages of detail/stages.hpp in order, each on values made for
// that trip (presence -> day parts and windows -> candidates -> meetups -> suggestions).
#include "sidetrip/plan/planner.hpp"

#include "detail/stages.hpp"
#include "sidetrip/core/text.hpp"

#include <algorithm>
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

std::vector<MeetupKindSettings> default_meetup_kinds() {
    using std::chrono::hours;
    using std::chrono::minutes;
    // Local customs vary; these are the hours most people in our users' cities would accept, and
    // they are configurable ([meetups] in config.toml). A meal's start window is shorter than the
    // meal, so two meals of a kind never fit in one day; coffee and drinks may repeat.
    return {
        {MeetupKind::Breakfast, minutes{60}, hours{7}, hours{8}},
        {MeetupKind::Coffee, minutes{45}, hours{9} + minutes{30}, hours{16} + minutes{30}},
        {MeetupKind::Lunch, minutes{75}, hours{11} + minutes{30}, hours{12} + minutes{15}},
        {MeetupKind::Dinner, minutes{105}, hours{18}, hours{19} + minutes{30}},
        {MeetupKind::Drinks, minutes{75}, hours{17}, hours{20}},
    };
}

namespace {

using calendar::Occurrence;

/// Meetups of an earlier run that the user imported: our UID for a person and trip, or one of our
/// events (a group dinner) with them as an attendee.
class EarlierSuggestions {
public:
    explicit EarlierSuggestions(const std::vector<Occurrence>& occ) : m_occ(occ) {
        for (std::size_t i = 0; i < occ.size(); ++i) {
            m_uids.insert(occ[i].uid);
            if (occ[i].uid.rfind("sidetrip-", 0) == 0) {
                m_ours.push_back(i);
            }
        }
    }

    bool has(const people::Contact& contact, const Trip& trip) const {
        if (m_uids.count(detail::meetup_uid(contact.id.str(), trip.id)) > 0) {
            return true;
        }
        return std::any_of(m_ours.begin(), m_ours.end(), [&](std::size_t i) {
            const auto& attendees = m_occ[i].attendees;
            return std::any_of(attendees.begin(), attendees.end(), [&](const std::string& a) {
                return std::any_of(contact.emails.begin(), contact.emails.end(),
                                   [&](const std::string& e) { return text::iequals(a, e); });
            });
        });
    }

private:
    const std::vector<Occurrence>& m_occ;
    std::unordered_set<std::string> m_uids;
    std::vector<std::size_t> m_ours;
};

} // namespace

Plan make_plan(const std::vector<calendar::Occurrence>& occurrences,
               const std::vector<ResolvedContact>& contacts, const std::vector<Trip>& trips,
               const PlannerSettings& settings, const TravelModel& travel, geo::Geocoder& geocoder,
               std::function<std::string(const GeoPoint&)> zone_at) {
    Plan plan;
    plan.occurrences = occurrences;
    std::vector<const people::Contact*> people;
    people.reserve(contacts.size());
    for (const auto& rc : contacts) {
        people.push_back(&rc.contact);
    }
    const auto history = history_from_calendar(occurrences, people, settings.today);
    EventPlaces places(plan.occurrences, geocoder, settings.home_country, std::move(zone_at));
    detail::ContactIndex index(contacts, history, settings, travel);
    const EarlierSuggestions earlier(plan.occurrences);
    std::set<std::string> scheduled;
    for (const auto& trip : trips) {
        TripPlan out;
        out.trip = trip;
        detail::TripContext ctx;
        ctx.trip = &trip;
        ctx.presence = build_presence(trip, plan.occurrences, places, settings, travel);
        ctx.parts = detail::build_day_parts(ctx, plan.occurrences, places, settings, travel);
        out.windows = detail::free_windows(ctx.parts, settings, travel);
        auto found = index.find_candidates(ctx);
        out.near_misses = std::move(found.near_misses);
        std::erase_if(found.candidates,
                      [&](const detail::Candidate& c) { return earlier.has(c.contact->contact, trip); });
        detail::choose_meetups(ctx, found.candidates, plan.occurrences, settings, travel, scheduled, out);
        detail::suggest_introductions(found.candidates, settings, out);
        detail::suggest_video_calls(ctx, index, found.far_place, plan.occurrences, settings, out);
        out.presence = std::move(ctx.presence);
        plan.trips.push_back(std::move(out));
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
        if (rc.contact.kind == people::ContactKind::Organization) {
            reason = "an organisation's card, not a person to meet";
        } else if (!rc.unresolved_reason.empty()) {
            reason = "no known place: " + rc.unresolved_reason;
        } else if (!rc.not_in_person_reason.empty()) {
            reason = "not met in person: " + rc.not_in_person_reason;
        } else {
            reason = near_misses.count(rc.contact.id.str()) > 0
                         ? "near a trip but not scheduled (see near misses)"
                         : "not within reach of any trip";
        }
        plan.unscheduled.push_back({rc.contact.id, rc.contact.name, reason});
    }
    return plan;
}

} // namespace sidetrip::plan
