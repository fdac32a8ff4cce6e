// libFuzzer target: the OPTW benchmark format, and for small instances the optimizer itself,
// whose every answer must pass the independent checker.
#include "sidetrip/core/error.hpp"
#include "sidetrip/optimize/optw_format.hpp"
#include "sidetrip/optimize/problem.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidetrip::optimize;
    if (size == 0) {
        return 0;
    }
    const int routes = 1 + data[0] % 3;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        const Problem problem = read_optw_instance(text, "fuzz.txt", routes, 10);
        if (problem.optional.size() > 30) {
            return 0;
        }
        SolverOptions options;
        options.max_iterations = 30;
        options.time_limit_seconds = 0.5;
        const Solution solution = solve(problem, options);
        const std::string problem_found = check_solution(problem, solution);
        if (!problem_found.empty()) {
            std::fprintf(stderr, "the solver's answer fails the checker: %s\n", problem_found.c_str());
            std::abort();
        }
    } catch (const sidetrip::Error&) {
    }
    return 0;
}
