#include "detail/model.hpp"
#include "detail/search.hpp"
#include "detail/validate.hpp"

#include "sidetrip/optimize/problem.hpp"

#include <algorithm>
#include <chrono>

#if __has_include("detail/exact.hpp")
#include "detail/exact.hpp"
#define SIDETRIP_HAVE_EXACT 1
#endif

namespace sidetrip::optimize {

Solution solve(const Problem& problem, const SolverOptions& options) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point began = Clock::now();
    const auto budget = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(std::clamp(options.time_limit_seconds, 0.0, 1e7)));

    detail::validate(problem);
    const detail::Model model(problem);
    detail::State start = detail::place_fixed_visits(model); // throws when a fixed visit cannot be honoured

#ifdef SIDETRIP_HAVE_EXACT
    if (problem.optional.size() <= options.exact_threshold) {
        // The exact method keeps to half the time limit (see exact.hpp); when it gives up, the
        // heuristic still has the other half, and on problems this small it needs far less.
        if (auto exact = detail::solve_exact(problem, options)) {
            if (check_solution(problem, *exact).empty()) {
                return std::move(*exact);
            }
        }
    }
#endif

    std::size_t iterations = 0;
    const detail::State best = detail::search(model, std::move(start), options, began + budget, iterations);
    Solution solution = detail::to_solution(model, best);
    solution.iterations = iterations;
    return solution;
}

} // namespace sidetrip::optimize
