// sidetrip match --attendees SRC --contacts SRC... [--interest TOPIC]... [--format text|json|csv]
#include "commands.hpp"
#include "json_writer.hpp"
#include "output.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/people/attendee.hpp"
#include "sidetrip/people/contact_merge.hpp"
#include "sidetrip/people/contacts_reader.hpp"
#include "sidetrip/people/matcher.hpp"
#include "sidetrip/plan/planner.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace sidetrip::cli {

namespace {

struct MatchCliOptions {
    std::string attendees;
    std::vector<std::string> columns;
    std::vector<std::string> contacts;
    std::vector<std::string> interests;
    double threshold = 0.8;
    std::string format = "text";
};

bool same_text(const std::string& a, const std::string& b) {
    return !a.empty() && text::fold(a) == text::fold(b);
}

bool shares_tag(const people::Contact& a, const people::Contact& b) {
    for (const auto& x : a.tags) {
        for (const auto& y : b.tags) {
            if (text::iequals(x, y)) {
                return true;
            }
        }
    }
    return false;
}

std::vector<std::string> shared(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> out;
    for (const auto& x : a) {
        for (const auto& y : b) {
            if (same_text(x, y) && std::find(out.begin(), out.end(), x) == out.end()) {
                out.push_back(x);
            }
        }
    }
    return out;
}

/// One CSV cell (RFC 4180), made safe to open in a spreadsheet: a cell that begins with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be read as a formula (`=HYPERLINK(...)` from
/// an attendee list runs when the user opens the file), so it gets a leading `'` and quotes, as
/// OWASP's "CSV injection" page advises; the cell then holds the text with a leading `'`.
std::string csv_field(const std::string& s) {
    const bool formula = !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
    if (!formula && s.find_first_of(",\"\r\n") == std::string::npos) {
        return s;
    }
    std::string q = formula ? "\"'" : "\"";
    for (char c : s) {
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return q + "\"";
}

} // namespace

void add_match_command(CLI::App& app, std::shared_ptr<GlobalOptions> globals) {
    auto options = std::make_shared<MatchCliOptions>();
    CLI::App* cmd = app.add_subcommand("match", "Match a conference attendee list against your contacts");
    cmd->add_option("--attendees,-a", options->attendees,
                    "Attendee list: CSV (any organiser's headers), XLSX, JSON or vCard; - for standard input")
        ->required();
    cmd->add_option("--column", options->columns,
                    "Which column of the attendee list holds a field, as field=Header (repeatable); fields: "
                    "name, first_name, last_name, email, organization, title, headline, city, country, "
                    "linkedin, interests");
    cmd->add_option("--contacts,-c", options->contacts, "Contacts file(s): .vcf, .csv or .json")->required();
    cmd->add_option("--interest", options->interests,
                    "One of your interests (repeatable): strangers who share it are listed");
    cmd->add_option("--threshold", options->threshold, "Confidence from which a match is known (0..1)")
        ->capture_default_str();
    cmd->add_option("--format", options->format, "Output: text, json or csv (known matches)")
        ->capture_default_str();
    cmd->callback([options, globals] {
        const bool csv = options->format == "csv";
        const OutputFormat format =
            csv ? OutputFormat::Text : parse_format(options->format, "text, json, csv");
        if (!(options->threshold > 0.0 && options->threshold <= 1.0)) {
            throw InputError("--threshold must be above 0 and at most 1");
        }
        Diagnostics diagnostics;
        const auto attendees = read_attendee_source(options->attendees, diagnostics, options->columns);
        std::vector<people::Contact> contacts;
        for (const auto& source : options->contacts) {
            auto part = people::read_contacts_file(source, diagnostics);
            if (contacts.empty()) {
                contacts = std::move(part); // the usual single file: no contact moved one by one
            } else {
                contacts.insert(contacts.end(), std::make_move_iterator(part.begin()),
                                std::make_move_iterator(part.end()));
            }
        }
        people::MergeReport merges; // one person per human, or a human is ambiguous with themselves
        contacts = people::merge_contacts(std::move(contacts), merges, {}, false);
        report_diagnostics(diagnostics, *globals);
        people::MatchOptions match_options;
        match_options.threshold = options->threshold;
        auto result = people::match_attendees(attendees, contacts, match_options);

        // The contacts the results name, by id: all 100,000 contacts in a tree by id were a
        // noticeable part of the command's time, for a few thousand lookups.
        std::unordered_map<std::string, const people::Contact*> by_id;
        for (const auto* list : {&result.known, &result.possible}) {
            for (const auto& m : *list) {
                by_id.emplace(m.contact.str(), nullptr);
            }
        }
        for (const auto& c : contacts) {
            if (const auto it = by_id.find(c.id.str()); it != by_id.end()) {
                it->second = &c; // the last one with the id, as when all were indexed
            }
        }
        plan::PlannerSettings settings;
        settings.today = today_in(*globals, checked_zone(""));
        // Known: the planner's value orders them, dormant ties first.
        std::map<std::string, plan::ContactValue> values;
        for (const auto& m : result.known) {
            values[m.contact.str()] = plan::contact_value(*by_id.at(m.contact.str()), settings);
        }
        std::stable_sort(result.known.begin(), result.known.end(), [&](const auto& a, const auto& b) {
            return values[a.contact.str()].value > values[b.contact.str()].value;
        });
        std::set<std::size_t> matched;
        for (const auto& m : result.known) {
            matched.insert(m.attendee);
        }
        // Introductions: strangers one of your contacts knows (their "knows" data names them),
        // or who work where a close contact works.
        struct Intro {
            std::size_t attendee;
            std::vector<std::string> via;
            std::string reason;
        };
        std::vector<Intro> intros;
        // Trying every contact for every attendee is 5 billion pairs at 50,000 x 100,000: keys
        // find the contacts that can pass the test below (whom they know, by folded name and by
        // lower-case text for emails; the organisation of each close tie), and the test decides.
        std::unordered_map<std::string, std::vector<std::size_t>> knows_name, knows_text, close_at;
        // Organisations repeat across thousands of people: each distinct text is normalised once
        // (the map's keys are views of the people's own text).
        std::unordered_map<std::string_view, std::string> organization_keys;
        const auto organization_key = [&](const std::string& organization) -> const std::string& {
            auto [it, added] = organization_keys.try_emplace(organization);
            if (added) {
                it->second = people::normalize_organization(organization);
            }
            return it->second;
        };
        // The normalised organisation of each close tie (null for the others), for the test below.
        std::vector<const std::string*> close_organization(contacts.size(), nullptr);
        for (std::size_t i = 0; i < contacts.size(); ++i) {
            for (const auto& r : contacts[i].relationships) {
                if (!r.target.empty()) {
                    knows_name[text::fold(r.target)].push_back(i);
                }
                knows_text[text::ascii_lower(r.target)].push_back(i);
            }
            if (contacts[i].tie_strength.value_or(0) >= 4) {
                close_organization[i] = &organization_key(contacts[i].organization);
                close_at[*close_organization[i]].push_back(i);
            }
        }
        std::vector<std::size_t> candidates;
        for (const auto& a : attendees) {
            if (matched.count(a.row) > 0) {
                continue;
            }
            Intro intro{a.row, {}, ""};
            candidates.clear();
            const auto add = [&](const auto& index, const std::string& key) {
                if (const auto it = index.find(key); it != index.end()) {
                    candidates.insert(candidates.end(), it->second.begin(), it->second.end());
                }
            };
            const std::string folded_name = text::fold(a.name);
            add(knows_name, folded_name);
            for (const auto& e : a.emails) {
                add(knows_text, text::ascii_lower(e));
            }
            const std::string* organization = nullptr; // normalised
            if (!a.organization.empty()) {
                organization = &organization_key(a.organization);
                add(close_at, *organization);
            }
            std::sort(candidates.begin(), candidates.end()); // the contacts' order, as before
            candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
            for (const std::size_t candidate : candidates) {
                const auto& c = contacts[candidate];
                bool knows = false;
                for (const auto& r : c.relationships) {
                    // same_text(r.target, a.name), with the name folded once above.
                    knows = knows || (!r.target.empty() && text::fold(r.target) == folded_name) ||
                            std::any_of(a.emails.begin(), a.emails.end(),
                                        [&](const std::string& e) { return text::iequals(e, r.target); });
                }
                const bool colleague = close_organization[candidate] != nullptr && organization != nullptr &&
                                       *close_organization[candidate] == *organization;
                if (knows || colleague) {
                    intro.via.push_back(c.id.str());
                    if (intro.reason.empty()) {
                        intro.reason = knows
                                           ? "ask " + c.name + " to introduce you: they know " + a.name
                                           : "ask " + c.name + " to introduce you: both at " + a.organization;
                    }
                }
            }
            if (!intro.via.empty()) {
                intros.push_back(std::move(intro));
            }
        }
        // Strangers who share your interests.
        std::vector<std::pair<std::size_t, std::vector<std::string>>> interests;
        for (const auto& a : attendees) {
            if (matched.count(a.row) == 0) {
                auto common = shared(options->interests, a.interests);
                if (!common.empty()) {
                    interests.emplace_back(a.row, std::move(common));
                }
            }
        }
        // Your contacts at the event who should meet each other.
        struct Pair {
            std::string first, second, reason;
        };
        std::vector<Pair> pairs;
        // Looked up and folded once, not once per pair: thousands of known contacts make
        // millions of pairs. People without interests share none (shared() is empty).
        std::vector<const people::Contact*> known_contacts;
        std::vector<std::vector<std::string>> known_folded; // each contact's interests, folded
        for (const auto& m : result.known) {
            known_contacts.push_back(by_id.at(m.contact.str()));
            known_folded.emplace_back();
            for (const auto& interest : known_contacts.back()->interests) {
                known_folded.back().push_back(text::fold(interest));
            }
        }
        for (std::size_t i = 0; i < result.known.size(); ++i) {
            for (std::size_t j = i + 1; j < result.known.size(); ++j) {
                const auto& x = *known_contacts[i];
                const auto& y = *known_contacts[j];
                if (x.interests.empty() || y.interests.empty() || shares_tag(x, y)) {
                    continue;
                }
                // The first of x's interests that y shares: shared(x.interests, y.interests).front().
                const std::string* common = nullptr;
                for (std::size_t p = 0; p < x.interests.size() && common == nullptr; ++p) {
                    const auto& folded = known_folded[i][p];
                    if (!x.interests[p].empty() && std::find(known_folded[j].begin(), known_folded[j].end(),
                                                             folded) != known_folded[j].end()) {
                        common = &x.interests[p];
                    }
                }
                if (common != nullptr) {
                    pairs.push_back({x.id.str(), y.id.str(),
                                     x.name + " and " + y.name + " are both into " + *common +
                                         ", from different circles"});
                }
            }
        }

        // The first attendee of each row, found without a scan per call.
        std::unordered_map<std::size_t, const std::string*> name_of_row;
        for (const auto& a : attendees) {
            name_of_row.emplace(a.row, &a.name);
        }
        const auto attendee_name = [&](std::size_t row) -> std::string {
            const auto it = name_of_row.find(row);
            return it == name_of_row.end() ? std::string() : *it->second;
        };
        if (csv) {
            std::string out = "attendee,attendee_name,contact_id,contact_name,confidence,evidence\n";
            for (const auto& m : result.known) {
                std::string evidence;
                for (const auto& e : m.evidence) {
                    evidence += (evidence.empty() ? "" : "; ") + e;
                }
                char confidence[16];
                std::snprintf(confidence, sizeof confidence, "%.2f", m.confidence);
                out += std::to_string(m.attendee) + "," + csv_field(attendee_name(m.attendee)) + "," +
                       csv_field(m.contact.str()) + "," + csv_field(by_id.at(m.contact.str())->name) + "," +
                       confidence + "," + csv_field(evidence) + "\n";
            }
            write_text_stdout(out);
            return;
        }
        if (format == OutputFormat::Json) {
            // Written as text while walking the results: tens of thousands of matches and pairs
            // built as nlohmann nodes first took a tenth of the command's time. The bytes are
            // those write_json() gives for the same document.
            JsonWriter json;
            const auto matches = [&](const std::vector<people::AttendeeMatch>& list) {
                json.begin_array();
                for (const auto& m : list) {
                    json.begin_object();
                    json.key("attendee");
                    json.value(m.attendee);
                    json.key("contact_id");
                    json.value(m.contact.str());
                    json.key("confidence");
                    json.value(m.confidence);
                    json.key("evidence");
                    json.value(m.evidence);
                    json.key("name");
                    json.value(by_id.at(m.contact.str())->name);
                    if (const auto it = values.find(m.contact.str()); it != values.end()) {
                        json.key("value");
                        json.value(it->second.value);
                        json.key("reasons");
                        json.value(it->second.reasons);
                    }
                    json.end_object();
                }
                json.end_array();
            };
            json.begin_object();
            json.key("known");
            matches(result.known);
            json.key("introductions");
            json.begin_array();
            for (const auto& i : intros) {
                json.begin_object();
                json.key("attendee");
                json.value(i.attendee);
                json.key("name");
                json.value(attendee_name(i.attendee));
                json.key("via");
                json.value(i.via);
                json.key("reason");
                json.value(i.reason);
                json.end_object();
            }
            json.end_array();
            json.key("shared_interests");
            json.begin_array();
            for (const auto& [row, common] : interests) {
                json.begin_object();
                json.key("attendee");
                json.value(row);
                json.key("name");
                json.value(attendee_name(row));
                json.key("interests");
                json.value(common);
                json.end_object();
            }
            json.end_array();
            json.key("make_introductions");
            json.begin_array();
            for (const auto& p : pairs) {
                json.begin_object();
                json.key("contacts");
                json.begin_array();
                json.value(p.first);
                json.value(p.second);
                json.end_array();
                json.key("reason");
                json.value(p.reason);
                json.end_object();
            }
            json.end_array();
            json.key("possible");
            matches(result.possible);
            json.key("ambiguities");
            json.value(result.ambiguities);
            json.end_object();
            write_stdout(json.finish());
            return;
        }
        std::string out = "People you know (" + std::to_string(result.known.size()) + "):\n";
        for (const auto& m : result.known) {
            const auto& c = *by_id.at(m.contact.str());
            char confidence[16];
            std::snprintf(confidence, sizeof confidence, "%.2f", m.confidence);
            out += "  - " + printable(c.name) + " (row " + std::to_string(m.attendee) + ", confidence " +
                   confidence + ")";
            if (!values[m.contact.str()].reasons.empty()) {
                out += ": " + printable(values[m.contact.str()].reasons.front());
            }
            out += "\n";
        }
        if (!result.possible.empty()) {
            out += "\nPossibly (check these):\n";
            for (const auto& m : result.possible) {
                out += "  - row " + std::to_string(m.attendee) + " " + printable(attendee_name(m.attendee)) +
                       " may be " + printable(by_id.at(m.contact.str())->name) + "\n";
            }
        }
        if (!intros.empty()) {
            out += "\nAsk for an introduction:\n";
            for (const auto& i : intros) {
                out += "  - " + printable(attendee_name(i.attendee)) + ": " + printable(i.reason) + "\n";
            }
        }
        if (!interests.empty()) {
            out += "\nShare your interests:\n";
            for (const auto& [row, common] : interests) {
                std::string list;
                for (const auto& t : common) {
                    list += (list.empty() ? "" : ", ") + t;
                }
                out += "  - " + printable(attendee_name(row)) + ": " + printable(list) + "\n";
            }
        }
        if (!pairs.empty()) {
            out += "\nIntroduce to each other:\n";
            for (const auto& p : pairs) {
                out += "  - " + printable(p.reason) + "\n";
            }
        }
        for (const auto& a : result.ambiguities) {
            out += "\nAmbiguous: " + printable(a) + "\n";
        }
        write_text_stdout(out);
    });
}

} // namespace sidetrip::cli
