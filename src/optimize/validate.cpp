#include "detail/validate.hpp"

#include "sidetrip/core/error.hpp"

#include <algorithm>
#include <numeric>
#include <string>

namespace sidetrip::optimize::detail {

namespace {

std::string window_text(const TimeWindow& window) {
    return "[" + std::to_string(window.open) + ", " + std::to_string(window.close) + "]";
}

std::string route_name(std::size_t r) {
    return "route " + std::to_string(r);
}

std::string fixed_name(const Problem& problem, std::size_t f) {
    return "fixed visit '" + problem.fixed[f].id + "' (#" + std::to_string(f) + ")";
}

std::string optional_name(const Problem& problem, std::size_t v) {
    return "optional visit '" + problem.optional[v].id + "' (#" + std::to_string(v) + ")";
}

// Beyond this many fixed visits on one day we keep them in window order instead of trying
// every order: 8! schedules are still instant, 9! start to show.
constexpr std::size_t MaxPermutedFixedVisits = 8;

} // namespace

void validate(const Problem& problem) {
    const std::size_t n = problem.location_count;
    if (problem.travel.size() != n * n) {
        throw InputError("optimizer: the travel matrix has " + std::to_string(problem.travel.size()) +
                         " entries, expected location_count^2 = " + std::to_string(n * n));
    }
    for (std::size_t i = 0; i < problem.travel.size(); ++i) {
        if (problem.travel[i] < 0) {
            throw InputError("optimizer: negative travel time from location " + std::to_string(i / n) +
                             " to location " + std::to_string(i % n));
        }
    }
    for (std::size_t r = 0; r < problem.routes.size(); ++r) {
        const Route& route = problem.routes[r];
        if (route.start_location >= n || route.end_location >= n) {
            throw InputError("optimizer: " + route_name(r) +
                             " starts or ends at a location that does not exist");
        }
        if (route.window.open > route.window.close) {
            throw InputError("optimizer: " + route_name(r) + " has an empty window " +
                             window_text(route.window));
        }
        if (route.window.open + problem.travel_time(route.start_location, route.end_location) >
            route.window.close) {
            throw InputError("optimizer: " + route_name(r) +
                             " cannot reach its end location within its window " + window_text(route.window));
        }
    }
    for (std::size_t f = 0; f < problem.fixed.size(); ++f) {
        const FixedVisit& visit = problem.fixed[f];
        if (visit.route >= problem.routes.size()) {
            throw InputError("optimizer: " + fixed_name(problem, f) + " is on route " +
                             std::to_string(visit.route) + ", which does not exist");
        }
        if (visit.location >= n) {
            throw InputError("optimizer: " + fixed_name(problem, f) +
                             " is at a location that does not exist");
        }
        if (visit.duration < 0) {
            throw InputError("optimizer: " + fixed_name(problem, f) + " has a negative duration");
        }
        if (visit.window.open > visit.window.close) {
            throw InputError("optimizer: " + fixed_name(problem, f) + " has an empty window " +
                             window_text(visit.window));
        }
    }
    for (std::size_t v = 0; v < problem.optional.size(); ++v) {
        const OptionalVisit& visit = problem.optional[v];
        if (visit.score < 0) {
            throw InputError("optimizer: " + optional_name(problem, v) + " has a negative score");
        }
        for (std::size_t o = 0; o < visit.options.size(); ++o) {
            const VisitOption& option = visit.options[o];
            const std::string what = optional_name(problem, v) + " option " + std::to_string(o);
            if (option.location >= n) {
                throw InputError("optimizer: " + what + " is at a location that does not exist");
            }
            if (option.duration < 0) {
                throw InputError("optimizer: " + what + " has a negative duration");
            }
            if (option.windows.empty()) {
                throw InputError("optimizer: " + what + " has no time window");
            }
            for (std::size_t w = 0; w < option.windows.size(); ++w) {
                if (option.windows[w].open > option.windows[w].close) {
                    throw InputError("optimizer: " + what + " has an empty window " +
                                     window_text(option.windows[w]));
                }
                if (w > 0 && option.windows[w - 1].close >= option.windows[w].open) {
                    throw InputError(
                        "optimizer: " + what + " has windows that are not sorted and disjoint: " +
                        window_text(option.windows[w - 1]) + " then " + window_text(option.windows[w]));
                }
            }
        }
    }
}

State place_fixed_visits(const Model& model) {
    const Problem& problem = *model.problem;
    State state;
    state.assigned.assign(problem.optional.size(), 0);
    for (std::size_t r = 0; r < problem.routes.size(); ++r) {
        std::vector<std::size_t> mine;
        for (std::size_t f = 0; f < problem.fixed.size(); ++f) {
            if (problem.fixed[f].route == r) {
                mine.push_back(f);
            }
        }
        std::stable_sort(mine.begin(), mine.end(), [&](std::size_t a, std::size_t b) {
            const TimeWindow& wa = problem.fixed[a].window;
            const TimeWindow& wb = problem.fixed[b].window;
            return wa.open != wb.open ? wa.open < wb.open : wa.close < wb.close;
        });
        RouteState route;
        route.route = r;
        auto fill = [&](RouteState& target, const std::vector<std::size_t>& order, std::size_t count) {
            target.stops.clear();
            for (std::size_t i = 0; i < count; ++i) {
                StopState stop;
                stop.node = order[i]; // fixed visit f is node f
                target.stops.push_back(stop);
            }
            return schedule(model, target);
        };
        bool found = false;
        RouteState best;
        std::vector<std::size_t> permutation(mine.size());
        std::iota(permutation.begin(), permutation.end(), std::size_t{0});
        do {
            std::vector<std::size_t> order;
            for (std::size_t i : permutation) {
                order.push_back(mine[i]);
            }
            if (fill(route, order, order.size()) && (!found || route.travel < best.travel)) {
                best = route;
                found = true;
            }
        } while (mine.size() <= MaxPermutedFixedVisits &&
                 std::next_permutation(permutation.begin(), permutation.end()));
        if (!found) {
            for (std::size_t f : mine) {
                if (!fill(route, {f}, 1)) {
                    throw InputError("optimizer: " + fixed_name(problem, f) + " cannot be honoured: on " +
                                     route_name(r) + " it cannot start within its window " +
                                     window_text(problem.fixed[f].window) +
                                     " and still reach the end of the route in time");
                }
            }
            for (std::size_t k = 1; k < mine.size(); ++k) {
                if (!fill(route, mine, k + 1)) {
                    throw InputError("optimizer: " + fixed_name(problem, mine[k]) +
                                     " cannot be honoured: on " + route_name(r) +
                                     " it cannot start within its window " +
                                     window_text(problem.fixed[mine[k]].window) + " together with " +
                                     fixed_name(problem, mine[k - 1]) + " and the visits before it");
                }
            }
            throw InputError("optimizer: the fixed visits of " + route_name(r) +
                             " cannot all be honoured together");
        }
        state.routes.push_back(std::move(best));
    }
    state.refresh_totals();
    return state;
}

} // namespace sidetrip::optimize::detail
