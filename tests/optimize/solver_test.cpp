#include "sidetrip/core/error.hpp"
#include "sidetrip/optimize/problem.hpp"

#include "../../src/optimize/detail/model.hpp"
#include "../support/sanitizers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace sidetrip::optimize;
using Catch::Matchers::Contains;

namespace {

struct Point {
    double x = 0;
    double y = 0;
};

/// Euclidean travel between points, plus, when `asymmetric`, a random extra per direction
/// (so travel is asymmetric and need not obey the triangle inequality).
std::vector<Time> travel_between(const std::vector<Point>& points, bool asymmetric, std::mt19937_64& rng) {
    std::vector<Time> travel(points.size() * points.size());
    std::uniform_int_distribution<Time> extra(0, 12);
    for (std::size_t i = 0; i < points.size(); ++i) {
        for (std::size_t j = 0; j < points.size(); ++j) {
            const double d = std::hypot(points[i].x - points[j].x, points[i].y - points[j].y);
            travel[i * points.size() + j] = static_cast<Time>(d) + (asymmetric && i != j ? extra(rng) : 0);
        }
    }
    return travel;
}

/// A random planner-like problem: several days with their own start and end, fixed meetings
/// at spaced times, optional visits with one or two alternatives and one or two windows, and
/// per-day limits.
Problem random_problem(std::uint64_t seed, std::size_t optional_count, std::size_t route_count) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> coordinate(0.0, 50.0);
    std::uniform_int_distribution<int> coin(0, 1);
    std::vector<Point> points(30);
    for (Point& p : points) {
        p = {coordinate(rng), coordinate(rng)};
    }
    Problem problem;
    problem.location_count = points.size();
    problem.travel = travel_between(points, coin(rng) == 1, rng);
    std::uniform_int_distribution<std::size_t> location(0, points.size() - 1);
    for (std::size_t r = 0; r < route_count; ++r) {
        Route route;
        route.start_location = location(rng);
        route.end_location = coin(rng) ? route.start_location : location(rng);
        route.window = {0, 1000};
        route.max_optional_visits = coin(rng) ? -1 : 2 + static_cast<int>(r);
        problem.routes.push_back(route);
        // Fixed meetings 300 apart: always reachable from each other (travel is at most ~85).
        const int meetings = static_cast<int>(seed % 3);
        for (int k = 0; k < meetings; ++k) {
            FixedVisit meeting;
            meeting.id = "meeting-" + std::to_string(r) + "-" + std::to_string(k);
            meeting.route = r;
            meeting.location = location(rng);
            meeting.duration = 40;
            const Time at = 250 + 300 * k;
            meeting.window = k == 0 ? TimeWindow{at, at} : TimeWindow{at, at + 60};
            problem.fixed.push_back(meeting);
        }
    }
    std::uniform_int_distribution<Time> open(0, 800);
    std::uniform_int_distribution<Time> length(20, 200);
    std::uniform_int_distribution<Time> duration(5, 40);
    std::uniform_int_distribution<std::int64_t> score(1, 20);
    for (std::size_t v = 0; v < optional_count; ++v) {
        OptionalVisit visit;
        visit.id = "visit-" + std::to_string(v);
        visit.score = score(rng);
        const int options = 1 + coin(rng);
        for (int o = 0; o < options; ++o) {
            VisitOption option;
            option.location = location(rng);
            option.duration = duration(rng);
            const Time first = open(rng);
            option.windows.push_back({first, first + length(rng)});
            if (coin(rng)) {
                const Time second = option.windows.back().close + 50 + open(rng) / 4;
                option.windows.push_back({second, second + length(rng)});
            }
            visit.options.push_back(option);
        }
        problem.optional.push_back(visit);
    }
    return problem;
}

SolverOptions heuristic_only(std::size_t iterations) {
    SolverOptions options;
    options.max_iterations = iterations;
    options.time_limit_seconds = 30;
    options.exact_threshold = 0;
    return options;
}

/// A problem on a line: the depot at 0, customers at the given positions (travel = distance).
Problem line_problem(const std::vector<Time>& positions) {
    Problem problem;
    problem.location_count = positions.size() + 1;
    std::vector<Time> all = {0};
    all.insert(all.end(), positions.begin(), positions.end());
    for (Time a : all) {
        for (Time b : all) {
            problem.travel.push_back(std::abs(a - b));
        }
    }
    Route route;
    route.window = {0, 1000};
    problem.routes.push_back(route);
    return problem;
}

OptionalVisit simple_visit(const std::string& id, std::int64_t score, std::size_t location, Time duration,
                           TimeWindow window) {
    OptionalVisit visit;
    visit.id = id;
    visit.score = score;
    visit.options.push_back({location, duration, {window}});
    return visit;
}

/// The best score by trying every ordered subset (single route, single-option visits).
std::int64_t brute_force_best(const Problem& problem) {
    const Route& route = problem.routes[0];
    std::int64_t best = 0;
    std::vector<char> used(problem.optional.size(), 0);
    std::function<void(std::size_t, Time, std::int64_t)> extend = [&](std::size_t here, Time time,
                                                                      std::int64_t score) {
        if (time + problem.travel_time(here, route.end_location) > route.window.close) {
            return;
        }
        best = std::max(best, score);
        for (std::size_t v = 0; v < problem.optional.size(); ++v) {
            const VisitOption& option = problem.optional[v].options[0];
            const Time arrival = time + problem.travel_time(here, option.location);
            if (used[v] || arrival > option.windows[0].close) {
                continue;
            }
            used[v] = 1;
            extend(option.location, std::max(arrival, option.windows[0].open) + option.duration,
                   score + problem.optional[v].score);
            used[v] = 0;
        }
    };
    extend(route.start_location, route.window.open, 0);
    return best;
}

} // namespace

TEST_CASE("every answer on random problems is feasible", "[optimize]") {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        const Problem problem = random_problem(seed, 20 + seed % 20, 1 + seed % 3);
        const Solution solution = solve(problem, heuristic_only(150));
        INFO("seed " << seed);
        CHECK(check_solution(problem, solution).empty());
        CHECK(solution.score > 0);
    }
}

TEST_CASE("small problems are solved feasibly with the default options", "[optimize]") {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        const Problem problem = random_problem(seed, 8, 1 + seed % 2);
        SolverOptions options;
        options.time_limit_seconds = 2;
        const Solution solution = solve(problem, options);
        INFO("seed " << seed);
        CHECK(check_solution(problem, solution).empty());
    }
}

TEST_CASE("fixed visits are made on their route inside their windows", "[optimize]") {
    const Problem problem = random_problem(5, 30, 2); // seed 5: two meetings a day
    REQUIRE(problem.fixed.size() == 4);
    const Solution solution = solve(problem, heuristic_only(200));
    REQUIRE(check_solution(problem, solution).empty());
    for (std::size_t f = 0; f < problem.fixed.size(); ++f) {
        const auto& stops = solution.routes[problem.fixed[f].route].stops;
        const auto it =
            std::find_if(stops.begin(), stops.end(), [&](const Stop& s) { return s.fixed && s.visit == f; });
        REQUIRE(it != stops.end());
        CHECK(it->start >= problem.fixed[f].window.open);
        CHECK(it->start <= problem.fixed[f].window.close);
    }
    // The first meeting of each day has a fixed time.
    CHECK(std::any_of(solution.routes[0].stops.begin(), solution.routes[0].stops.end(),
                      [](const Stop& s) { return s.fixed && s.start == 250; }));
}

TEST_CASE("a fixed visit that cannot be reached in time is named in the error", "[optimize]") {
    Problem problem = line_problem({100, 5});
    FixedVisit far;
    far.id = "client-far";
    far.location = 1;
    far.duration = 10;
    far.window = {50, 60}; // 100 away from the depot, which opens at 0
    problem.fixed.push_back(far);
    problem.optional.push_back(simple_visit("coffee", 5, 2, 10, {0, 1000}));
    REQUIRE_THROWS_AS(solve(problem), sidetrip::InputError);
    REQUIRE_THROWS_WITH(solve(problem), Contains("client-far"));
}

TEST_CASE("two fixed visits that overlap far apart name the one that cannot be honoured", "[optimize]") {
    Problem problem = line_problem({100, 300});
    FixedVisit a;
    a.id = "client-a";
    a.location = 1;
    a.duration = 60;
    a.window = {100, 100};
    FixedVisit b;
    b.id = "client-b";
    b.location = 2;
    b.duration = 60;
    b.window = {300, 320}; // reachable alone, but after client-a ends at 160 it is 200 away: 360
    problem.fixed = {a, b};
    REQUIRE_THROWS_AS(solve(problem), sidetrip::InputError);
    REQUIRE_THROWS_WITH(solve(problem), Contains("client-b") && Contains("client-a"));
}

TEST_CASE("a malformed problem is an input error naming the visit", "[optimize]") {
    Problem problem = line_problem({10});
    problem.optional.push_back(simple_visit("nowhere", 5, 7, 10, {0, 100}));
    REQUIRE_THROWS_AS(solve(problem), sidetrip::InputError);
    REQUIRE_THROWS_WITH(solve(problem), Contains("nowhere"));

    Problem unsorted = line_problem({10});
    OptionalVisit visit = simple_visit("lunch", 5, 1, 10, {200, 300});
    visit.options[0].windows.push_back({100, 150});
    unsorted.optional.push_back(visit);
    REQUIRE_THROWS_WITH(solve(unsorted), Contains("lunch") && Contains("sorted"));
}

TEST_CASE("of a visit's alternatives at most one is used, and a reachable one is chosen", "[optimize]") {
    Problem problem = line_problem({900, 20, 30});
    OptionalVisit ana;
    ana.id = "ana";
    ana.score = 10;
    ana.options.push_back({1, 30, {{0, 100}}});               // 900 away: unreachable in its window
    ana.options.push_back({2, 30, {{0, 10}, {200, 300}}});    // second window reachable
    ana.options.push_back({3, 30, {{100, 200}, {400, 500}}}); // also fine
    problem.optional.push_back(ana);
    problem.optional.push_back(simple_visit("ben", 4, 2, 30, {0, 1000}));
    for (std::size_t threshold : {std::size_t{0}, std::size_t{15}}) {
        SolverOptions options;
        options.exact_threshold = threshold;
        options.max_iterations = 100;
        const Solution solution = solve(problem, options);
        REQUIRE(check_solution(problem, solution).empty());
        CHECK(solution.score == 14);
        int ana_stops = 0;
        for (const Stop& stop : solution.routes[0].stops) {
            if (!stop.fixed && stop.visit == 0) {
                ++ana_stops;
                CHECK(stop.option != 0);
            }
        }
        CHECK(ana_stops == 1);
    }
}

TEST_CASE("a day's limit on optional visits is respected", "[optimize]") {
    Problem problem = line_problem({10, 20, 30, 40, 50});
    problem.routes[0].max_optional_visits = 2;
    for (std::size_t v = 0; v < 5; ++v) {
        problem.optional.push_back(
            simple_visit("v" + std::to_string(v), 1 + static_cast<int>(v), v + 1, 10, {0, 1000}));
    }
    const Solution solution = solve(problem, heuristic_only(200));
    REQUIRE(check_solution(problem, solution).empty());
    CHECK(solution.routes[0].stops.size() == 2);
    CHECK(solution.score == 5 + 4);
    CHECK(solution.unassigned.size() == 3);
}

TEST_CASE("between equal scores the solution with less travel wins", "[optimize]") {
    Problem problem = line_problem({300, 40});
    problem.routes[0].max_optional_visits = 1;
    problem.optional.push_back(simple_visit("far", 7, 1, 10, {0, 1000}));
    problem.optional.push_back(simple_visit("near", 7, 2, 10, {0, 1000}));
    for (std::size_t threshold : {std::size_t{0}, std::size_t{15}}) {
        SolverOptions options;
        options.exact_threshold = threshold;
        options.max_iterations = 100;
        const Solution solution = solve(problem, options);
        REQUIRE(check_solution(problem, solution).empty());
        REQUIRE(solution.routes[0].stops.size() == 1);
        CHECK(solution.routes[0].stops[0].visit == 1);
        CHECK(solution.travel == 80);
    }
}

TEST_CASE("the same seed and iteration limit give the same solution", "[optimize]") {
    const Problem problem = random_problem(11, 40, 2);
    SolverOptions options = heuristic_only(300);
    options.seed = 42;
    const Solution a = solve(problem, options);
    const Solution b = solve(problem, options);
    REQUIRE(a.routes.size() == b.routes.size());
    CHECK(a.score == b.score);
    CHECK(a.travel == b.travel);
    CHECK(a.iterations == b.iterations);
    for (std::size_t r = 0; r < a.routes.size(); ++r) {
        REQUIRE(a.routes[r].stops.size() == b.routes[r].stops.size());
        for (std::size_t i = 0; i < a.routes[r].stops.size(); ++i) {
            CHECK(a.routes[r].stops[i].visit == b.routes[r].stops[i].visit);
            CHECK(a.routes[r].stops[i].option == b.routes[r].stops[i].option);
            CHECK(a.routes[r].stops[i].start == b.routes[r].stops[i].start);
        }
    }
}

TEST_CASE("the time limit is respected", "[optimize]") {
    const Problem problem = random_problem(3, 150, 3);
    SolverOptions options;
    // Longer under the sanitizers, where building the first solution alone can take 0.2 s.
    const double limit = 0.2 * sidetrip::test::SanitizerFactor;
    options.time_limit_seconds = limit;
    const auto began = std::chrono::steady_clock::now();
    const Solution solution = solve(problem, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    CHECK(seconds < limit + 0.15 * sidetrip::test::SanitizerFactor);
    CHECK(check_solution(problem, solution).empty());
    CHECK(solution.iterations > 0);
}

TEST_CASE("a search that stops improving ends long before its time limit", "[optimize]") {
    const Problem problem = random_problem(5, 60, 3);
    SolverOptions options;
    options.exact_threshold = 0;
    options.time_limit_seconds = 20;
    options.stall_iterations = 200;
    const auto began = std::chrono::steady_clock::now();
    const Solution solution = solve(problem, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    CHECK(seconds < 5.0);
    CHECK(check_solution(problem, solution).empty());
    CHECK(solution.iterations >= 200);
    // Without the stall rule the same search runs on: more iterations in the same problem.
    options.stall_iterations = 0;
    options.time_limit_seconds = std::max(0.3, 3 * seconds);
    const Solution longer = solve(problem, options);
    CHECK(check_solution(problem, longer).empty());
    CHECK(longer.iterations > solution.iterations);
}

TEST_CASE("the positions the search skips are exactly ones where no visit of that kind fits", "[optimize]") {
    // find_openings lets the search try only some positions of a route for each kind of visit.
    // On random routes (fixed meetings and optional visits inserted at random), every feasible
    // insertion must be among them, with the same shift when started from the listed window.
    std::size_t feasible = 0;
    std::size_t skipped = 0;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        const Problem problem = random_problem(seed, 30, 2);
        const detail::Model model(problem);
        std::mt19937_64 rng(seed * 7919);
        for (std::size_t r = 0; r < problem.routes.size(); ++r) {
            detail::RouteState route;
            route.route = r;
            REQUIRE(detail::schedule(model, route));
            for (std::size_t f = 0; f < problem.fixed.size(); ++f) {
                if (problem.fixed[f].route != r) {
                    continue;
                }
                detail::RouteState with = route;
                with.stops.push_back(detail::StopState{f});
                if (detail::schedule(model, with)) {
                    route = with;
                }
            }
            for (int step = 0; step < 12; ++step) {
                std::vector<std::vector<detail::Opening>> openings;
                detail::find_openings(model, route, openings);
                for (std::size_t n = problem.fixed.size(); n < model.nodes.size(); ++n) {
                    const auto& listed = openings[model.nodes[n].signature];
                    for (std::size_t position = 0; position <= route.stops.size(); ++position) {
                        Time shift = 0;
                        const auto it = std::find_if(listed.begin(), listed.end(), [&](const detail::Opening& o) {
                            return o.position == position;
                        });
                        if (!detail::insertion_shift(model, route, position, n, shift)) {
                            skipped += it == listed.end() ? 1 : 0;
                            continue;
                        }
                        ++feasible;
                        REQUIRE(it != listed.end());
                        Time from_listed = 0;
                        REQUIRE(detail::insertion_shift(model, route, position, n, from_listed, it->window));
                        CHECK(from_listed == shift);
                    }
                }
                // Grow the route by a random optional visit at a random position, when it fits.
                const std::size_t node = problem.fixed.size() +
                                         std::uniform_int_distribution<std::size_t>(
                                             0, model.nodes.size() - problem.fixed.size() - 1)(rng);
                const std::size_t position =
                    std::uniform_int_distribution<std::size_t>(0, route.stops.size())(rng);
                detail::RouteState with = route;
                with.stops.insert(with.stops.begin() + static_cast<std::ptrdiff_t>(position),
                                  detail::StopState{node});
                if (detail::schedule(model, with)) {
                    route = with;
                }
            }
        }
    }
    CHECK(feasible > 1000); // the check saw many insertions that fit
    CHECK(skipped > 1000);  // and the openings did leave many positions out
}

TEST_CASE("a small Solomon-like instance is solved to its optimum", "[optimize]") {
    // Nine customers around a depot, windows and service times in the spirit of Solomon's
    // r1 files; the optimum is found by trying every ordered subset.
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> coordinate(0.0, 60.0);
    std::vector<Point> points(10);
    for (Point& p : points) {
        p = {coordinate(rng), coordinate(rng)};
    }
    points[0] = {30, 30};
    Problem problem;
    problem.location_count = points.size();
    problem.travel = travel_between(points, false, rng);
    Route route;
    route.window = {0, 230};
    problem.routes.push_back(route);
    std::uniform_int_distribution<Time> open(0, 160);
    std::uniform_int_distribution<std::int64_t> score(5, 30);
    for (std::size_t i = 1; i < points.size(); ++i) {
        const Time o = open(rng);
        problem.optional.push_back(simple_visit(std::to_string(i), score(rng), i, 10, {o, o + 30}));
    }
    const std::int64_t optimum = brute_force_best(problem);
    for (std::size_t threshold : {std::size_t{0}, std::size_t{15}}) {
        SolverOptions options;
        options.exact_threshold = threshold;
        options.max_iterations = 500;
        const Solution solution = solve(problem, options);
        REQUIRE(check_solution(problem, solution).empty());
        CHECK(solution.score == optimum);
    }
}

TEST_CASE("the checker rejects a stop outside its window and a missing fixed visit", "[optimize]") {
    Problem problem = line_problem({10, 20});
    FixedVisit meeting;
    meeting.id = "meeting";
    meeting.location = 2;
    meeting.duration = 30;
    meeting.window = {100, 100};
    problem.fixed.push_back(meeting);
    problem.optional.push_back(simple_visit("coffee", 5, 1, 10, {0, 50}));
    const Solution solution = solve(problem, heuristic_only(50));
    REQUIRE(check_solution(problem, solution).empty());
    REQUIRE(solution.routes[0].stops.size() == 2);

    Solution late = solution;
    late.routes[0].stops[0].start = 60;
    late.routes[0].stops[0].departure = 70;
    CHECK_THAT(check_solution(problem, late), Contains("outside its time windows"));

    Solution without_meeting = solution;
    without_meeting.routes[0].stops.pop_back();
    CHECK_FALSE(check_solution(problem, without_meeting).empty());
}
