#include "detail/json_contacts.hpp"

#include "detail/contact_fields.hpp"
#include "detail/csv_contacts.hpp"

#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace sidetrip::people::detail {

namespace {

using nlohmann::json;

/// 1-based line of a byte offset.
int line_at(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<int>(
                   std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

/**
 * The line each element of the contacts array starts on, found by a scan of the (already
 * parsed, hence valid) text: nlohmann does not keep positions, and a line is what the user
 * needs to find a bad contact.
 */
std::vector<int> element_lines(std::string_view text) {
    std::vector<int> lines;
    int line = 1;
    int depth = 0;
    int target_depth = -1; // depth inside the contacts array while scanning it
    bool waiting_element = false;
    bool in_string = false;
    bool escaped = false;
    char top = 0;
    std::string current;
    std::string last_key; // last string seen directly inside the top-level object
    for (const char c : text) {
        if (c == '\n') {
            ++line;
        }
        if (in_string) {
            if (escaped) {
                escaped = false;
                current += c;
            } else if (c == '\\') {
                escaped = true;
                current += c;
            } else if (c == '"') {
                in_string = false;
                if (depth == 1) {
                    last_key = current;
                }
            } else {
                current += c;
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            continue;
        }
        if (waiting_element && depth == target_depth) {
            if (c != ']') {
                lines.push_back(line);
            }
            waiting_element = false;
        }
        switch (c) {
        case '"':
            in_string = true;
            current.clear();
            break;
        case '[':
        case '{':
            ++depth;
            if (depth == 1) {
                top = c;
            }
            if ((depth == 1 && c == '[') ||
                (depth == 2 && c == '[' && top == '{' && last_key == "contacts")) {
                target_depth = depth;
                waiting_element = true;
                lines.clear();
            }
            break;
        case ']':
        case '}':
            if (depth == target_depth) {
                target_depth = -1;
                waiting_element = false;
            }
            --depth;
            break;
        case ',':
            if (depth == target_depth) {
                waiting_element = true;
            }
            break;
        default: break;
        }
    }
    return lines;
}

/// "syntax error while parsing value - invalid literal; last read: 'x'" from nlohmann's message.
std::string parse_error_reason(const std::string& what) {
    const auto at = what.find("parse error");
    if (at == std::string::npos) {
        return what;
    }
    const auto colon = what.find(": ", at);
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

bool is_list_field(NativeField field) {
    return field == NativeField::Emails || field == NativeField::Phones || field == NativeField::Tags ||
           field == NativeField::Interests || field == NativeField::Knows;
}

std::string scalar_text(const json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

void read_places(const json& places, NativeContactBuilder& builder, const std::string& record,
                 const RecordContext& where) {
    if (!places.is_array()) {
        where.warn(record +
                   ": \"places\" should be an array of {\"label\", \"text\", \"country\", \"lat\", " +
                   "\"lon\"}; ignored");
        return;
    }
    for (std::size_t i = 0; i < places.size(); ++i) {
        const json& item = places[i];
        const std::string name = record + " place [" + std::to_string(i) + "]";
        if (item.is_string()) {
            builder.add_place({"other", single_line(item.get<std::string>(), ", "), "", std::nullopt});
            continue;
        }
        if (!item.is_object()) {
            where.warn(name + " is not an object; ignored");
            continue;
        }
        const auto text_of = [&](const char* key) {
            const auto it = item.find(key);
            if (it == item.end() || it->is_null()) {
                return std::string{};
            }
            if (!it->is_string() && !it->is_number()) {
                where.warn(name + ": \"" + key + "\" should be " + (it->is_number() ? "a number" : "text") +
                           "; ignored");
                return std::string{};
            }
            return scalar_text(*it);
        };
        ContactPlace place;
        const std::string label = text_of("label");
        place.label = label.empty() ? "other" : place_label(label);
        place.text = single_line(text_of("text"), ", ");
        if (const std::string country = text_of("country"); !country.empty()) {
            place.country = country_code(country);
            if (place.country.empty()) {
                where.warn(name + ": country \"" + country +
                           "\" is not a country code or name sidetrip knows; left empty (write the ISO code, "
                           "such as PH)");
            }
        }
        place.point = read_point(text_of("lat"), text_of("lon"), name + " lat, lon", where);
        if (place.text.empty() && !place.point && place.country.empty()) {
            where.warn(name + " has no text, country or coordinates; ignored");
            continue;
        }
        builder.add_place(std::move(place));
    }
}

void read_knows(const json& value, NativeContactBuilder& builder, const std::string& record,
                const RecordContext& where) {
    for (const json& item : value) {
        if (item.is_string()) {
            builder.add_item(NativeField::Knows, item.get<std::string>());
        } else if (item.is_object()) {
            std::string target;
            for (const char* key : {"id", "target", "name"}) {
                if (const auto it = item.find(key); it != item.end() && it->is_string()) {
                    target = std::string(text::trim(it->get<std::string>()));
                    break;
                }
            }
            std::string kind = "knows";
            if (const auto it = item.find("kind"); it != item.end() && it->is_string()) {
                kind = text::ascii_lower(text::trim(it->get<std::string>()));
            }
            if (target.empty()) {
                where.warn(record + ": an element of \"knows\" has no \"id\"; ignored");
            } else {
                builder.add_relationship(kind.empty() ? "knows" : kind, target);
            }
        } else {
            where.warn(record + ": \"knows\" holds " + std::string(item.type_name()) +
                       " where an id or {\"id\", \"kind\"} belongs; ignored");
        }
    }
}

std::optional<Contact> read_element(const json& element, std::size_t index, int line,
                                    const std::string& source_name, Diagnostics& diagnostics,
                                    std::set<std::string>& unknown_keys) {
    const std::string record = "contact [" + std::to_string(index) + "]";
    const RecordContext where{source_name, line, diagnostics};
    if (!element.is_object()) {
        where.warn(record + " is " + std::string(element.type_name()) + ", not an object; skipped");
        return std::nullopt;
    }
    NativeContactBuilder builder(where, record);
    for (const auto& [key, value] : element.items()) {
        if (value.is_null()) {
            continue;
        }
        if (key == "places") {
            read_places(value, builder, record, where);
            continue;
        }
        const auto field = native_field(key);
        if (!field) {
            unknown_keys.insert(key);
            continue;
        }
        if (value.is_string() || value.is_number()) {
            builder.set(*field, scalar_text(value));
        } else if (value.is_array() && *field == NativeField::Knows) {
            read_knows(value, builder, record, where);
        } else if (value.is_array() && is_list_field(*field)) {
            for (const json& item : value) {
                if (item.is_string()) {
                    builder.add_item(*field, item.get<std::string>());
                } else {
                    where.warn(record + ": \"" + key + "\" holds " + std::string(item.type_name()) +
                               " where text belongs; ignored");
                }
            }
        } else {
            where.warn(record + ": \"" + key + "\" should be " +
                       (is_list_field(*field) ? "an array of text" : "text or a number") + ", not " +
                       std::string(value.type_name()) + "; ignored");
        }
    }
    return builder.finish();
}

} // namespace

std::vector<Contact> read_json_contacts(std::string_view text, const std::string& source_name,
                                        Diagnostics& diagnostics) {
    std::string cleaned;
    if (!text::is_valid_utf8(text)) {
        int line = 1;
        for (const auto physical : text::split(text, '\n')) {
            if (!text::is_valid_utf8(physical)) {
                diagnostics.warn(
                    source_name, line,
                    "line has bytes that are not UTF-8; they were dropped (save the file as UTF-8)");
            }
            ++line;
        }
        cleaned = valid_utf8_part(text);
        text = cleaned;
    }

    json document;
    try {
        document = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& error) {
        const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        throw InputError(source_name + ":" + std::to_string(line_at(text, offset)) + ": not valid JSON (" +
                         parse_error_reason(error.what()) +
                         "): fix the file there; a missing comma, quote or bracket is the usual cause");
    }

    const json* contacts = nullptr;
    if (document.is_array()) {
        contacts = &document;
    } else if (document.is_object()) {
        if (const auto it = document.find("contacts"); it != document.end() && it->is_array()) {
            contacts = &*it;
        }
    }
    if (contacts == nullptr) {
        throw InputError(source_name +
                         " is JSON but not a list of contacts: write an array of contact objects, " +
                         "or {\"contacts\": [...]} (see data/contacts.schema.json)");
    }

    const std::vector<int> lines = element_lines(text);
    std::vector<Contact> out;
    std::set<std::string> unknown_keys;
    for (std::size_t i = 0; i < contacts->size(); ++i) {
        const int line = i < lines.size() ? lines[i] : 0;
        if (auto contact = read_element((*contacts)[i], i, line, source_name, diagnostics, unknown_keys)) {
            out.push_back(std::move(*contact));
        }
    }
    if (!unknown_keys.empty()) {
        std::string list;
        for (const auto& key : unknown_keys) {
            list += (list.empty() ? "\"" : ", \"") + key + "\"";
        }
        diagnostics.warn(source_name, 0,
                         "unknown key" + std::string(unknown_keys.size() > 1 ? "s " : " ") + list +
                             " ignored (see data/contacts.schema.json for the keys sidetrip reads)");
    }
    return out;
}

} // namespace sidetrip::people::detail
