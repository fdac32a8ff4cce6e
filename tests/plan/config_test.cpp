#include "sidetrip/core/error.hpp"
#include "sidetrip/plan/config.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

using namespace sidetrip;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& name) {
    return std::string(SIDETRIP_TEST_DATA) + "/config/" + name;
}

/// The message of the InputError that loading the fixture throws ("" when it loads).
std::string load_error(const std::string& name) {
    Diagnostics diagnostics;
    try {
        plan::load_config(fixture(name), diagnostics);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

/// Sets or unsets an environment variable for the life of the object, then puts it back.
class ScopedEnvironment {
public:
    ScopedEnvironment(std::string name, const std::optional<std::string>& value) : m_name(std::move(name)) {
        if (const char* old = std::getenv(m_name.c_str())) {
            m_old = old;
        }
        set(value);
    }
    ~ScopedEnvironment() { set(m_old); }
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

private:
    void set(const std::optional<std::string>& value) const {
        if (value) {
            ::setenv(m_name.c_str(), value->c_str(), 1);
        } else {
            ::unsetenv(m_name.c_str());
        }
    }

    std::string m_name;
    std::optional<std::string> m_old;
};

/// An empty directory of its own, removed with everything in it at the end of the test.
class TemporaryDirectory {
public:
    TemporaryDirectory() {
        static int counter = 0;
        m_path = fs::temp_directory_path() /
                 ("sidetrip-config-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        fs::remove_all(m_path);
        fs::create_directories(m_path);
    }
    ~TemporaryDirectory() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

    const fs::path& path() const { return m_path; }

    /// Creates `relative` (and its directories) with one comment line in it.
    fs::path touch(const fs::path& relative) const {
        const fs::path file = m_path / relative;
        fs::create_directories(file.parent_path());
        std::ofstream(file) << "# test\n";
        return file;
    }

private:
    fs::path m_path;
};

} // namespace

TEST_CASE("a config file with every key sets every field", "[plan]") {
    Diagnostics diagnostics;
    const plan::Config c = plan::load_config(fixture("full.toml"), diagnostics);
    CHECK(diagnostics.empty());

    CHECK(c.home == "Lipa, Batangas");
    CHECK(c.emails == std::vector<std::string>{"me@example.com", "me@work.example"});
    CHECK(c.day_start == 6h + 45min);
    CHECK(c.day_end == 22h); // written as a TOML local time
    CHECK(c.meetups_per_day == 3);
    CHECK(c.buffer == 20min);
    CHECK(c.max_reach == 90min);
    CHECK(c.default_cadence_days == 120);
    CHECK(c.cadence_by_tag == std::map<std::string, int>{{"ex-colleagues", 120}, {"homeschool", 60}});
    CHECK(c.online_geocoder);

    // In the order of the kinds, not of the file (lunch comes first there).
    REQUIRE(c.kinds.size() == 2);
    CHECK(c.kinds[0].kind == plan::MeetupKind::Breakfast);
    CHECK(c.kinds[0].earliest_start == 7h); // "7:00", one-digit hour
    CHECK(c.kinds[0].latest_start == 8h + 30min);
    CHECK(c.kinds[0].duration == 45min);
    CHECK(c.kinds[1].kind == plan::MeetupKind::Lunch);
    CHECK(c.kinds[1].earliest_start == 12h);
    CHECK(c.kinds[1].latest_start == 13h);
    CHECK(c.kinds[1].duration == 90min);

    REQUIRE(c.travel.has_value());
    const plan::TravelModelSettings& t = *c.travel;
    CHECK(t.walk_max_km == 1.0);
    CHECK(t.walk_speed_kmh == 5.0); // an integer where a number is wanted
    CHECK(t.walk_detour == 1.2);
    CHECK(t.city_max_km == 20.0);
    CHECK(t.city_speed_kmh == 20.0);
    CHECK(t.city_detour == 1.4);
    CHECK(t.intercity_speed_kmh == 60.0);
    CHECK(t.intercity_detour == 1.3);
    CHECK(t.drive_overhead_minutes == 12.5);
    REQUIRE(t.congestion.size() == 2);
    CHECK(t.congestion[0].name == "Metro Manila");
    CHECK(t.congestion[0].center == GeoPoint{14.58, 121.03});
    CHECK(t.congestion[0].radius_km == 25.0);
    CHECK(t.congestion[0].factor == 1.8);
    CHECK(t.congestion[1].name.empty());
    CHECK(t.congestion[1].center == GeoPoint{10.32, 123.90});
    CHECK(t.congestion[1].factor == 1.4);
    // What the loader accepts the travel model accepts too.
    CHECK_NOTHROW(plan::DistanceTravelModel(t));
}

TEST_CASE("a minimal config file leaves everything else unset", "[plan]") {
    Diagnostics diagnostics;
    const plan::Config c = plan::load_config(fixture("minimal.toml"), diagnostics);
    CHECK(diagnostics.empty());
    CHECK(c.home == "Lipa, Batangas");
    CHECK(c.emails.empty());
    CHECK_FALSE(c.day_start);
    CHECK_FALSE(c.day_end);
    CHECK_FALSE(c.meetups_per_day);
    CHECK_FALSE(c.buffer);
    CHECK_FALSE(c.max_reach);
    CHECK_FALSE(c.default_cadence_days);
    CHECK(c.cadence_by_tag.empty());
    CHECK(c.kinds.empty());
    CHECK_FALSE(c.travel);
    CHECK_FALSE(c.online_geocoder);
}

TEST_CASE("unknown sections and keys are warnings with their line, and the rest still loads", "[plan]") {
    Diagnostics diagnostics;
    const plan::Config c = plan::load_config(fixture("unknown_keys_are_warnings.toml"), diagnostics);
    CHECK(c.home == "Makati");
    CHECK(c.buffer == 10min);
    CHECK(c.kinds.empty());
    REQUIRE(c.travel.has_value());
    CHECK(c.travel->congestion.size() == 1);

    REQUIRE(diagnostics.size() == 5);
    // In the file's order, although the parsed tables are sorted by key.
    CHECK(std::is_sorted(diagnostics.items().begin(), diagnostics.items().end(),
                         [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; }));
    std::map<int, std::string> by_line;
    for (const Diagnostic& d : diagnostics.items()) {
        CHECK(d.severity == Severity::Warning);
        CHECK(d.source == fixture("unknown_keys_are_warnings.toml"));
        by_line[d.line] = d.message;
    }
    CHECK_THAT(by_line[4], Catch::Contains("\"nickname\"") && Catch::Contains("[user]"));
    CHECK_THAT(by_line[7],
               Catch::Contains("\"buffer\"") && Catch::Contains("did you mean \"buffer_minutes\""));
    CHECK_THAT(by_line[10], Catch::Contains("brunch"));
    CHECK_THAT(by_line[13], Catch::Contains("unknown section [holidays]"));
    CHECK_THAT(by_line[22],
               Catch::Contains("\"colour\"") && Catch::Contains("[[travel.congestion]] number 1"));
}

TEST_CASE("a wrong value names file, line, column and key, and what to write instead", "[plan]") {
    struct Case {
        const char* file;
        const char* position; // line:column
        const char* key;
        const char* advice;
    };
    const Case c = GENERATE(values<Case>({
        {"bad_day_start.toml", ":2:9: ", "[day] start", "such as start = \"07:30\""},
        {"negative_buffer.toml", ":3:18: ", "[day] buffer_minutes", "from 0 to 1440"},
        {"negative_meetups_per_day.toml", ":2:19: ", "[day] meetups_per_day", "from 0 (no suggestions)"},
        {"minutes_as_text.toml", ":2:22: ", "[candidates] max_travel_minutes",
         "such as max_travel_minutes = 75"},
        {"day_ends_before_it_starts.toml", ":2:9: ", "[day] start", "end later than the start"},
        {"meetup_kind_missing_keys.toml", ":1:1: ", "[meetups.lunch]", "missing start and latest_start"},
        {"congestion_factor_zero.toml", ":6:10: ", "[[travel.congestion]] number 1: factor", "above 0"},
        {"section_given_as_value.toml", ":1:7: ", "day", "write [day] on a line of its own"},
        {"cadence_tag_twice.toml", ":3:14: ", "[cadence.tags] Homeschool", "given twice"},
        {"geocoder_unknown_service.toml", ":2:11: ", "[geocoder] service", "service = \"photon\""},
    }));
    CAPTURE(c.file);
    const std::string message = load_error(c.file);
    CHECK_THAT(message, Catch::StartsWith(fixture(c.file) + c.position + c.key + ": "));
    CHECK_THAT(message, Catch::Contains(c.advice));
}

TEST_CASE("the geocoder section sets the online geocoder, and a service turns it on unless online = false",
          "[plan]") {
    Diagnostics diagnostics;
    const plan::Config own = plan::load_config(fixture("geocoder_own_instance.toml"), diagnostics);
    CHECK(diagnostics.empty());
    CHECK(own.online_geocoder);
    CHECK(own.geocoder.service == "photon"); // lower-cased
    CHECK(own.geocoder.url == "https://photon.example.org");
    CHECK(own.geocoder.contact == "me@example.com");
    CHECK(own.geocoder.language == "de");
    CHECK(own.geocoder.max_lookups == 200);
    CHECK(own.geocoder.min_interval_seconds == 0.0); // an integer where a number is wanted
    CHECK_FALSE(own.geocoder.online);

    const plan::Config off =
        plan::load_config(fixture("geocoder_service_but_online_false.toml"), diagnostics);
    CHECK_FALSE(off.online_geocoder);
    CHECK(off.geocoder.online == false);
}

TEST_CASE("a file that is not valid TOML is an input error at the position the parser stopped", "[plan]") {
    const std::string message = load_error("invalid_toml.toml");
    CHECK_THAT(message, Catch::StartsWith(fixture("invalid_toml.toml") + ":5:15: not valid TOML: "));
}

TEST_CASE("a config file that does not exist is an input error naming it", "[plan]") {
    Diagnostics diagnostics;
    const std::string missing = fixture("no_such_file.toml");
    CHECK_THROWS_WITH(
        plan::load_config(missing, diagnostics),
        Catch::StartsWith(missing + ": cannot read the config file: No such file or directory"));
    CHECK_THROWS_AS(plan::load_config(std::string(SIDETRIP_TEST_DATA) + "/config", diagnostics), InputError);
}

TEST_CASE("the config file is looked for under XDG_CONFIG_HOME, then under ~/.config", "[plan]") {
    TemporaryDirectory dir;
    const fs::path xdg = dir.path() / "xdg";
    const fs::path home = dir.path() / "home";
    fs::create_directories(xdg);
    fs::create_directories(home);

    SECTION("neither file exists") {
        ScopedEnvironment x("XDG_CONFIG_HOME", xdg.string());
        ScopedEnvironment h("HOME", home.string());
        CHECK_FALSE(plan::default_config_path());
    }
    SECTION("the XDG file wins over the one in ~/.config") {
        const fs::path xdg_file = dir.touch("xdg/sidetrip/config.toml");
        dir.touch("home/.config/sidetrip/config.toml");
        ScopedEnvironment x("XDG_CONFIG_HOME", xdg.string());
        ScopedEnvironment h("HOME", home.string());
        CHECK(plan::default_config_path() == xdg_file);
    }
    SECTION("~/.config is used when XDG_CONFIG_HOME has no sidetrip file") {
        const fs::path home_file = dir.touch("home/.config/sidetrip/config.toml");
        ScopedEnvironment x("XDG_CONFIG_HOME", xdg.string());
        ScopedEnvironment h("HOME", home.string());
        CHECK(plan::default_config_path() == home_file);
    }
    SECTION("~/.config is used when XDG_CONFIG_HOME is unset, empty or relative") {
        const fs::path home_file = dir.touch("home/.config/sidetrip/config.toml");
        dir.touch("xdg/sidetrip/config.toml");
        ScopedEnvironment h("HOME", home.string());
        const std::optional<std::string> value = GENERATE(as<std::optional<std::string>>{}, std::nullopt,
                                                          std::string(), std::string("relative/xdg"));
        ScopedEnvironment x("XDG_CONFIG_HOME", value);
        CHECK(plan::default_config_path() == home_file);
    }
}
