#include "sidetrip/people/attendee.hpp"

#include "detail/contact_fields.hpp"
#include "detail/csv.hpp"

#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/people/contacts_reader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>

namespace sidetrip::people {

namespace {

using json = nlohmann::json;

/// A field of an attendee list, whatever the organiser's export calls it.
enum class AttendeeField {
    Name,
    GivenName,
    FamilyName,
    Email,
    Organization,
    Title,
    Interests,
    LinkedIn,
    City,
    Country
};

/// "E-mail Address" -> "emailaddress": lower case, letters and digits only.
std::string header_key(std::string_view column) {
    std::string key;
    for (const char c : text::ascii_lower(column)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            key += c;
        }
    }
    return key;
}

struct FieldSynonym {
    std::string_view key; ///< as header_key() writes it
    AttendeeField field;
};

// Headers as Eventbrite, Luma, Hopin/RingCentral Events, Swapcard, Sched, Bizzabo and Google
// Forms export them; docs/attendees.md lists them. Keep the two in step.
constexpr FieldSynonym Synonyms[] = {
    {"name", AttendeeField::Name},
    {"fullname", AttendeeField::Name},
    {"attendeename", AttendeeField::Name},
    {"displayname", AttendeeField::Name},
    {"firstname", AttendeeField::GivenName},
    {"givenname", AttendeeField::GivenName},
    {"lastname", AttendeeField::FamilyName},
    {"surname", AttendeeField::FamilyName},
    {"familyname", AttendeeField::FamilyName},
    {"email", AttendeeField::Email},
    {"emails", AttendeeField::Email},
    {"emailaddress", AttendeeField::Email},
    {"attendeeemail", AttendeeField::Email},
    {"workemail", AttendeeField::Email},
    {"company", AttendeeField::Organization},
    {"companyname", AttendeeField::Organization},
    {"organization", AttendeeField::Organization},
    {"organisation", AttendeeField::Organization},
    {"employer", AttendeeField::Organization},
    {"jobtitle", AttendeeField::Title},
    {"title", AttendeeField::Title},
    {"position", AttendeeField::Title},
    {"role", AttendeeField::Title},
    {"interests", AttendeeField::Interests},
    {"tags", AttendeeField::Interests},
    {"topics", AttendeeField::Interests},
    {"interestedin", AttendeeField::Interests},
    {"whatareyouinterestedin", AttendeeField::Interests},
    {"linkedin", AttendeeField::LinkedIn},
    {"linkedinurl", AttendeeField::LinkedIn},
    {"linkedinprofile", AttendeeField::LinkedIn},
    {"city", AttendeeField::City},
    {"location", AttendeeField::City},
    {"town", AttendeeField::City},
    {"country", AttendeeField::Country},
};

std::optional<AttendeeField> attendee_field(std::string_view column) {
    const std::string key = header_key(column);
    for (const auto& synonym : Synonyms) {
        if (synonym.key == key) {
            return synonym.field;
        }
    }
    return std::nullopt;
}

bool is_name_or_email(AttendeeField field) {
    return field == AttendeeField::Name || field == AttendeeField::GivenName ||
           field == AttendeeField::FamilyName || field == AttendeeField::Email;
}

/// Keeps the first non-empty value of a single-valued field.
void set_once(std::string& target, std::string_view value) {
    if (target.empty()) {
        target = std::string(text::trim(value));
    }
}

/// Stores one value; a list field takes every part of it.
void set_field(Attendee& attendee, AttendeeField field, std::string_view value) {
    switch (field) {
    case AttendeeField::Name: set_once(attendee.name, value); break;
    case AttendeeField::GivenName: set_once(attendee.given_name, value); break;
    case AttendeeField::FamilyName: set_once(attendee.family_name, value); break;
    case AttendeeField::Email: detail::add_list(attendee.emails, value, ";,"); break;
    case AttendeeField::Organization: set_once(attendee.organization, value); break;
    case AttendeeField::Title: set_once(attendee.title, value); break;
    case AttendeeField::Interests: detail::add_list(attendee.interests, value, ";,|"); break;
    case AttendeeField::LinkedIn: set_once(attendee.linkedin_url, value); break;
    case AttendeeField::City: set_once(attendee.city, value); break;
    case AttendeeField::Country: set_once(attendee.country, value); break;
    }
}

/// Completes the name from its parts; false (after a warning) when the record names nobody.
bool finish(Attendee& attendee, const detail::RecordContext& where, const std::string& record) {
    if (attendee.name.empty()) {
        attendee.name = detail::build_name("", attendee.given_name, "", attendee.family_name, "");
    }
    if (attendee.name.empty() && attendee.emails.empty()) {
        where.warn(record + " has neither a name nor an email; skipped (fill in either)");
        return false;
    }
    return true;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += out.empty() ? "\"" : ", \"";
        out += item;
        out += '"';
    }
    return out;
}

// Columns every ticketing export has that say nothing about the person (order numbers,
// dates, ticket types): not worth a warning.
bool is_bookkeeping_column(std::string_view column) {
    static const std::array<std::string_view, 14> known = {
        "order",      "order date", "order id",          "order number",  "ticket type",
        "ticket",     "quantity",   "attendee",          "attendee id",   "barcode",
        "checked in", "check in",   "registration date", "payment status"};
    std::string folded = text::fold(column);
    while (!folded.empty() && (folded.back() == ' ' || folded.back() == '#')) {
        folded.pop_back();
    }
    return std::find(known.begin(), known.end(), folded) != known.end();
}

void warn_ignored(const std::vector<std::string>& ignored, std::string_view what,
                  const std::string& source_name, int line, Diagnostics& diagnostics) {
    if (ignored.empty()) {
        return;
    }
    diagnostics.warn(source_name, line,
                     std::string(what) + " not read: " + joined(ignored) +
                         " (sidetrip reads name, first and last name, email, company, job title, interests, "
                         "LinkedIn, city and country; see docs/attendees.md for the names it knows)");
}

// ---------------------------------------------------------------------------------------------
// CSV

detail::CsvDocument parse_attendee_csv(std::string_view text) {
    detail::CsvDocument document = detail::parse_csv(text, ',');
    const auto first = std::find_if(document.records.begin(), document.records.end(),
                                    [](const detail::CsvRecord& record) { return !record.blank; });
    // European spreadsheets write ';' between fields: a header that is one field holding ';'.
    if (first != document.records.end() && first->fields.size() == 1 &&
        first->fields[0].find(';') != std::string::npos) {
        document = detail::parse_csv(text, ';');
    }
    return document;
}

bool all_empty(const std::vector<std::string>& fields) {
    return std::all_of(fields.begin(), fields.end(),
                       [](const std::string& field) { return text::trim(field).empty(); });
}

std::vector<Attendee> read_csv_attendees(std::string_view text, const std::string& source_name,
                                         Diagnostics& diagnostics) {
    detail::CsvDocument document = parse_attendee_csv(text); // each row's fields are moved out once read
    auto& records = document.records;
    std::size_t header_index = 0;
    while (header_index < records.size() && records[header_index].blank) {
        ++header_index;
    }
    if (header_index >= records.size()) {
        if (document.unclosed_quote_line > 0) {
            throw InputError(source_name + ":" + std::to_string(document.unclosed_quote_line) +
                             ": a quoted field that begins here is never closed: add the missing \"");
        }
        throw InputError(source_name + " has no header row: the first line must name the columns (see " +
                         "docs/attendees.md)");
    }

    const detail::CsvRecord& header_record = records[header_index];
    std::vector<std::string> header;
    std::vector<std::optional<AttendeeField>> columns;
    std::vector<std::string> ignored;
    bool names_someone = false;
    for (const auto& column : header_record.fields) {
        header.emplace_back(text::trim(detail::valid_utf8_part(column)));
        columns.push_back(attendee_field(header.back()));
        if (columns.back()) {
            names_someone = names_someone || is_name_or_email(*columns.back());
        } else if (!header.back().empty() && !is_bookkeeping_column(header.back())) {
            ignored.push_back(header.back());
        }
    }
    if (!names_someone) {
        throw InputError(source_name + ":" + std::to_string(header_record.line) +
                         ": not an attendee list sidetrip knows: the header row has no name, first name, " +
                         "last name or email column; see docs/attendees.md");
    }
    warn_ignored(ignored, "columns", source_name, header_record.line, diagnostics);

    std::vector<Attendee> attendees;
    attendees.reserve(records.size() - header_index - 1);
    // Fields are cut at ASCII bytes, which are never part of a longer UTF-8 sequence: when the
    // whole text is valid, so is every field, and one pass over it replaces a check of each.
    const bool valid_text = text::is_valid_utf8(text);
    // Each column's name as messages give it, made once rather than once per field.
    std::vector<std::string> column_names;
    for (const auto& name : header) {
        column_names.push_back("column \"" + name + "\"");
    }
    for (std::size_t r = header_index + 1; r < records.size(); ++r) {
        detail::CsvRecord& record = records[r];
        const std::size_t row = r - header_index - 1; // the organiser's data row, skipped ones included
        if (record.blank || all_empty(record.fields)) {
            continue;
        }
        const detail::RecordContext where{source_name, record.line, diagnostics};
        std::vector<std::string> fields = std::move(record.fields);
        if (fields.size() > header.size() &&
            std::all_of(fields.begin() + static_cast<std::ptrdiff_t>(header.size()), fields.end(),
                        [](const std::string& field) { return text::trim(field).empty(); })) {
            fields.resize(header.size()); // a trailing separator, as some spreadsheets write
        }
        if (fields.size() != header.size()) {
            where.warn("row has " + std::to_string(fields.size()) + " fields but the header has " +
                       std::to_string(header.size()) +
                       "; skipped (check for a missing or extra separator or quote)");
            continue;
        }
        Attendee attendee;
        attendee.row = row;
        attendee.source = detail::source_of(source_name, record.line);
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (columns[i]) {
                if (!valid_text && !text::is_valid_utf8(fields[i])) { // valid text is used as it is
                    fields[i] = detail::checked_utf8(fields[i], column_names[i], where);
                }
                set_field(attendee, *columns[i], fields[i]);
            }
        }
        if (finish(attendee, where, "row")) {
            attendees.push_back(std::move(attendee));
        }
    }
    if (document.unclosed_quote_line > 0) {
        diagnostics.warn(source_name, document.unclosed_quote_line,
                         "a quoted field that begins on this line is not closed before the end of the file; "
                         "this record and the lines after it were skipped (add the missing \")");
    }
    return attendees;
}

// ---------------------------------------------------------------------------------------------
// JSON

int line_at(std::string_view text, std::size_t offset) {
    const auto end = text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size()));
    return 1 + static_cast<int>(std::count(text.begin(), end, '\n'));
}

std::vector<Attendee> read_json_attendees(std::string_view text, const std::string& source_name,
                                          Diagnostics& diagnostics) {
    std::string clean;
    if (!text::is_valid_utf8(text)) {
        diagnostics.warn(source_name, 0,
                         "the file has bytes that are not UTF-8; they were dropped (save it as UTF-8)");
        clean = detail::valid_utf8_part(text);
        text = clean;
    }
    json document;
    try {
        document = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        throw InputError(source_name + ":" + std::to_string(line_at(text, e.byte)) + ": not valid JSON (" +
                         e.what() + "): fix the file or export it again");
    }
    const json* list = &document;
    if (document.is_object()) {
        const auto member = document.find("attendees");
        list = member == document.end() ? nullptr : &*member;
    }
    if (list == nullptr || !list->is_array()) {
        throw InputError(source_name +
                         " is JSON but not an attendee list: give an array of attendee objects, " +
                         "or an object whose \"attendees\" member is one (see docs/attendees.md)");
    }

    std::vector<Attendee> attendees;
    std::vector<std::string> ignored;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& element = (*list)[i];
        const std::string record = "attendee [" + std::to_string(i) + "]";
        // nlohmann keeps no positions: JSON records are named by their index, not a line.
        const detail::RecordContext where{source_name, 0, diagnostics};
        if (!element.is_object()) {
            where.warn(record + " is not an object; skipped");
            continue;
        }
        Attendee attendee;
        attendee.row = i;
        attendee.source = source_name + " " + record;
        for (const auto& [key, value] : element.items()) {
            const auto field = attendee_field(key);
            if (!field) {
                if (std::find(ignored.begin(), ignored.end(), key) == ignored.end()) {
                    ignored.push_back(key);
                }
                continue;
            }
            if (value.is_string()) {
                set_field(attendee, *field, value.get<std::string>());
            } else if (value.is_array()) {
                for (const auto& item : value) {
                    if (item.is_string()) {
                        set_field(attendee, *field, item.get<std::string>());
                    }
                }
            } else if (!value.is_null()) {
                where.warn(record + ": \"" + key + "\" is not text; ignored (write it in quotes)");
            }
        }
        if (finish(attendee, where, record)) {
            attendees.push_back(std::move(attendee));
        }
    }
    warn_ignored(ignored, "keys", source_name, 0, diagnostics);
    return attendees;
}

// ---------------------------------------------------------------------------------------------
// vCard

/// The physical lines on which the cards begin, in order: a card's index is its row.
std::vector<int> card_begin_lines(std::string_view text) {
    std::vector<int> lines;
    int line = 1;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find_first_of("\r\n", start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        if (text::istarts_with(text::trim(text.substr(start, end - start)), "BEGIN:VCARD")) {
            lines.push_back(line);
        }
        if (end + 1 < text.size() && text[end] == '\r' && text[end + 1] == '\n') {
            ++end;
        }
        start = end + 1;
        ++line;
    }
    return lines;
}

std::vector<Attendee> read_vcard_attendees(std::string_view text, const std::string& source_name,
                                           Diagnostics& diagnostics) {
    const std::vector<int> begin_lines = card_begin_lines(text);
    std::vector<Attendee> attendees;
    for (Contact& contact : read_contacts(text, ContactFormat::VCard, source_name, diagnostics)) {
        const int line = detail::line_of_source(contact.source);
        if (contact.kind == ContactKind::Organization) {
            diagnostics.warn(source_name, line,
                             "card is an organisation (" + contact.name + "), not a person; skipped");
            continue;
        }
        Attendee attendee;
        const auto card = std::find(begin_lines.begin(), begin_lines.end(), line);
        attendee.row = static_cast<std::size_t>(card - begin_lines.begin());
        attendee.name = std::move(contact.name);
        attendee.given_name = std::move(contact.given_name);
        attendee.family_name = std::move(contact.family_name);
        attendee.emails = std::move(contact.emails);
        attendee.organization = std::move(contact.organization);
        attendee.title = std::move(contact.title);
        attendee.linkedin_url = std::move(contact.linkedin_url);
        attendee.interests = std::move(contact.interests);
        for (const auto& category : contact.tags) {
            detail::add_unique(attendee.interests, category);
        }
        for (const auto& place : contact.places) {
            if (!place.country.empty()) {
                attendee.country = place.country;
                break;
            }
        }
        attendee.source = std::move(contact.source);
        attendees.push_back(std::move(attendee));
    }
    return attendees;
}

// ---------------------------------------------------------------------------------------------
// The file

} // namespace

std::vector<Attendee> read_attendees_file(const std::filesystem::path& path, Diagnostics& diagnostics) {
    return read_attendees(detail::read_input_file(path, detail::AttendeesInput), path.string(), diagnostics);
}

std::vector<Attendee> read_attendees(std::string_view content, const std::string& source_name,
                                     Diagnostics& diagnostics) {
    const std::string& name = source_name;
    const std::filesystem::path path(source_name);
    std::string storage;
    const std::string_view decoded = detail::decode_text(content, storage);
    const std::string_view trimmed = text::trim(decoded);
    if (trimmed.empty()) {
        throw InputError(name + " is empty: export the attendee list again, or give another file");
    }
    if (detail::looks_binary(decoded)) {
        throw InputError(name +
                         " is not a text file (it holds binary data): give the attendee list as CSV, " +
                         "JSON or vCard (see docs/attendees.md)");
    }
    const std::string extension = text::ascii_lower(path.extension().string());
    if (text::istarts_with(trimmed, "BEGIN:VCARD") || extension == ".vcf" || extension == ".vcard") {
        return read_vcard_attendees(decoded, name, diagnostics);
    }
    if (trimmed.front() == '[' || trimmed.front() == '{') {
        return read_json_attendees(decoded, name, diagnostics);
    }
    return read_csv_attendees(decoded, name, diagnostics);
}

} // namespace sidetrip::people
