#include "sidetrip/plan/config.hpp"

#include "detail/toml_values.hpp"

#include "sidetrip/core/error.hpp"
#include "sidetrip/core/files.hpp"
#include "sidetrip/core/text.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string_view>
#include <unistd.h>

namespace sidetrip::plan {

namespace {

namespace fs = std::filesystem;
using detail::clock_text;
using detail::closest;
using detail::in_quotes;
using detail::MinutesPerDay;
using detail::Section;
using detail::shown;
using std::chrono::minutes;

constexpr std::array<MeetupKind, 5> AllKinds = {MeetupKind::Breakfast, MeetupKind::Coffee, MeetupKind::Lunch,
                                                MeetupKind::Dinner, MeetupKind::Drinks};

/// What the config's sections and keys mean; how a single value is read and reported is
/// TomlValues', shared by every section.
class ConfigReader : private detail::TomlValues {
public:
    ConfigReader(std::string source, Diagnostics& diagnostics) : TomlValues(std::move(source), diagnostics) {}

    /// Warnings come out in the order of the file's lines, also when a later key is an error.
    Config read(const toml::table& root) {
        try {
            Config config = read_sections(root);
            flush_warnings();
            return config;
        } catch (...) {
            flush_warnings();
            throw;
        }
    }

private:
    Config read_sections(const toml::table& root) {
        Config config;
        warn_unknown(root, Section{},
                     {"user", "day", "candidates", "cadence", "meetups", "travel", "geocoder"});
        if (const toml::table* user = section(root, "user", "home = \"Lipa, Batangas\"")) {
            read_user(*user, config);
        }
        if (const toml::table* day = section(root, "day", "start = \"07:30\"")) {
            read_day(*day, config);
        }
        if (const toml::table* candidates = section(root, "candidates", "max_travel_minutes = 75")) {
            const Section s{"candidates"};
            warn_unknown(*candidates, s, {"max_travel_minutes"});
            if (auto m =
                    integer(*candidates, s, "max_travel_minutes", 1, MinutesPerDay,
                            "a whole number of minutes from 1 to 1440 (with 0 nobody would be near enough), "
                            "such as max_travel_minutes = 75")) {
                config.max_reach = minutes{*m};
            }
        }
        if (const toml::table* cadence = section(root, "cadence", "default_days = 180")) {
            read_cadence(*cadence, config);
        }
        if (const toml::table* meetups = section(root, "meetups", "[meetups.lunch]")) {
            read_meetups(*meetups, config);
        }
        if (const toml::table* travel = section(root, "travel", "city_speed_kmh = 24")) {
            config.travel = read_travel(*travel);
        }
        if (const toml::table* geocoder = section(root, "geocoder", "online = false")) {
            read_geocoder(*geocoder, config);
        }
        return config;
    }

    void read_geocoder(const toml::table& geocoder, Config& config) {
        const Section s{"geocoder"};
        warn_unknown(geocoder, s,
                     {"online", "service", "url", "contact", "language", "max_lookups",
                      "min_interval_seconds", "street_level"});
        GeocoderConfig& g = config.geocoder;
        if (auto b = boolean(geocoder, s, "street_level",
                             "street_level = true or street_level = false, without quotes")) {
            g.street_level = *b;
        }
        if (auto b = boolean(geocoder, s, "online", "online = false or online = true, without quotes")) {
            g.online = *b;
        }
        if (auto service =
                string(geocoder, s, "service", "service = \"nominatim\" or service = \"photon\"")) {
            const std::string lower = text::ascii_lower(*service);
            if (lower != "nominatim" && lower != "photon") {
                fail(*geocoder.get("service"), s.key("service"),
                     in_quotes(*service) + " is not a geocoder sidetrip knows; write service = \"nominatim\" "
                                           "or service = \"photon\"");
            }
            g.service = lower;
        }
        if (auto url = string(geocoder, s, "url",
                              "the server's base URL, such as url = \"https://nominatim.example.org\"")) {
            if (!text::istarts_with(*url, "http://") && !text::istarts_with(*url, "https://")) {
                fail(*geocoder.get("url"), s.key("url"),
                     in_quotes(*url) +
                         " is not an http:// or https:// URL; write the server's base URL, such as "
                         "url = \"https://nominatim.example.org\"");
            }
            g.url = *url;
        }
        if (auto contact =
                string(geocoder, s, "contact", "your e-mail address, such as contact = \"me@example.com\"")) {
            if (!contact->empty() && contact->find('@') == std::string::npos) {
                fail(*geocoder.get("contact"), s.key("contact"),
                     in_quotes(*contact) + " is not an e-mail address; write one the service's operators can "
                                           "reach you at, such as contact = \"me@example.com\"");
            }
            g.contact = *contact;
        }
        if (auto language = string(geocoder, s, "language", "a language code, such as language = \"en\"")) {
            const bool plain = std::all_of(language->begin(), language->end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == ',';
            });
            if (!plain || language->size() > 35) {
                fail(*geocoder.get("language"), s.key("language"),
                     in_quotes(*language) + " is not a language code; write one such as language = \"en\" or "
                                            "language = \"de\" (or \"\" for the service's default)");
            }
            g.language = *language;
        }
        if (auto n = integer(geocoder, s, "max_lookups", 0, 1000000,
                             "a whole number of lookups per run, 0 (only cached answers) or more, such as "
                             "max_lookups = 50")) {
            g.max_lookups = static_cast<int>(*n);
        }
        if (auto seconds =
                number(geocoder, s, "min_interval_seconds",
                       "the seconds between two requests, 0 to 60, such as min_interval_seconds = 1.0")) {
            if (*seconds < 0.0 || *seconds > 60.0) {
                reject(geocoder, s, "min_interval_seconds",
                       "is not allowed; write the seconds between two requests, 0 to 60, such as "
                       "min_interval_seconds = 1.0");
            }
            g.min_interval_seconds = *seconds;
        }
        config.online_geocoder = g.online.value_or(g.service.has_value());
    }

    void read_user(const toml::table& user, Config& config) {
        const Section s{"user"};
        warn_unknown(user, s, {"home", "emails"});
        if (const toml::node* node = user.get("home")) {
            const auto* str = node->as_string();
            if (str == nullptr || text::trim(str->get()).empty()) {
                fail(*node, s.key("home"),
                     shown(*node) + " is not a place; write the town you live in, in quotes, such as "
                                    "home = \"Lipa, Batangas\"");
            }
            config.home = std::string(text::trim(str->get()));
        }
        if (const toml::node* node = user.get("emails")) {
            const auto* list = node->as_array();
            if (list == nullptr) {
                fail(*node, s.key("emails"),
                     shown(*node) + " is not a list; write the addresses in square brackets, such as "
                                    "emails = [\"me@example.com\", \"me@work.example\"]");
            }
            for (const toml::node& item : *list) {
                const auto* str = item.as_string();
                if (str == nullptr || str->get().find('@') == std::string::npos) {
                    fail(item, s.key("emails"),
                         shown(item) + " is not an e-mail address; write each address in quotes, such as "
                                       "emails = [\"me@example.com\"]");
                }
                config.emails.emplace_back(text::trim(str->get()));
            }
        }
    }

    void read_day(const toml::table& day, Config& config) {
        const Section s{"day"};
        warn_unknown(day, s, {"start", "end", "meetups_per_day", "buffer_minutes"});
        config.day_start = time_of_day(day, s, "start", false, "07:30");
        config.day_end = time_of_day(day, s, "end", true, "21:30");
        // A day that ends before it starts leaves no room for anything; compare with the
        // default for the end not given, so that `start = "22:00"` alone is caught too.
        const PlannerSettings defaults;
        const minutes start = config.day_start.value_or(defaults.day_start);
        const minutes end = config.day_end.value_or(defaults.day_end);
        if ((config.day_start || config.day_end) && start >= end) {
            const std::string_view key = config.day_end ? "end" : "start";
            fail(*day.get(key), s.key(key),
                 "the day would end (" + clock_text(end) + (config.day_end ? "" : ", the default end") +
                     ") before it starts (" + clock_text(start) +
                     (config.day_start ? "" : ", the default start") +
                     "); write an end later than the start, such as start = \"07:30\" and end = \"21:30\"");
        }
        if (auto n = integer(day, s, "meetups_per_day", 0, 24,
                             "a whole number from 0 (no suggestions) to 24, such as meetups_per_day = 2")) {
            config.meetups_per_day = static_cast<int>(*n);
        }
        if (auto m = integer(day, s, "buffer_minutes", 0, MinutesPerDay,
                             "a whole number of minutes from 0 to 1440, such as buffer_minutes = 15")) {
            config.buffer = minutes{*m};
        }
    }

    void read_cadence(const toml::table& cadence, Config& config) {
        const Section s{"cadence"};
        warn_unknown(cadence, s, {"default_days", "tags"});
        if (auto d = integer(cadence, s, "default_days", 1, 36500,
                             "a whole number of days, 1 or more, such as default_days = 180")) {
            config.default_cadence_days = static_cast<int>(*d);
        }
        const toml::table* tags = section(cadence, "tags", "homeschool = 60", s);
        if (tags == nullptr) {
            return;
        }
        const Section t{"cadence.tags"};
        std::map<std::string, const toml::key*> seen; // lower-cased tag -> where it was first given
        for (auto&& [key, node] : *tags) {
            // Tags are matched without regard to case (the planner lower-cases contacts' tags).
            std::string tag = text::ascii_lower(text::trim(key.str()));
            if (tag.empty()) {
                fail(node, t.key(in_quotes(key.str())),
                     "a tag name cannot be empty; write the tag as the key, such as homeschool = 60");
            }
            const bool bare = std::all_of(tag.begin(), tag.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            });
            const auto days = integer(*tags, t, key.str(), 1, 36500,
                                      "a whole number of days, 1 or more, such as " +
                                          (bare ? tag : in_quotes(tag)) + " = 60");
            config.cadence_by_tag[tag] = static_cast<int>(*days);
            if (auto [it, inserted] = seen.emplace(tag, &key); !inserted) {
                // The table is sorted by key, not by line: blame the later of the two lines.
                const toml::key& other = *it->second;
                const bool this_is_later = key.source().begin.line > other.source().begin.line;
                const toml::key& later = this_is_later ? key : other;
                const toml::key& earlier = this_is_later ? other : key;
                fail(*tags->get(later.str()), t.key(later.str()),
                     "the tag " + in_quotes(tag) + " is given twice (also on line " +
                         std::to_string(earlier.source().begin.line) + ", as " + in_quotes(earlier.str()) +
                         "; tags are compared without case); keep one");
            }
        }
    }

    void read_meetups(const toml::table& meetups, Config& config) {
        const Section s{"meetups"};
        for (auto&& [key, node] : meetups) {
            const std::string_view name = key.str(); // clang 14 cannot capture a structured binding
            const auto known = std::find_if(AllKinds.begin(), AllKinds.end(),
                                            [&](MeetupKind k) { return to_string(k) == name; });
            if (known == AllKinds.end()) {
                std::string message =
                    "unknown meetup kind " + in_quotes(key.str()) + " in [meetups], ignored";
                if (const std::string_view guess =
                        closest(key.str(), {"breakfast", "coffee", "lunch", "dinner", "drinks"});
                    !guess.empty()) {
                    message += "; did you mean " + in_quotes(guess) + "?";
                } else {
                    message += " (the kinds are breakfast, coffee, lunch, dinner and drinks)";
                }
                warn(key, message);
            }
        }
        // In the enum's order, not the file's, so that the result does not depend on how the
        // file is laid out.
        for (MeetupKind kind : AllKinds) {
            const std::string name(to_string(kind));
            const toml::table* table = section(meetups, name, "start = \"11:30\"", s);
            if (table != nullptr) {
                config.kinds.push_back(read_kind(*table, kind));
            }
        }
    }

    MeetupKindSettings read_kind(const toml::table& table, MeetupKind kind) {
        const Section s{"meetups." + std::string(to_string(kind))};
        warn_unknown(table, s, {"start", "latest_start", "minutes"});
        const auto start = time_of_day(table, s, "start", false, "11:30");
        const auto latest = time_of_day(table, s, "latest_start", false, "12:15");
        const auto length = integer(table, s, "minutes", 1, MinutesPerDay,
                                    "a whole number of minutes from 1 to 1440, such as minutes = 75");
        // The defaults of a kind live with the planner; a kind given here replaces the default
        // one as a whole, so a half-given kind would silently mix with nothing.
        std::vector<std::string_view> missing;
        if (!start) {
            missing.push_back("start");
        }
        if (!latest) {
            missing.push_back("latest_start");
        }
        if (!length) {
            missing.push_back("minutes");
        }
        if (!missing.empty()) {
            std::string list;
            for (std::size_t i = 0; i < missing.size(); ++i) {
                list += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + std::string(missing[i]);
            }
            fail(table, s.header(),
                 "missing " + list +
                     "; a meetup kind replaces the default one as a whole, so give all three, such as "
                     "start = \"11:30\", latest_start = \"12:15\", minutes = 75 (the defaults are in "
                     "docs/configuration.md)");
        }
        if (*latest < *start) {
            fail(*table.get("latest_start"), s.key("latest_start"),
                 in_quotes(clock_text(*latest)) + " is before start (" + in_quotes(clock_text(*start)) +
                     "); write a latest_start at or after the start");
        }
        return MeetupKindSettings{kind, minutes{*length}, *start, *latest};
    }

    TravelModelSettings read_travel(const toml::table& travel) {
        const Section s{"travel"};
        warn_unknown(travel, s,
                     {"walk_max_km", "walk_speed_kmh", "walk_detour", "city_max_km", "city_speed_kmh",
                      "city_detour", "city_leg_km", "intercity_speed_kmh", "intercity_detour",
                      "drive_overhead_minutes", "congestion"});
        TravelModelSettings settings;
        // The same limits as DistanceTravelModel's, checked here so that the message can say
        // where in the file the value is.
        const auto at_least = [&](std::string_view key, double low, const std::string& example,
                                  double& target) {
            if (auto v = number(travel, s, key, example)) {
                if (*v < low) {
                    std::ostringstream bound;
                    bound << low;
                    reject(travel, s, key,
                           "is too small; write a number of " + bound.str() + " or more, such as " + example);
                }
                target = *v;
            }
        };
        const auto above_zero = [&](std::string_view key, const std::string& example, double& target) {
            if (auto v = number(travel, s, key, example)) {
                if (*v <= 0.0) {
                    reject(travel, s, key, "is not a speed; write a number above 0, such as " + example);
                }
                target = *v;
            }
        };
        at_least("walk_max_km", 0.0, "walk_max_km = 1.2", settings.walk_max_km);
        at_least("city_max_km", 0.0, "city_max_km = 15", settings.city_max_km);
        above_zero("walk_speed_kmh", "walk_speed_kmh = 4.5", settings.walk_speed_kmh);
        above_zero("city_speed_kmh", "city_speed_kmh = 24", settings.city_speed_kmh);
        above_zero("intercity_speed_kmh", "intercity_speed_kmh = 95", settings.intercity_speed_kmh);
        // A detour below 1 would make the road shorter than the straight line.
        at_least("walk_detour", 1.0, "walk_detour = 1.3", settings.walk_detour);
        at_least("city_detour", 1.0, "city_detour = 1.35", settings.city_detour);
        at_least("intercity_detour", 1.0, "intercity_detour = 1.15", settings.intercity_detour);
        at_least("city_leg_km", 0.0, "city_leg_km = 2.5", settings.city_leg_km);
        at_least("drive_overhead_minutes", 0.0, "drive_overhead_minutes = 10",
                 settings.drive_overhead_minutes);
        if (settings.city_max_km < settings.walk_max_km) {
            const std::string_view key = travel.get("city_max_km") != nullptr ? "city_max_km" : "walk_max_km";
            std::ostringstream what;
            what << "city_max_km (" << settings.city_max_km
                 << (travel.get("city_max_km") != nullptr ? "" : ", the default")
                 << ") is below walk_max_km (" << settings.walk_max_km
                 << (travel.get("walk_max_km") != nullptr ? "" : ", the default")
                 << "); hops up to walk_max_km are walked and up to city_max_km driven in town, so write a "
                    "city_max_km at least as large as walk_max_km";
            fail(*travel.get(key), s.key(key), what.str());
        }
        if (const toml::node* node = travel.get("congestion")) {
            settings.congestion = read_congestion(*node);
        }
        return settings;
    }

    std::vector<CongestionZone> read_congestion(const toml::node& node) {
        const std::string example =
            "[[travel.congestion]] with name = \"Metro Manila\", lat = 14.58, lon = 121.03, "
            "radius_km = 25, factor = 1.8";
        const auto* list = node.as_array();
        if (list == nullptr) {
            fail(node, "[travel] congestion",
                 shown(node) + " is not a list of zones; write each zone as " + example);
        }
        if (list->empty()) {
            // An empty list would mean "the built-in zones" to the model, the opposite of what
            // someone writing `congestion = []` wants.
            fail(node, "[travel] congestion",
                 "an empty list would keep the built-in zones; to switch congestion off give one zone with "
                 "factor = 1, or remove the key to keep the built-in zones");
        }
        std::vector<CongestionZone> zones;
        int number_in_file = 0;
        for (const toml::node& item : *list) {
            ++number_in_file;
            const Section s{"travel.congestion", number_in_file};
            const auto* zone = item.as_table();
            if (zone == nullptr) {
                fail(item, s.header(), shown(item) + " is not a zone; write each zone as " + example);
            }
            warn_unknown(*zone, s, {"name", "lat", "lon", "radius_km", "factor"});
            CongestionZone z;
            if (const toml::node* name = zone->get("name")) {
                const auto* str = name->as_string();
                if (str == nullptr) {
                    fail(*name, s.key("name"),
                         shown(*name) + " is not a name; write it in quotes, such as "
                                        "name = \"Metro Manila\"");
                }
                z.name = str->get();
            }
            z.center.lat = required_number(*zone, s, "lat", "the latitude in degrees, such as lat = 14.58");
            z.center.lon = required_number(*zone, s, "lon", "the longitude in degrees, such as lon = 121.03");
            z.radius_km = required_number(*zone, s, "radius_km", "the radius in km, such as radius_km = 25");
            z.factor =
                required_number(*zone, s, "factor", "how much slower driving is there, such as factor = 1.8");
            if (z.center.lat < -90.0 || z.center.lat > 90.0) {
                reject(*zone, s, "lat",
                       "is not a latitude; write degrees from -90 to 90, such as lat = 14.58");
            }
            if (z.center.lon < -180.0 || z.center.lon > 180.0) {
                reject(*zone, s, "lon",
                       "is not a longitude; write degrees from -180 to 180, such as lon = 121.03");
            }
            if (z.radius_km < 0.0) {
                reject(*zone, s, "radius_km",
                       "is negative; write a radius of 0 km or more, such as radius_km = 25");
            }
            if (z.factor <= 0.0) {
                reject(*zone, s, "factor",
                       "is not a factor; write a number above 0 (1 means no slower than elsewhere), such as "
                       "factor = 1.8");
            }
            zones.push_back(std::move(z));
        }
        return zones;
    }
};

std::string read_file(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        throw InputError(path.string() +
                         ": cannot read the config file: it is a directory; give the file, such as " +
                         (path / "config.toml").string());
    }
    // access() rather than opening: a FIFO would block here, and read_input opens it once.
    if (::access(path.c_str(), R_OK) != 0) {
        const int error = errno;
        throw InputError(path.string() + ": cannot read the config file: " + std::strerror(error) +
                         "; check the path (given with --config or found in the default place)");
    }
    return files::read_input(path.string(),
                             {"config file", files::MaxConfigBytes, "the config file inside it (config.toml)",
                              "a settings file is a few lines of TOML: check that it is the right file"});
}

} // namespace

Config load_config(const std::filesystem::path& path, Diagnostics& diagnostics) {
    const std::string source = path.string();
    const std::string content = read_file(path);
    return ConfigReader(source, diagnostics).read(detail::parse_toml(content, source));
}

std::optional<std::filesystem::path> default_config_path() {
    std::vector<fs::path> candidates;
    // The XDG base directory specification says a relative XDG_CONFIG_HOME is invalid and
    // must be ignored.
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != '\0') {
        if (const fs::path dir(xdg); dir.is_absolute()) {
            candidates.push_back(dir / "sidetrip" / "config.toml");
        }
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        candidates.push_back(fs::path(home) / ".config" / "sidetrip" / "config.toml");
    }
    for (const fs::path& candidate : candidates) {
        std::error_code ec;
        if (fs::exists(candidate, ec)) {
            return candidate;
        }
    }
    return std::nullopt;
}

} // namespace sidetrip::plan
