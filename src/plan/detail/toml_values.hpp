#pragma once
// Typed reading of a TOML file's values with messages that say where the value is and what to
// write instead, kept apart from what the config's sections mean (config.cpp) so that the rules
// for a key's spelling, a time of day or a number are the same in every section.

#include "sidetrip/core/diagnostics.hpp"

#include <toml++/toml.h>

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sidetrip::plan::detail {

constexpr int MinutesPerDay = 24 * 60;

std::string in_quotes(std::string_view s);

/// "07:30" for 450 minutes.
std::string clock_text(std::chrono::minutes m);

std::string joined(std::initializer_list<std::string_view> words);

/// The known key an unknown one is most likely a misspelling of, or empty.
std::string_view closest(std::string_view key, std::initializer_list<std::string_view> known);

/// How a value looks in the file, for messages: "25:00" in quotes, -5, true, or its kind.
std::string shown(const toml::node& node);

/// The file's table, read once. toml++ throws on the first error, so one error is reported at a time.
/// @throws InputError "source:line:column: not valid TOML: ..." with a hint on what to fix
toml::table parse_toml(const std::string& content, const std::string& source);

/// A section's name as written in the file: "[day]", "[meetups.lunch]", "the top level".
struct Section {
    std::string name; ///< "day", "meetups.lunch", "travel.congestion" (empty: top level)
    int item = 0;     ///< 1-based entry of an array of tables ([[travel.congestion]]), 0 otherwise

    std::string header() const {
        if (name.empty()) {
            return "the top level";
        }
        return item > 0 ? "[[" + name + "]] number " + std::to_string(item) : "[" + name + "]";
    }
    /// "[day] start", "[[travel.congestion]] number 2: factor", "home_town"
    std::string key(std::string_view k) const {
        if (name.empty()) {
            return std::string(k);
        }
        return header() + (item > 0 ? ": " : " ") + std::string(k);
    }
};

/// The values of one TOML file (`source`, its name in messages): a wrong value is an InputError
/// naming file:line:column and the key; an unknown key is a warning, held back until
/// flush_warnings() so that warnings come out in the order of the file's lines.
class TomlValues {
public:
    TomlValues(std::string source, Diagnostics& diagnostics)
        : m_source(std::move(source)), m_diagnostics(diagnostics) {}

    void warn(const toml::key& key, std::string message);

    /// Hands the held warnings to the diagnostics, sorted by line.
    void flush_warnings();

    /// @throws InputError "source:line:column: key: what"
    [[noreturn]] void fail(const toml::node& node, const std::string& key, const std::string& what) const;

    /// A value that was read but is not allowed: "`shown value` why" at the key's place.
    /// @throws InputError always; the key must be in the table
    [[noreturn]] void reject(const toml::table& table, const Section& s, std::string_view key,
                             const std::string& why) const;

    /// Unknown keys are warnings, not errors, so that a file written for a newer sidetrip (or
    /// shared between versions) still loads; a likely typo is named.
    void warn_unknown(const toml::table& table, const Section& section,
                      std::initializer_list<std::string_view> known);

    /// The table under `name`, null when absent; anything else under that name is an error.
    /// @throws InputError when `name` holds something other than a table
    const toml::table* section(const toml::table& parent, std::string_view name, std::string_view example,
                               const Section& in = {}) const;

    /// Trimmed text, nullopt when absent. @throws InputError when the value is not text
    std::optional<std::string> string(const toml::table& table, const Section& s, std::string_view key,
                                      const std::string& instead) const;

    /// @throws InputError when the value is not an integer from `low` to `high`
    std::optional<std::int64_t> integer(const toml::table& table, const Section& s, std::string_view key,
                                        std::int64_t low, std::int64_t high,
                                        const std::string& instead) const;

    /// true or false without quotes, nullopt when absent. @throws InputError for anything else
    std::optional<bool> boolean(const toml::table& table, const Section& s, std::string_view key,
                                const std::string& instead) const;

    /// Integers are accepted where a number is wanted: `city_speed_kmh = 24` is what people write.
    /// @throws InputError when the value is not a finite number
    std::optional<double> number(const toml::table& table, const Section& s, std::string_view key,
                                 const std::string& instead) const;

    /// A number that must be there. @throws InputError when missing ("missing key; write ...") or not
    /// a number
    double required_number(const toml::table& table, const Section& s, std::string_view key,
                           const std::string& instead) const;

    /// A time of day, "07:30" (or a TOML local time 07:30:00), as minutes after midnight.
    /// @throws InputError when the value is not a time of day ("24:00" only if allow_midnight_end)
    std::optional<std::chrono::minutes> time_of_day(const toml::table& table, const Section& s,
                                                    std::string_view key, bool allow_midnight_end,
                                                    std::string_view example) const;

private:
    std::string m_source;
    Diagnostics& m_diagnostics;
    std::vector<std::pair<int, std::string>> m_warnings; ///< line, message; tables iterate by key, not line
};

} // namespace sidetrip::plan::detail
