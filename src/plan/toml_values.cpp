#include "detail/toml_values.hpp"

#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <type_traits>

namespace sidetrip::plan::detail {

namespace {

using std::chrono::minutes;

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// "7:30" or "07:30" -> 450; "24:00" -> 1440; anything else (seconds, "am", spaces) -> nullopt.
std::optional<int> parse_clock(std::string_view s) {
    const std::size_t colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() != colon + 3) {
        return std::nullopt;
    }
    const auto digits = [](std::string_view d) {
        return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    const std::string_view hh = s.substr(0, colon);
    const std::string_view mm = s.substr(colon + 1);
    if (!digits(hh) || !digits(mm)) {
        return std::nullopt;
    }
    const int hours = std::stoi(std::string(hh));
    const int mins = std::stoi(std::string(mm));
    if (mins > 59 || hours > 24 || (hours == 24 && mins != 0)) {
        return std::nullopt;
    }
    return hours * 60 + mins;
}

} // namespace

toml::table parse_toml(const std::string& content, const std::string& source) {
    try {
        return toml::parse(content, source);
    } catch (const toml::parse_error& e) {
        const toml::source_position& at = e.source().begin;
        throw InputError(source + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                         ": not valid TOML: " + std::string(e.description()) +
                         "; fix the file there (text values need double quotes, such as start = \"07:30\")");
    }
}

std::string in_quotes(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

/// "07:30" for 450 minutes.
std::string clock_text(minutes m) {
    const auto total = static_cast<int>(m.count());
    const int hours = total / 60;
    const int mins = total % 60;
    return (hours < 10 ? "0" : "") + std::to_string(hours) + ":" + (mins < 10 ? "0" : "") +
           std::to_string(mins);
}

std::string joined(std::initializer_list<std::string_view> words) {
    std::string out;
    for (std::string_view w : words) {
        out += (out.empty() ? "" : ", ") + std::string(w);
    }
    return out;
}

/// The known key an unknown one is most likely a misspelling of, or empty.
std::string_view closest(std::string_view key, std::initializer_list<std::string_view> known) {
    const std::string lower = text::ascii_lower(key);
    std::string_view best;
    std::size_t best_distance = 3; // more than 2 edits away is a different word, not a typo
    for (std::string_view k : known) {
        const std::size_t d = edit_distance(lower, k);
        if (d < best_distance) {
            best = k;
            best_distance = d;
        }
    }
    if (best.empty()) {
        // "buffer" for "buffer_minutes", "travel_minutes" for "max_travel_minutes"
        for (std::string_view k : known) {
            if (lower.size() >= 4 && k.find(lower) != std::string_view::npos) {
                return k;
            }
        }
    }
    return best;
}

/// How a value looks in the file, for messages: "25:00" in quotes, -5, true, or its kind.
std::string shown(const toml::node& node) {
    if (const auto* s = node.as_string()) {
        return in_quotes(s->get());
    }
    if (node.is_table()) {
        return "a table";
    }
    if (node.is_array()) {
        return "a list";
    }
    std::ostringstream out;
    if (const auto* f = node.as_floating_point()) {
        // toml++ prints every digit of the binary value (0.90000000000000002); people wrote 0.9.
        out << f->get();
        return out.str();
    }
    node.visit([&out](const auto& v) {
        if constexpr (toml::is_value<std::remove_cvref_t<decltype(v)>>) {
            out << v;
        }
    });
    return out.str();
}

void TomlValues::warn(const toml::key& key, std::string message) {
    m_warnings.emplace_back(static_cast<int>(key.source().begin.line), std::move(message));
}

void TomlValues::flush_warnings() {
    std::stable_sort(m_warnings.begin(), m_warnings.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [line, message] : m_warnings) {
        m_diagnostics.warn(m_source, line, std::move(message));
    }
    m_warnings.clear();
}

[[noreturn]] void TomlValues::fail(const toml::node& node, const std::string& key,
                                   const std::string& what) const {
    const toml::source_position& at = node.source().begin;
    throw InputError(m_source + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + key +
                     ": " + what);
}

void TomlValues::reject(const toml::table& table, const Section& s, std::string_view key,
                        const std::string& why) const {
    const toml::node& node = *table.get(key);
    fail(node, s.key(key), shown(node) + " " + why);
}

void TomlValues::warn_unknown(const toml::table& table, const Section& section,
                              std::initializer_list<std::string_view> known) {
    for (auto&& [key, node] : table) {
        const std::string_view name = key.str();
        if (std::find(known.begin(), known.end(), name) != known.end()) {
            continue;
        }
        std::string message;
        if (section.name.empty()) {
            message = node.is_table() ? "unknown section [" + std::string(name) + "]"
                                      : "unknown key " + in_quotes(name) +
                                            " at the top level (keys belong under a section such as [user])";
        } else {
            message = "unknown key " + in_quotes(name) + " in " + section.header();
        }
        message += ", ignored";
        if (const std::string_view guess = closest(name, known); !guess.empty()) {
            message += "; did you mean " + in_quotes(guess) + "?";
        } else {
            message += " (a newer sidetrip may know it; known here: " + joined(known) + ")";
        }
        warn(key, message);
    }
}

const toml::table* TomlValues::section(const toml::table& parent, std::string_view name,
                                       std::string_view example, const Section& in) const {
    const toml::node* node = parent.get(name);
    if (node == nullptr) {
        return nullptr;
    }
    const toml::table* table = node->as_table();
    if (table == nullptr) {
        const std::string full = in.name.empty() ? std::string(name) : in.name + "." + std::string(name);
        fail(*node, in.key(name),
             shown(*node) + " where a section was expected; write [" + full +
                 "] on a line of its own with its keys below it, such as " + std::string(example));
    }
    return table;
}

std::optional<std::string> TomlValues::string(const toml::table& table, const Section& s,
                                              std::string_view key, const std::string& instead) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    const auto* str = node->as_string();
    if (str == nullptr) {
        fail(*node, s.key(key), shown(*node) + " is not text; write " + instead);
    }
    return std::string(text::trim(str->get()));
}

std::optional<std::int64_t> TomlValues::integer(const toml::table& table, const Section& s,
                                                std::string_view key, std::int64_t low, std::int64_t high,
                                                const std::string& instead) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    const auto* i = node->as_integer();
    if (i == nullptr || i->get() < low || i->get() > high) {
        fail(*node, s.key(key), shown(*node) + " is not allowed; write " + instead);
    }
    return i->get();
}

std::optional<bool> TomlValues::boolean(const toml::table& table, const Section& s, std::string_view key,
                                        const std::string& instead) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    const auto* b = node->as_boolean();
    if (b == nullptr) {
        fail(*node, s.key(key), shown(*node) + " is not true or false; write " + instead);
    }
    return b->get();
}

std::optional<double> TomlValues::number(const toml::table& table, const Section& s, std::string_view key,
                                         const std::string& instead) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    std::optional<double> value;
    if (const auto* i = node->as_integer()) {
        value = static_cast<double>(i->get());
    } else if (const auto* f = node->as_floating_point()) {
        value = f->get();
    }
    if (!value || !std::isfinite(*value)) {
        fail(*node, s.key(key), shown(*node) + " is not a number; write " + instead);
    }
    return value;
}

double TomlValues::required_number(const toml::table& table, const Section& s, std::string_view key,
                                   const std::string& instead) const {
    auto value = number(table, s, key, instead);
    if (!value) {
        fail(table, s.header(), "missing " + std::string(key) + "; write " + instead);
    }
    return *value;
}

std::optional<minutes> TomlValues::time_of_day(const toml::table& table, const Section& s,
                                               std::string_view key, bool allow_midnight_end,
                                               std::string_view example) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    std::optional<int> parsed;
    if (const auto* str = node->as_string()) {
        parsed = parse_clock(str->get());
    } else if (const auto* t = node->as_time()) {
        const toml::time& v = t->get();
        if (v.second == 0 && v.nanosecond == 0) {
            parsed = v.hour * 60 + v.minute;
        }
    }
    const int latest = allow_midnight_end ? MinutesPerDay : MinutesPerDay - 1;
    if (!parsed || *parsed > latest) {
        fail(*node, s.key(key),
             shown(*node) + " is not a time of day; write a 24-hour time from \"00:00\" to " +
                 in_quotes(clock_text(minutes{latest})) + " in quotes, such as " + std::string(key) + " = " +
                 in_quotes(example));
    }
    return minutes{*parsed};
}

} // namespace sidetrip::plan::detail
