// sidetrip geocode QUERY... [--country CC] [--format text|json] [--geocoder SERVICE [URL]]
//                  [--geocoder-contact EMAIL] [--max-online-lookups N]
#include "commands.hpp"
#include "output.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/geo/online_geocoder.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace sidetrip::cli {

namespace {

struct GeocodeOptions {
    std::vector<std::string> queries;
    std::string country;
    std::string format = "text";
    GeocoderChoice geocoder;
};

nlohmann::ordered_json to_json(const geo::GeocodeResult& r) {
    nlohmann::ordered_json j;
    j["query"] = r.query;
    j["status"] = geo::to_string(r.status);
    if (geo::has_point(r.status)) {
        j["name"] = r.name;
        j["admin1"] = r.admin1;
        j["country"] = r.country;
        j["lat"] = r.point.lat;
        j["lon"] = r.point.lon;
        j["timezone"] = r.timezone;
        j["source"] = r.source;
        j["confidence"] = r.confidence;
        j["level"] = r.level;
        if (needs_attribution(r)) {
            // OpenStreetMap's licence (ODbL) asks every use of its data to say where it came from.
            j["attribution"] = std::string(geo::OpenStreetMapAttribution);
        }
        if (r.status == geo::GeocodeStatus::Partial) {
            j["reason"] = r.reason; // which part of the text was not found
        }
    } else {
        j["reason"] = r.reason;
    }
    return j;
}

std::string to_text(const geo::GeocodeResult& r) {
    char buffer[512];
    if (geo::has_point(r.status)) {
        std::string where = r.name;
        if (!r.admin1.empty() && r.admin1 != r.name) {
            where += ", " + r.admin1;
        }
        where += ", " + r.country;
        std::snprintf(buffer, sizeof buffer, "%.5f, %.5f  %s  (%s, %s, confidence %.2f)", r.point.lat,
                      r.point.lon, r.timezone.c_str(), r.source.c_str(), r.level.c_str(), r.confidence);
        const std::string partial =
            r.status == geo::GeocodeStatus::Partial ? "\n     partial: " + printable(r.reason) : "";
        return printable(r.query) + "\n  -> " + where + "  " + buffer + partial + "\n";
    }
    return printable(r.query) + "\n  -> " + std::string(geo::to_string(r.status)) + ": " +
           printable(r.reason) + "\n";
}

} // namespace

void add_geocode_command(CLI::App& app, std::shared_ptr<GlobalOptions>) {
    auto options = std::make_shared<GeocodeOptions>();
    CLI::App* cmd = app.add_subcommand(
        "geocode", "Resolve place names and addresses to points, offline (online with --geocoder)");
    // Not ->required(): `--geocoder nominatim "Some Street"` takes the text as a URL, and the
    // message about that is the useful one.
    cmd->add_option("query", options->queries,
                    "Place text to resolve, e.g. \"Lipa, Batangas\" or MNL (at least one; REQUIRED)");
    cmd->add_option("--country", options->country,
                    "ISO 3166-1 alpha-2 country to prefer when a text names none (e.g. PH)");
    cmd->add_option("--format", options->format, "Output format: text or json")->capture_default_str();
    add_geocoder_options(*cmd, options->geocoder);
    cmd->callback([options] {
        const OutputFormat format = parse_format(options->format);
        auto setup = make_geocoding(options->geocoder);
        if (options->queries.empty()) {
            throw InputError(
                "geocode: give at least one place text to resolve, e.g. sidetrip geocode \"Lipa, "
                "Batangas\" (place text goes before --geocoder)");
        }
        const std::string bias = checked_country(*setup.gazetteer, options->country);
        nlohmann::ordered_json all = nlohmann::ordered_json::array();
        std::string text;
        bool attribution = false;
        for (const auto& query : options->queries) {
            const auto result = setup.geocoder->geocode({query, bias});
            attribution = attribution || needs_attribution(result);
            if (format == OutputFormat::Json) {
                all.push_back(to_json(result));
            } else {
                text += to_text(result);
            }
        }
        if (format == OutputFormat::Json) {
            write_json(all);
        } else {
            if (attribution) {
                text += "\nOnline and cache results: " + std::string(geo::OpenStreetMapAttribution) + " (" +
                        std::string(geo::OpenStreetMapCopyrightUrl) + ")\n";
                note_attribution_shown(setup);
            }
            write_text_stdout(text);
        }
    });
}

} // namespace sidetrip::cli
