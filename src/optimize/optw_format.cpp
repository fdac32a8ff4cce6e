#include "sidetrip/optimize/optw_format.hpp"

#include "sidetrip/core/error.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

namespace sidetrip::optimize {

namespace {

struct Vertex {
    double x = 0, y = 0, service = 0, score = 0, open = 0, close = 0;
};

std::vector<std::string_view> tokens_of(std::string_view line) {
    std::vector<std::string_view> tokens;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) {
            ++i;
        }
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
            ++i;
        }
        if (i > start) {
            tokens.push_back(line.substr(start, i - start));
        }
    }
    return tokens;
}

/// The next line of `text` from `at` (without its '\n'); false at the end.
bool next_line(std::string_view text, std::size_t& at, std::string_view& line) {
    if (at >= text.size()) {
        return false;
    }
    const auto end = text.find('\n', at);
    line = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    at = end == std::string_view::npos ? text.size() : end + 1;
    return true;
}

} // namespace

Problem read_optw_instance(std::string_view text, const std::string& source_name, int routes, Time scale) {
    auto fail = [&](std::size_t line, const std::string& why) -> InputError {
        return InputError(source_name + ":" + std::to_string(line) + ": " + why +
                          " (expected the KU Leuven OPTW format: 'k v N t', a second line, then N + 1 "
                          "vertex lines 'i x y d S f a ... O C')");
    };
    if (routes < 1 || routes > 100 || scale < 1 || scale > 1000) {
        throw InputError(source_name + ": routes must be 1 to 100 and scale 1 to 1000");
    }
    auto number = [&](std::string_view token, std::size_t line) {
        double value = 0;
        const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
        // 1e9 time units (tenths of a unit: 1e8 units) is far beyond any published instance.
        if (error != std::errc() || end != token.data() + token.size() || !std::isfinite(value) ||
            std::fabs(value) > 1e8) {
            throw fail(line, "'" + std::string(token.substr(0, 40)) + "' is not a number in range");
        }
        return value;
    };

    std::size_t at = 0;
    std::string_view line;
    if (!next_line(text, at, line)) {
        throw fail(1, "the file is empty");
    }
    const auto header = tokens_of(line);
    if (header.size() < 3) {
        throw fail(1, "the header has fewer than 3 fields");
    }
    const double announced = number(header[2], 1);
    if (announced < 1 || announced > static_cast<double>(MaxOptwCustomers) || announced != std::floor(announced)) {
        throw fail(1, "the number of customers must be a whole number from 1 to " + std::to_string(MaxOptwCustomers));
    }
    const auto customers = static_cast<std::size_t>(announced);
    next_line(text, at, line); // line 2: not used by the OPTW
    std::vector<Vertex> vertices;
    std::size_t line_number = 2;
    while (vertices.size() < customers + 1 && next_line(text, at, line)) {
        ++line_number;
        const auto t = tokens_of(line);
        if (t.empty()) {
            continue;
        }
        if (t.size() < 7) {
            throw fail(line_number, "a vertex line has fewer than 7 fields");
        }
        Vertex v;
        v.x = number(t[1], line_number);
        v.y = number(t[2], line_number);
        v.service = number(t[3], line_number);
        v.score = number(t[4], line_number);
        v.open = number(t[t.size() - 2], line_number);
        v.close = number(t[t.size() - 1], line_number);
        if (v.service < 0 || v.close < v.open) {
            throw fail(line_number, "a negative service time, or a window that closes before it opens");
        }
        vertices.push_back(v);
    }
    if (vertices.size() != customers + 1) {
        throw fail(line_number, "the header announces " + std::to_string(customers + 1) + " vertices, the file has " +
                                    std::to_string(vertices.size()));
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

} // namespace sidetrip::optimize
