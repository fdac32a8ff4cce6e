#pragma once

#include "detail/model.hpp"

#include <chrono>

namespace sidetrip::optimize::detail {

/**
 * The heuristic: greedy insertion by score^2 / time used, then an iterated local search whose
 * perturbation ruins part of the routes (a stretch of consecutive stops, as the ILS of
 * Vansteenwegen et al. 2009 shakes, or stops chosen at random) and recreates them by noisy
 * greedy insertion, followed by local search (2-opt and relocate to cut travel, replace an
 * assigned visit by a better unassigned one, relocate across routes). Fixed visits stay.
 * Stops at `deadline` or after options.max_iterations iterations; returns the best state.
 */
State search(const Model& model, State start, const SolverOptions& options,
             std::chrono::steady_clock::time_point deadline, std::size_t& iterations);

} // namespace sidetrip::optimize::detail
