// sidetrip plan --calendar SRC... --contacts SRC... --home PLACE [--from DATE] [--to DATE]
//               [-o suggested.ics] [--format text|json] [--me EMAIL]... [--seed N] [--time-limit S]
//               [--map FILE.geojson|.kml|.gpx] [--dry-run]
#include "commands.hpp"
#include "output.hpp"
#include "sidetrip/calendar/feeds.hpp"
#include "sidetrip/calendar/ics_writer.hpp"
#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/files.hpp"
#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/people/attendee.hpp"
#include "sidetrip/people/contact_merge.hpp"
#include "sidetrip/people/contacts_reader.hpp"
#include "sidetrip/people/matcher.hpp"
#include "sidetrip/plan/config.hpp"
#include "sidetrip/plan/planner.hpp"
#include "sidetrip/report/itinerary.hpp"
#include "sidetrip/report/map_layers.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <set>

namespace sidetrip::cli {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

struct PlanOptions {
    std::vector<std::string> calendars;
    std::vector<std::string> contacts;
    std::string attendees;
    std::vector<std::string> attendee_columns;
    std::string home;
    std::string from;
    std::string to;
    std::string output;
    std::string report;
    std::string map;
    std::string publish;
    std::string config;
    std::string format = "text";
    std::vector<std::string> me;
    std::uint64_t seed = 1;
    double time_limit = 1.0;
    std::size_t iterations = 0;
    int meetups_per_day = 2;
    bool dry_run = false;
    bool travel_blocks = false;
    GeocoderChoice geocoder;
};

std::string title(const plan::Meetup& m) {
    std::string kind(plan::to_string(m.kind));
    kind[0] = static_cast<char>(kind[0] - 'a' + 'A');
    std::string names;
    for (std::size_t i = 0; i < m.names.size(); ++i) {
        names += (i == 0 ? "" : i + 1 == m.names.size() ? " and " : ", ") + m.names[i];
    }
    return kind + " with " + names;
}

std::vector<calendar::Occurrence> meetup_events(const plan::Plan& plan, bool travel_blocks) {
    std::vector<calendar::Occurrence> events;
    for (const auto& tp : plan.trips) {
        for (const auto& m : tp.meetups) {
            calendar::Occurrence o;
            o.uid = m.uid;
            o.summary = title(m);
            o.location = m.venue.name;
            o.geo = m.venue.point;
            o.start_utc = m.start;
            o.end_utc = m.end;
            o.timezone = m.timezone;
            o.display_zone = m.timezone;
            o.status = "tentative";
            o.categories = {"sidetrip", "meetup"};
            o.attendees = m.emails;
            std::string why = "Suggested by sidetrip for " + tp.trip.id + ".";
            for (const auto& r : m.reasons) {
                why += "\n- " + r;
            }
            o.description = why;
            if (travel_blocks && m.travel_to >= std::chrono::minutes{5}) {
                // The way there as its own busy block, so the calendar shows the real day.
                calendar::Occurrence block;
                block.uid = "travel-" + m.uid;
                block.summary = "Travel to " + title(m);
                block.location = m.venue.name;
                block.start_utc = m.start - m.travel_to;
                block.end_utc = m.start;
                block.timezone = m.timezone;
                block.display_zone = m.timezone;
                block.status = "tentative";
                block.categories = {"sidetrip", "travel"};
                block.description = "Travel time estimated by sidetrip for " + tp.trip.id + ".";
                events.push_back(std::move(block));
            }
            events.push_back(std::move(o));
        }
    }
    return events;
}

/// Publishes every meetup (one VCALENDAR each) to a CalDAV collection; returns the summary line.
std::string publish_meetups(const plan::Plan& result, const std::string& target, bool travel_blocks,
                            const GlobalOptions& globals) {
    if (globals.offline) {
        throw InputError("--publish needs the network; drop --offline to publish");
    }
    const std::string url = calendar::caldav_collection_url(target);
    if (!net::is_url(url)) {
        throw InputError("--publish " + target +
                         ": not the address of a CalDAV calendar (write caldav:https://...)");
    }
    std::vector<calendar::PublishItem> items;
    calendar::IcsWriteOptions write;
    for (auto& event : meetup_events(result, travel_blocks)) {
        const std::string uid = event.uid;
        items.push_back({uid, calendar::write_ics({std::move(event)}, write)});
    }
    net::HttpClient client(http_options(globals));
    const auto report = calendar::caldav_publish(url, items, client);
    std::string line = "Published to " + net::redact_url(url) + ": " + std::to_string(report.created) +
                       " new, " + std::to_string(report.updated) + " updated, " +
                       std::to_string(report.left_alone.size()) + " left alone\n";
    for (const auto& why : report.left_alone) {
        line += "  left alone: " + why + "\n";
    }
    return line;
}

nlohmann::ordered_json plan_json(const plan::Plan& plan) {
    nlohmann::ordered_json trips = nlohmann::ordered_json::array();
    for (const auto& tp : plan.trips) {
        nlohmann::ordered_json destinations = nlohmann::ordered_json::array();
        for (const auto& d : tp.trip.destinations) {
            destinations.push_back(
                {{"name", d.name}, {"lat", d.point.lat}, {"lon", d.point.lon}, {"timezone", d.timezone}});
        }
        nlohmann::ordered_json meetups = nlohmann::ordered_json::array();
        for (const auto& m : tp.meetups) {
            // contact_id and name are the contract's (the first person); a group meetup lists
            // everyone in contact_ids and names.
            nlohmann::ordered_json ids = nlohmann::ordered_json::array();
            for (const auto& id : m.contacts) {
                ids.push_back(id.str());
            }
            meetups.push_back(
                {{"contact_id", m.contacts.front().str()},
                 {"name", m.names.front()},
                 {"contact_ids", ids},
                 {"names", m.names},
                 {"kind", plan::to_string(m.kind)},
                 {"start", calendar::format_rfc3339(m.start, m.timezone)},
                 {"end", calendar::format_rfc3339(m.end, m.timezone)},
                 {"venue", {{"name", m.venue.name}, {"lat", m.venue.point.lat}, {"lon", m.venue.point.lon}}},
                 {"value", m.value},
                 {"reasons", m.reasons},
                 {"uid", m.uid}});
        }
        nlohmann::ordered_json near = nlohmann::ordered_json::array();
        for (const auto& n : tp.near_misses) {
            near.push_back({{"contact_id", n.contact.str()}, {"name", n.name}, {"reason", n.reason}});
        }
        nlohmann::ordered_json virtual_calls = nlohmann::ordered_json::array();
        for (const auto& v : tp.virtual_calls) {
            virtual_calls.push_back({{"contact_id", v.contact.str()},
                                     {"name", v.name},
                                     {"start", calendar::format_rfc3339(v.start, v.their_zone)},
                                     {"end", calendar::format_rfc3339(v.end, v.their_zone)},
                                     {"reason", v.reason}});
        }
        nlohmann::ordered_json windows = nlohmann::ordered_json::array();
        for (const auto& w : tp.windows) {
            windows.push_back({{"date", format_date(w.date)},
                               {"start", calendar::format_rfc3339(w.start, w.timezone)},
                               {"end", calendar::format_rfc3339(w.end, w.timezone)},
                               {"label", w.label}});
        }
        nlohmann::ordered_json presence = nlohmann::ordered_json::array();
        for (const auto& s : tp.presence.segments) {
            const bool moving = s.kind == plan::PresenceKind::InTransit;
            nlohmann::ordered_json segment = {
                {"kind", moving ? "transit" : "at_place"},
                {"start", calendar::format_rfc3339(
                              s.start, moving && !s.from_timezone.empty() ? s.from_timezone : s.timezone)},
                {"end", calendar::format_rfc3339(s.end, s.timezone)},
                {"place", s.place},
                {"lat", s.point.lat},
                {"lon", s.point.lon},
                {"timezone", s.timezone},
                {"basis", plan::to_string(s.basis)}};
            if (moving) {
                segment["label"] = s.label;
                segment["from"] = s.from_place;
            }
            presence.push_back(std::move(segment));
        }
        nlohmann::ordered_json intros = nlohmann::ordered_json::array();
        for (const auto& i : tp.introductions) {
            intros.push_back({{"contacts", {i.first.str(), i.second.str()}},
                              {"names", {i.first_name, i.second_name}},
                              {"reason", i.reason}});
        }
        trips.push_back({{"id", tp.trip.id},
                         {"start", format_date(tp.trip.start)},
                         {"end", format_date(tp.trip.end)},
                         {"destinations", destinations},
                         {"meetups", meetups},
                         {"near_misses", near},
                         {"virtual", virtual_calls},
                         {"introductions", intros},
                         {"free_windows", windows},
                         {"presence", presence}});
    }
    nlohmann::ordered_json unscheduled = nlohmann::ordered_json::array();
    for (const auto& u : plan.unscheduled) {
        unscheduled.push_back({{"contact_id", u.contact.str()}, {"reason", u.reason}});
    }
    nlohmann::ordered_json out = {{"trips", trips}, {"unscheduled", unscheduled}};
    if (!plan.attribution.empty()) {
        out["attribution"] = plan.attribution;
    }
    return out;
}

std::string plan_text(const plan::Plan& plan) {
    std::string out;
    for (const auto& tp : plan.trips) {
        std::string where;
        for (const auto& d : tp.trip.destinations) {
            where += (where.empty() ? "" : ", ") + d.name;
        }
        out += "Trip " + tp.trip.id + ": " + (where.empty() ? std::string("away") : where) + ", " +
               format_date(tp.trip.start) + " to " + format_date(tp.trip.end) + " (exclusive)\n";
        const auto& presence = tp.presence;
        std::vector<std::size_t> shown; // commitments of the trip, each on the day it starts where it happens
        for (const auto& day : tp.trip.days) {
            shown.insert(shown.end(), day.commitments.begin(), day.commitments.end());
        }
        std::sort(shown.begin(), shown.end());
        shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
        for (const auto& day : tp.trip.days) {
            // Each time is shown in the zone of where the traveller is then; a day spent in more
            // than one place or zone says so: "Chicago until 17:00 → UA1549 → San Francisco from 21:15".
            const auto midnight = calendar::to_utc(
                std::chrono::local_seconds{std::chrono::local_days{day.date}.time_since_epoch()},
                day.timezone);
            const std::string path = presence.path(midnight, midnight + std::chrono::hours{24});
            out += "\n  " + format_date(day.date) + (path.empty() ? " (" + day.timezone + ")" : ": " + path) +
                   "\n";
            const auto on_day = [&](sys_seconds t, const std::string& zone) {
                return calendar::local_date(t, zone) == day.date;
            };
            // Fixed commitments and suggestions, in time order.
            std::vector<std::pair<sys_seconds, std::string>> lines;
            for (std::size_t i : shown) {
                const auto& o = plan.occurrences[i];
                const std::string zone = presence.zone_at(o.start_utc, day.timezone);
                const std::string end_zone = presence.zone_at(o.end_utc, zone);
                if (!on_day(o.start_utc, zone)) {
                    continue;
                }
                lines.push_back({o.start_utc, "    " + calendar::format_clock(o.start_utc, zone) + "-" +
                                                  calendar::format_clock(o.end_utc, end_zone) + "  " +
                                                  printable(o.summary) + "  [" +
                                                  std::string(calendar::to_string(o.kind)) + ", fixed]"});
            }
            for (const auto& m : tp.meetups) {
                if (!on_day(m.start, m.timezone)) {
                    continue;
                }
                std::string line = "    " + calendar::format_clock(m.start, m.timezone) + "-" +
                                   calendar::format_clock(m.end, m.timezone) + "  " + printable(title(m)) +
                                   "  @ " + printable(m.venue.name) + "  [suggested]";
                for (const auto& r : m.reasons) {
                    line += "\n          - " + printable(r);
                }
                lines.push_back({m.start, line});
            }
            std::stable_sort(lines.begin(), lines.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            if (lines.empty()) {
                out += "    (nothing fixed, nothing suggested)\n";
            }
            for (const auto& l : lines) {
                out += l.second + "\n";
            }
        }
        if (!tp.near_misses.empty()) {
            out += "\n  Near misses:\n";
            for (const auto& n : tp.near_misses) {
                out += "    - " + printable(n.reason) + "\n";
            }
        }
        if (!tp.introductions.empty()) {
            out += "\n  Introductions:\n";
            for (const auto& i : tp.introductions) {
                out += "    - " + printable(i.first_name) + " and " + printable(i.second_name) + ": " +
                       printable(i.reason) + "\n";
            }
        }
        out += "\n";
    }
    if (plan.trips.empty()) {
        out = "No trips away from home in that range: nothing to plan.\n";
    }
    if (!plan.attribution.empty()) {
        out += "Places: " + plan.attribution + "\n";
    }
    return out;
}

/// Refuses, before any work, outputs that would overwrite an input or each other, or that could
/// not be written: a plan of several seconds is not computed to be lost.
void check_outputs(const PlanOptions& options) {
    const std::pair<const char*, const std::string*> outputs[] = {
        {"-o", &options.output}, {"--report", &options.report}, {"--map", &options.map}};
    auto inputs = options.contacts;
    if (!options.attendees.empty()) {
        inputs.push_back(options.attendees);
    }
    if (!options.config.empty()) {
        inputs.push_back(options.config);
    } else if (auto path = plan::default_config_path()) {
        inputs.push_back(path->string());
    }
    for (const auto& [flag, out] : outputs) {
        if (out->empty()) {
            continue;
        }
        check_not_an_input(*out, options.calendars, inputs, flag);
        if (!options.dry_run) {
            files::check_output_target(*out, flag);
        }
        for (const auto& [other_flag, other] : outputs) {
            if (other != out && !other->empty() && files::same_file(*other, *out)) {
                throw InputError(std::string(flag) + " " + *out + ": " + other_flag + " " + *other +
                                 " is the same file; give each output its own name");
            }
        }
    }
}

} // namespace

void add_plan_command(CLI::App& app, std::shared_ptr<GlobalOptions> globals) {
    auto options = std::make_shared<PlanOptions>();
    CLI::App* cmd =
        app.add_subcommand("plan", "Plan meetups with your contacts around the trips in your calendar");
    add_calendar_option(*cmd, options->calendars);
    cmd->add_option("--contacts", options->contacts, "Contacts file(s): .vcf, .csv or .json")->required();
    cmd->add_option("--attendees", options->attendees,
                    "The attendee list of a conference on your trip: contacts on it get chats in its breaks");
    cmd->add_option("--column", options->attendee_columns,
                    "Which column of the --attendees list holds a field, as field=Header (repeatable); see "
                    "sidetrip match --help");
    cmd->add_option("--home", options->home,
                    "Your home place, e.g. \"Lipa, Batangas\" (default: [user] home in the config file)");
    cmd->add_option("--from", options->from, "First day to plan (YYYY-MM-DD); default: today");
    cmd->add_option("--to", options->to,
                    "Day after the last (YYYY-MM-DD, exclusive); default: --from + 365 days");
    cmd->add_option("-o,--output", options->output,
                    "Write the suggested meetups to this .ics file (TENTATIVE events to import)");
    cmd->add_option("--format", options->format,
                    "Itinerary format on standard output: text, json or markdown")
        ->capture_default_str();
    cmd->add_option("--report", options->report, "Also write the itinerary as a self-contained HTML page");
    cmd->add_option(
        "--map", options->map,
        "Also write the plan as map layers: .geojson (or .json), .kml or .gpx (see docs/map_layers.md)");
    cmd->add_option("--publish", options->publish,
                    "Also publish the suggested meetups to a CalDAV calendar (caldav:URL of the collection); "
                    "nothing of yours is overwritten");
    cmd->add_option("--config", options->config,
                    "Settings file (default: $XDG_CONFIG_HOME/sidetrip/config.toml); flags win over it");
    cmd->add_option("--me", options->me, "Your email address(es): events you declined are free time");
    CLI::Option* per_day =
        cmd->add_option("--meetups-per-day", options->meetups_per_day, "At most this many meetups a day")
            ->capture_default_str();
    cmd->add_option("--seed", options->seed, "Seed of the optimizer (same seed, same plan)")
        ->capture_default_str();
    cmd->add_option(
           "--time-limit", options->time_limit,
           "Most seconds the optimizer may spend per trip; it stops sooner once 2000 iterations in a "
           "row found nothing better")
        ->capture_default_str();
    cmd->add_option("--iterations", options->iterations,
                    "Stop the optimizer after this many iterations instead of --time-limit: the same plan on "
                    "any machine (0: use the time limit)")
        ->capture_default_str();
    cmd->add_flag("--travel-blocks", options->travel_blocks,
                  "Also write the travel to each meetup as a busy block in the -o calendar");
    cmd->add_flag("--dry-run", options->dry_run, "Plan and print, but write no file");
    add_geocoder_options(*cmd, options->geocoder);
    cmd->callback([options, globals, per_day] {
        const bool markdown = options->format == "markdown";
        const OutputFormat format =
            markdown ? OutputFormat::Text : parse_format(options->format, "text, json, markdown");
        if (options->time_limit <= 0.0 || options->meetups_per_day < 0) {
            throw InputError("--time-limit must be positive and --meetups-per-day not negative");
        }
        if (!options->attendee_columns.empty() && options->attendees.empty()) {
            throw InputError("--column names a column of the --attendees list: give --attendees too");
        }
        if (!options->map.empty() && !report::map_format_for(options->map)) {
            throw InputError("--map " + options->map + ": unknown map format (give a file name ending in " +
                             std::string(report::map_extensions()) + ")");
        }
        Diagnostics diagnostics;
        plan::Config config;
        if (!options->config.empty()) {
            config = plan::load_config(options->config, diagnostics);
        } else if (auto path = plan::default_config_path()) {
            config = plan::load_config(*path, diagnostics);
        }
        if (options->home.empty()) {
            if (!config.home) {
                throw InputError(
                    "no home place: give --home \"City, Province\" or set [user] home in the config file "
                    "(see docs/configuration.md)");
            }
            options->home = *config.home;
        }
        if (options->me.empty()) {
            options->me = config.emails;
        }
        check_outputs(*options);
        auto setup = make_geocoding(options->geocoder, &config);
        const auto home = setup.geocoder->geocode({options->home, ""});
        if (home.status != geo::GeocodeStatus::Ok) {
            throw InputError("--home " + options->home + ": " + home.reason +
                             " (write it as \"City, Province\" or \"City, Country\")");
        }
        const std::string tz = home.timezone;
        const auto [from, to] = date_window(options->from, options->to, tz, *globals);

        // The calendar's past too: a past event with a contact counts as having met them.
        calendar::CalendarReadOptions read;
        read.home_zone = tz;
        read.user_emails = options->me;
        read.window_start = from - days{3 * 365};
        read.window_end = to;
        auto occurrences = read_calendars(options->calendars, read, diagnostics, *globals);
        std::vector<calendar::Occurrence> ahead;
        for (auto& o : occurrences) {
            if (o.end_utc > from) {
                ahead.push_back(std::move(o)); // moved, not copied: a big calendar is tens of MB
            }
        }
        occurrences.clear();
        std::vector<people::Contact> contacts;
        for (const auto& source : options->contacts) {
            auto loaded = people::read_contacts_file(source, diagnostics);
            contacts.insert(contacts.end(), std::make_move_iterator(loaded.begin()),
                            std::make_move_iterator(loaded.end()));
        }
        people::MergeReport merges; // one person per human: not met twice on one day
        contacts = people::merge_contacts(std::move(contacts), merges, home.country, false);
        std::set<std::string> at_event;
        if (!options->attendees.empty()) {
            const auto attendees =
                read_attendee_source(options->attendees, diagnostics, options->attendee_columns);
            for (const auto& m : people::match_attendees(attendees, contacts).known) {
                at_event.insert(m.contact.str());
            }
        }
        report_diagnostics(diagnostics, *globals);
        // Taken over, not copied: 100,000 contacts are about 100 MB.
        const auto resolved = plan::resolve_contact_places(std::move(contacts), *setup.geocoder,
                                                           *setup.gazetteer, home.country);

        plan::TripOptions trip_options;
        trip_options.home = home.point;
        trip_options.home_zone = tz;
        trip_options.home_country = home.country;
        trip_options.zone_at = [gazetteer = setup.gazetteer](const GeoPoint& p) {
            return geo::timezone_at(*gazetteer, p);
        };
        const auto trips = plan::detect_trips(ahead, trip_options, *setup.geocoder);

        plan::PlannerSettings settings;
        settings.home = home.point;
        settings.home_name = home.name;
        settings.home_zone = tz;
        settings.home_country = home.country;
        settings.today = today_in(*globals, tz);
        settings.seed = options->seed;
        settings.time_limit_seconds = options->time_limit;
        settings.meetups_per_day = per_day->count() > 0
                                       ? options->meetups_per_day
                                       : config.meetups_per_day.value_or(options->meetups_per_day);
        settings.max_iterations = options->iterations;
        settings.at_event = at_event;
        settings.day_start = config.day_start.value_or(settings.day_start);
        settings.day_end = config.day_end.value_or(settings.day_end);
        settings.buffer = config.buffer.value_or(settings.buffer);
        settings.max_reach = config.max_reach.value_or(settings.max_reach);
        settings.default_cadence_days = config.default_cadence_days.value_or(settings.default_cadence_days);
        settings.cadence_by_tag = config.cadence_by_tag;
        // A kind the file describes replaces that kind; the others keep their defaults.
        settings.kinds = plan::default_meetup_kinds();
        for (const auto& kind : config.kinds) {
            for (auto& k : settings.kinds) {
                if (k.kind == kind.kind) {
                    k = kind;
                }
            }
        }
        const plan::DistanceTravelModel travel(config.travel.value_or(plan::TravelModelSettings{}));
        auto result =
            plan::make_plan(ahead, resolved, trips, settings, travel, *setup.geocoder, trip_options.zone_at);
        result.attribution = online_attribution(setup);
        if (!result.attribution.empty()) {
            note_attribution_shown(setup); // every itinerary format shows it
        }

        if (!options->output.empty() && !options->dry_run) {
            calendar::IcsWriteOptions write;
            write.calendar_name = "sidetrip suggestions";
            write_file_atomically(options->output,
                                  calendar::write_ics(meetup_events(result, options->travel_blocks), write));
        }
        if (!options->report.empty() && !options->dry_run) {
            write_file_atomically(options->report, report::itinerary_html(result));
        }
        if (!options->map.empty() && !options->dry_run) {
            report::MapOptions map;
            map.geocoder = setup.geocoder.get(); // the planner's: commitments land where it put them
            map.country_bias = home.country;
            report::write_map_layers(result, options->map, map);
        }
        std::string published;
        if (!options->publish.empty() && !options->dry_run) {
            published = publish_meetups(result, options->publish, options->travel_blocks, *globals);
            if (markdown || format == OutputFormat::Json) {
                tell_user(published.substr(0, published.find_last_not_of('\n') + 1));
            }
        }
        if (markdown) {
            write_text_stdout(report::itinerary_markdown(result));
        } else if (format == OutputFormat::Json) {
            write_json(plan_json(result));
        } else {
            std::string text = plan_text(result);
            if (!options->output.empty()) {
                text += options->dry_run ? "(--dry-run: " + options->output + " not written)\n"
                                         : "Suggestions written to " + options->output + "\n";
            }
            if (!options->map.empty()) {
                text += options->dry_run ? "(--dry-run: " + options->map + " not written)\n"
                                         : "Map written to " + options->map + "\n";
            }
            if (!options->publish.empty()) {
                text += options->dry_run
                            ? "(--dry-run: nothing published to " +
                                  net::redact_url(calendar::caldav_collection_url(options->publish)) + ")\n"
                            : published;
            }
            write_text_stdout(text);
        }
    });
}

} // namespace sidetrip::cli
