#include "detail/exact.hpp"

#include "sidetrip/core/error.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

// How the exact method works.
//
// 1. Per route, a label-setting search enumerates partial routes as labels (visited set, place,
//    time, travel), where the visited set has one bit per optional visit and one per fixed visit
//    of the route. Labels grow one visit at a time, layer by layer (the layer is the number of
//    visits made), and a label is dropped when another with the same set and place is no later
//    and has travelled no more: whatever completes the one completes the other, because waiting
//    is allowed and the earliest feasible service start only grows with the arrival time. Every
//    label that holds all fixed visits and can still reach the end gives a candidate for
//    best[S], the least travel of a route that makes exactly the optional visits S.
// 2. Routes are combined by dynamic programming over disjoint subsets (cost 3^n per route):
//    F_r(U) = min over S within U of F_{r-1}(U \ S) + best_r[S]. The answer is the set U of
//    greatest score, then least travel, that all routes together can make.
// 3. The chosen route of each day is rebuilt by searching again with only its own visits
//    allowed, which meets exactly the same labels, so no parent chains are kept between steps.
//
// Nothing here assumes the triangle inequality: the bounds that prune labels use shortest paths
// over the locations in play, and the routes themselves use the direct travel times.

namespace sidetrip::optimize::detail {
namespace {

/// Larger than any real time or sum of travel times; small enough that adding two never
/// overflows, so "cannot get there" needs no separate flag.
constexpr Time Unreachable = std::numeric_limits<Time>::max() / 4;
constexpr std::uint32_t NoLabel = std::numeric_limits<std::uint32_t>::max();

Time add(Time a, Time b) {
    if (a >= Unreachable || b >= Unreachable || b > Unreachable - a)
        return Unreachable;
    return a + b;
}

/// Stops the search after MaxExactLabels labels or, when timed, after its share of wall time.
class Budget {
public:
    Budget() = default;
    explicit Budget(const SolverOptions& options) {
        // A run with an iteration limit must give the same answer every time: it is bounded by
        // labels only, never by the clock.
        if (options.max_iterations == 0 && options.time_limit_seconds > 0.0) {
            m_timed = true;
            m_deadline = std::chrono::steady_clock::now() +
                         std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                             std::chrono::duration<double>(options.time_limit_seconds / 2.0));
        }
    }

    /// Whether the search must stop now; reads the clock only every 1024 calls.
    bool exhausted() {
        if (m_labels > MaxExactLabels)
            return true;
        if (!m_timed)
            return false;
        if (++m_calls % 1024 == 0)
            m_out_of_time = std::chrono::steady_clock::now() > m_deadline;
        return m_out_of_time;
    }

    void count_label() { ++m_labels; }
    std::size_t labels() const { return m_labels; }

private:
    bool m_timed = false;
    bool m_out_of_time = false;
    std::chrono::steady_clock::time_point m_deadline{};
    std::size_t m_calls = 0;
    std::size_t m_labels = 0;
};

/// The locations in play (route ends, fixed visits, options), numbered densely as "places",
/// with lower bounds on the travel time between them.
class Places {
public:
    explicit Places(const Problem& problem) : m_problem(problem) {
        m_place_of.assign(problem.location_count, NoLabel);
        for (const Route& route : problem.routes) {
            add_location(route.start_location);
            add_location(route.end_location);
        }
        for (const FixedVisit& visit : problem.fixed)
            add_location(visit.location);
        for (const OptionalVisit& visit : problem.optional)
            for (const VisitOption& option : visit.options)
                add_location(option.location);

        // Floyd-Warshall over the places only: a route passes through no other location, and
        // the matrix need not obey the triangle inequality, so direct times are no bound.
        const std::size_t n = m_locations.size();
        m_shortest.assign(n * n, 0);
        for (std::size_t a = 0; a < n; ++a)
            for (std::size_t b = 0; b < n; ++b)
                m_shortest[a * n + b] = a == b ? 0 : std::min(Unreachable, direct(a, b));
        for (std::size_t k = 0; k < n; ++k)
            for (std::size_t a = 0; a < n; ++a)
                for (std::size_t b = 0; b < n; ++b)
                    m_shortest[a * n + b] =
                        std::min(m_shortest[a * n + b], add(m_shortest[a * n + k], m_shortest[k * n + b]));
    }

    std::size_t count() const { return m_locations.size(); }
    std::uint32_t place_of(std::size_t location) const { return m_place_of[location]; }
    std::size_t location_of(std::uint32_t place) const { return m_locations[place]; }
    /// The travel time of the direct leg from one place to another.
    Time direct(std::size_t from, std::size_t to) const {
        return std::min(Unreachable, m_problem.travel_time(m_locations[from], m_locations[to]));
    }
    /// No sequence of legs from one place to another takes less than this.
    Time shortest(std::size_t from, std::size_t to) const { return m_shortest[from * count() + to]; }

private:
    void add_location(std::size_t location) {
        if (m_place_of[location] != NoLabel)
            return;
        m_place_of[location] = static_cast<std::uint32_t>(m_locations.size());
        m_locations.push_back(location);
    }

    const Problem& m_problem;
    std::vector<std::uint32_t> m_place_of;
    std::vector<std::size_t> m_locations;
    std::vector<Time> m_shortest;
};

/// One way to make one visit on one route: a fixed visit, or one option of an optional visit.
struct Node {
    bool fixed = false;
    std::size_t visit = 0;
    std::size_t option = 0;
    std::uint32_t place = 0;
    Time duration = 0;
    const TimeWindow* windows = nullptr;
    std::size_t window_count = 0;
    std::uint64_t bit = 0;
    Time latest_start = 0; ///< close of the last window
};

/// The earliest service start at or after `arrival` inside a window of `node`, or Unreachable.
/// It never decreases as `arrival` grows, which is what makes the dominance rule sound.
Time earliest_start(const Node& node, Time arrival) {
    for (std::size_t w = 0; w < node.window_count; ++w)
        if (arrival <= node.windows[w].close)
            return std::max(arrival, node.windows[w].open);
    return Unreachable;
}

/// A partial route: where it is (the key of its layer), when it can leave, how far it came.
struct Label {
    Time time = 0;   ///< departure from the last visit (service end), or the route's opening
    Time travel = 0; ///< travel so far
    std::uint32_t parent = NoLabel;
    std::uint32_t node = NoLabel; ///< last visit made, NoLabel at the start
    std::uint32_t next = NoLabel; ///< next label with the same set and place
};

/// The label-setting search of one route (see the top of the file).
class RouteSearch {
public:
    RouteSearch(const Problem& problem, const Places& places, std::size_t route_index,
                const std::vector<std::size_t>& fixed_visits, std::uint64_t allowed_optional)
        : m_places(places), m_route(problem.routes[route_index]) {
        const std::size_t n = problem.optional.size();
        m_optional_bits = (std::uint64_t{1} << n) - 1;
        m_start_place = places.place_of(m_route.start_location);
        m_end_place = places.place_of(m_route.end_location);

        for (std::size_t i = 0; i < fixed_visits.size(); ++i) {
            const FixedVisit& visit = problem.fixed[fixed_visits[i]];
            Node node;
            node.fixed = true;
            node.visit = fixed_visits[i];
            node.place = places.place_of(visit.location);
            node.duration = visit.duration;
            node.windows = &visit.window;
            node.window_count = 1;
            node.bit = std::uint64_t{1} << (n + i);
            node.latest_start = visit.window.close;
            m_required |= node.bit;
            m_nodes.push_back(node);
            m_fixed_nodes.push_back(m_nodes.size() - 1);
        }
        for (std::size_t v = 0; v < n; ++v) {
            if ((allowed_optional >> v & 1U) == 0 || m_route.max_optional_visits == 0)
                continue;
            const OptionalVisit& visit = problem.optional[v];
            for (std::size_t o = 0; o < visit.options.size(); ++o) {
                const VisitOption& option = visit.options[o];
                if (option.windows.empty())
                    continue;
                Node node;
                node.visit = v;
                node.option = o;
                node.place = places.place_of(option.location);
                node.duration = option.duration;
                node.windows = option.windows.data();
                node.window_count = option.windows.size();
                node.bit = std::uint64_t{1} << v;
                node.latest_start = option.windows.back().close;
                // Options that even a route going straight there and straight home cannot
                // make are left out from the start.
                const Time start = earliest_start(
                    node, add(m_route.window.open, places.shortest(m_start_place, node.place)));
                if (add(add(start, node.duration), places.shortest(node.place, m_end_place)) >
                    m_route.window.close)
                    continue;
                m_nodes.push_back(node);
            }
        }
        m_best.assign(std::size_t{1} << n, Unreachable);
        m_best_label.assign(std::size_t{1} << n, {0, NoLabel});
    }

    /// Fills the table of best routes per set of optional visits; false when the budget ran out.
    /// Only a search that keeps its history can tell the visits() of its routes; one that does
    /// not holds two layers of labels at a time.
    bool run(Budget& budget, bool keep_history) {
        const std::uint64_t place_count = m_places.count();
        std::unordered_map<std::uint64_t, std::uint32_t> layer;
        std::unordered_map<std::uint64_t, std::uint32_t> next_layer;
        m_layers.assign(1, {Label{m_route.window.open, 0, NoLabel, NoLabel, NoLabel}});
        budget.count_label();
        layer.emplace(m_start_place, 0);

        for (std::uint32_t depth = 0; !layer.empty(); ++depth) {
            next_layer.clear();
            m_layers.emplace_back();
            const std::vector<Label>& labels = m_layers[depth];
            std::vector<Label>& next_labels = m_layers[depth + 1];
            for (const auto& [key, head] : layer) {
                const std::uint64_t mask = key / place_count;
                const auto place = static_cast<std::uint32_t>(key % place_count);
                const bool optional_full =
                    m_route.max_optional_visits >= 0 &&
                    std::popcount(mask & m_optional_bits) >= m_route.max_optional_visits;
                for (std::uint32_t index = head; index != NoLabel; index = labels[index].next) {
                    const Label& label = labels[index];
                    complete(mask, place, label, depth, index);
                    for (std::size_t v = 0; v < m_nodes.size(); ++v) {
                        const Node& node = m_nodes[v];
                        if ((mask & node.bit) != 0 || (optional_full && !node.fixed))
                            continue;
                        if (!extend(next_layer, next_labels, mask, place, label, index,
                                    static_cast<std::uint32_t>(v)))
                            continue;
                        budget.count_label();
                        if (budget.exhausted())
                            return false;
                    }
                }
            }
            std::swap(layer, next_layer);
            if (!keep_history)
                std::vector<Label>().swap(m_layers[depth]);
        }
        return true;
    }

    /// The least travel of a route making exactly the optional visits `subset` and all its fixed
    /// visits, or Unreachable.
    Time best(std::uint64_t subset) const { return m_best[subset]; }
    const std::vector<Time>& best_table() const { return m_best; }

    /// The visits of the route found for best(subset), in order; needs run(budget, true).
    std::vector<Node> visits(std::uint64_t subset) const {
        std::vector<Node> result;
        auto [depth, index] = m_best_label[subset];
        for (; depth > 0 && index != NoLabel; --depth) {
            const Label& label = m_layers[depth][index];
            result.push_back(m_nodes[label.node]);
            index = label.parent;
        }
        std::reverse(result.begin(), result.end());
        return result;
    }

private:
    /// Records the label as a whole route when it holds every fixed visit and gets home in time.
    void complete(std::uint64_t mask, std::uint32_t place, const Label& label, std::uint32_t depth,
                  std::uint32_t index) {
        if ((mask & m_required) != m_required)
            return;
        if (add(label.time, m_places.direct(place, m_end_place)) > m_route.window.close)
            return;
        const Time travel = add(label.travel, m_places.direct(place, m_end_place));
        const std::uint64_t subset = mask & m_optional_bits;
        if (travel < m_best[subset]) {
            m_best[subset] = travel;
            m_best_label[subset] = {depth, index};
        }
    }

    /// Adds the label extended by a visit to the next layer unless it is infeasible, cannot be
    /// completed, or is dominated; true when a label was added.
    bool extend(std::unordered_map<std::uint64_t, std::uint32_t>& next_layer, std::vector<Label>& next_labels,
                std::uint64_t mask, std::uint32_t place, const Label& label, std::uint32_t index,
                std::uint32_t node_index) {
        const Node& node = m_nodes[node_index];
        const Time leg = m_places.direct(place, node.place);
        const Time start = earliest_start(node, add(label.time, leg));
        if (start >= Unreachable)
            return false;
        const Time departure = add(start, node.duration);
        if (add(departure, m_places.shortest(node.place, m_end_place)) > m_route.window.close)
            return false;
        const std::uint64_t new_mask = mask | node.bit;
        for (const std::size_t f : m_fixed_nodes) {
            const Node& fixed = m_nodes[f];
            if ((new_mask & fixed.bit) == 0 &&
                add(departure, m_places.shortest(node.place, fixed.place)) > fixed.latest_start)
                return false;
        }
        const Time travel = add(label.travel, leg);

        const std::uint64_t key = new_mask * m_places.count() + node.place;
        auto [slot, inserted] = next_layer.try_emplace(key, NoLabel);
        std::uint32_t previous = NoLabel;
        for (std::uint32_t other = slot->second; other != NoLabel;) {
            const Label& existing = next_labels[other];
            if (existing.time <= departure && existing.travel <= travel)
                return false;
            const std::uint32_t following = existing.next;
            if (departure <= existing.time && travel <= existing.travel) {
                if (previous == NoLabel)
                    slot->second = following;
                else
                    next_labels[previous].next = following;
            } else {
                previous = other;
            }
            other = following;
        }
        next_labels.push_back(Label{departure, travel, index, node_index, slot->second});
        slot->second = static_cast<std::uint32_t>(next_labels.size() - 1);
        return true;
    }

    const Places& m_places;
    const Route& m_route;
    std::uint32_t m_start_place = 0;
    std::uint32_t m_end_place = 0;
    std::uint64_t m_optional_bits = 0;
    std::uint64_t m_required = 0;
    std::vector<Node> m_nodes;
    std::vector<std::size_t> m_fixed_nodes;
    std::vector<std::vector<Label>> m_layers; ///< labels by number of visits made
    std::vector<Time> m_best;
    /// Where the label of best[S] is: its layer and its index there.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_best_label;
};

std::string window_text(const TimeWindow& window) {
    return "[" + std::to_string(window.open) + ", " + std::to_string(window.close) + "]";
}

/// Throws the InputError for a route whose fixed visits cannot all be made: names the first of
/// them (in window order) that cannot be added to those before it. False when the budget ran
/// out before the culprit was found.
bool explain_unplaceable(const Problem& problem, const Places& places, std::size_t route,
                         const std::vector<std::size_t>& fixed_visits, std::uint64_t all_optional,
                         Budget& budget) {
    for (std::size_t count = 0; count <= fixed_visits.size(); ++count) {
        const std::vector<std::size_t> first(fixed_visits.begin(),
                                             fixed_visits.begin() + static_cast<std::ptrdiff_t>(count));
        RouteSearch search(problem, places, route, first, all_optional);
        if (!search.run(budget, false))
            return false;
        const auto& table = search.best_table();
        if (std::any_of(table.begin(), table.end(), [](Time t) { return t < Unreachable; }))
            continue;
        const Route& r = problem.routes[route];
        if (count == 0)
            throw InputError("optimizer: route " + std::to_string(route) + " cannot reach its end location " +
                             std::to_string(r.end_location) + " within its window " + window_text(r.window));
        const auto name = [&](std::size_t f) {
            return "fixed visit '" + problem.fixed[f].id + "' (#" + std::to_string(f) + ")";
        };
        const std::size_t culprit = fixed_visits[count - 1];
        throw InputError(
            "optimizer: " + name(culprit) + " cannot be honoured: on route " + std::to_string(route) +
            " it cannot start within its window " + window_text(problem.fixed[culprit].window) +
            (count > 1 ? " together with " + name(fixed_visits[count - 2]) + " and the visits before it"
                       : " and still reach the end of the route in time"));
    }
    throw std::logic_error("solve_exact: fixed visits found infeasible together but feasible one by one");
}

/// Service times of the visits in order, leaving the start as late as the first visit allows.
RouteSolution timed_route(const Problem& problem, const Route& route, const std::vector<Node>& visits) {
    RouteSolution result;
    result.departure = route.window.open;
    std::size_t location = route.start_location;
    Time time = route.window.open;
    for (const Node& node : visits) {
        Stop stop;
        stop.fixed = node.fixed;
        stop.visit = node.visit;
        stop.option = node.option;
        stop.location = node.fixed ? problem.fixed[node.visit].location
                                   : problem.optional[node.visit].options[node.option].location;
        const Time leg = problem.travel_time(location, stop.location);
        stop.arrival = time + leg;
        stop.start = earliest_start(node, stop.arrival);
        stop.departure = stop.start + node.duration;
        result.travel += leg;
        result.stops.push_back(stop);
        location = stop.location;
        time = stop.departure;
    }
    const Time leg = problem.travel_time(location, route.end_location);
    result.arrival = time + leg;
    result.travel += leg;
    if (!result.stops.empty()) {
        // Waiting at the start location is nicer than waiting at the first visit.
        Stop& first = result.stops.front();
        const Time wait = first.start - first.arrival;
        result.departure += wait;
        first.arrival += wait;
    }
    return result;
}

} // namespace

std::optional<Solution> solve_exact(const Problem& problem, const SolverOptions& options) {
    const std::size_t n = problem.optional.size();
    if (n > options.exact_threshold || n > MaxExactOptionalVisits)
        return std::nullopt;

    const Places places(problem);
    Budget budget(options);
    const std::size_t route_count = problem.routes.size();

    // Fixed visits of each route, earliest window first: the order in which a failure is
    // explained (the search itself tries every order).
    std::vector<std::vector<std::size_t>> fixed_by_route(route_count);
    for (std::size_t f = 0; f < problem.fixed.size(); ++f)
        fixed_by_route[problem.fixed[f].route].push_back(f);
    for (auto& visits : fixed_by_route)
        std::stable_sort(visits.begin(), visits.end(), [&](std::size_t a, std::size_t b) {
            const TimeWindow& wa = problem.fixed[a].window;
            const TimeWindow& wb = problem.fixed[b].window;
            return std::tie(wa.open, wa.close) < std::tie(wb.open, wb.close);
        });

    // Labels are keyed by set * places + place in 64 bits.
    const int place_bits = std::bit_width(places.count());
    for (const auto& visits : fixed_by_route)
        if (n + visits.size() + static_cast<std::size_t>(place_bits) > 63)
            return std::nullopt;

    // best_r[S] per route. Routes alike in everything and without fixed visits share a table:
    // benchmark instances have m identical vehicles.
    const std::uint64_t all_optional = (std::uint64_t{1} << n) - 1;
    std::vector<std::vector<Time>> tables;
    std::vector<std::size_t> table_of_route(route_count);
    std::map<std::tuple<std::size_t, std::size_t, Time, Time, int>, std::size_t> shared;
    for (std::size_t r = 0; r < route_count; ++r) {
        const Route& route = problem.routes[r];
        const auto signature = std::make_tuple(route.start_location, route.end_location, route.window.open,
                                               route.window.close, std::max(route.max_optional_visits, -1));
        if (fixed_by_route[r].empty()) {
            if (const auto it = shared.find(signature); it != shared.end()) {
                table_of_route[r] = it->second;
                continue;
            }
        }
        RouteSearch search(problem, places, r, fixed_by_route[r], all_optional);
        if (!search.run(budget, false))
            return std::nullopt;
        // Without the triangle inequality an optional visit can be a shortcut, so a route whose
        // fixed visits fail on their own may still work with optional ones: only a route with
        // no feasible set at all is an error.
        const auto& table = search.best_table();
        if (std::all_of(table.begin(), table.end(), [](Time t) { return t >= Unreachable; }) &&
            !explain_unplaceable(problem, places, r, fixed_by_route[r], all_optional, budget))
            return std::nullopt;
        table_of_route[r] = tables.size();
        tables.push_back(search.best_table());
        if (fixed_by_route[r].empty())
            shared.emplace(signature, table_of_route[r]);
    }

    // Combine the routes over disjoint sets of optional visits.
    const std::size_t subsets = std::size_t{1} << n;
    std::vector<Time> combined(subsets, Unreachable);
    combined[0] = 0;
    std::vector<std::vector<std::uint32_t>> choice(route_count, std::vector<std::uint32_t>(subsets, 0));
    for (std::size_t r = 0; r < route_count; ++r) {
        const std::vector<Time>& table = tables[table_of_route[r]];
        std::vector<Time> next(subsets, Unreachable);
        for (std::uint64_t all = 0; all < subsets; ++all) {
            if (budget.exhausted())
                return std::nullopt;
            Time best = Unreachable;
            std::uint64_t best_subset = 0;
            for (std::uint64_t subset = all;; subset = (subset - 1) & all) {
                if (table[subset] < Unreachable && combined[all ^ subset] < Unreachable) {
                    const Time travel = table[subset] + combined[all ^ subset];
                    if (travel < best) {
                        best = travel;
                        best_subset = subset;
                    }
                }
                if (subset == 0)
                    break;
            }
            next[all] = best;
            choice[r][all] = static_cast<std::uint32_t>(best_subset);
        }
        combined = std::move(next);
    }

    // Greatest score, then least travel; the smallest set on a full tie, for determinism.
    // (Every route has a feasible set, but when some need an optional visit as a shortcut, the
    // routes may still compete for the same ones.)
    bool found = false;
    std::uint64_t chosen = 0;
    std::int64_t chosen_score = 0;
    for (std::uint64_t all = 0; all < subsets; ++all) {
        if (combined[all] >= Unreachable)
            continue;
        std::int64_t score = 0;
        for (std::size_t v = 0; v < n; ++v)
            if ((all >> v & 1U) != 0)
                score += problem.optional[v].score;
        if (!found || score > chosen_score || (score == chosen_score && combined[all] < combined[chosen])) {
            found = true;
            chosen = all;
            chosen_score = score;
        }
    }
    if (!found)
        throw InputError(
            "optimizer: the fixed visits cannot all be honoured: some routes reach theirs only by way "
            "of optional visits that another route needs too");

    Solution solution;
    solution.routes.resize(route_count);
    solution.score = chosen_score;
    solution.proven_optimal = true;
    solution.iterations = budget.labels();
    std::uint64_t remaining = chosen;
    for (std::size_t r = route_count; r-- > 0;) {
        const std::uint64_t subset = choice[r][remaining];
        remaining ^= subset;
        // Searching again with only this route's visits meets the same labels as before.
        Budget unlimited;
        RouteSearch search(problem, places, r, fixed_by_route[r], subset);
        search.run(unlimited, true);
        if (search.best(subset) != tables[table_of_route[r]][subset])
            throw std::logic_error("solve_exact: a route could not be rebuilt");
        solution.routes[r] = timed_route(problem, problem.routes[r], search.visits(subset));
        solution.travel += solution.routes[r].travel;
    }
    for (std::size_t v = 0; v < n; ++v)
        if ((chosen >> v & 1U) == 0)
            solution.unassigned.push_back(v);
    return solution;
}

} // namespace sidetrip::optimize::detail
