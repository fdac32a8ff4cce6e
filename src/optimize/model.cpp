#include "detail/model.hpp"

#include <algorithm>
#include <map>

namespace sidetrip::optimize::detail {

namespace {

/// The signature of each node: equal durations and equal windows, equal signature.
void assign_signatures(Model& model) {
    std::map<std::pair<Time, std::vector<std::pair<Time, Time>>>, std::size_t> known;
    for (std::size_t n = 0; n < model.nodes.size(); ++n) {
        Node& node = model.nodes[n];
        std::vector<std::pair<Time, Time>> windows;
        for (std::size_t w = node.window_begin; w < node.window_end; ++w) {
            windows.emplace_back(model.windows[w].open, model.windows[w].close);
        }
        const auto [it, added] = known.try_emplace({node.duration, std::move(windows)}, known.size());
        node.signature = it->second;
        if (added) {
            model.signature_node.push_back(n);
        }
    }
}

} // namespace

Model::Model(const Problem& p) : problem(&p) {
    for (std::size_t f = 0; f < p.fixed.size(); ++f) {
        const FixedVisit& visit = p.fixed[f];
        Node node;
        node.fixed = true;
        node.visit = f;
        node.location = visit.location;
        node.duration = visit.duration;
        node.window_begin = windows.size();
        windows.push_back(visit.window);
        node.window_end = windows.size();
        nodes.push_back(node);
    }
    options_of.resize(p.optional.size());
    for (std::size_t v = 0; v < p.optional.size(); ++v) {
        const OptionalVisit& visit = p.optional[v];
        for (std::size_t o = 0; o < visit.options.size(); ++o) {
            const VisitOption& option = visit.options[o];
            Node node;
            node.visit = v;
            node.option = o;
            node.location = option.location;
            node.duration = option.duration;
            node.score = visit.score;
            node.window_begin = windows.size();
            windows.insert(windows.end(), option.windows.begin(), option.windows.end());
            node.window_end = windows.size();
            options_of[v].push_back(nodes.size());
            nodes.push_back(node);
        }
    }
    assign_signatures(*this);
}


bool schedule(const Model& model, RouteState& route) {
    const Route& r = model.problem->routes[route.route];
    Time time = r.window.open;
    std::size_t location = r.start_location;
    route.travel = 0;
    route.optional_count = 0;
    route.score = 0;
    for (StopState& stop : route.stops) {
        const Node& node = model.nodes[stop.node];
        const Time leg = model.travel(location, node.location);
        route.travel += leg;
        stop.arrival = time + leg;
        if (!earliest_start(model, node, stop.arrival, stop.start, stop.close)) {
            return false;
        }
        stop.wait = stop.start - stop.arrival;
        time = stop.start + node.duration;
        location = node.location;
        if (!node.fixed) {
            ++route.optional_count;
            route.score += node.score;
        }
    }
    const Time leg = model.travel(location, r.end_location);
    route.travel += leg;
    route.end_arrival = time + leg;
    if (route.end_arrival > r.window.close) {
        return false;
    }
    Time later = r.window.close - route.end_arrival;
    for (auto it = route.stops.rbegin(); it != route.stops.rend(); ++it) {
        it->max_shift = std::min(it->close - it->start, later);
        later = it->wait + it->max_shift;
    }
    return true;
}


void find_openings(const Model& model, const RouteState& route, std::vector<std::vector<Opening>>& out) {
    const Route& r = model.problem->routes[route.route];
    out.resize(model.signature_node.size());
    for (auto& list : out) {
        list.clear();
    }
    Time departure = r.window.open; // from the previous stop (or the start)
    for (std::size_t position = 0; position <= route.stops.size(); ++position) {
        if (position > 0) {
            const StopState& previous = route.stops[position - 1];
            departure = previous.start + model.nodes[previous.node].duration;
        }
        Time latest = r.window.close; // the latest arrival at the next stop (or the end)
        if (position < route.stops.size()) {
            const StopState& next = route.stops[position];
            latest = next.arrival + next.wait + next.max_shift;
        }
        for (std::size_t s = 0; s < model.signature_node.size(); ++s) {
            const Node& node = model.nodes[model.signature_node[s]];
            for (std::size_t w = node.window_begin; w < node.window_end; ++w) {
                const TimeWindow& window = model.windows[w];
                if (window.close >= departure) {
                    if (std::max(departure, window.open) + node.duration <= latest) {
                        out[s].push_back({static_cast<std::uint32_t>(position),
                                          static_cast<std::uint32_t>(w - node.window_begin)});
                    }
                    break;
                }
            }
        }
    }
}

bool has_room(const Model& model, const RouteState& route) {
    const int limit = model.problem->routes[route.route].max_optional_visits;
    return limit < 0 || route.optional_count < limit;
}

void State::refresh_totals() {
    score = 0;
    travel = 0;
    for (const RouteState& route : routes) {
        score += route.score;
        travel += route.travel;
    }
}

Solution to_solution(const Model& model, const State& state) {
    Solution solution;
    for (const RouteState& route : state.routes) {
        const Route& r = model.problem->routes[route.route];
        RouteSolution out;
        out.departure = r.window.open;
        for (const StopState& stop : route.stops) {
            const Node& node = model.nodes[stop.node];
            Stop s;
            s.fixed = node.fixed;
            s.visit = node.visit;
            s.option = node.option;
            s.location = node.location;
            s.arrival = stop.arrival;
            s.start = stop.start;
            s.departure = stop.start + node.duration;
            out.stops.push_back(s);
        }
        // Leave as late as the first stop allows instead of waiting there: the same plan, with
        // the wait spent at the start location (at home or the hotel, not outside a café).
        if (!out.stops.empty()) {
            const Time wait = out.stops.front().start - out.stops.front().arrival;
            out.departure += wait;
            out.stops.front().arrival += wait;
        }
        out.arrival = route.end_arrival;
        out.travel = route.travel;
        solution.score += route.score;
        solution.travel += route.travel;
        solution.routes.push_back(std::move(out));
    }
    for (std::size_t v = 0; v < state.assigned.size(); ++v) {
        if (!state.assigned[v]) {
            solution.unassigned.push_back(v);
        }
    }
    return solution;
}

} // namespace sidetrip::optimize::detail
