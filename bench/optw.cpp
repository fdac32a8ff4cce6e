// Solves one OPTW/TOPTW benchmark instance (KU Leuven / OPLib format: the Solomon-based and
// Cordeau-based files of Righini & Salani, Montemanni & Gambardella, Vansteenwegen et al.)
// with the same engine and public API the planner uses, and prints one JSON object:
//   {"instance", "routes": [[vertex ids in visiting order, without the depot]...], "score",
//    "seconds", "travel", "iterations", "proven_optimal"}
// Usage: bench_optw INSTANCE [--routes M] [--time-limit SECONDS] [--seed N] [--iterations N]
//
// Travel time is the Euclidean distance truncated to one decimal (Solomon-based files) or two
// (Cordeau-based "pr" files), as in the literature; we work in integer tenths or hundredths
// so that every feasibility check is exact.

#include "sidetrip/optimize/optw_format.hpp"
#include "sidetrip/optimize/problem.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace sidetrip::optimize;

int main(int argc, char** argv) {
    std::string path;
    int routes = 1;
    SolverOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--routes" && has_value) {
            routes = std::atoi(argv[++i]);
        } else if (arg == "--time-limit" && has_value) {
            options.time_limit_seconds = std::atof(argv[++i]);
        } else if (arg == "--seed" && has_value) {
            options.seed = std::strtoull(argv[++i], nullptr, 10);
        } else if (arg == "--iterations" && has_value) {
            options.max_iterations = std::strtoull(argv[++i], nullptr, 10);
        } else if (!arg.empty() && arg[0] != '-' && path.empty()) {
            path = arg;
        } else {
            std::cerr << "usage: bench_optw INSTANCE [--routes M] [--time-limit SECONDS] [--seed N] "
                         "[--iterations N]\n";
            return 2;
        }
    }
    if (path.empty() || routes < 1) {
        std::cerr
            << "usage: bench_optw INSTANCE [--routes M] [--time-limit SECONDS] [--seed N] [--iterations N]\n";
        return 2;
    }
    try {
        const std::string name = std::filesystem::path(path).stem().string();
        const Time scale = name.rfind("pr", 0) == 0 ? 100 : 10;
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            throw std::runtime_error("cannot open " + path);
        }
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const Problem problem = read_optw_instance(text, path, routes, scale);
        const auto began = std::chrono::steady_clock::now();
        const Solution solution = solve(problem, options);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
        const std::string problem_found = check_solution(problem, solution);
        if (!problem_found.empty()) {
            std::cerr << "bench_optw: " << name << ": infeasible solution: " << problem_found << "\n";
            return 1;
        }
        std::cout << "{\"instance\": \"" << name << "\", \"routes\": [";
        for (std::size_t r = 0; r < solution.routes.size(); ++r) {
            std::cout << (r ? ", [" : "[");
            for (std::size_t s = 0; s < solution.routes[r].stops.size(); ++s) {
                std::cout << (s ? ", " : "") << solution.routes[r].stops[s].location;
            }
            std::cout << "]";
        }
        std::cout << "], \"score\": " << solution.score << ", \"seconds\": " << seconds
                  << ", \"travel\": " << static_cast<double>(solution.travel) / static_cast<double>(scale)
                  << ", \"iterations\": " << solution.iterations
                  << ", \"proven_optimal\": " << (solution.proven_optimal ? "true" : "false") << "}\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bench_optw: " << e.what() << "\n";
        return 2;
    }
}
