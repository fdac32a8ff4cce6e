#pragma once
// The optimizer's problem for one trip, as it is built: day parts as routes, commitments as
// fixed visits, candidates (alone or in groups) as optional visits with their kinds, venues and
// windows; and the decoding of a solution into meetups.

#include "stages.hpp"

#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/optimize/problem.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>

namespace sidetrip::plan::detail {

using calendar::Occurrence;
using std::chrono::hours;
using std::chrono::minutes;

struct OptionInfo {
    MeetupKind kind;
    Venue venue;
};

/// The problem as it is built, with what each index means for decoding.
class MeetupProblem {
public:
    MeetupProblem(const TripContext& ctx, const std::vector<Occurrence>& occ, const PlannerSettings& settings,
                  const TravelModel& travel)
        : m_ctx(ctx), m_occ(occ), m_settings(settings), m_travel(travel) {
        m_kinds = settings.kinds.empty() ? default_meetup_kinds() : settings.kinds;
        m_origin = ctx.parts.front().route_open - hours{12};
        add_routes();
    }

    optimize::Problem& problem() { return m_problem; }

    void add_candidate(const Candidate& cand) {
        optimize::OptionalVisit v;
        v.id = cand.contact->contact.id.str();
        v.score = static_cast<std::int64_t>(std::llround(cand.value * 100.0));
        std::vector<OptionInfo> infos;
        const auto& name = cand.contact->contact.name;
        // Near them, on any part within their reach; near each base and halfway to it, on the
        // parts of that base; near the commitment of the trip nearest to them, within their reach.
        add_options(v, infos, {"near " + name + " (" + cand.place_name + ")", cand.place}, cand.parts, false);
        std::vector<GeoPoint> seen;
        for (std::size_t p : cand.parts) {
            const DayPart& part = m_ctx.parts[p];
            if (std::find(seen.begin(), seen.end(), part.base) != seen.end()) {
                continue;
            }
            seen.push_back(part.base);
            const auto parts = parts_of_base(cand.parts, part.base);
            add_options(v, infos, {part.base_name, part.base}, parts, false);
            const GeoPoint halfway{(cand.place.lat + part.base.lat) / 2.0,
                                   (cand.place.lon + part.base.lon) / 2.0};
            add_options(v, infos, {"halfway", halfway}, parts, false);
        }
        const Commitment* nearest = nullptr;
        seconds best{};
        for (std::size_t p : cand.parts) {
            for (const auto& c : m_ctx.parts[p].commitments) {
                const seconds d = plan_travel(m_travel, m_settings, c.point, cand.place);
                if (!c.place.empty() && d <= m_settings.max_reach && (nearest == nullptr || d < best)) {
                    nearest = &c;
                    best = d;
                }
            }
        }
        if (nearest != nullptr) {
            add_options(
                v, infos,
                {"near " + m_occ[nearest->occurrence].summary + " (" + nearest->place + ")", nearest->point},
                cand.parts, false);
        }
        if (cand.at_event && m_ctx.event_venue) {
            add_chat(v, infos);
        }
        if (!v.options.empty()) {
            m_problem.optional.push_back(std::move(v));
            m_info.push_back(std::move(infos));
            m_members.push_back({&cand});
        }
    }

    /// People of one circle in one city share a table: worth a share of their values alone.
    void add_group(const std::string& circle, const std::string& city,
                   const std::vector<const Candidate*>& group) {
        optimize::OptionalVisit v;
        v.id = "group:" + circle + ":" + city;
        double sum = 0.0;
        GeoPoint centre{0.0, 0.0};
        std::vector<std::size_t> parts = group.front()->parts;
        for (const Candidate* c : group) {
            sum += c->value;
            centre.lat += c->place.lat / static_cast<double>(group.size());
            centre.lon += c->place.lon / static_cast<double>(group.size());
            std::erase_if(parts, [&](std::size_t p) {
                return std::find(c->parts.begin(), c->parts.end(), p) == c->parts.end();
            });
        }
        v.score = static_cast<std::int64_t>(std::llround(m_settings.group_value_share * sum * 100.0));
        std::vector<OptionInfo> infos;
        add_options(v, infos, {"with your " + circle + " circle in " + city, centre}, parts, true);
        std::vector<GeoPoint> seen;
        for (std::size_t p : parts) {
            const DayPart& part = m_ctx.parts[p];
            if (std::find(seen.begin(), seen.end(), part.base) == seen.end()) {
                seen.push_back(part.base);
                add_options(v, infos, {part.base_name, part.base}, parts_of_base(parts, part.base), true);
            }
        }
        if (!v.options.empty()) {
            m_problem.optional.push_back(std::move(v));
            m_info.push_back(std::move(infos));
            m_members.push_back(group);
        }
    }

    void build_matrix() {
        auto& p = m_problem;
        const std::size_t n = m_points.size();
        p.location_count = n;
        p.travel.assign(n * n, 0);
        for (std::size_t a = 0; a < n; ++a) {
            for (std::size_t b = 0; b < n; ++b) {
                auto t = plan_travel(m_travel, m_settings, m_points[a], m_points[b]).count();
                // Leaving or reaching a conference venue from elsewhere keeps the buffer that its
                // sessions do without (they follow each other, and chats are at the venue).
                if (a != b && m_venue[a] != m_venue[b]) {
                    t += std::chrono::duration_cast<seconds>(m_settings.buffer).count();
                }
                p.travel[a * n + b] = t;
            }
        }
        // The user's own schedule wins over the model: two commitments an hour apart are
        // reachable in that hour, whatever the model thinks of the traffic.
        for (const auto& gap : m_fixed_gaps) {
            auto& time = p.travel[gap.from * n + gap.to];
            time = std::max<optimize::Time>(0, std::min(time, gap.seconds));
        }
    }

    /// Meetups from a solution; the people met are added to `scheduled`.
    void decode(const optimize::Solution& solution, const std::string& trip_id,
                std::set<std::string>& scheduled, TripPlan& out) const {
        for (std::size_t r = 0; r < solution.routes.size(); ++r) {
            const DayPart& part = m_ctx.parts[m_route_part[r]];
            GeoPoint previous = part.start_point;
            for (const optimize::Stop& stop : solution.routes[r].stops) {
                if (stop.fixed) {
                    previous = m_points[stop.location];
                    continue;
                }
                // A person chosen twice (alone and in a group): the first choice stands and the
                // other visit is dropped; dropping a stop keeps a route feasible.
                const auto& members = m_members[stop.visit];
                const bool taken = std::any_of(members.begin(), members.end(), [&](const Candidate* c) {
                    return scheduled.count(c->contact->contact.id.str()) > 0;
                });
                if (taken) {
                    continue;
                }
                out.meetups.push_back(meetup(stop, members, part, previous, trip_id, scheduled));
                previous = out.meetups.back().venue.point;
            }
        }
        std::sort(out.meetups.begin(), out.meetups.end(),
                  [](const Meetup& a, const Meetup& b) { return a.start < b.start; });
    }

    std::size_t visit_count() const { return m_members.size(); }
    const std::vector<const Candidate*>& members(std::size_t v) const { return m_members[v]; }

    /// Keeps only the individual visits in `keep` (in that order), for the groups' phase.
    MeetupProblem with_only(const std::vector<std::size_t>& keep) const {
        MeetupProblem copy = *this;
        copy.m_problem.optional.clear();
        copy.m_info.clear();
        copy.m_members.clear();
        for (std::size_t v : keep) {
            copy.m_problem.optional.push_back(m_problem.optional[v]);
            copy.m_info.push_back(m_info[v]);
            copy.m_members.push_back(m_members[v]);
        }
        return copy;
    }

private:
    std::size_t location(const GeoPoint& g, bool venue = false) {
        for (std::size_t i = 0; i < m_points.size(); ++i) {
            if (m_points[i] == g && m_venue[i] == venue && !m_fixed_location[i]) {
                return i;
            }
        }
        m_points.push_back(g);
        m_venue.push_back(venue);
        m_fixed_location.push_back(false);
        return m_points.size() - 1;
    }

    optimize::Time t(sys_seconds s) const { return static_cast<optimize::Time>((s - m_origin).count()); }

    void add_routes() {
        for (std::size_t k = 0; k < m_ctx.parts.size(); ++k) {
            const DayPart& part = m_ctx.parts[k];
            if (part.route_close <= part.route_open) {
                continue;
            }
            optimize::Route r;
            r.start_location = location(part.start_point);
            r.end_location = location(part.end_point);
            r.window = {t(part.route_open), t(part.route_close)};
            // With an attendee list a conference day allows one more visit per break (the chats).
            r.max_optional_visits =
                part.max_meetups + (m_settings.at_event.empty() ? 0 : static_cast<int>(part.breaks.size()));
            const std::size_t route = m_problem.routes.size();
            m_problem.routes.push_back(r);
            m_route_part.push_back(k);
            m_part_route.resize(m_ctx.parts.size(), SIZE_MAX);
            m_part_route[k] = route;
            std::optional<std::size_t> previous_fixed;
            for (const auto& c : part.commitments) {
                const Occurrence& o = m_occ[c.occurrence];
                optimize::FixedVisit f;
                f.id = (o.summary.empty() ? o.uid : o.summary) + (c.assumed ? " (assumed session)" : "");
                f.route = route;
                // Each busy stretch is a place of its own, so that the way between two of them can
                // be what the user's own schedule allows.
                m_points.push_back(c.point);
                m_venue.push_back(c.conference);
                m_fixed_location.push_back(true);
                f.location = m_points.size() - 1;
                const auto buffer = c.conference ? minutes{0} : m_settings.buffer;
                f.duration = (c.end - c.start + 2 * buffer).count();
                const optimize::Time s = t(c.start - buffer);
                f.window = {s, s};
                if (previous_fixed) {
                    const auto& before = m_problem.fixed[*previous_fixed];
                    m_fixed_gaps.push_back(
                        {before.location, f.location, s - (before.window.open + before.duration)});
                }
                previous_fixed = m_problem.fixed.size();
                m_problem.fixed.push_back(f);
            }
        }
    }

    std::vector<std::size_t> parts_of_base(const std::vector<std::size_t>& parts,
                                           const GeoPoint& base) const {
        std::vector<std::size_t> out;
        for (std::size_t p : parts) {
            if (m_ctx.parts[p].base == base) {
                out.push_back(p);
            }
        }
        return out;
    }

    void add_options(optimize::OptionalVisit& v, std::vector<OptionInfo>& infos, const Venue& venue,
                     const std::vector<std::size_t>& parts, bool group) {
        for (const auto& kind : m_kinds) {
            if (group && kind.kind != MeetupKind::Dinner && kind.kind != MeetupKind::Drinks) {
                continue; // a group meets over dinner or drinks
            }
            optimize::VisitOption opt;
            opt.location = location(venue.point);
            // The buffer after a meetup keeps the next stop from starting at its last minute.
            opt.duration = std::chrono::duration_cast<seconds>(kind.duration + m_settings.buffer).count();
            for (std::size_t p : parts) {
                const DayPart& part = m_ctx.parts[p];
                if (m_part_route.size() <= p || m_part_route[p] == SIZE_MAX) {
                    continue;
                }
                // Inside the kind's hours and the user's day, in the part's own zone, and inside
                // the part (after landing, before the airport).
                const sys_seconds open = std::max(
                    at_local(part.date, std::max(kind.earliest_start, m_settings.day_start), part.zone),
                    part.open);
                const sys_seconds close = std::min(
                    at_local(part.date, std::min(kind.latest_start, m_settings.day_end - kind.duration),
                             part.zone),
                    part.close - kind.duration);
                if (close >= open) {
                    opt.windows.push_back({t(open), t(close)});
                }
            }
            std::sort(
                opt.windows.begin(), opt.windows.end(),
                [](const optimize::TimeWindow& a, const optimize::TimeWindow& b) { return a.open < b.open; });
            if (!opt.windows.empty()) {
                v.options.push_back(std::move(opt));
                infos.push_back({kind.kind, venue});
            }
        }
    }

    void add_chat(optimize::OptionalVisit& v, std::vector<OptionInfo>& infos) {
        optimize::VisitOption chat;
        chat.location = location(*m_ctx.event_venue, true);
        chat.duration = std::chrono::duration_cast<seconds>(m_settings.chat_duration).count();
        for (std::size_t p = 0; p < m_ctx.parts.size(); ++p) {
            if (m_part_route.size() <= p || m_part_route[p] == SIZE_MAX) {
                continue;
            }
            for (const auto& [earliest, latest] : m_ctx.parts[p].breaks) {
                chat.windows.push_back({t(earliest), t(latest)});
            }
        }
        if (!chat.windows.empty()) {
            v.options.push_back(std::move(chat));
            infos.push_back(
                {MeetupKind::Chat, {"at the conference (" + m_ctx.event_name + ")", *m_ctx.event_venue}});
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

    Meetup meetup(const optimize::Stop& stop, const std::vector<const Candidate*>& members,
                  const DayPart& part, const GeoPoint& previous, const std::string& trip_id,
                  std::set<std::string>& scheduled) const {
        const OptionInfo& info = m_info[stop.visit][stop.option];
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
            scheduled.insert(person.id.str());
        }
        m.kind = info.kind;
        m.start = m_origin + seconds{stop.start};
        m.end = m.start + std::chrono::duration_cast<seconds>(kind_duration(info.kind));
        m.timezone = part.zone; // where the traveller is then: the zone of the meetup's place
        m.venue = info.venue;
        if (members.size() == 1) {
            m.value = members.front()->value;
            m.reasons = members.front()->reasons;
        } else {
            m.value = std::round(m_settings.group_value_share * sum * 10.0) / 10.0;
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
                                : duration_text(m.travel_to) + " from your previous stop");
        m.uid = meetup_uid(ids, trip_id);
        return m;
    }

    struct FixedGap {
        std::size_t from;
        std::size_t to;
        optimize::Time seconds;
    };

    const TripContext& m_ctx;
    const std::vector<Occurrence>& m_occ;
    const PlannerSettings& m_settings;
    const TravelModel& m_travel;
    std::vector<MeetupKindSettings> m_kinds;
    sys_seconds m_origin{};
    optimize::Problem m_problem;
    std::vector<GeoPoint> m_points;
    std::vector<char> m_venue;          ///< by location: a conference venue (a session or a chat)
    std::vector<char> m_fixed_location; ///< by location: a commitment's own
    std::vector<FixedGap> m_fixed_gaps;
    std::vector<std::size_t> m_route_part; ///< by route: its day part
    std::vector<std::size_t> m_part_route; ///< by day part: its route, or SIZE_MAX
    std::vector<std::vector<OptionInfo>> m_info;
    std::vector<std::vector<const Candidate*>> m_members; ///< who an optional visit meets
};

} // namespace sidetrip::plan::detail
