#pragma once

#include "sidetrip/core/diagnostics.hpp"
#include "sidetrip/plan/planner.hpp"
#include "sidetrip/plan/travel_model.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sidetrip::plan {

/// [geocoder]: the online geocoder (docs/geocoding_online.md). Unset keys keep the defaults.
struct GeocoderConfig {
    std::optional<bool> online;                 ///< online = true; unset: on when `service` is given
    std::optional<std::string> service;         ///< service = "nominatim" or "photon" (lower-cased)
    std::optional<std::string> url;             ///< url = "https://nominatim.example.org" (own instance)
    std::optional<std::string> contact;         ///< contact = "me@example.com"
    std::optional<std::string> language;        ///< language = "en" (empty: not sent)
    std::optional<int> max_lookups;             ///< max_lookups = 50 (per run)
    std::optional<double> min_interval_seconds; ///< min_interval_seconds = 1.0
    std::optional<bool> street_level;           ///< street_level = true: ask online first, for street-level points
};

/**
 * What config.toml may set (docs/configuration.md lists every key). Every field is optional:
 * unset ones keep the program's defaults, and command-line flags win over what is set here.
 * The caller applies it to PlannerSettings / TravelModelSettings.
 */
struct Config {
    std::optional<std::string> home;               ///< [user] home = "Lipa, Batangas"
    std::vector<std::string> emails;               ///< [user] emails = ["me@example.com"]; empty: not set
    std::optional<std::chrono::minutes> day_start; ///< [day] start = "07:30" (minutes after midnight)
    std::optional<std::chrono::minutes> day_end;   ///< [day] end = "21:30"; "24:00" is midnight
    std::optional<int> meetups_per_day;            ///< [day] meetups_per_day = 2
    std::optional<std::chrono::minutes> buffer;    ///< [day] buffer_minutes = 15
    std::optional<std::chrono::minutes> max_reach; ///< [candidates] max_travel_minutes = 75
    std::optional<int> default_cadence_days;       ///< [cadence] default_days = 180
    /// [cadence.tags] homeschool = 60, "ex-colleagues" = 120: tag (lower-cased) -> days; empty: not set
    std::map<std::string, int> cadence_by_tag;
    /// [meetups.lunch] start = "11:30", latest_start = "12:15", minutes = 75. Only the kinds the
    /// file gives, in the order breakfast, coffee, lunch, dinner, drinks: the caller merges them
    /// into the default kinds, replacing a kind given here and keeping the others.
    std::vector<MeetupKindSettings> kinds;
    /// [travel] and [[travel.congestion]]: the defaults with the keys the file gives applied;
    /// nullopt when the file has no [travel] section. Giving any zone replaces all built-in ones.
    std::optional<TravelModelSettings> travel;
    bool online_geocoder = false; ///< the online geocoder is on: [geocoder] online = true, or a service given
    GeocoderConfig geocoder;      ///< [geocoder]: every key as given
};

/**
 * Reads a config file. Unknown sections and keys are warnings in `diagnostics` (file:line,
 * ignored), so that a file written for a newer sidetrip still works with this one.
 * @throws InputError when the file cannot be read, is not valid TOML, or a key has the wrong
 *         type or value (day start "25:00", negative minutes, meetups_per_day below 0); the
 *         message names file:line:column and the key and says what to write instead.
 */
Config load_config(const std::filesystem::path& path, Diagnostics& diagnostics);

/**
 * Where the config file is looked for when `--config` is not given:
 * $XDG_CONFIG_HOME/sidetrip/config.toml (when XDG_CONFIG_HOME is set to an absolute path),
 * else ~/.config/sidetrip/config.toml. Returns the first of these that exists, nullopt when
 * neither does. Reads the environment; never throws on a missing or unreadable directory.
 */
std::optional<std::filesystem::path> default_config_path();

} // namespace sidetrip::plan
