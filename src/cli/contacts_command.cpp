// sidetrip contacts --contacts SRC... [--home PLACE] [--country CC] [--format text|json]
#include "commands.hpp"
#include "output.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/people/contacts_reader.hpp"
#include "sidetrip/plan/contact_places.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>

namespace sidetrip::cli {

namespace {

struct ContactsOptions {
    std::vector<std::string> sources;
    std::string home;
    std::string country;
    std::string format = "text";
    GeocoderChoice geocoder;
};

template <typename T> nlohmann::ordered_json optional_json(const std::optional<T>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json optional_date(const std::optional<Date>& date) {
    return date ? nlohmann::ordered_json(format_date(*date)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json place_json(const people::ContactPlace& place, const geo::GeocodeResult& r) {
    nlohmann::ordered_json j{
        {"label", place.label}, {"text", place.text}, {"status", geo::to_string(r.status)}};
    if (r.status == geo::GeocodeStatus::Ok) {
        j["name"] = r.name;
        j["admin1"] = r.admin1;
        j["country"] = r.country;
        j["lat"] = r.point.lat;
        j["lon"] = r.point.lon;
        j["timezone"] = r.timezone;
        j["source"] = r.source;
        j["confidence"] = r.confidence;
    } else {
        j["reason"] = r.reason;
    }
    return j;
}

nlohmann::ordered_json contact_json(const plan::ResolvedContact& resolved) {
    const auto& c = resolved.contact;
    nlohmann::ordered_json knows = nlohmann::ordered_json::array();
    for (const auto& r : c.relationships) {
        knows.push_back({{"kind", r.kind}, {"target", r.target}});
    }
    nlohmann::ordered_json places = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < c.places.size(); ++i) {
        places.push_back(place_json(c.places[i], resolved.places[i]));
    }
    return {{"id", c.id.str()},
            {"name", c.name},
            {"emails", c.emails},
            {"organization", c.organization},
            {"title", c.title},
            {"tags", c.tags},
            {"interests", c.interests},
            {"relationships", knows},
            {"last_met", optional_date(c.last_met)},
            {"last_contact", optional_date(c.last_contact)},
            {"cadence_days", optional_json(c.cadence_days)},
            {"tie_strength", optional_json(c.tie_strength)},
            {"priority", optional_json(c.priority)},
            {"availability", c.availability},
            {"places", places},
            {"unresolved", resolved.unresolved_reason.empty()
                               ? nlohmann::ordered_json(nullptr)
                               : nlohmann::ordered_json(resolved.unresolved_reason)},
            {"source", c.source}};
}

std::string contacts_text(const std::vector<plan::ResolvedContact>& all) {
    std::string out;
    std::size_t place_count = 0, resolved_count = 0;
    std::string unresolved;
    char buffer[256];
    for (const auto& resolved : all) {
        const auto& c = resolved.contact;
        out += printable(c.name);
        if (!c.emails.empty()) {
            out += " <" + printable(c.emails.front()) + ">";
        }
        if (!c.tags.empty()) {
            out += "  [";
            for (std::size_t i = 0; i < c.tags.size(); ++i) {
                out += (i ? ", " : "") + printable(c.tags[i]);
            }
            out += "]";
        }
        if (c.last_met) {
            out += "  last met " + format_date(*c.last_met);
        }
        out += "\n";
        for (std::size_t i = 0; i < c.places.size(); ++i) {
            const auto& r = resolved.places[i];
            ++place_count;
            out += "  " + (c.places[i].label.empty() ? std::string("place") : c.places[i].label) + ": " +
                   printable(c.places[i].text) + "\n    -> ";
            if (r.status == geo::GeocodeStatus::Ok) {
                ++resolved_count;
                std::snprintf(buffer, sizeof buffer, "  (%.4f, %.4f) %s", r.point.lat, r.point.lon,
                              r.timezone.c_str());
                out += r.name + (r.admin1.empty() ? "" : ", " + r.admin1) + ", " + r.country + buffer + "\n";
            } else {
                out += std::string(geo::to_string(r.status)) + ": " + r.reason + "\n";
                unresolved += "  " + printable(c.name) + " (" + c.source + "): \"" +
                              printable(c.places[i].text) + "\": " + printable(r.reason) + "\n";
            }
        }
        if (c.places.empty()) {
            out += "  (no place)\n";
            unresolved += "  " + printable(c.name) + " (" + c.source + "): no address or city given\n";
        }
    }
    std::snprintf(buffer, sizeof buffer, "\n%zu contacts, %zu places: %zu resolved, %zu unresolved\n",
                  all.size(), place_count, resolved_count, place_count - resolved_count);
    out += buffer;
    if (!unresolved.empty()) {
        out += "Unresolved:\n" + unresolved;
    }
    return out;
}

} // namespace

void add_contacts_command(CLI::App& app, std::shared_ptr<GlobalOptions> globals) {
    auto options = std::make_shared<ContactsOptions>();
    CLI::App* cmd = app.add_subcommand("contacts", "List contacts with their places resolved");
    cmd->add_option("--contacts,-c", options->sources,
                    "Contacts file(s): .vcf (vCard 2.1/3.0/4.0), .csv (Google, LinkedIn or sidetrip "
                    "columns) or .json; - for standard input")
        ->required();
    cmd->add_option(
        "--home", options->home,
        "Your home place (e.g. \"Lipa, Batangas\"); its country is the default for contacts' places");
    cmd->add_option("--country", options->country,
                    "Default country for contacts' places (ISO alpha-2, e.g. PH)");
    cmd->add_option("--format", options->format, "Output format: text or json")->capture_default_str();
    add_geocoder_options(*cmd, options->geocoder);
    cmd->callback([options, globals] {
        const OutputFormat format = parse_format(options->format);
        Diagnostics diagnostics;
        std::vector<people::Contact> contacts;
        for (const auto& source : options->sources) {
            auto loaded = people::read_contacts_file(source, diagnostics);
            contacts.insert(contacts.end(), std::make_move_iterator(loaded.begin()),
                            std::make_move_iterator(loaded.end()));
        }
        auto setup = make_geocoding(options->geocoder);
        std::string country = checked_country(*setup.gazetteer, options->country);
        if (!options->home.empty()) {
            const auto home = setup.geocoder->geocode({options->home, country});
            if (home.status != geo::GeocodeStatus::Ok) {
                throw InputError("--home " + options->home + ": " + home.reason +
                                 " (write it as \"City, Province\" or \"City, Country\")");
            }
            if (country.empty()) {
                country = home.country;
            }
        }
        const auto resolved =
            plan::resolve_contact_places(contacts, *setup.geocoder, *setup.gazetteer, country);
        report_diagnostics(diagnostics, *globals);
        if (format == OutputFormat::Json) {
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const auto& r : resolved) {
                out.push_back(contact_json(r));
            }
            write_json(out);
        } else {
            write_stdout(contacts_text(resolved));
        }
    });
}

} // namespace sidetrip::cli
