// sidetrip: the command-line program. Parses arguments, runs one subcommand, maps errors to
// the exit codes of ARCHITECTURE.md (0 ok, 1 internal, 2 bad input, 3 remote service).
#include "commands.hpp"
#include "output.hpp"
#include "sidetrip/core/error.hpp"

#include <clocale>
#include <iostream>
#include <new>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int main(int argc, char** argv) {
#if defined(__GLIBC__)
    // Big inputs allocate and free millions of small strings, and glibc's fast bins then cost a
    // tenth of the run in malloc_consolidate. Without them (the per-thread cache still serves
    // most small allocations) matching 50,000 attendees against 100,000 contacts, planning and
    // importing a large calendar take about 10% less time (README, "Scale (issue 8)").
    mallopt(M_MXFAST, 0);
#endif
    std::setlocale(LC_ALL, "C");
    CLI::App app{"sidetrip: turns business trips into time with the people who matter.\n"
                 "Reads your calendar and contacts, finds your trips and proposes meetups around them.",
                 "sidetrip"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("sidetrip ") + SIDETRIP_VERSION);
    auto globals = std::make_shared<sidetrip::cli::GlobalOptions>();
    app.add_flag("--strict", globals->strict, "Treat problems in input records as errors (exit code 2)");
    app.add_flag("--quiet,-q", globals->quiet, "Do not print warnings about input records");
    app.add_flag("--offline", globals->offline,
                 "Use nothing from the network: calendar feeds come from their cached copies");
    app.add_option("--timeout", globals->timeout, "Seconds one network request may take")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--connect-timeout", globals->connect_timeout,
                   "Seconds to wait for a server to answer the connection")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--today", globals->today,
                   "The date to take as today (YYYY-MM-DD), for default --from dates and for how long "
                   "ago a contact was met; default: the machine's date")
        ->envname("SIDETRIP_TODAY");
    app.fallthrough();

    sidetrip::cli::add_geocode_command(app, globals);
    sidetrip::cli::add_contacts_command(app, globals);
    sidetrip::cli::add_events_command(app, globals);
    sidetrip::cli::add_trips_command(app, globals);
    sidetrip::cli::add_plan_command(app, globals);
    sidetrip::cli::add_match_command(app, globals);

    try {
        app.parse(argc, argv);
        return 0;
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // CLI11's own codes differ from ours: every usage error is bad input.
        app.exit(e);
        return static_cast<int>(sidetrip::ExitCode::BadInput);
    } catch (const sidetrip::Error& e) {
        sidetrip::cli::tell_user(e.what());
        return static_cast<int>(e.exit_code());
    } catch (const std::bad_alloc&) {
        std::cerr << "sidetrip: out of memory: give smaller inputs or a narrower --from/--to (see the limits "
                     "in docs/errors.md)\n";
        return static_cast<int>(sidetrip::ExitCode::Internal);
    } catch (const std::exception& e) {
        sidetrip::cli::tell_user(std::string("internal error: ") + e.what() +
                                 " (a bug in sidetrip: please report it with the command that caused it)");
        return static_cast<int>(sidetrip::ExitCode::Internal);
    }
}
