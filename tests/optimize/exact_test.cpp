#include "sidetrip/core/error.hpp"
#include "sidetrip/optimize/problem.hpp"

#include "../../src/optimize/detail/exact.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace sidetrip::optimize;
using sidetrip::optimize::detail::solve_exact;

namespace {

constexpr Time Never = std::numeric_limits<Time>::max() / 4;

/// An independent feasibility check, so that the exact solver is not judged by code it shares.
std::string feasibility_problem(const Problem& problem, const Solution& solution) {
    if (solution.routes.size() != problem.routes.size())
        return "wrong number of routes";
    std::vector<int> fixed_seen(problem.fixed.size(), 0);
    std::vector<int> optional_seen(problem.optional.size(), 0);
    Time total_travel = 0;
    std::int64_t score = 0;
    for (std::size_t r = 0; r < problem.routes.size(); ++r) {
        const Route& route = problem.routes[r];
        const RouteSolution& made = solution.routes[r];
        const std::string where = "route " + std::to_string(r) + ": ";
        if (made.departure < route.window.open)
            return where + "leaves before its window opens";
        std::size_t location = route.start_location;
        Time time = made.departure;
        Time travel = 0;
        int optional_count = 0;
        for (const Stop& stop : made.stops) {
            Time duration = 0;
            bool in_window = false;
            if (stop.fixed) {
                if (stop.visit >= problem.fixed.size())
                    return where + "unknown fixed visit";
                const FixedVisit& visit = problem.fixed[stop.visit];
                if (visit.route != r || visit.location != stop.location)
                    return where + "fixed visit on the wrong route or location";
                ++fixed_seen[stop.visit];
                duration = visit.duration;
                in_window = visit.window.open <= stop.start && stop.start <= visit.window.close;
            } else {
                if (stop.visit >= problem.optional.size() ||
                    stop.option >= problem.optional[stop.visit].options.size())
                    return where + "unknown optional visit or option";
                const OptionalVisit& visit = problem.optional[stop.visit];
                const VisitOption& option = visit.options[stop.option];
                if (option.location != stop.location)
                    return where + "optional visit at the wrong location";
                ++optional_seen[stop.visit];
                ++optional_count;
                score += visit.score;
                duration = option.duration;
                for (const TimeWindow& window : option.windows)
                    in_window = in_window || (window.open <= stop.start && stop.start <= window.close);
            }
            const Time leg = problem.travel_time(location, stop.location);
            if (stop.arrival != time + leg)
                return where + "arrival does not follow from travel";
            if (stop.start < stop.arrival)
                return where + "service starts before arrival";
            if (!in_window)
                return where + "service starts outside every window";
            if (stop.departure != stop.start + duration)
                return where + "departure does not follow from duration";
            travel += leg;
            time = stop.departure;
            location = stop.location;
        }
        const Time leg = problem.travel_time(location, route.end_location);
        travel += leg;
        if (made.arrival != time + leg)
            return where + "arrival at the end does not follow from travel";
        if (made.arrival > route.window.close)
            return where + "reaches its end after its window closes";
        if (made.travel != travel)
            return where + "travel is not the sum of its legs";
        if (route.max_optional_visits >= 0 && optional_count > route.max_optional_visits)
            return where + "too many optional visits";
        total_travel += travel;
    }
    for (const int seen : fixed_seen)
        if (seen != 1)
            return "a fixed visit is not made exactly once";
    std::vector<std::size_t> unassigned;
    for (std::size_t v = 0; v < optional_seen.size(); ++v) {
        if (optional_seen[v] > 1)
            return "an optional visit is made twice";
        if (optional_seen[v] == 0)
            unassigned.push_back(v);
    }
    if (unassigned != solution.unassigned)
        return "unassigned visits are wrong";
    if (score != solution.score)
        return "score is not the sum of the visits made";
    if (total_travel != solution.travel)
        return "travel is not the sum of the routes";
    return "";
}

/// Brute force over every sequence of every subset with every option on each route (no
/// dominance, no bounds), then over every assignment of visits to routes.
class BruteForce {
public:
    explicit BruteForce(const Problem& problem) : m_problem(problem) {}

    struct Result {
        std::int64_t score = 0;
        Time travel = 0;
    };

    /// The optimum, or nullopt when some route cannot make its fixed visits.
    std::optional<Result> solve() {
        const std::size_t n = m_problem.optional.size();
        std::vector<std::vector<Time>> best;
        for (std::size_t r = 0; r < m_problem.routes.size(); ++r) {
            m_route = r;
            m_best.assign(std::size_t{1} << n, Never);
            m_fixed.clear();
            for (std::size_t f = 0; f < m_problem.fixed.size(); ++f)
                if (m_problem.fixed[f].route == r)
                    m_fixed.push_back(f);
            const Route& route = m_problem.routes[r];
            walk(route.start_location, route.window.open, 0, 0, 0);
            if (std::all_of(m_best.begin(), m_best.end(), [](Time t) { return t == Never; }))
                return std::nullopt;
            best.push_back(m_best);
        }
        // Every assignment: visit v goes to route choice[v] - 1, or nowhere when 0.
        const std::size_t m = m_problem.routes.size();
        std::vector<std::size_t> choice(n, 0);
        std::optional<Result> answer;
        while (true) {
            std::vector<std::uint64_t> sets(m, 0);
            std::int64_t score = 0;
            for (std::size_t v = 0; v < n; ++v)
                if (choice[v] > 0) {
                    sets[choice[v] - 1] |= std::uint64_t{1} << v;
                    score += m_problem.optional[v].score;
                }
            Time travel = 0;
            bool feasible = true;
            for (std::size_t r = 0; r < m && feasible; ++r) {
                feasible = best[r][sets[r]] != Never;
                travel += feasible ? best[r][sets[r]] : 0;
            }
            if (feasible &&
                (!answer || score > answer->score || (score == answer->score && travel < answer->travel)))
                answer = Result{score, travel};
            std::size_t v = 0;
            while (v < n && ++choice[v] > m)
                choice[v++] = 0;
            if (v == n)
                break;
        }
        return answer;
    }

private:
    void walk(std::size_t location, Time time, Time travel, std::uint64_t optional, std::uint64_t fixed) {
        const Route& route = m_problem.routes[m_route];
        if (fixed == (std::uint64_t{1} << m_fixed.size()) - 1) {
            const Time leg = m_problem.travel_time(location, route.end_location);
            if (time + leg <= route.window.close)
                m_best[optional] = std::min(m_best[optional], travel + leg);
        }
        for (std::size_t i = 0; i < m_fixed.size(); ++i) {
            if ((fixed >> i & 1U) != 0)
                continue;
            const FixedVisit& visit = m_problem.fixed[m_fixed[i]];
            const Time leg = m_problem.travel_time(location, visit.location);
            const Time start = std::max(time + leg, visit.window.open);
            if (start <= visit.window.close)
                walk(visit.location, start + visit.duration, travel + leg, optional,
                     fixed | std::uint64_t{1} << i);
        }
        if (route.max_optional_visits >= 0 && std::popcount(optional) >= route.max_optional_visits)
            return;
        for (std::size_t v = 0; v < m_problem.optional.size(); ++v) {
            if ((optional >> v & 1U) != 0)
                continue;
            for (const VisitOption& option : m_problem.optional[v].options) {
                const Time leg = m_problem.travel_time(location, option.location);
                const Time arrival = time + leg;
                for (const TimeWindow& window : option.windows) {
                    if (arrival > window.close)
                        continue;
                    const Time start = std::max(arrival, window.open);
                    walk(option.location, start + option.duration, travel + leg,
                         optional | std::uint64_t{1} << v, fixed);
                    break; // later windows only start later
                }
            }
        }
    }

    const Problem& m_problem;
    std::size_t m_route = 0;
    std::vector<std::size_t> m_fixed;
    std::vector<Time> m_best;
};

std::vector<TimeWindow> random_windows(std::mt19937_64& random, int count) {
    std::vector<TimeWindow> windows;
    Time at = std::uniform_int_distribution<Time>(0, 80)(random);
    for (int i = 0; i < count; ++i) {
        const Time length = std::uniform_int_distribution<Time>(0, 60)(random);
        windows.push_back({at, at + length});
        at += length + 1 + std::uniform_int_distribution<Time>(0, 60)(random);
    }
    return windows;
}

/// A small random problem: asymmetric travel without the triangle inequality, several windows,
/// alternatives, fixed visits, one to three routes with their own ends, windows and limits.
Problem random_problem(std::uint64_t seed, std::size_t optional_count) {
    std::mt19937_64 random(seed);
    auto pick = [&](auto low, auto high) {
        return std::uniform_int_distribution<decltype(high - low)>(low, high)(random);
    };
    Problem problem;
    problem.location_count = static_cast<std::size_t>(pick(4, 9));
    problem.travel.assign(problem.location_count * problem.location_count, 0);
    for (std::size_t a = 0; a < problem.location_count; ++a)
        for (std::size_t b = 0; b < problem.location_count; ++b)
            if (a != b)
                problem.travel[a * problem.location_count + b] = pick(Time{0}, Time{45});
    const auto routes = static_cast<std::size_t>(pick(1, 3));
    for (std::size_t r = 0; r < routes; ++r) {
        Route route;
        route.start_location = static_cast<std::size_t>(pick(0, 1));
        route.end_location = static_cast<std::size_t>(pick(0, 1));
        route.window.open = pick(Time{0}, Time{30});
        route.window.close = route.window.open + pick(Time{90}, Time{260});
        route.max_optional_visits = pick(0, 3) == 0 ? pick(0, 3) : -1;
        problem.routes.push_back(route);
    }
    const int fixed_count = pick(0, 5) < 3 ? 0 : pick(1, 2);
    for (int f = 0; f < fixed_count; ++f) {
        FixedVisit visit;
        visit.id = "meeting " + std::to_string(f);
        visit.route = static_cast<std::size_t>(pick(std::size_t{0}, routes - 1));
        visit.location = static_cast<std::size_t>(pick(std::size_t{2}, problem.location_count - 1));
        visit.duration = pick(Time{0}, Time{20});
        visit.window.open = pick(Time{20}, Time{150});
        visit.window.close = visit.window.open + (pick(0, 3) == 0 ? 0 : pick(Time{0}, Time{50}));
        problem.fixed.push_back(visit);
    }
    for (std::size_t v = 0; v < optional_count; ++v) {
        OptionalVisit visit;
        visit.id = "contact " + std::to_string(v);
        visit.score = pick(std::int64_t{1}, std::int64_t{6});
        const int options = pick(0, 3) == 0 ? 2 : 1;
        for (int o = 0; o < options; ++o) {
            VisitOption option;
            option.location = static_cast<std::size_t>(pick(std::size_t{1}, problem.location_count - 1));
            option.duration = pick(Time{0}, Time{25});
            option.windows = random_windows(random, pick(1, 3));
            visit.options.push_back(option);
        }
        problem.optional.push_back(visit);
    }
    return problem;
}

bool same_routes(const Solution& a, const Solution& b) {
    if (a.routes.size() != b.routes.size() || a.score != b.score || a.travel != b.travel)
        return false;
    for (std::size_t r = 0; r < a.routes.size(); ++r) {
        const auto& x = a.routes[r];
        const auto& y = b.routes[r];
        if (x.stops.size() != y.stops.size() || x.departure != y.departure || x.arrival != y.arrival)
            return false;
        for (std::size_t s = 0; s < x.stops.size(); ++s)
            if (x.stops[s].fixed != y.stops[s].fixed || x.stops[s].visit != y.stops[s].visit ||
                x.stops[s].option != y.stops[s].option || x.stops[s].start != y.stops[s].start)
                return false;
    }
    return true;
}

/// A Solomon-style instance: a depot and customers on a line (x in tens), distances in tenths
/// as in the Solomon files, service times, ready and due times, one or two vehicles.
Problem line_instance(std::size_t vehicles) {
    const std::vector<Time> x = {0, 10, 20, 30, -10}; // depot, customers 1..4
    Problem problem;
    problem.location_count = x.size();
    for (const Time a : x)
        for (const Time b : x)
            problem.travel.push_back(10 * (a > b ? a - b : b - a));
    for (std::size_t v = 0; v < vehicles; ++v)
        problem.routes.push_back({0, 0, {0, 900}, -1});
    const std::vector<std::int64_t> scores = {10, 20, 30, 25};
    const std::vector<Time> due = {1000, 1000, 400, 1000};
    for (std::size_t c = 0; c < 4; ++c)
        problem.optional.push_back(
            {"customer " + std::to_string(c + 1), scores[c], {{c + 1, 50, {{0, due[c]}}}}});
    return problem;
}

} // namespace

TEST_CASE("the exact solver finds the same optimum as brute force on random small problems", "[optimize]") {
    int compared = 0;
    int unplaceable = 0;
    int with_fixed = 0;
    int several_routes = 0;
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
        const Problem problem = random_problem(seed, static_cast<std::size_t>(seed % 7));
        INFO("seed " << seed);
        const auto expected = BruteForce(problem).solve();
        SolverOptions options;
        options.max_iterations = 1; // no clock: the exact solver must finish
        if (!expected) {
            CHECK_THROWS_AS(solve_exact(problem, options), sidetrip::InputError);
            ++unplaceable;
            continue;
        }
        const auto solution = solve_exact(problem, options);
        REQUIRE(solution.has_value());
        CHECK(solution->proven_optimal);
        CHECK(feasibility_problem(problem, *solution) == "");
        CHECK(solution->score == expected->score);
        CHECK(solution->travel == expected->travel);
        ++compared;
        with_fixed += problem.fixed.empty() ? 0 : 1;
        several_routes += problem.routes.size() > 1 ? 1 : 0;
    }
    CHECK(compared >= 250);
    CHECK(with_fixed >= 50);
    CHECK(several_routes >= 150);
    CHECK(unplaceable >= 5);
}

TEST_CASE("the exact solver declines problems above its threshold", "[optimize]") {
    SolverOptions options;
    options.exact_threshold = 15;
    CHECK_FALSE(solve_exact(random_problem(7, 16), options).has_value());
    options.exact_threshold = 3;
    CHECK_FALSE(solve_exact(random_problem(7, 4), options).has_value());
    CHECK(solve_exact(random_problem(7, 3), options).has_value());
}

TEST_CASE("a fixed visit that cannot be reached in time is an input error that names it", "[optimize]") {
    Problem problem;
    problem.location_count = 3;
    problem.travel = {0, 30, 30, 30, 0, 30, 30, 30, 0};
    problem.routes.push_back({0, 0, {0, 200}, -1});
    problem.fixed.push_back({"breakfast", 0, 1, 20, {40, 40}});
    // Breakfast ends at 60 and the office is 30 away: a 10:00 start at 70 is missed.
    problem.fixed.push_back({"board meeting", 0, 2, 20, {70, 70}});
    problem.optional.push_back({"old friend", 5, {{1, 10, {{0, 200}}}}});
    try {
        (void)solve_exact(problem, SolverOptions{});
        FAIL("no InputError");
    } catch (const sidetrip::InputError& error) {
        CHECK_THAT(error.what(), Catch::Matchers::Contains("'board meeting'"));
        CHECK_THAT(error.what(), !Catch::Matchers::Contains("'breakfast' (#0) cannot"));
    }
    problem.fixed[1].window.close = 90;
    const auto solution = solve_exact(problem, SolverOptions{});
    REQUIRE(solution.has_value());
    CHECK(feasibility_problem(problem, *solution) == "");
    CHECK(solution->score == 5);
}

TEST_CASE("a route too short to reach its end is an input error that names the route", "[optimize]") {
    Problem problem;
    problem.location_count = 2;
    problem.travel = {0, 50, 50, 0};
    problem.routes.push_back({0, 0, {0, 100}, -1});
    problem.routes.push_back({0, 1, {0, 40}, -1});
    CHECK_THROWS_WITH(solve_exact(problem, SolverOptions{}), Catch::Matchers::Contains("route 1"));
}

TEST_CASE("the exact solver gives the same routes on every run", "[optimize]") {
    for (std::uint64_t seed = 500; seed < 520; ++seed) {
        const Problem problem = random_problem(seed, 6);
        INFO("seed " << seed);
        std::optional<Solution> first;
        std::optional<Solution> second;
        try {
            first = solve_exact(problem, SolverOptions{});
            second = solve_exact(problem, SolverOptions{});
        } catch (const sidetrip::InputError&) {
            continue;
        }
        REQUIRE(first.has_value());
        REQUIRE(second.has_value());
        CHECK(same_routes(*first, *second));
    }
}

TEST_CASE("a Solomon-style line of customers has the optimum worked out by hand", "[optimize]") {
    // One vehicle, back by 90: customer 3 (x = 30) is due at 40, so it comes first or after 1
    // and 2; 4 (x = -10) then no longer fits with more than 3. {1, 2, 3} scores 60 in 60.
    const Problem one = line_instance(1);
    const auto single = solve_exact(one, SolverOptions{});
    REQUIRE(single.has_value());
    CHECK(feasibility_problem(one, *single) == "");
    CHECK(single->score == 60);
    CHECK(single->travel == 600);
    CHECK(single->unassigned == std::vector<std::size_t>{3});

    // Two vehicles make all four: out to 30 and back (60) and out to -10 and back (20).
    const Problem two = line_instance(2);
    const auto pair = solve_exact(two, SolverOptions{});
    REQUIRE(pair.has_value());
    CHECK(feasibility_problem(two, *pair) == "");
    CHECK(pair->score == 85);
    CHECK(pair->travel == 800);
    CHECK(pair->unassigned.empty());
    CHECK(BruteForce(two).solve()->travel == 800);
}

TEST_CASE("the exact solver proves fifteen optional visits on two routes optimal", "[optimize]") {
    for (const std::size_t routes : {std::size_t{1}, std::size_t{2}}) {
        Problem problem = random_problem(11, 15);
        problem.routes.resize(1);
        problem.routes.front().window = {0, 400};
        problem.routes.front().max_optional_visits = -1;
        problem.routes.resize(routes, problem.routes.front());
        problem.fixed.clear();
        SolverOptions options;
        options.max_iterations = 1;
        const auto solution = solve_exact(problem, options);
        REQUIRE(solution.has_value());
        CHECK(solution->proven_optimal);
        CHECK(feasibility_problem(problem, *solution) == "");
    }
}

TEST_CASE("an optional visit can be the shortcut that makes a fixed visit possible", "[optimize]") {
    // The direct way home from the meeting takes 100; by way of the cafe it takes 10. Without
    // the triangle inequality the cafe, worth nothing, is what makes the day feasible.
    Problem problem;
    problem.location_count = 3;
    problem.travel = {0, 10, 50, 100, 0, 5, 5, 50, 0};
    problem.routes.push_back({0, 0, {0, 50}, -1});
    problem.fixed.push_back({"meeting", 0, 1, 10, {10, 10}});
    problem.optional.push_back({"cafe", 0, {{2, 5, {{0, 100}}}}});
    const auto solution = solve_exact(problem, SolverOptions{});
    REQUIRE(solution.has_value());
    CHECK(feasibility_problem(problem, *solution) == "");
    REQUIRE(solution->routes.front().stops.size() == 2);
    CHECK(solution->routes.front().stops.back().location == 2);
    CHECK(solution->travel == 20);
}
