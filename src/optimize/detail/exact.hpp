#pragma once

// The exact method of the optimizer: small problems (a planner's week rarely has more than a
// dozen people worth meeting) are solved to proven optimality, and solve() falls back to the
// heuristic only when this gives up.

#include "sidetrip/optimize/problem.hpp"

#include <optional>

namespace sidetrip::optimize::detail {

/// The exact method never looks at more optional visits than this, whatever
/// SolverOptions::exact_threshold says: its tables have 2^n entries per route and combining
/// routes costs 3^n.
inline constexpr std::size_t MaxExactOptionalVisits = 20;

/// Labels (partial routes) the exact method may create before it gives up: a few seconds of work.
/// It holds two layers of them (partial routes with k and k + 1 visits) at a time, 32 bytes each.
inline constexpr std::size_t MaxExactLabels = 4'000'000;

/**
 * A proven-optimal solution (maximum score, then minimum travel) for a problem with at most
 * `options.exact_threshold` optional visits, or nullopt when the problem is larger or the search
 * runs out of budget, so that the heuristic answers instead.
 *
 * The budget is MaxExactLabels partial routes and, unless `options.max_iterations` is set (a
 * deterministic run) or the time limit is not positive, half of `options.time_limit_seconds` of
 * wall time. A returned solution is feasible and has `proven_optimal` set; `iterations` counts
 * the partial routes the search kept.
 *
 * Precondition: the problem is well formed (sizes, indices, sorted windows; solve() checks).
 * @throws InputError naming the first fixed visit (in the order of its route, then of window
 *         openings) that cannot be honoured together with the fixed visits before it, or naming
 *         the route when even an empty route cannot reach its end within its window. Optional
 *         visits count as ways through: without the triangle inequality one can be the shortcut
 *         that makes a fixed visit possible. Problems above the threshold, and searches that run
 *         out of budget first, return nullopt without this check.
 */
std::optional<Solution> solve_exact(const Problem& problem, const SolverOptions& options);

} // namespace sidetrip::optimize::detail
