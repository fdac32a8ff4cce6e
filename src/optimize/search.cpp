#include "detail/search.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

namespace sidetrip::optimize::detail {

namespace {

using Clock = std::chrono::steady_clock;

/// How an insertion is valued: the ILS's score^2 / time used favours valuable visits; plain
/// score / time used favours cheap ones. Alternating both diversifies the recreate step.
enum class Ratio { ScoreSquared, Score };

using Openings = std::vector<std::vector<Opening>>; ///< per signature (find_openings)

struct Insertion {
    std::size_t route = 0;
    std::size_t position = 0;
    std::size_t node = 0;
    double value = -1.0;
};

class Searcher {
public:
    Searcher(const Model& model, const SolverOptions& options) : m_model(model), m_rng(options.seed) {
        for (std::size_t v = 0; v < model.options_of.size(); ++v) {
            if (model.problem->optional[v].score > 0 && !model.options_of[v].empty()) {
                m_candidates.push_back(v);
            }
        }
        double total = 0;
        for (std::size_t v : m_candidates) {
            total += static_cast<double>(model.problem->optional[v].score);
        }
        m_mean_score = m_candidates.empty() ? 1.0 : total / static_cast<double>(m_candidates.size());
    }

    State run(State current, const SolverOptions& options, Clock::time_point deadline,
              std::size_t& iterations) {
        const Clock::time_point began = Clock::now();
        fill(current, 0.0, Ratio::ScoreSquared);
        improve(current);
        State best = current;
        State candidate;
        std::size_t since_best = 0;
        std::size_t since_restart = 0;
        iterations = 0;
        for (;;) {
            if (options.max_iterations > 0 && iterations >= options.max_iterations) {
                break;
            }
            const Clock::time_point now = Clock::now();
            if (now >= deadline) {
                break;
            }
            // Every candidate visit made: only travel can still improve, and rarely does.
            if (all_assigned(best) && since_best > 2000) {
                break;
            }
            if (options.stall_iterations > 0 && since_best >= options.stall_iterations) {
                break;
            }
            ++iterations;
            double progress = 0;
            if (options.max_iterations > 0) {
                progress = static_cast<double>(iterations) / static_cast<double>(options.max_iterations);
            } else {
                progress = std::chrono::duration<double>(now - began).count() /
                           std::max(1e-9, std::chrono::duration<double>(deadline - began).count());
                if (options.stall_iterations > 0) {
                    // The end may come from a stall long before the deadline: cool towards it.
                    progress = std::max(progress, static_cast<double>(since_best) /
                                                      static_cast<double>(options.stall_iterations));
                }
            }

            candidate = current; // keeps its allocations from one iteration to the next
            ruin(candidate);
            const double noise = uniform() < 0.5 ? 0.0 : 0.3 * uniform();
            fill(candidate, noise, uniform() < 0.8 ? Ratio::ScoreSquared : Ratio::Score);
            if (candidate.score >= current.score || uniform() < 0.1) {
                improve(candidate);
            }
            if (better(candidate, best)) {
                best = candidate;
                since_best = 0;
                since_restart = 0;
            } else {
                ++since_best;
                ++since_restart;
            }
            // Simulated annealing on the score: worse solutions are accepted often early on,
            // rarely at the end, so the search wanders before it settles near the best.
            const double temperature = m_temp * m_mean_score * (1.0 - progress) + 1e-9;
            if (!better(current, candidate) ||
                uniform() < std::exp(static_cast<double>(candidate.score - current.score) / temperature)) {
                std::swap(current, candidate);
            }
            if (static_cast<double>(since_restart) > m_restart_after) {
                if (uniform() < m_fresh) {
                    for (std::size_t r = 0; r < current.routes.size(); ++r) {
                        for (std::size_t i = current.routes[r].stops.size(); i-- > 0;) {
                            remove(current, r, i);
                        }
                    }
                    fill(current, m_fresh_noise, Ratio::ScoreSquared);
                    improve(current);
                } else {
                    current = best;
                }
                since_restart = 0;
            }
        }
        return best;
    }

private:
    double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(m_rng); }
    std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_rng); }

    bool all_assigned(const State& state) const {
        return std::all_of(m_candidates.begin(), m_candidates.end(),
                           [&](std::size_t v) { return state.assigned[v] != 0; });
    }

    double value(std::int64_t score, Time shift, Ratio ratio) const {
        const double s = static_cast<double>(score);
        const double used = static_cast<double>(std::max<Time>(shift, 0)) + 1.0;
        return (ratio == Ratio::ScoreSquared ? s * s : s) / used;
    }

    /// The best insertion of visit `v` into route `r` (the first of equal ones), value -1 when
    /// none fits; `openings` are the route's (find_openings): the positions worth trying.
    /// The visit's value falls as the time it uses grows, so its best insertion is the first
    /// one that uses the least time (an integer comparison, no division per try).
    Insertion best_in_route(const State& state, std::size_t r, std::size_t v, Ratio ratio,
                            const Openings& openings) const {
        const RouteState& route = state.routes[r];
        Insertion best;
        Time least = 0;
        bool found = false;
        for (std::size_t node : m_model.options_of[v]) {
            for (const Opening& opening : openings[m_model.nodes[node].signature]) {
                Time shift = 0;
                if (insertion_shift(m_model, route, opening.position, node, shift, opening.window)) {
                    shift = std::max<Time>(shift, 0);
                    if (!found || shift < least) {
                        found = true;
                        least = shift;
                        best = {r, opening.position, node, 0.0};
                    }
                }
            }
        }
        if (found) {
            best.value = value(m_model.problem->optional[v].score, least, ratio);
        }
        return best;
    }

    void apply(State& state, const Insertion& insertion) {
        RouteState& route = state.routes[insertion.route];
        StopState stop;
        stop.node = insertion.node;
        route.stops.insert(route.stops.begin() + static_cast<std::ptrdiff_t>(insertion.position), stop);
        schedule(m_model, route); // feasible: insertion_shift said so
        state.assigned[m_model.nodes[insertion.node].visit] = 1;
        state.refresh_totals();
    }

    /// Greedy insertion until nothing fits; `noise` perturbs each visit's value by up to that
    /// fraction. True when something was inserted. Each round takes the best insertion of all:
    /// the best of each visit in each route comes from the route's column (without the noise,
    /// which is drawn anew each round), and an insertion changes only its own route's column.
    /// Scaling by a positive factor keeps which of a visit's insertions is best: values of one
    /// visit differ by far more than a rounding error, or are equal.
    bool fill(State& state, double noise, Ratio ratio) {
        const std::size_t routes = state.routes.size();
        m_columns.resize(routes);
        m_in_use.resize(routes);
        for (std::size_t r = 0; r < routes; ++r) {
            m_in_use[r] = &column(state, r, ratio);
        }
        bool any = false;
        for (;;) {
            Insertion best;
            for (std::size_t c = 0; c < m_candidates.size(); ++c) {
                if (state.assigned[m_candidates[c]]) {
                    continue;
                }
                const double factor = noise > 0 ? 1.0 + noise * (2.0 * uniform() - 1.0) : 1.0;
                for (std::size_t r = 0; r < routes; ++r) {
                    const Insertion& in_route = (*m_in_use[r])[c];
                    if (in_route.value >= 0 && in_route.value * factor > best.value) {
                        best = in_route;
                        best.value = in_route.value * factor;
                    }
                }
            }
            if (best.value < 0) {
                return any;
            }
            apply(state, best);
            m_in_use[best.route] = &column(state, best.route, ratio);
            any = true;
        }
    }

    /// Route `r`'s column: the best insertion of every candidate (made or not) into it as it
    /// is now, by `ratio`; none where the route has no room. Computing one is most of the
    /// search's work, and routes that a ruin left alone come back unchanged, so each route
    /// keeps its last few columns.
    const std::vector<Insertion>& column(const State& state, std::size_t r, Ratio ratio) {
        const RouteState& route = state.routes[r];
        const auto same_route = [&](const Column& kept) {
            return kept.valid && kept.ratio == ratio && kept.nodes.size() == route.stops.size() &&
                   std::equal(kept.nodes.begin(), kept.nodes.end(), route.stops.begin(),
                              [](std::size_t node, const StopState& stop) { return node == stop.node; });
        };
        auto& kept = m_columns[r];
        for (Column& c : kept) {
            if (same_route(c)) {
                c.used = ++m_clock;
                return c.best;
            }
        }
        Column& c = *std::min_element(kept.begin(), kept.end(),
                                      [](const Column& a, const Column& b) { return a.used < b.used; });
        c.valid = true;
        c.ratio = ratio;
        c.used = ++m_clock;
        c.nodes.clear();
        for (const StopState& stop : route.stops) {
            c.nodes.push_back(stop.node);
        }
        find_openings(m_model, route, m_openings);
        const bool room = has_room(m_model, route);
        c.best.assign(m_candidates.size(), Insertion{});
        if (room) {
            for (std::size_t k = 0; k < m_candidates.size(); ++k) {
                c.best[k] = best_in_route(state, r, m_candidates[k], ratio, m_openings);
            }
        }
        return c.best;
    }

    /// Removes stop `i` of route `r` unless it is fixed or its removal breaks a window (travel
    /// times need not obey the triangle inequality). True when removed.
    bool remove(State& state, std::size_t r, std::size_t i) {
        RouteState& route = state.routes[r];
        const Node& node = m_model.nodes[route.stops[i].node];
        if (node.fixed) {
            return false;
        }
        RouteState& changed = m_scratch; // a copy that keeps its allocation from call to call
        changed = route;
        changed.stops.erase(changed.stops.begin() + static_cast<std::ptrdiff_t>(i));
        if (!schedule(m_model, changed)) {
            return false;
        }
        std::swap(route, changed);
        state.assigned[node.visit] = 0;
        state.refresh_totals();
        return true;
    }

    void ruin(State& state) {
        std::size_t total = 0;
        for (const RouteState& route : state.routes) {
            total += static_cast<std::size_t>(route.optional_count);
        }
        if (total == 0) {
            return;
        }
        const double kind = uniform();
        if (kind < 0.5) {
            // Shake: a stretch of consecutive stops in every route.
            for (std::size_t r = 0; r < state.routes.size(); ++r) {
                const std::size_t size = state.routes[r].stops.size();
                if (size == 0) {
                    continue;
                }
                const std::size_t length =
                    1 + below(std::max<std::size_t>(
                            1, static_cast<std::size_t>(static_cast<double>(size) / m_ruin) + 1));
                std::size_t at = below(size);
                for (std::size_t k = 0; k < length && at < state.routes[r].stops.size(); ++k) {
                    if (!remove(state, r, at)) {
                        ++at;
                    }
                }
            }
        } else {
            // Random stops anywhere.
            const std::size_t count =
                1 + below(std::max<std::size_t>(
                        1, static_cast<std::size_t>(static_cast<double>(total) / m_ruin) + 1));
            for (std::size_t k = 0; k < count; ++k) {
                const std::size_t r = below(state.routes.size());
                if (!state.routes[r].stops.empty()) {
                    remove(state, r, below(state.routes[r].stops.size()));
                }
            }
        }
    }

    /// 2-opt and relocate inside each route, first improvement, while travel decreases.
    bool reduce_travel(State& state) {
        bool any = false;
        for (RouteState& route : state.routes) {
            bool improved = true;
            while (improved) {
                improved = false;
                const std::size_t n = route.stops.size();
                RouteState& changed = m_scratch;
                for (std::size_t i = 0; i + 1 < n && !improved; ++i) {
                    for (std::size_t j = i + 1; j < n && !improved; ++j) {
                        changed = route;
                        std::reverse(changed.stops.begin() + static_cast<std::ptrdiff_t>(i),
                                     changed.stops.begin() + static_cast<std::ptrdiff_t>(j) + 1);
                        if (schedule(m_model, changed) && changed.travel < route.travel) {
                            std::swap(route, changed);
                            improved = true;
                        }
                    }
                }
                for (std::size_t i = 0; i < n && !improved; ++i) {
                    for (std::size_t j = 0; j < n && !improved; ++j) {
                        if (j == i || j + 1 == i) {
                            continue;
                        }
                        changed = route;
                        const StopState moved = changed.stops[i];
                        changed.stops.erase(changed.stops.begin() + static_cast<std::ptrdiff_t>(i));
                        const std::size_t to = j < i ? j + 1 : j;
                        changed.stops.insert(changed.stops.begin() + static_cast<std::ptrdiff_t>(to), moved);
                        if (schedule(m_model, changed) && changed.travel < route.travel) {
                            std::swap(route, changed);
                            improved = true;
                        }
                    }
                }
                any = any || improved;
            }
        }
        if (any) {
            state.refresh_totals();
        }
        return any;
    }

    /// Moves an optional stop to another route where it costs less travel.
    bool relocate_between_routes(State& state) {
        for (std::size_t a = 0; a < state.routes.size(); ++a) {
            for (std::size_t i = 0; i < state.routes[a].stops.size(); ++i) {
                const StopState stop = state.routes[a].stops[i];
                if (m_model.nodes[stop.node].fixed) {
                    continue;
                }
                RouteState without = state.routes[a];
                without.stops.erase(without.stops.begin() + static_cast<std::ptrdiff_t>(i));
                if (!schedule(m_model, without)) {
                    continue;
                }
                const Time saved = state.routes[a].travel - without.travel;
                for (std::size_t b = 0; b < state.routes.size(); ++b) {
                    if (b == a || !has_room(m_model, state.routes[b])) {
                        continue;
                    }
                    const RouteState& target = state.routes[b];
                    for (std::size_t position = 0; position <= target.stops.size(); ++position) {
                        Time shift = 0;
                        if (!insertion_shift(m_model, target, position, stop.node, shift)) {
                            continue;
                        }
                        RouteState with = target;
                        with.stops.insert(with.stops.begin() + static_cast<std::ptrdiff_t>(position), stop);
                        schedule(m_model, with);
                        if (with.travel - target.travel < saved) {
                            state.routes[a] = std::move(without);
                            state.routes[b] = std::move(with);
                            state.refresh_totals();
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /// Replaces an assigned optional visit by an unassigned one worth more, in the same place
    /// or anywhere in that route.
    bool replace(State& state) {
        for (std::size_t r = 0; r < state.routes.size(); ++r) {
            for (std::size_t i = 0; i < state.routes[r].stops.size(); ++i) {
                const Node& node = m_model.nodes[state.routes[r].stops[i].node];
                if (node.fixed) {
                    continue;
                }
                State& changed = m_state_scratch;
                changed = state;
                if (!remove(changed, r, i)) {
                    continue;
                }
                Insertion best;
                find_openings(m_model, changed.routes[r], m_replace_openings);
                for (std::size_t v : m_candidates) {
                    if (!changed.assigned[v] && v != node.visit &&
                        m_model.problem->optional[v].score > node.score) {
                        const Insertion in_route =
                            best_in_route(changed, r, v, Ratio::ScoreSquared, m_replace_openings);
                        if (in_route.value > best.value) {
                            best = in_route;
                        }
                    }
                }
                if (best.value >= 0) {
                    apply(changed, best);
                    std::swap(state, changed);
                    return true;
                }
            }
        }
        return false;
    }

    /// Local search until nothing improves. `state` has just been filled: nothing more fits,
    /// so filling it again is needed only once something has changed.
    void improve(State& state) {
        bool full = true;
        for (;;) {
            bool changed = reduce_travel(state);
            if (state.routes.size() > 1) {
                while (relocate_between_routes(state)) {
                    changed = true;
                }
            }
            if (changed || !full) {
                changed = fill(state, 0.0, Ratio::ScoreSquared) || changed;
            }
            const bool replaced = replace(state);
            full = !replaced;
            if (!changed && !replaced) {
                return;
            }
        }
    }

    const Model& m_model;
    std::mt19937_64 m_rng;
    /// A route's column (see column()), for the node sequence and ratio it was made for.
    struct Column {
        bool valid = false;
        Ratio ratio = Ratio::ScoreSquared;
        std::vector<std::size_t> nodes;
        std::vector<Insertion> best; ///< per candidate (m_candidates)
        std::uint64_t used = 0;      ///< when last asked for: the oldest is replaced
    };
    std::vector<std::array<Column, 4>> m_columns;       ///< per route
    std::uint64_t m_clock = 0;                          ///< counts column() calls
    std::vector<const std::vector<Insertion>*> m_in_use; ///< during fill(): each route's column
    Openings m_openings;                                ///< column()'s
    Openings m_replace_openings;                        ///< of the route replace() works on
    RouteState m_scratch;             ///< remove() and reduce_travel() work on it
    State m_state_scratch;            ///< replace() works on it
    std::vector<std::size_t> m_candidates;
    double m_mean_score = 1.0;
    // Tuned on the Solomon c1/r1/rc1 instances with one route (see docs/optimizer.md).
    /// Initial annealing temperature, as a fraction of the mean score of a visit.
    double m_temp = 0.5;
    /// Iterations without a new best before the search leaves its current region.
    double m_restart_after = 300;
    /// Share of those restarts that rebuild the routes from scratch (the rest go back to the
    /// best): without them the search stays in the first cluster it settled in (rc101, rc105).
    double m_fresh = 0.5;
    /// Noise of the greedy insertion that rebuilds the routes from scratch.
    double m_fresh_noise = 0.5;
    /// A ruin removes up to 1/m_ruin of the stops (of a route, or of all routes).
    double m_ruin = 3;
};

} // namespace

State search(const Model& model, State start, const SolverOptions& options, Clock::time_point deadline,
             std::size_t& iterations) {
    Searcher searcher(model, options);
    return searcher.run(std::move(start), options, deadline, iterations);
}

} // namespace sidetrip::optimize::detail
