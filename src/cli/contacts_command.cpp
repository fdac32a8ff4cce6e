// sidetrip contacts --contacts SRC... [--home PLACE] [--country CC] [--format text|json]
#include "commands.hpp"
#include "json_writer.hpp"
#include "output.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/people/contact_merge.hpp"
#include "sidetrip/people/contacts_reader.hpp"
#include "sidetrip/plan/contact_places.hpp"

#include <cstdio>
#include <iostream>
#include <optional>
#include <unordered_map>

namespace sidetrip::cli {

namespace {

struct ContactsOptions {
    std::vector<std::string> sources;
    std::string home;
    std::string country;
    std::string format = "text";
    GeocoderChoice geocoder;
};

// The JSON is written as text (JsonWriter): for 100,000 contacts, building an nlohmann
// document first took most of the command's time. The members and their order are the
// contract's, as before.

/// A member that is null when the contact does not say.
void optional_member(JsonWriter& out, std::string_view name, const std::optional<int>& value) {
    out.key(name);
    if (value) {
        out.integer(*value);
    } else {
        out.null();
    }
}

void optional_member(JsonWriter& out, std::string_view name, const std::optional<Date>& date) {
    out.key(name);
    if (date) {
        out.value(format_date(*date));
    } else {
        out.null();
    }
}

void place_json(JsonWriter& out, const people::ContactPlace& place, const geo::GeocodeResult& r,
                const std::string& not_in_person) {
    out.begin_object();
    out.member("label", place.label);
    out.member("text", place.text);
    out.member("status", geo::to_string(r.status));
    if (geo::has_point(r.status)) {
        out.member("name", r.name);
        out.member("admin1", r.admin1);
        out.member("country", r.country);
        out.member("lat", r.point.lat);
        out.member("lon", r.point.lon);
        out.member("timezone", r.timezone);
        out.member("source", r.source);
        out.member("confidence", r.confidence);
        if (!not_in_person.empty()) {
            out.member("not_in_person", not_in_person); // only then: older readers see no change
        }
    } else {
        out.member("reason", r.reason);
    }
    out.end_object();
}

void contact_json(JsonWriter& out, const plan::ResolvedContact& resolved) {
    const auto& c = resolved.contact;
    out.begin_object();
    out.member("id", c.id.str());
    out.member("name", c.name);
    if (c.kind == people::ContactKind::Organization) {
        // Only on organisations: a person's object is what it was before kinds existed.
        out.member("kind", people::to_string(c.kind));
    }
    out.member("emails", c.emails);
    out.member("organization", c.organization);
    out.member("title", c.title);
    out.member("tags", c.tags);
    out.member("interests", c.interests);
    out.key("relationships");
    out.begin_array();
    for (const auto& r : c.relationships) {
        out.begin_object();
        out.member("kind", r.kind);
        out.member("target", r.target);
        out.end_object();
    }
    out.end_array();
    optional_member(out, "last_met", c.last_met);
    optional_member(out, "last_contact", c.last_contact);
    optional_member(out, "cadence_days", c.cadence_days);
    optional_member(out, "tie_strength", c.tie_strength);
    optional_member(out, "priority", c.priority);
    out.member("availability", c.availability);
    out.key("places");
    out.begin_array();
    for (std::size_t i = 0; i < c.places.size(); ++i) {
        place_json(out, c.places[i], resolved.places[i], resolved.place_not_in_person_reasons[i]);
    }
    out.end_array();
    out.key("unresolved");
    if (resolved.unresolved_reason.empty()) {
        out.null();
    } else {
        out.value(resolved.unresolved_reason);
    }
    if (!resolved.not_in_person_reason.empty()) {
        out.member("not_in_person", resolved.not_in_person_reason);
    }
    out.member("source", c.source);
    out.end_object();
}

std::string contacts_text(const std::vector<plan::ResolvedContact>& all) {
    std::string out;
    std::size_t place_count = 0, resolved_count = 0;
    std::string unresolved;
    char buffer[256];
    for (const auto& resolved : all) {
        const auto& c = resolved.contact;
        out += printable(c.name);
        if (c.kind == people::ContactKind::Organization) {
            out += " (organization)";
        }
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
            if (geo::has_point(r.status)) {
                ++resolved_count;
                std::snprintf(buffer, sizeof buffer, "  (%.4f, %.4f) %s", r.point.lat, r.point.lon,
                              r.timezone.c_str());
                out += r.name + (r.admin1.empty() ? "" : ", " + r.admin1) + ", " + r.country + buffer + "\n";
                if (!resolved.place_not_in_person_reasons[i].empty()) {
                    out +=
                        "    not met in person: " + printable(resolved.place_not_in_person_reasons[i]) + "\n";
                }
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

/// "Merged: ..." for each merge, then "Possible duplicates, not merged:" and one line for each.
std::vector<std::string> merge_report_lines(const people::MergeReport& report,
                                            const std::vector<plan::ResolvedContact>& all) {
    std::vector<std::string> lines;
    if (report.merged.empty() && report.near_duplicates.empty()) {
        return lines;
    }
    std::unordered_map<std::string_view, const people::Contact*> by_id;
    for (const auto& resolved : all) {
        by_id.emplace(resolved.contact.id.str(), &resolved.contact);
    }
    const auto name_of = [&](const ContactId& id) {
        const auto it = by_id.find(id.str());
        return it == by_id.end() ? id.str() : printable(it->second->name);
    };
    for (const auto& merge : report.merged) {
        std::string line = "Merged: " + name_of(merge.id) + " (";
        for (std::size_t i = 0; i < merge.sources.size(); ++i) {
            line += (i ? " + " : "") + merge.sources[i];
        }
        line += "): ";
        for (std::size_t i = 0; i < merge.reasons.size(); ++i) {
            line += (i ? "; " : "") + printable(merge.reasons[i]);
        }
        lines.push_back(std::move(line));
    }
    if (!report.near_duplicates.empty()) {
        lines.emplace_back("Possible duplicates, not merged:");
    }
    const auto described = [&](const ContactId& id) {
        const auto it = by_id.find(id.str());
        return it == by_id.end() ? id.str() : printable(it->second->name) + " (" + it->second->source + ")";
    };
    for (const auto& near : report.near_duplicates) {
        lines.push_back("  " + described(near.first) + " and " + described(near.second) + ": " + near.reason);
    }
    return lines;
}

} // namespace

void add_contacts_command(CLI::App& app, std::shared_ptr<GlobalOptions> globals) {
    auto options = std::make_shared<ContactsOptions>();
    CLI::App* cmd = app.add_subcommand("contacts", "List contacts with their places resolved");
    cmd->add_option("--contacts,-c", options->sources,
                    "Contacts file(s): .vcf (vCard 2.1/3.0/4.0), .csv (Google, Outlook, LinkedIn or "
                    "sidetrip columns) or .json; - for standard input")
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
        // One person per human: the same email, phone, LinkedIn profile or id in several
        // sources is one contact (docs/contacts.md).
        people::MergeReport merges;
        contacts = people::merge_contacts(std::move(contacts), merges, country);
        const auto resolved =
            plan::resolve_contact_places(contacts, *setup.geocoder, *setup.gazetteer, country);
        report_diagnostics(diagnostics, *globals);
        const auto merge_lines = merge_report_lines(merges, resolved);
        if (format == OutputFormat::Json) {
            JsonWriter out;
            out.begin_array();
            for (const auto& r : resolved) {
                contact_json(out, r);
            }
            out.end_array();
            write_stdout(out.finish());
            // The array stays what it was: the merges are notes on standard error.
            if (!globals->quiet) {
                for (const auto& line : merge_lines) {
                    tell_user("note: " + line);
                }
            }
        } else {
            std::string text = contacts_text(resolved);
            if (!merge_lines.empty()) {
                text += "\n";
            }
            for (const auto& line : merge_lines) {
                text += line + "\n";
            }
            write_text_stdout(text);
        }
    });
}

} // namespace sidetrip::cli
