#pragma once

// The heuristic's working representation of a TOPTW problem: every way to make a visit is a
// node (fixed visits first, then each option of each optional visit), and a route is a
// sequence of nodes with the arrival/start/wait/MaxShift bookkeeping of Vansteenwegen et al.
// (2009), so that inserting a node at a position is checked in constant time.

#include "sidetrip/optimize/problem.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sidetrip::optimize::detail {

/// One way to make a visit: a fixed visit, or one option of an optional visit.
struct Node {
    bool fixed = false;
    std::size_t visit = 0;
    std::size_t option = 0;
    std::size_t location = 0;
    Time duration = 0;
    std::int64_t score = 0;
    std::size_t window_begin = 0; ///< into Model::windows
    std::size_t window_end = 0;
    /// Nodes with the same duration and windows (one kind of meetup, wherever it is) share a
    /// signature: where on a route they may fit at all is the same for all of them.
    std::size_t signature = 0;
};

struct Model {
    const Problem* problem = nullptr;
    std::vector<Node> nodes;                          ///< fixed visits first (node f is fixed f)
    std::vector<TimeWindow> windows;                  ///< all windows, nodes index ranges of it
    std::vector<std::vector<std::size_t>> options_of; ///< optional visit -> its nodes
    std::vector<std::size_t> signature_node;          ///< signature -> a node that has it

    explicit Model(const Problem& p);
    Time travel(std::size_t from, std::size_t to) const { return problem->travel_time(from, to); }
    std::size_t optional_node(std::size_t visit, std::size_t option) const {
        return options_of[visit][option];
    }
};

/// A node placed on a route, with its schedule.
struct StopState {
    std::size_t node = 0;
    Time arrival = 0;
    Time start = 0;
    Time wait = 0;      ///< start - arrival
    Time max_shift = 0; ///< how much later this stop may start without breaking any later window
    Time close = 0;     ///< close of the window the start lies in
};

struct RouteState {
    std::size_t route = 0;
    std::vector<StopState> stops;
    Time end_arrival = 0;
    Time travel = 0;
    int optional_count = 0;
    std::int64_t score = 0;
};

/// Recomputes every time of `route` from its node sequence, earliest start everywhere, then
/// the MaxShift of each stop backwards. False when some window or the route's end is missed.
bool schedule(const Model& model, RouteState& route);

/// The earliest start at or after `arrival` inside one of the node's windows (from its window
/// `first` on), and the close of that window; false when every window has closed.
inline bool earliest_start(const Model& model, const Node& node, Time arrival, Time& start, Time& close,
                           std::size_t first = 0) {
    for (std::size_t w = node.window_begin + first; w < node.window_end; ++w) {
        const TimeWindow& window = model.windows[w];
        if (window.close >= arrival) {
            start = std::max(arrival, window.open);
            close = window.close;
            return true;
        }
    }
    return false;
}

/// The increase of the arrival time at the stop after `position` (or at the route's end) if
/// `node` is inserted before the stop now at `position`; false when that breaks a window.
/// `first_window` (an offset into the node's windows) skips windows known to close too early.
/// Inline: the search asks it millions of times.
inline bool insertion_shift(const Model& model, const RouteState& route, std::size_t position,
                            std::size_t node_index, Time& shift, std::size_t first_window = 0) {
    const Route& r = model.problem->routes[route.route];
    const Node& node = model.nodes[node_index];
    std::size_t previous_location = r.start_location;
    Time previous_departure = r.window.open;
    if (position > 0) {
        const StopState& previous = route.stops[position - 1];
        const Node& previous_node = model.nodes[previous.node];
        previous_location = previous_node.location;
        previous_departure = previous.start + previous_node.duration;
    }
    Time start = 0;
    Time close = 0;
    if (!earliest_start(model, node, previous_departure + model.travel(previous_location, node.location),
                        start, close, first_window)) {
        return false;
    }
    const Time departure = start + node.duration;
    if (position < route.stops.size()) {
        const StopState& next = route.stops[position];
        shift = departure + model.travel(node.location, model.nodes[next.node].location) - next.arrival;
        return shift <= next.wait + next.max_shift;
    }
    shift = departure + model.travel(node.location, r.end_location) - route.end_arrival;
    return route.end_arrival + shift <= r.window.close;
}

/// A position of a route where a node of some signature may fit, and the first of the
/// signature's windows that is still open there.
struct Opening {
    std::uint32_t position = 0;
    std::uint32_t window = 0;
};

/**
 * For each signature, the positions of `route` (in increasing order) where one of its nodes
 * may be inserted: the gap from the previous stop's departure to the latest arrival the next
 * stop allows holds the duration inside one of the windows. Travel times are never negative,
 * so insertion_shift fails at every other position for every node of that signature; the
 * search tries only these. `out` is reused to keep allocations out of the search's loop.
 */
void find_openings(const Model& model, const RouteState& route, std::vector<std::vector<Opening>>& out);

/// Whether the route may take one more optional visit (the per-route limit).
bool has_room(const Model& model, const RouteState& route);

/// A set of routes, and which optional visits they make.
struct State {
    std::vector<RouteState> routes;
    std::vector<char> assigned; ///< per optional visit
    std::int64_t score = 0;
    Time travel = 0;

    void refresh_totals();
};

/// Higher score, then less travel.
inline bool better(const State& a, const State& b) {
    return a.score > b.score || (a.score == b.score && a.travel < b.travel);
}

/// Converts a state to the public solution (times, totals, unassigned visits).
Solution to_solution(const Model& model, const State& state);

} // namespace sidetrip::optimize::detail
