// The independent feasibility check of a solution. It shares no code with the solver on
// purpose: a bug in the solver's bookkeeping must not hide itself here.

#include "sidetrip/optimize/problem.hpp"

#include <string>
#include <vector>

namespace sidetrip::optimize {

namespace {

std::string where(std::size_t route, std::size_t position) {
    return "route " + std::to_string(route) + " stop " + std::to_string(position) + ": ";
}

} // namespace

std::string check_solution(const Problem& problem, const Solution& solution) {
    const std::size_t n = problem.location_count;
    if (problem.travel.size() != n * n) {
        return "the travel matrix is not location_count x location_count";
    }
    if (solution.routes.size() != problem.routes.size()) {
        return "the solution has " + std::to_string(solution.routes.size()) + " routes, the problem " +
               std::to_string(problem.routes.size());
    }
    std::vector<int> fixed_seen(problem.fixed.size(), 0);
    std::vector<int> optional_seen(problem.optional.size(), 0);
    std::int64_t score = 0;
    Time total_travel = 0;
    for (std::size_t r = 0; r < problem.routes.size(); ++r) {
        const Route& route = problem.routes[r];
        const RouteSolution& rs = solution.routes[r];
        if (rs.departure < route.window.open) {
            return "route " + std::to_string(r) + " leaves before its window opens";
        }
        std::size_t location = route.start_location;
        Time time = rs.departure;
        Time travel = 0;
        int optional_count = 0;
        for (std::size_t i = 0; i < rs.stops.size(); ++i) {
            const Stop& stop = rs.stops[i];
            Time duration = 0;
            const std::vector<TimeWindow>* windows = nullptr;
            std::vector<TimeWindow> fixed_window;
            std::size_t expected_location = 0;
            if (stop.fixed) {
                if (stop.visit >= problem.fixed.size()) {
                    return where(r, i) + "no such fixed visit";
                }
                const FixedVisit& visit = problem.fixed[stop.visit];
                if (visit.route != r) {
                    return where(r, i) + "fixed visit '" + visit.id + "' belongs to route " +
                           std::to_string(visit.route);
                }
                ++fixed_seen[stop.visit];
                duration = visit.duration;
                fixed_window.push_back(visit.window);
                windows = &fixed_window;
                expected_location = visit.location;
            } else {
                if (stop.visit >= problem.optional.size()) {
                    return where(r, i) + "no such optional visit";
                }
                const OptionalVisit& visit = problem.optional[stop.visit];
                if (stop.option >= visit.options.size()) {
                    return where(r, i) + "optional visit '" + visit.id + "' has no option " +
                           std::to_string(stop.option);
                }
                ++optional_seen[stop.visit];
                ++optional_count;
                score += visit.score;
                const VisitOption& option = visit.options[stop.option];
                duration = option.duration;
                windows = &option.windows;
                expected_location = option.location;
            }
            if (stop.location != expected_location) {
                return where(r, i) + "the stop is not at its visit's location";
            }
            const Time leg = problem.travel_time(location, stop.location);
            travel += leg;
            if (stop.arrival < time + leg) {
                return where(r, i) + "arrives before the travel from the previous place allows";
            }
            if (stop.start < stop.arrival) {
                return where(r, i) + "starts before arriving";
            }
            bool inside = false;
            for (const TimeWindow& window : *windows) {
                inside = inside || (stop.start >= window.open && stop.start <= window.close);
            }
            if (!inside) {
                return where(r, i) + "starts at " + std::to_string(stop.start) + ", outside its time windows";
            }
            if (stop.departure != stop.start + duration) {
                return where(r, i) + "departure is not start + duration";
            }
            time = stop.departure;
            location = stop.location;
        }
        const Time leg = problem.travel_time(location, route.end_location);
        travel += leg;
        if (rs.arrival < time + leg) {
            return "route " + std::to_string(r) + " reaches its end before the travel allows";
        }
        if (rs.arrival > route.window.close) {
            return "route " + std::to_string(r) + " reaches its end after its window closes";
        }
        if (route.max_optional_visits >= 0 && optional_count > route.max_optional_visits) {
            return "route " + std::to_string(r) + " makes " + std::to_string(optional_count) +
                   " optional visits, more than its limit of " + std::to_string(route.max_optional_visits);
        }
        if (rs.travel != travel) {
            return "route " + std::to_string(r) + " reports travel " + std::to_string(rs.travel) + ", not " +
                   std::to_string(travel);
        }
        total_travel += travel;
    }
    for (std::size_t f = 0; f < problem.fixed.size(); ++f) {
        if (fixed_seen[f] != 1) {
            return "fixed visit '" + problem.fixed[f].id + "' is made " + std::to_string(fixed_seen[f]) +
                   " times, not once";
        }
    }
    std::vector<int> unassigned_seen(problem.optional.size(), 0);
    for (std::size_t v : solution.unassigned) {
        if (v >= problem.optional.size()) {
            return "unassigned lists a visit that does not exist";
        }
        ++unassigned_seen[v];
    }
    for (std::size_t v = 0; v < problem.optional.size(); ++v) {
        if (optional_seen[v] > 1) {
            return "optional visit '" + problem.optional[v].id + "' is made more than once";
        }
        if (optional_seen[v] + unassigned_seen[v] != 1) {
            return "optional visit '" + problem.optional[v].id +
                   "' must be either made or listed as unassigned, exactly once";
        }
    }
    if (solution.score != score) {
        return "the solution reports score " + std::to_string(solution.score) + ", the visits sum to " +
               std::to_string(score);
    }
    if (solution.travel != total_travel) {
        return "the solution reports travel " + std::to_string(solution.travel) + ", the routes sum to " +
               std::to_string(total_travel);
    }
    return {};
}

} // namespace sidetrip::optimize
