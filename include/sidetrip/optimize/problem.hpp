#pragma once

// The team orienteering problem with time windows (TOPTW), as the planner and the standard
// benchmark instances both state it. This module depends on core only: it sees locations,
// travel times, windows and scores, never people or calendars.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sidetrip::optimize {

/// Integer time units: seconds for the planner, tenths (Solomon) or hundredths (Cordeau) of a
/// distance unit for the benchmark files. Integers keep every feasibility check exact.
using Time = std::int64_t;

/// Service may start at any time in [open, close].
struct TimeWindow {
    Time open = 0;
    Time close = 0;
};

/// One day (one vehicle): where it starts and ends, and when.
struct Route {
    std::size_t start_location = 0;
    std::size_t end_location = 0;
    TimeWindow window; ///< leave start at or after open, reach end at or before close
    /// At most this many optional visits on the route (meetups a day); negative: no limit.
    int max_optional_visits = -1;
};

/// A visit that must happen (a client meeting), on a given route.
struct FixedVisit {
    std::string id;
    std::size_t route = 0;
    std::size_t location = 0;
    Time duration = 0;
    TimeWindow window; ///< a fixed time is a window with open == close
};

/// One way to make an optional visit: where, how long, when.
struct VisitOption {
    std::size_t location = 0;
    Time duration = 0;
    std::vector<TimeWindow> windows; ///< service starts inside one of them; sorted, disjoint
};

/// A visit worth `score` if made, in at most one of its options (coffee here or lunch there).
struct OptionalVisit {
    std::string id;
    std::int64_t score = 0;
    std::vector<VisitOption> options;
};

struct Problem {
    std::size_t location_count = 0;
    /// travel[from * location_count + to]: may be asymmetric; need not obey the triangle inequality.
    std::vector<Time> travel;
    std::vector<Route> routes;
    std::vector<FixedVisit> fixed;
    std::vector<OptionalVisit> optional;

    Time travel_time(std::size_t from, std::size_t to) const { return travel[from * location_count + to]; }
};

/// A visit on a route, with its times. Waiting happens between arrival and start.
struct Stop {
    bool fixed = false;
    std::size_t visit = 0;  ///< index into Problem::fixed or Problem::optional
    std::size_t option = 0; ///< which option of an optional visit
    std::size_t location = 0;
    Time arrival = 0;
    Time start = 0;
    Time departure = 0;
};

struct RouteSolution {
    std::vector<Stop> stops; ///< in visiting order, without the start and end locations
    Time departure = 0;      ///< leaving the start location
    Time arrival = 0;        ///< reaching the end location
    Time travel = 0;
};

struct Solution {
    std::vector<RouteSolution> routes;   ///< one per Problem::routes, same order
    std::int64_t score = 0;              ///< sum of the scores of the optional visits made
    Time travel = 0;                     ///< total travel time
    std::vector<std::size_t> unassigned; ///< optional visits not made
    bool proven_optimal = false;         ///< the exact method finished: no better solution exists
    std::size_t iterations = 0;
};

struct SolverOptions {
    std::uint64_t seed = 1;
    double time_limit_seconds = 1.0; ///< stop after this much wall time
    std::size_t max_iterations = 0;  ///< stop after this many iterations; 0: no limit
    /// Stop once this many iterations in a row found nothing better; 0: never. Under a time
    /// limit the annealing then cools towards that end as well as towards the deadline.
    std::size_t stall_iterations = 0;
    /// Problems with at most this many optional visits are solved exactly.
    std::size_t exact_threshold = 15;
};

/**
 * The best solution found: maximum total score, then minimum total travel. Deterministic for
 * a given seed and iteration limit; anytime under a time limit. Never infeasible.
 * @throws InputError naming the visit when a fixed visit cannot be honoured (its window cannot
 *         be reached on its route), or when the problem is malformed (sizes, indices).
 */
Solution solve(const Problem& problem, const SolverOptions& options = {});

/**
 * Whether `solution` is feasible for `problem` (every time window, route window, fixed visit
 * and limit respected, times consistent with travel); an empty string when it is, else why not.
 * Tests and the benchmark use it to check every answer.
 */
std::string check_solution(const Problem& problem, const Solution& solution);

} // namespace sidetrip::optimize
