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

#include "sidetrip/optimize/problem.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace sidetrip::optimize;

struct Vertex {
    double x = 0, y = 0, service = 0, score = 0, open = 0, close = 0;
};

std::vector<std::string> tokens_of(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> tokens;
    for (std::string t; in >> t;) {
        tokens.push_back(t);
    }
    return tokens;
}

Problem read_instance(const std::string& path, int routes, Time scale) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot open " + path);
    }
    std::string line;
    std::getline(in, line);
    const auto header = tokens_of(line);
    if (header.size() < 3) {
        throw std::runtime_error(path + ":1: expected 'k v N t'");
    }
    const std::size_t customers = std::stoul(header[2]);
    std::getline(in, line); // line 2: not used by the OPTW
    std::vector<Vertex> vertices;
    std::size_t line_number = 2;
    while (vertices.size() < customers + 1 && std::getline(in, line)) {
        ++line_number;
        const auto t = tokens_of(line);
        if (t.empty()) {
            continue;
        }
        if (t.size() < 7) {
            throw std::runtime_error(path + ":" + std::to_string(line_number) + ": too few fields");
        }
        Vertex v;
        v.x = std::stod(t[1]);
        v.y = std::stod(t[2]);
        v.service = std::stod(t[3]);
        v.score = std::stod(t[4]);
        v.open = std::stod(t[t.size() - 2]);
        v.close = std::stod(t[t.size() - 1]);
        vertices.push_back(v);
    }
    if (vertices.size() != customers + 1) {
        throw std::runtime_error(path + ": expected " + std::to_string(customers + 1) + " vertices");
    }
    const auto scaled = [&](double value) {
        return static_cast<Time>(std::llround(value * static_cast<double>(scale)));
    };
    Problem problem;
    problem.location_count = vertices.size();
    problem.travel.resize(vertices.size() * vertices.size());
    for (std::size_t i = 0; i < vertices.size(); ++i) {
        for (std::size_t j = 0; j < vertices.size(); ++j) {
            const double d = std::hypot(vertices[i].x - vertices[j].x, vertices[i].y - vertices[j].y);
            // Truncation as in the literature; the epsilon keeps 2.3 * 10 from becoming 22.
            problem.travel[i * vertices.size() + j] =
                static_cast<Time>(std::floor(d * static_cast<double>(scale) + 1e-7));
        }
    }
    for (int r = 0; r < routes; ++r) {
        Route route;
        route.start_location = 0;
        route.end_location = 0;
        route.window = {scaled(vertices[0].open), scaled(vertices[0].close)};
        problem.routes.push_back(route);
    }
    for (std::size_t i = 1; i < vertices.size(); ++i) {
        OptionalVisit visit;
        visit.id = std::to_string(i);
        visit.score = std::llround(vertices[i].score);
        VisitOption option;
        option.location = i;
        option.duration = scaled(vertices[i].service);
        option.windows.push_back({scaled(vertices[i].open), scaled(vertices[i].close)});
        visit.options.push_back(option);
        problem.optional.push_back(visit);
    }
    return problem;
}

} // namespace

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
        const Problem problem = read_instance(path, routes, scale);
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
