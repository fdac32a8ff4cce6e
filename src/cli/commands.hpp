#pragma once

// The subcommands of `sidetrip`, one file each. Each registers its options on the app and
// sets the callback that runs it; errors propagate as sidetrip::Error with their exit code.

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace sidetrip::cli {

/// Options every subcommand shares.
struct GlobalOptions {
    bool strict = false;         ///< diagnostics are errors (exit 2)
    bool quiet = false;          ///< no warnings on stderr
    bool offline = false;        ///< nothing touches the network; cached copies of feeds are used
    double connect_timeout = 10; ///< seconds to connect to a server
    double timeout = 60;         ///< seconds one request may take in all
    /// "Today" for every command (YYYY-MM-DD, from --today or SIDETRIP_TODAY); empty: the
    /// machine's date in the zone asked for. Tests and golden files set it, so that no output
    /// depends on the day it is made.
    std::string today;
};

void add_geocode_command(CLI::App& app, std::shared_ptr<GlobalOptions> globals);
void add_contacts_command(CLI::App& app, std::shared_ptr<GlobalOptions> globals);
void add_events_command(CLI::App& app, std::shared_ptr<GlobalOptions> globals);
void add_trips_command(CLI::App& app, std::shared_ptr<GlobalOptions> globals);
void add_plan_command(CLI::App& app, std::shared_ptr<GlobalOptions> globals);
void add_match_command(CLI::App& app, std::shared_ptr<GlobalOptions> globals);

} // namespace sidetrip::cli
