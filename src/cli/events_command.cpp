// sidetrip events --calendar SRC... [--from DATE] [--to DATE] [--tz ZONE] [--me EMAIL]... [--format
// text|json]
#include "commands.hpp"
#include "output.hpp"
#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/calendar/ics_writer.hpp"
#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/error.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace sidetrip::cli {

namespace {

using std::chrono::local_days;
using std::chrono::local_seconds;
using std::chrono::sys_seconds;

struct EventsOptions {
    std::vector<std::string> calendars;
    std::string from;
    std::string to;
    std::string tz;
    std::vector<std::string> me;
    std::string format = "text";
};

nlohmann::ordered_json occurrence_json(const calendar::Occurrence& o, const std::string& tz) {
    nlohmann::ordered_json j;
    j["uid"] = o.uid;
    j["recurrence_id"] =
        o.recurrence_id ? nlohmann::ordered_json(*o.recurrence_id) : nlohmann::ordered_json(nullptr);
    j["summary"] = o.summary;
    j["location"] = o.location;
    if (o.all_day) {
        j["start"] = format_date(o.start_date);
        j["end"] = format_date(o.end_date);
        j["start_utc"] = calendar::format_rfc3339(
            calendar::to_utc(local_seconds{local_days{o.start_date}.time_since_epoch()}, tz), "UTC");
        j["end_utc"] = calendar::format_rfc3339(
            calendar::to_utc(local_seconds{local_days{o.end_date}.time_since_epoch()}, tz), "UTC");
    } else {
        j["start"] = calendar::format_rfc3339(o.start_utc, o.display_zone);
        j["end"] = calendar::format_rfc3339(o.end_utc, o.display_zone);
        j["start_utc"] = calendar::format_rfc3339(o.start_utc, "UTC");
        j["end_utc"] = calendar::format_rfc3339(o.end_utc, "UTC");
    }
    j["all_day"] = o.all_day;
    j["timezone"] = o.timezone;
    j["status"] = o.status;
    j["transparent"] = o.transparent;
    j["kind"] = calendar::to_string(o.kind);
    j["declined"] = o.declined;
    j["source"] = o.source;
    return j;
}

std::string agenda_text(const std::vector<calendar::Occurrence>& occurrences, const std::string& tz) {
    std::string out;
    std::string last_day;
    for (const auto& o : occurrences) {
        // Times written in UTC (flights, mostly) read best in the user's own zone.
        const std::string zone = o.display_zone.empty() || o.display_zone == "UTC" ? tz : o.display_zone;
        const std::string day =
            o.all_day ? format_date(o.start_date) : format_date(calendar::local_date(o.start_utc, zone));
        if (day != last_day) {
            out += (last_day.empty() ? "" : "\n") + day + "\n";
            last_day = day;
        }
        std::string when;
        if (o.all_day) {
            when = "all day    ";
        } else {
            when = calendar::format_clock(o.start_utc, zone) + "-" + calendar::format_clock(o.end_utc, zone);
        }
        out += "  " + when + "  " + printable(o.summary.empty() ? "(no title)" : o.summary);
        if (!o.location.empty()) {
            out += "  @ " + printable(o.location);
        }
        out += "  [" + std::string(calendar::to_string(o.kind));
        if (o.transparent) {
            out += o.declined ? ", declined" : ", free";
        }
        out += "]";
        if (!o.all_day) {
            out += "  " + zone;
        }
        out += "\n";
    }
    if (occurrences.empty()) {
        out = "No events in that range.\n";
    }
    return out;
}

} // namespace

void add_events_command(CLI::App& app, std::shared_ptr<GlobalOptions> globals) {
    auto options = std::make_shared<EventsOptions>();
    CLI::App* cmd =
        app.add_subcommand("events", "List calendar occurrences in a date range, recurrences expanded");
    add_calendar_option(*cmd, options->calendars);
    cmd->add_option("--from", options->from, "First day (YYYY-MM-DD, midnight in --tz); default: today");
    cmd->add_option("--to", options->to,
                    "Day after the last (YYYY-MM-DD, exclusive); default: --from + 365 days");
    cmd->add_option("--tz", options->tz,
                    "Your zone (IANA, e.g. Asia/Manila): for the dates and for floating times; default: the "
                    "system's zone");
    cmd->add_option("--me", options->me, "Your email address(es): events you declined count as free time");
    cmd->add_option("--format", options->format,
                    "Output format: text, json, or ics (the occurrences as one RFC 5545 calendar)")
        ->capture_default_str();
    cmd->callback([options, globals] {
        const bool ics = options->format == "ics";
        const OutputFormat format =
            ics ? OutputFormat::Text : parse_format(options->format, "text, json, ics");
        const std::string tz = checked_zone(options->tz);
        calendar::CalendarReadOptions read;
        read.home_zone = tz;
        read.user_emails = options->me;
        const auto [start, end] = date_window(options->from, options->to, tz, *globals);
        read.window_start = start;
        read.window_end = end;
        Diagnostics diagnostics;
        const auto all = read_calendars(options->calendars, read, diagnostics, *globals);
        report_diagnostics(diagnostics, *globals);
        if (ics) {
            write_stdout(calendar::write_ics(all));
        } else if (format == OutputFormat::Json) {
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const auto& o : all) {
                out.push_back(occurrence_json(o, tz));
            }
            write_json(out);
        } else {
            write_text_stdout(agenda_text(all, tz));
        }
    });
}

} // namespace sidetrip::cli
