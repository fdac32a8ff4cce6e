// sidetrip trips --calendar SRC... --home PLACE [--from DATE] [--to DATE] [--tz ZONE] [--away-km KM]
//                [--me EMAIL]... [--format text|json]
#include "commands.hpp"
#include "output.hpp"
#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/plan/trips.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace sidetrip::cli {

namespace {

struct TripsOptions {
    std::vector<std::string> calendars;
    std::string home;
    std::string from;
    std::string to;
    std::string tz;
    double away_km = 60.0;
    std::vector<std::string> me;
    std::string format = "text";
    GeocoderChoice geocoder;
};

} // namespace

void add_trips_command(CLI::App& app, std::shared_ptr<GlobalOptions> globals) {
    auto options = std::make_shared<TripsOptions>();
    CLI::App* cmd = app.add_subcommand("trips", "Find the trips in a calendar: runs of days away from home");
    add_calendar_option(*cmd, options->calendars);
    cmd->add_option("--home", options->home, "Your home place, e.g. \"Lipa, Batangas\"")->required();
    cmd->add_option("--from", options->from, "First day (YYYY-MM-DD); default: today");
    cmd->add_option("--to", options->to,
                    "Day after the last (YYYY-MM-DD, exclusive); default: --from + 365 days");
    cmd->add_option("--tz", options->tz,
                    "Zone of floating times and of the dates; default: your home's zone");
    cmd->add_option("--away-km", options->away_km, "Further than this from home is away")
        ->capture_default_str();
    cmd->add_option("--me", options->me, "Your email address(es): events you declined are ignored");
    cmd->add_option("--format", options->format, "Output format: text or json")->capture_default_str();
    add_geocoder_options(*cmd, options->geocoder);
    cmd->callback([options, globals] {
        const OutputFormat format = parse_format(options->format);
        if (!(options->away_km > 0.0)) {
            throw InputError("--away-km must be a positive number of kilometres");
        }
        auto setup = make_geocoding(options->geocoder);
        const auto home = setup.geocoder->geocode({options->home, ""});
        if (home.status != geo::GeocodeStatus::Ok) {
            throw InputError("--home " + options->home + ": " + home.reason +
                             " (write it as \"City, Province\" or \"City, Country\")");
        }
        const std::string tz = options->tz.empty() ? home.timezone : checked_zone(options->tz);
        calendar::CalendarReadOptions read;
        read.home_zone = tz;
        read.user_emails = options->me;
        std::tie(read.window_start, read.window_end) = date_window(options->from, options->to, tz, *globals);
        Diagnostics diagnostics;
        const auto all = read_calendars(options->calendars, read, diagnostics, *globals);
        report_diagnostics(diagnostics, *globals);
        plan::TripOptions trip_options;
        trip_options.home = home.point;
        trip_options.home_zone = tz;
        trip_options.home_country = home.country;
        trip_options.away_km = options->away_km;
        trip_options.zone_at = [gazetteer = setup.gazetteer](const GeoPoint& p) { return geo::timezone_at(*gazetteer, p); };
        const auto trips = plan::detect_trips(all, trip_options, *setup.geocoder);

        if (format == OutputFormat::Json) {
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const auto& trip : trips) {
                nlohmann::ordered_json destinations = nlohmann::ordered_json::array();
                for (const auto& d : trip.destinations) {
                    destinations.push_back({{"name", d.name},
                                            {"lat", d.point.lat},
                                            {"lon", d.point.lon},
                                            {"timezone", d.timezone}});
                }
                nlohmann::ordered_json events = nlohmann::ordered_json::array();
                for (std::size_t i : trip.events) {
                    events.push_back(all[i].uid);
                }
                nlohmann::ordered_json days = nlohmann::ordered_json::array();
                for (const auto& day : trip.days) {
                    nlohmann::ordered_json commitments = nlohmann::ordered_json::array();
                    for (std::size_t i : day.commitments) {
                        commitments.push_back(
                            {{"uid", all[i].uid},
                             {"summary", all[i].summary},
                             {"start", calendar::format_rfc3339(all[i].start_utc, day.timezone)},
                             {"end", calendar::format_rfc3339(all[i].end_utc, day.timezone)}});
                    }
                    days.push_back({{"date", format_date(day.date)},
                                    {"timezone", day.timezone},
                                    {"commitments", commitments}});
                }
                out.push_back({{"id", trip.id},
                               {"start", format_date(trip.start)},
                               {"end", format_date(trip.end)},
                               {"destinations", destinations},
                               {"events", events},
                               {"days", days}});
            }
            write_json(out);
            return;
        }
        std::string text;
        for (const auto& trip : trips) {
            std::string where;
            for (const auto& d : trip.destinations) {
                where += (where.empty() ? "" : ", ") + d.name;
            }
            text += trip.id + "\n  " + format_date(trip.start) + " to " + format_date(trip.end) +
                    " (exclusive): " + (where.empty() ? std::string("away") : where) + "\n";
            for (const auto& day : trip.days) {
                text += "  " + format_date(day.date) + " (" + day.timezone + ")";
                if (day.commitments.empty()) {
                    text += ": free\n";
                    continue;
                }
                text += "\n";
                for (std::size_t i : day.commitments) {
                    text += "    " + calendar::format_clock(all[i].start_utc, day.timezone) + "-" +
                            calendar::format_clock(all[i].end_utc, day.timezone) + "  " +
                            printable(all[i].summary) + "  [" +
                            std::string(calendar::to_string(all[i].kind)) + "]\n";
                }
            }
            text += "\n";
        }
        if (trips.empty()) {
            text = "No trips away from " + home.name + " in that range.\n";
        }
        write_text_stdout(text);
    });
}

} // namespace sidetrip::cli
