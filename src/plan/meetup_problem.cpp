// Stage 4: the optimizer's problem for a trip (day parts as routes, commitments as fixed visits,
// candidates as optional visits with their kinds, venues and windows), solved alone then with
// groups, and decoded into meetups.
#include "detail/meetup_problem.hpp"

#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/optimize/problem.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace sidetrip::plan::detail {

namespace {

using calendar::Occurrence;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : s) {
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    return h;
}

// The solver's options from the settings: the time limit shared between the two phases.
std::pair<optimize::SolverOptions, optimize::SolverOptions> solver_options(const PlannerSettings& settings) {
    optimize::SolverOptions options;
    options.seed = settings.seed;
    options.time_limit_seconds = settings.time_limit_seconds;
    options.stall_iterations = settings.stall_iterations;
    if (settings.max_iterations > 0) {
        options.stall_iterations = 0;
        options.max_iterations = settings.max_iterations;
        options.time_limit_seconds = 60.0;
    }
    optimize::SolverOptions groups = options;
    if (settings.max_iterations == 0) {
        options.time_limit_seconds = settings.time_limit_seconds * (1.0 - settings.group_time_share);
        groups.time_limit_seconds = settings.time_limit_seconds * settings.group_time_share;
    }
    return {options, groups};
}

} // namespace

std::string meetup_uid(const std::string& contact, const std::string& trip) {
    char b[32];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(fnv1a(contact + "|" + trip)));
    return std::string("sidetrip-") + b + "@sidetrip";
}

void choose_meetups(const TripContext& ctx, const std::vector<Candidate>& candidates,
                    const std::vector<Occurrence>& occurrences, const PlannerSettings& settings,
                    const TravelModel& travel, std::set<std::string>& scheduled, TripPlan& out) {
    if (ctx.parts.empty()) {
        return;
    }
    MeetupProblem first(ctx, occurrences, settings, travel);
    std::vector<const Candidate*> available;
    for (const auto& cand : candidates) {
        if (scheduled.count(cand.contact->contact.id.str()) == 0) {
            available.push_back(&cand);
            first.add_candidate(cand);
        }
    }
    first.build_matrix();
    const auto [options, group_options] = solver_options(settings);
    optimize::Solution solution = optimize::solve(first.problem(), options);

    // Second phase: the people not chosen alone may share a table with their circle, in place of
    // meetups chosen alone if that is worth more. The second problem holds the chosen individuals
    // and groups made only of the others, so no person is in two visits.
    std::set<std::string> chosen;
    std::vector<std::size_t> chosen_visits;
    for (const auto& route : solution.routes) {
        for (const auto& stop : route.stops) {
            if (!stop.fixed) {
                chosen.insert(first.members(stop.visit).front()->contact->contact.id.str());
                chosen_visits.push_back(stop.visit);
            }
        }
    }
    std::sort(chosen_visits.begin(), chosen_visits.end());
    std::erase_if(available,
                  [&](const Candidate* c) { return chosen.count(c->contact->contact.id.str()) > 0; });
    MeetupProblem second = first.with_only(chosen_visits);
    std::map<std::pair<std::string, std::string>, std::vector<const Candidate*>> circles;
    for (const Candidate* cand : available) {
        for (const auto& tag : cand->contact->contact.tags) {
            circles[{text::ascii_lower(tag), cand->place_name}].push_back(cand);
        }
    }
    bool groups = false;
    for (auto& [key, group] : circles) {
        if (group.size() < 2) {
            continue;
        }
        std::stable_sort(group.begin(), group.end(),
                         [](const Candidate* a, const Candidate* b) { return a->value > b->value; });
        group.resize(std::min(group.size(), settings.max_group_size));
        const std::size_t before = second.visit_count();
        second.add_group(key.first, key.second, group);
        groups = groups || second.visit_count() > before;
    }
    const MeetupProblem* decoded = &first;
    optimize::Solution result = solution;
    optimize::Solution with_groups;
    if (groups) {
        second.build_matrix();
        with_groups = optimize::solve(second.problem(), group_options);
        if (with_groups.score > solution.score ||
            (with_groups.score == solution.score && with_groups.travel < solution.travel)) {
            decoded = &second;
            result = with_groups;
        }
    }
    decoded->decode(result, ctx.trip->id, scheduled, out);
    // In reach but not scheduled: the most valuable of them are near misses (from the first
    // phase, whose visits are the individuals).
    const DayPart& last = ctx.parts.back();
    const Date next{sys_days{last.date} + days{1}};
    for (std::size_t u : solution.unassigned) {
        const auto& members = first.members(u);
        if (members.size() != 1 || scheduled.count(members.front()->contact->contact.id.str()) > 0) {
            continue;
        }
        const Candidate& cand = *members.front();
        if (out.near_misses.size() < settings.max_near_misses_total &&
            cand.value >= settings.near_miss_min_value) {
            out.near_misses.push_back(
                {cand.contact->contact.id, cand.contact->contact.name,
                 cand.contact->contact.name + " (" + cand.place_name +
                     ") did not fit: the days are full; one more night, until " + weekday_date(next) + " " +
                     calendar::format_clock(at_local(next, hours{10}, last.zone), last.zone) +
                     ", would make room for breakfast"});
        }
    }
}

} // namespace sidetrip::plan::detail
