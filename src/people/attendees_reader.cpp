#include "sidetrip/people/attendee.hpp"

#include "detail/contact_fields.hpp"
#include "detail/csv.hpp"
#include "detail/ogr_contacts.hpp"
#include "detail/text_encoding.hpp"

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
    Country,
    Headline, ///< "Product Lead at Telefónica": a job title and an organisation in one
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

// Headers as Eventbrite, Luma, Hopin/RingCentral Events, Sessionize, Cvent, Swapcard, Sched,
// Bizzabo and Google Forms export them; docs/attendees.md lists them. Keep the two in step.
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
    {"homecity", AttendeeField::City}, // Eventbrite: Home City first, then Work City
    {"workcity", AttendeeField::City},
    {"country", AttendeeField::Country},
    {"homecountry", AttendeeField::Country},
    {"workcountry", AttendeeField::Country},
    {"headline", AttendeeField::Headline}, // Hopin, Swapcard
    {"tagline", AttendeeField::Headline},  // Sessionize
};

/// A question the organiser asked at registration, exported as a column headed by the question
/// ("What company do you work for?", Luma and Google Forms): the field it asks for, from its
/// words. Only fields a question can ask for; "Can we email you?" is not an address.
std::optional<AttendeeField> question_field(std::string_view column) {
    const std::string lower = text::ascii_lower(column);
    const bool question = lower.find('?') != std::string::npos || lower.rfind("what", 0) == 0 ||
                          lower.rfind("which", 0) == 0 || lower.rfind("where", 0) == 0 ||
                          lower.rfind("your ", 0) == 0;
    if (!question) {
        return std::nullopt;
    }
    const auto has = [&](std::string_view word) { return lower.find(word) != std::string::npos; };
    if (has("linkedin")) {
        return AttendeeField::LinkedIn;
    }
    if (has("company") || has("organization") || has("organisation") || has("employer") || has("work for")) {
        return AttendeeField::Organization;
    }
    if (has("job title") || has("role") || has("position") || has("title")) {
        return AttendeeField::Title;
    }
    if (has("interest") || has("topic")) {
        return AttendeeField::Interests;
    }
    if (has("country")) {
        return AttendeeField::Country;
    }
    if (has("city") || has("based") || has("live")) {
        return AttendeeField::City;
    }
    return std::nullopt;
}

/// The fields `--column` names, as the user writes them.
struct FieldName {
    std::string_view name;
    AttendeeField field;
};

constexpr FieldName FieldNames[] = {
    {"name", AttendeeField::Name},
    {"first_name", AttendeeField::GivenName},
    {"given_name", AttendeeField::GivenName},
    {"last_name", AttendeeField::FamilyName},
    {"family_name", AttendeeField::FamilyName},
    {"email", AttendeeField::Email},
    {"organization", AttendeeField::Organization},
    {"organisation", AttendeeField::Organization},
    {"company", AttendeeField::Organization},
    {"title", AttendeeField::Title},
    {"job_title", AttendeeField::Title},
    {"headline", AttendeeField::Headline},
    {"city", AttendeeField::City},
    {"country", AttendeeField::Country},
    {"linkedin", AttendeeField::LinkedIn},
    {"interests", AttendeeField::Interests},
};

std::optional<AttendeeField> field_named(std::string_view name) {
    std::string key = text::ascii_lower(text::trim(name));
    std::replace(key.begin(), key.end(), '-', '_');
    for (const auto& entry : FieldNames) {
        if (entry.name == key) {
            return entry.field;
        }
    }
    return std::nullopt;
}

std::optional<AttendeeField> attendee_field(std::string_view column) {
    const std::string key = header_key(column);
    for (const auto& synonym : Synonyms) {
        if (synonym.key == key) {
            return synonym.field;
        }
    }
    return question_field(column);
}

/// The field of each column: the user's `--column`s first, then the headers sidetrip knows for
/// the fields the user did not name.
class ColumnFields {
public:
    explicit ColumnFields(const AttendeeReadOptions& options) {
        for (const auto& column : options.columns) {
            const auto field = field_named(column.field);
            if (!field) {
                throw InputError("--column " + column.field + "=" + column.header +
                                 ": unknown field (give one of name, first_name, last_name, email, "
                                 "organization, title, headline, city, country, linkedin, interests)");
            }
            m_named.push_back({column.header, *field, false});
        }
    }

    std::optional<AttendeeField> field(std::string_view column) {
        const auto trimmed = text::trim(column);
        for (auto& named : m_named) {
            if (text::iequals(text::trim(named.header), trimmed)) {
                named.seen = true;
                return named.field;
            }
        }
        auto field = attendee_field(trimmed);
        if (field && std::any_of(m_named.begin(), m_named.end(),
                                 [&](const Named& named) { return named.field == *field; })) {
            return std::nullopt; // the user said which column holds it
        }
        return field;
    }

    /// @throws InputError for a `--column` whose header the file does not have.
    void check_all_seen(const std::string& where, const std::vector<std::string>& columns) const {
        for (const auto& named : m_named) {
            if (!named.seen) {
                std::string list;
                for (const auto& column : columns) {
                    list += (list.empty() ? "\"" : ", \"") + column + "\"";
                }
                throw InputError(where + ": --column names \"" + named.header +
                                 "\", but the list has no such column (its columns are " + list + ")");
            }
        }
    }

private:
    struct Named {
        std::string header;
        AttendeeField field;
        bool seen = false;
    };
    std::vector<Named> m_named;
};

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

/// An attendee as its record is read: the headline waits for the end of the record, so that a
/// Company or Job Title column wins wherever it is.
struct AttendeeRecord {
    Attendee attendee;
    std::string headline;
};

/// Stores one value; a list field takes every part of it.
void set_field(AttendeeRecord& record, AttendeeField field, std::string_view value) {
    Attendee& attendee = record.attendee;
    switch (field) {
    case AttendeeField::Headline: set_once(record.headline, value); break;
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

/**
 * A headline's job title and organisation: "Product Lead at Telefónica", "CTO @ Kalye Labs",
 * "Product Lead, Telefónica" (Sessionize), "Engineer | Bayan Cloud". The organisation is after
 * the first " at " or " @ ", else after the last ", " or " | "; a headline without any is a title.
 */
std::pair<std::string, std::string> split_headline(std::string_view headline) {
    const auto trimmed = text::trim(headline);
    const std::string lower = text::ascii_lower(trimmed);
    for (const std::string_view separator : {" at ", " @ "}) {
        if (const auto pos = lower.find(separator); pos != std::string::npos) {
            return {std::string(text::trim(trimmed.substr(0, pos))),
                    std::string(text::trim(trimmed.substr(pos + separator.size())))};
        }
    }
    for (const std::string_view separator : {" | ", ", "}) {
        if (const auto pos = trimmed.rfind(separator); pos != std::string_view::npos) {
            return {std::string(text::trim(trimmed.substr(0, pos))),
                    std::string(text::trim(trimmed.substr(pos + separator.size())))};
        }
    }
    return {std::string(trimmed), {}};
}

/// Completes the name from its parts; false (after a warning) when the record names nobody.
bool finish(AttendeeRecord& state, const detail::RecordContext& where, const std::string& record) {
    Attendee& attendee = state.attendee;
    if (!state.headline.empty()) {
        auto [title, organization] = split_headline(state.headline);
        if (attendee.title.empty()) {
            attendee.title = std::move(title);
        }
        if (attendee.organization.empty()) {
            attendee.organization = std::move(organization);
        }
    }
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
// dates, ticket types, payments), and the parts of an address whose city and country are read:
// not worth a warning.
bool is_bookkeeping_column(std::string_view column) {
    static constexpr std::array<std::string_view, 40> Known = {
        "order", "order date", "order id", "order number", "order type", "ticket type", "ticket", "quantity",
        "attendee", "attendee id", "attendee status", "barcode", "checked in", "check in",
        "registration date", "payment status", "group", "currency", "total paid", "eventbrite fees",
        "eventbrite payment processing",
        // Eventbrite's addresses
        "home address 1", "home address 2", "home state", "home zip", "home postal code", "work address 1",
        "work address 2", "work state", "work zip", "work postal code",
        // Cvent's registration
        "registration type", "registration status", "confirmation number", "invitee status",
        // Hopin, Sessionize
        "registered at", "speaker id", "profile picture", "bio", "sessions"};
    std::string folded = text::fold(column);
    while (!folded.empty() && (folded.back() == ' ' || folded.back() == '#')) {
        folded.pop_back();
    }
    return std::find(Known.begin(), Known.end(), folded) != Known.end();
}

void warn_ignored(const std::vector<std::string>& ignored, std::string_view what,
                  const std::string& source_name, int line, Diagnostics& diagnostics) {
    if (ignored.empty()) {
        return;
    }
    diagnostics.warn(source_name, line,
                     std::string(what) + " not read: " + joined(ignored) +
                         " (sidetrip reads name, first and last name, email, company, job title, headline, "
                         "interests, LinkedIn, city and country; see docs/attendees.md for the names it "
                         "knows, or name a column with --column field=Header)");
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

/// The attendees of a table: CSV, or a spreadsheet's sheet. `valid_text` says every field is
/// known to be UTF-8 already.
std::vector<Attendee> read_attendee_table(detail::CsvDocument& document, bool valid_text,
                                          const std::string& source_name, const AttendeeReadOptions& options,
                                          Diagnostics& diagnostics) {
    auto& records = document.records; // each row's fields are moved out once read
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
    ColumnFields fields_of(options);
    for (const auto& column : header_record.fields) {
        header.emplace_back(text::trim(detail::valid_utf8_part(column)));
        columns.push_back(fields_of.field(header.back()));
        if (columns.back()) {
            names_someone = names_someone || is_name_or_email(*columns.back());
        } else if (!header.back().empty() && !is_bookkeeping_column(header.back())) {
            ignored.push_back(header.back());
        }
    }
    fields_of.check_all_seen(source_name + ":" + std::to_string(header_record.line), header);
    if (!names_someone) {
        throw InputError(source_name + ":" + std::to_string(header_record.line) +
                         ": not an attendee list sidetrip knows: the header row has no name, first name, " +
                         "last name or email column; see docs/attendees.md, or name the column with " +
                         "--column name=Header (or email=, first_name=, last_name=)");
    }
    warn_ignored(ignored, "columns", source_name, header_record.line, diagnostics);

    std::vector<Attendee> attendees;
    attendees.reserve(records.size() - header_index - 1);
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
        AttendeeRecord attendee;
        attendee.attendee.row = row;
        attendee.attendee.source = detail::source_of(source_name, record.line);
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (columns[i]) {
                if (!valid_text && !text::is_valid_utf8(fields[i])) { // valid text is used as it is
                    fields[i] = detail::checked_utf8(fields[i], column_names[i], where);
                }
                set_field(attendee, *columns[i], fields[i]);
            }
        }
        if (finish(attendee, where, "row")) {
            attendees.push_back(std::move(attendee.attendee));
        }
    }
    if (document.unclosed_quote_line > 0) {
        diagnostics.warn(source_name, document.unclosed_quote_line,
                         "a quoted field that begins on this line is not closed before the end of the file; "
                         "this record and the lines after it were skipped (add the missing \")");
    }
    return attendees;
}

std::vector<Attendee> read_csv_attendees(std::string_view text, const std::string& source_name,
                                         const AttendeeReadOptions& options, Diagnostics& diagnostics) {
    detail::CsvDocument document = parse_attendee_csv(text);
    // Fields are cut at ASCII bytes, which are never part of a longer UTF-8 sequence: when the
    // whole text is valid, so is every field, and one pass over it replaces a check of each.
    return read_attendee_table(document, text::is_valid_utf8(text), source_name, options, diagnostics);
}

// ---------------------------------------------------------------------------------------------
// JSON

int line_at(std::string_view text, std::size_t offset) {
    const auto end = text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size()));
    return 1 + static_cast<int>(std::count(text.begin(), end, '\n'));
}

std::vector<Attendee> read_json_attendees(std::string_view text, const std::string& source_name,
                                          const AttendeeReadOptions& options, Diagnostics& diagnostics) {
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
    std::vector<std::string> keys; // every key seen, for a --column that names none of them
    ColumnFields fields_of(options);
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& element = (*list)[i];
        const std::string record = "attendee [" + std::to_string(i) + "]";
        // nlohmann keeps no positions: JSON records are named by their index, not a line.
        const detail::RecordContext where{source_name, 0, diagnostics};
        if (!element.is_object()) {
            where.warn(record + " is not an object; skipped");
            continue;
        }
        AttendeeRecord attendee;
        attendee.attendee.row = i;
        attendee.attendee.source = source_name + " " + record;
        for (const auto& [key, value] : element.items()) {
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                keys.push_back(key);
            }
            const auto field = fields_of.field(key);
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
            attendees.push_back(std::move(attendee.attendee));
        }
    }
    fields_of.check_all_seen(source_name, keys);
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

AttendeeColumn parse_attendee_column(std::string_view spec) {
    const auto equals = spec.find('=');
    if (equals == std::string_view::npos || text::trim(spec.substr(equals + 1)).empty()) {
        throw InputError("--column " + std::string(spec) +
                         ": write field=Header, such as organization=\"Employer name\"");
    }
    AttendeeColumn column{std::string(text::trim(spec.substr(0, equals))),
                          std::string(text::trim(spec.substr(equals + 1)))};
    if (!field_named(column.field)) {
        throw InputError("--column " + std::string(spec) + ": unknown field \"" + column.field +
                         "\" (give one of name, first_name, last_name, email, organization, title, headline, "
                         "city, country, linkedin, interests)");
    }
    return column;
}

std::vector<Attendee> read_attendees_file(const std::filesystem::path& path,
                                          const AttendeeReadOptions& options, Diagnostics& diagnostics) {
    const std::string name = path.string();
    if (name != "-" && detail::is_spreadsheet_extension(path)) {
        files::check_input_size(name, detail::AttendeesInput);
        detail::CsvDocument document = detail::read_spreadsheet(path);
        // GDAL gives a spreadsheet's text as UTF-8, but a cell may still hold stray bytes.
        return read_attendee_table(document, false, name, options, diagnostics);
    }
    return read_attendees(detail::read_input_file(path, detail::AttendeesInput), name, options, diagnostics);
}

std::vector<Attendee> read_attendees_file(const std::filesystem::path& path, Diagnostics& diagnostics) {
    return read_attendees_file(path, AttendeeReadOptions{}, diagnostics);
}

std::vector<Attendee> read_attendees(std::string_view content, const std::string& source_name,
                                     Diagnostics& diagnostics) {
    return read_attendees(content, source_name, AttendeeReadOptions{}, diagnostics);
}

std::vector<Attendee> read_attendees(std::string_view content, const std::string& source_name,
                                     const AttendeeReadOptions& options, Diagnostics& diagnostics) {
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
                         "JSON, XLSX or vCard (see docs/attendees.md)");
    }
    const std::string extension = text::ascii_lower(path.extension().string());
    if (text::istarts_with(trimmed, "BEGIN:VCARD") || extension == ".vcf" || extension == ".vcard") {
        if (!options.columns.empty()) {
            diagnostics.warn(name, 0,
                             "--column is for CSV, spreadsheet and JSON lists; a vCard's "
                             "properties are read as they are");
        }
        return read_vcard_attendees(decoded, name, diagnostics); // decodes legacy text itself
    }
    if (trimmed.front() == '[' || trimmed.front() == '{') {
        return read_json_attendees(decoded, name, options, diagnostics);
    }
    // A list saved from Excel on Windows is in the system's code page, and says nothing of it.
    std::string legacy_storage;
    const std::string_view text = detail::decode_legacy_text(decoded, legacy_storage, name, diagnostics);
    return read_csv_attendees(text, name, options, diagnostics);
}

} // namespace sidetrip::people
