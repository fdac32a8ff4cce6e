// Stage 3: who can be met on a trip, on which day parts, and who is near or far.
#include "detail/stages.hpp"

#include <algorithm>
#include <bit>

namespace sidetrip::plan::detail {

ContactIndex::PointKey ContactIndex::key(const GeoPoint& p) {
    return PointKey{std::bit_cast<std::uint64_t>(p.lat), std::bit_cast<std::uint64_t>(p.lon)};
}

ContactIndex::ContactIndex(const std::vector<ResolvedContact>& contacts,
                           const std::vector<ContactHistory>& history, const PlannerSettings& settings,
                           const TravelModel& travel)
    : m_contacts(contacts), m_history(history), m_settings(settings), m_travel(travel) {
    // Each contact's places that can be met at as entries of flat arrays, with the id of their
    // point among the distinct points (contacts placed by city share its point).
    std::unordered_map<PointKey, std::uint32_t, PointKeyHash> ids;
    m_values.resize(m_contacts.size());
    m_called.assign(m_contacts.size(), 0);
    m_place_begin.reserve(m_contacts.size() + 1);
    for (std::size_t c = 0; c < m_contacts.size(); ++c) {
        const auto& rc = m_contacts[c];
        m_place_begin.push_back(m_place_point.size());
        for (std::size_t k = 0; k < rc.places.size(); ++k) {
            if (!geo::has_point(rc.places[k].status)) {
                continue;
            }
            const GeoPoint& p = rc.places[k].point;
            const auto [it, added] = ids.try_emplace(key(p), static_cast<std::uint32_t>(m_points.size()));
            if (added) {
                m_points.push_back(p);
            }
            m_place_index.push_back(k);
            m_place_point.push_back(it->second);
            m_place_zoned.push_back(!rc.places[k].timezone.empty());
            m_place_in_person.push_back(k >= rc.place_not_in_person_reasons.size() ||
                                        rc.place_not_in_person_reasons[k].empty());
        }
    }
    m_place_begin.push_back(m_place_point.size());
    m_near_home.assign(m_points.size(), -1);
}

const ContactValue& ContactIndex::value_of(std::size_t c) {
    auto& v = m_values[c];
    if (!v) {
        v = contact_value(m_contacts[c].contact, m_settings,
                          c < m_history.size() ? m_history[c] : ContactHistory{});
    }
    return *v;
}

const std::vector<std::uint32_t>& ContactIndex::by_value() {
    if (m_by_value.empty()) {
        m_by_value.resize(m_contacts.size());
        for (std::size_t c = 0; c < m_contacts.size(); ++c) {
            m_by_value[c] = static_cast<std::uint32_t>(c);
        }
        std::stable_sort(m_by_value.begin(), m_by_value.end(), [&](std::uint32_t a, std::uint32_t b) {
            return value_of(a).value > value_of(b).value;
        });
    }
    return m_by_value;
}

bool ContactIndex::near_home(std::uint32_t id) {
    if (m_near_home[id] < 0) {
        m_near_home[id] = m_travel.estimate(m_settings.home, m_points[id]).duration <= m_settings.max_reach;
    }
    return m_near_home[id] != 0;
}

CandidateSet ContactIndex::find_candidates(const TripContext& ctx) {
    CandidateSet out;
    out.far_place.assign(m_contacts.size(), 0);
    // The distinct bases of the trip's day parts: people are measured from each.
    std::vector<std::pair<GeoPoint, std::string>> bases;
    std::vector<std::size_t> base_of_part;
    for (const auto& part : ctx.parts) {
        std::size_t b = 0;
        // From the city, not the hotel: the same for every trip to that city, so the travel
        // times from it are estimated once.
        while (b < bases.size() && !(bases[b].first == part.city_point)) {
            ++b;
        }
        if (b == bases.size()) {
            bases.emplace_back(part.city_point, part.city);
        }
        base_of_part.push_back(b);
    }
    std::vector<seconds> reach_by_base(bases.size());
    // Each base's travel times by point, looked up once per trip rather than once per contact.
    std::vector<std::vector<seconds>*> times_from(bases.size());
    for (std::size_t b = 0; b < bases.size(); ++b) {
        auto& times = m_travel_from[key(bases[b].first)];
        if (times.empty()) {
            times.assign(m_points.size(), seconds{-1});
        }
        times_from[b] = &times;
    }
    const auto reach = [&](std::size_t b, std::uint32_t point) {
        auto& t = (*times_from[b])[point];
        if (t < seconds{0}) {
            t = m_travel.estimate(bases[b].first, m_points[point]).duration;
        }
        return t;
    };
    for (std::size_t c = 0; c < m_contacts.size(); ++c) {
        const auto& rc = m_contacts[c];
        const bool at_event = !m_settings.at_event.empty() && ctx.event_venue.has_value() &&
                              m_settings.at_event.count(rc.contact.id.str()) > 0;
        // An organisation's card is a place, not a person to meet.
        if (bases.empty() || rc.contact.kind == people::ContactKind::Organization ||
            (m_place_begin[c] == m_place_begin[c + 1] && !at_event)) {
            continue;
        }
        // The place and base nearest to each other; a place known only to its region or country
        // is no place to meet at, but still says where someone is for a call or a near miss.
        std::optional<std::size_t> best_entry;
        std::size_t best_base = 0;
        seconds best_reach{};
        bool best_in_person = false;
        for (std::size_t e = m_place_begin[c]; e < m_place_begin[c + 1]; ++e) {
            for (std::size_t b = 0; b < bases.size(); ++b) {
                const seconds r = reach(b, m_place_point[e]);
                const bool in_person = m_place_in_person[e] != 0;
                if (!best_entry || (in_person && !best_in_person) ||
                    (in_person == best_in_person && r < best_reach)) {
                    best_entry = e;
                    best_base = b;
                    best_reach = r;
                    best_in_person = in_person;
                }
            }
        }
        const bool in_reach = best_entry && best_in_person && best_reach <= m_settings.max_reach;
        if (!in_reach && !at_event) {
            // Out of reach (someone at the event never is). Marked for a video call when worth
            // it: a zone, a value, not near home, not called from an earlier trip. Most of
            // 100,000 contacts are far from any trip.
            const std::uint32_t point = m_place_point[*best_entry];
            if (m_place_zoned[*best_entry] && m_called[c] == 0 &&
                value_of(c).value >= m_settings.video_call_min_value && !near_home(point)) {
                out.far_place[c] = static_cast<std::uint32_t>(m_place_index[*best_entry] + 1);
            }
            if (best_reach <= m_settings.near_miss_reach_factor * m_settings.max_reach &&
                out.near_misses.size() < m_settings.max_near_misses_far && !near_home(point)) {
                const auto& place = rc.places[m_place_index[*best_entry]];
                out.near_misses.push_back({rc.contact.id, rc.contact.name,
                                           rc.contact.name + " lives in " + place.name + ", about " +
                                               duration_text(best_reach) + " from " +
                                               bases[best_base].second + ": a detour of half a day"});
            }
            continue;
        }
        Candidate cand;
        cand.contact = &rc;
        cand.index = c;
        cand.at_event = at_event;
        if (in_reach) {
            const auto& place = rc.places[m_place_index[*best_entry]];
            cand.place = place.point;
            cand.place_name = place.name;
            cand.zone = place.timezone;
            cand.reach = best_reach;
            for (std::size_t b = 0; b < bases.size(); ++b) {
                bool reachable = false;
                for (std::size_t e = m_place_begin[c]; e < m_place_begin[c + 1] && !reachable; ++e) {
                    reachable =
                        m_place_in_person[e] != 0 && reach(b, m_place_point[e]) <= m_settings.max_reach;
                }
                reach_by_base[b] = reachable ? seconds{0} : seconds{-1};
            }
            for (std::size_t p = 0; p < ctx.parts.size(); ++p) {
                if (reach_by_base[base_of_part[p]] >= seconds{0}) {
                    cand.parts.push_back(p);
                }
            }
        } else {
            // Attending the conference: they are where the sessions are, wherever they live; only
            // chats in the breaks.
            cand.place = *ctx.event_venue;
            cand.place_name = ctx.event_name;
            cand.zone = ctx.parts.front().zone;
        }
        const ContactValue& v = value_of(c);
        cand.value = v.value;
        cand.reasons = v.reasons;
        if (at_event) {
            cand.reasons.insert(cand.reasons.begin(), "on the conference's attendee list");
        }
        out.candidates.push_back(std::move(cand));
    }
    std::stable_sort(out.candidates.begin(), out.candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.value > b.value; });
    // The optimizer gets the most valuable; the rest are near misses with their reason.
    if (out.candidates.size() > m_settings.max_candidates) {
        out.candidates.resize(m_settings.max_candidates);
    }
    return out;
}

} // namespace sidetrip::plan::detail
