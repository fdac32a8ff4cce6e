#include "detail/csv_contacts.hpp"

#include "detail/csv.hpp"

#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>

namespace sidetrip::people::detail {

namespace {

struct FieldName {
    std::string_view column; ///< normalised: lower case, '_' for spaces and hyphens
    NativeField field;
};

// The documented name first for each field (native_field_name() relies on it), then synonyms.
constexpr FieldName FieldNames[] = {
    {"id", NativeField::Id},
    {"uid", NativeField::Id},
    {"contact_id", NativeField::Id},
    {"name", NativeField::Name},
    {"full_name", NativeField::Name},
    {"display_name", NativeField::Name},
    {"given_name", NativeField::GivenName},
    {"first_name", NativeField::GivenName},
    {"firstname", NativeField::GivenName},
    {"family_name", NativeField::FamilyName},
    {"last_name", NativeField::FamilyName},
    {"lastname", NativeField::FamilyName},
    {"surname", NativeField::FamilyName},
    {"emails", NativeField::Emails},
    {"email", NativeField::Emails},
    {"e_mail", NativeField::Emails},
    {"email_address", NativeField::Emails},
    {"phones", NativeField::Phones},
    {"phone", NativeField::Phones},
    {"mobile", NativeField::Phones},
    {"tel", NativeField::Phones},
    {"organization", NativeField::Organization},
    {"organisation", NativeField::Organization},
    {"org", NativeField::Organization},
    {"company", NativeField::Organization},
    {"title", NativeField::Title},
    {"job_title", NativeField::Title},
    {"position", NativeField::Title},
    {"role", NativeField::Title},
    {"home", NativeField::Home},
    {"city", NativeField::Home},
    {"location", NativeField::Home},
    {"place", NativeField::Home},
    {"address", NativeField::Home},
    {"home_address", NativeField::Home},
    {"work", NativeField::Work},
    {"work_city", NativeField::Work},
    {"office", NativeField::Work},
    {"work_address", NativeField::Work},
    {"country", NativeField::Country},
    {"country_code", NativeField::Country},
    {"lat", NativeField::Lat},
    {"latitude", NativeField::Lat},
    {"lon", NativeField::Lon},
    {"lng", NativeField::Lon},
    {"longitude", NativeField::Lon},
    {"tags", NativeField::Tags},
    {"circles", NativeField::Tags},
    {"groups", NativeField::Tags},
    {"categories", NativeField::Tags},
    {"interests", NativeField::Interests},
    {"topics", NativeField::Interests},
    {"hobbies", NativeField::Interests},
    {"knows", NativeField::Knows},
    {"related", NativeField::Knows},
    {"last_met", NativeField::LastMet},
    {"met", NativeField::LastMet},
    {"last_seen", NativeField::LastMet},
    {"last_contact", NativeField::LastContact},
    {"last_contacted", NativeField::LastContact},
    {"cadence_days", NativeField::CadenceDays},
    {"cadence", NativeField::CadenceDays},
    {"tie_strength", NativeField::TieStrength},
    {"tie", NativeField::TieStrength},
    {"closeness", NativeField::TieStrength},
    {"priority", NativeField::Priority},
    {"availability", NativeField::Availability},
    {"available", NativeField::Availability},
    {"linkedin", NativeField::LinkedIn},
    {"linkedin_url", NativeField::LinkedIn},
    {"notes", NativeField::Notes},
    {"note", NativeField::Notes},
    {"comments", NativeField::Notes},
    {"birthday", NativeField::Birthday},
    {"bday", NativeField::Birthday},
    {"date_of_birth", NativeField::Birthday},
    {"kind", NativeField::Kind},
    {"contact_kind", NativeField::Kind},
};

std::string normalise_column(std::string_view column) {
    std::string out;
    for (const char c : text::trim(column)) {
        if (c == ' ' || c == '-' || c == '.') {
            if (!out.empty() && out.back() != '_') {
                out += '_';
            }
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == '_') {
        out.pop_back();
    }
    return out;
}

/// Google's numbered columns: "E-mail 2 - Value" is kind "e-mail", number 2, attribute "value".
struct NumberedColumn {
    std::string kind;
    int number = 0;
    std::string attribute;
};

std::optional<NumberedColumn> numbered_column(std::string_view column) {
    const auto dash = column.find(" - ");
    if (dash == std::string_view::npos) {
        return std::nullopt;
    }
    const auto left = text::trim(column.substr(0, dash));
    const auto space = left.rfind(' ');
    if (space == std::string_view::npos) {
        return std::nullopt;
    }
    const auto number = parse_integer(left.substr(space + 1));
    if (!number || *number < 1 || *number > 1000) {
        return std::nullopt;
    }
    return NumberedColumn{text::ascii_lower(text::trim(left.substr(0, space))), static_cast<int>(*number),
                          text::ascii_lower(text::trim(column.substr(dash + 3)))};
}

bool has_column(const std::vector<std::string>& header, std::string_view wanted) {
    return std::any_of(header.begin(), header.end(),
                       [&](const std::string& column) { return text::iequals(text::trim(column), wanted); });
}

std::optional<ContactFormat> flavour_of(const std::vector<std::string>& header) {
    if (header.size() < 2 && !(header.size() == 1 && native_field(header[0]))) {
        return std::nullopt;
    }
    const bool google = std::any_of(header.begin(), header.end(), [](const std::string& column) {
        return numbered_column(column).has_value() || text::iequals(column, "Group Membership") ||
               text::iequals(column, "Given Name Yomi") || text::iequals(column, "Phonetic First Name") ||
               text::iequals(column, "File As");
    });
    // Outlook (classic and Outlook.com) names its first address "E-mail Address", which neither
    // Google ("E-mail 1 - Value") nor LinkedIn ("Email Address") writes.
    if (has_column(header, "E-mail Address") && has_column(header, "First Name") &&
        (has_column(header, "Middle Name") || has_column(header, "Job Title") ||
         has_column(header, "Business City") || has_column(header, "Home City") ||
         has_column(header, "E-mail 2 Address"))) {
        return ContactFormat::OutlookCsv;
    }
    if (google || (has_column(header, "Labels") && has_column(header, "First Name"))) {
        return ContactFormat::GoogleCsv;
    }
    if (has_column(header, "First Name") && has_column(header, "Last Name") &&
        (has_column(header, "Connected On") || has_column(header, "URL"))) {
        return ContactFormat::LinkedInCsv;
    }
    const bool named = std::any_of(header.begin(), header.end(), [](const std::string& column) {
        const auto field = native_field(column);
        return field == NativeField::Name || field == NativeField::GivenName ||
               field == NativeField::FamilyName;
    });
    if (named) {
        return ContactFormat::NativeCsv;
    }
    return std::nullopt;
}

/// A CSV file split into records, with the index of its header row (after LinkedIn's preamble).
struct CsvTable {
    CsvDocument document;
    std::size_t header = 0; ///< index into document.records; == size when there is no record
    std::optional<ContactFormat> flavour;
};

std::size_t first_nonblank(const CsvDocument& document) {
    for (std::size_t i = 0; i < document.records.size(); ++i) {
        if (!document.records[i].blank) {
            return i;
        }
    }
    return document.records.size();
}

/// `max_records` bounds the records parsed (format detection needs only the first ones).
CsvTable load_table(std::string_view text,
                    std::size_t max_records = std::numeric_limits<std::size_t>::max()) {
    CsvTable table;
    for (const char separator : {',', ';'}) {
        table.document = parse_csv(text, separator, max_records);
        // LinkedIn writes a few lines of notes before the header; look a little further down.
        const std::size_t limit = std::min<std::size_t>(table.document.records.size(), 20);
        for (std::size_t i = 0; i < limit; ++i) {
            if (auto flavour = flavour_of(table.document.records[i].fields)) {
                table.header = i;
                table.flavour = flavour;
                return table;
            }
        }
        const std::size_t first = first_nonblank(table.document);
        const bool semicolons = first < table.document.records.size() &&
                                table.document.records[first].fields.size() == 1 &&
                                table.document.records[first].fields[0].find(';') != std::string::npos;
        if (!semicolons) {
            break;
        }
    }
    table.document = parse_csv(text, ',', max_records);
    table.header = first_nonblank(table.document);
    return table;
}

bool all_empty(const std::vector<std::string>& fields) {
    return std::all_of(fields.begin(), fields.end(),
                       [](const std::string& field) { return text::trim(field).empty(); });
}

/// Google puts several values of one kind in one cell: "a@example.com ::: b@example.com".
std::vector<std::string> google_values(std::string_view cell) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const auto pos = cell.find(":::", start);
        const auto part = text::trim(cell.substr(start, pos == std::string_view::npos ? pos : pos - start));
        if (!part.empty()) {
            out.emplace_back(part);
        }
        if (pos == std::string_view::npos) {
            return out;
        }
        start = pos + 3;
    }
}

bool is_google_system_group(std::string_view group) {
    auto g = text::trim(group);
    if (!g.empty() && g.front() == '*') {
        g = text::trim(g.substr(1));
    }
    return text::iequals(g, "myContacts") || text::iequals(g, "starred");
}

/// Reads Google Contacts exports: the old header set ("Name", "Given Name", "Group Membership",
/// "E-mail 1 - Type") and the one Google writes since 2023 ("First Name", "Labels",
/// "E-mail 1 - Label", "Organization Name").
class GoogleRowReader {
public:
    explicit GoogleRowReader(const std::vector<std::string>& header) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            const auto column = text::trim(header[i]);
            if (auto numbered = numbered_column(column)) {
                m_numbered[numbered->kind][numbered->number][numbered->attribute] = i;
            } else {
                m_columns.emplace(text::ascii_lower(column), i);
            }
        }
    }

    std::optional<Contact> read(const std::vector<std::string>& row, const RecordContext& where) const {
        Contact contact;
        contact.given_name = first_of(row, {"given name", "first name"});
        contact.family_name = first_of(row, {"family name", "last name"});
        contact.name = get(row, "name");
        if (contact.name.empty()) {
            contact.name = build_name(get(row, "name prefix"), contact.given_name,
                                      first_of(row, {"additional name", "middle name"}), contact.family_name,
                                      get(row, "name suffix"));
        }
        read_organization(row, contact);
        classify_organization(contact); // a row for a company: its name is the organisation's
        if (contact.name.empty()) {
            where.warn("row has no name (Name, First Name, Last Name or Organization); skipped");
            return std::nullopt;
        }
        for (const auto& [number, attributes] : numbered("e-mail")) {
            for (const auto& value : google_values(attribute(row, attributes, "value"))) {
                add_unique(contact.emails, value);
            }
        }
        for (const auto& [number, attributes] : numbered("phone")) {
            for (const auto& value : google_values(attribute(row, attributes, "value"))) {
                add_unique(contact.phones, value);
            }
        }
        for (const auto& [number, attributes] : numbered("address")) {
            read_address(row, attributes, contact);
        }
        for (const auto& [number, attributes] : numbered("website")) {
            for (const auto& value : google_values(attribute(row, attributes, "value"))) {
                if (contact.linkedin_url.empty() &&
                    text::ascii_lower(value).find("linkedin.com") != std::string::npos) {
                    contact.linkedin_url = value;
                }
            }
        }
        for (const auto& [number, attributes] : numbered("relation")) {
            std::string kind = text::ascii_lower(label(row, attributes));
            for (const auto& value : google_values(attribute(row, attributes, "value"))) {
                contact.relationships.push_back({kind.empty() ? "knows" : kind, value});
            }
        }
        for (const auto& group : google_values(first_of(row, {"group membership", "labels"}))) {
            if (is_google_system_group(group)) {
                continue;
            }
            auto tag = text::trim(group);
            if (!tag.empty() && tag.front() == '*') {
                tag = text::trim(tag.substr(1)); // "* friends": Google's old built-in groups
            }
            add_unique(contact.tags, tag);
        }
        contact.notes = get(row, "notes");
        const std::string birthday = get(row, "birthday");
        if (!birthday.empty() && birthday.rfind("--", 0) != 0) { // "--03-04": no year
            contact.birthday = read_date(birthday, "Birthday", where);
        }
        contact.source = source_of(where.source_name, where.line);
        return contact;
    }

private:
    using Attributes = std::map<std::string, std::size_t>;

    /// "Organization Name" in the new header set, "Organization 1 - Name" in the old one.
    void read_organization(const std::vector<std::string>& row, Contact& contact) const {
        contact.organization = get(row, "organization name");
        contact.title = get(row, "organization title");
        for (const auto& [number, attributes] : numbered("organization")) {
            if (contact.organization.empty()) {
                contact.organization = attribute(row, attributes, "name");
            }
            if (contact.title.empty()) {
                contact.title = attribute(row, attributes, "title");
            }
        }
    }

    std::string get(const std::vector<std::string>& row, std::string_view column) const {
        const auto it = m_columns.find(std::string(column));
        return it == m_columns.end() ? std::string{} : std::string(text::trim(row[it->second]));
    }

    std::string first_of(const std::vector<std::string>& row,
                         std::initializer_list<std::string_view> columns) const {
        for (const auto column : columns) {
            if (auto value = get(row, column); !value.empty()) {
                return value;
            }
        }
        return {};
    }

    const std::map<int, Attributes>& numbered(const std::string& kind) const {
        static const std::map<int, Attributes> none;
        const auto it = m_numbered.find(kind);
        return it == m_numbered.end() ? none : it->second;
    }

    static std::string attribute(const std::vector<std::string>& row, const Attributes& attributes,
                                 std::string_view name) {
        const auto it = attributes.find(std::string(name));
        return it == attributes.end() ? std::string{} : std::string(text::trim(row[it->second]));
    }

    /// "Type" in the old header set, "Label" in the new one; Google marks the primary with "* ".
    static std::string label(const std::vector<std::string>& row, const Attributes& attributes) {
        std::string value = attribute(row, attributes, "type");
        if (value.empty()) {
            value = attribute(row, attributes, "label");
        }
        const auto trimmed = text::trim(std::string_view(value).substr(value.rfind('*', 0) == 0 ? 1 : 0));
        return std::string(trimmed);
    }

    static void read_address(const std::vector<std::string>& row, const Attributes& attributes,
                             Contact& contact) {
        ContactPlace place;
        place.label = place_label(label(row, attributes));
        const std::string country = attribute(row, attributes, "country");
        place.text = single_line(attribute(row, attributes, "formatted"), ", ");
        if (place.text.empty()) {
            place.text = join_nonempty(
                {attribute(row, attributes, "street"), attribute(row, attributes, "extended address"),
                 attribute(row, attributes, "city"), attribute(row, attributes, "region"),
                 attribute(row, attributes, "postal code"), country},
                ", ");
            place.text = single_line(place.text, ", ");
        }
        place.country = country_code(country);
        if (!place.text.empty()) {
            contact.places.push_back(std::move(place));
        }
    }

    std::map<std::string, std::size_t> m_columns;
    std::map<std::string, std::map<int, Attributes>> m_numbered;
};

/// "12 Mar 2021" (LinkedIn's "Connected On"), or an ISO date.
std::optional<Date> parse_day_month_year(std::string_view value) {
    if (auto iso = parse_date(value)) {
        return iso;
    }
    static constexpr std::array<std::string_view, 12> Months{"jan", "feb", "mar", "apr", "may", "jun",
                                                             "jul", "aug", "sep", "oct", "nov", "dec"};
    std::vector<std::string_view> parts;
    for (const auto part : text::split(text::trim(value), ' ')) {
        if (!part.empty()) {
            parts.push_back(part);
        }
    }
    if (parts.size() != 3 || parts[1].size() < 3) {
        return std::nullopt;
    }
    const auto day = parse_integer(parts[0]);
    const auto year = parse_integer(parts[2]);
    const std::string month_key = text::ascii_lower(parts[1].substr(0, 3));
    const auto month = std::find(Months.begin(), Months.end(), month_key);
    if (!day || !year || month == Months.end() || *year < 1900 || *year > 2200 || *day < 1 || *day > 31) {
        return std::nullopt;
    }
    const Date date{std::chrono::year{static_cast<int>(*year)},
                    std::chrono::month{static_cast<unsigned>(month - Months.begin() + 1)},
                    std::chrono::day{static_cast<unsigned>(*day)}};
    return date.ok() ? std::optional<Date>(date) : std::nullopt;
}

/// Reads LinkedIn's Connections.csv: First Name, Last Name, URL, Email Address, Company,
/// Position, Connected On.
class LinkedInRowReader {
public:
    explicit LinkedInRowReader(const std::vector<std::string>& header) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            m_columns.emplace(text::ascii_lower(text::trim(header[i])), i);
        }
    }

    std::optional<Contact> read(const std::vector<std::string>& row, const RecordContext& where) const {
        Contact contact;
        contact.given_name = get(row, "first name");
        contact.family_name = get(row, "last name");
        contact.name = build_name({}, contact.given_name, {}, contact.family_name, {});
        if (contact.name.empty()) {
            where.warn("row has no name (First Name, Last Name); skipped");
            return std::nullopt;
        }
        contact.linkedin_url = get(row, "url");
        add_unique(contact.emails, get(row, "email address"));
        contact.organization = get(row, "company");
        contact.title = get(row, "position");
        if (const std::string connected = get(row, "connected on"); !connected.empty()) {
            contact.last_contact = parse_day_month_year(connected);
            if (!contact.last_contact) {
                where.warn("Connected On \"" + connected +
                           "\" is not a date such as \"12 Mar 2021\"; left empty");
            }
        }
        contact.source = source_of(where.source_name, where.line);
        return contact;
    }

private:
    std::string get(const std::vector<std::string>& row, std::string_view column) const {
        const auto it = m_columns.find(std::string(column));
        return it == m_columns.end() ? std::string{} : std::string(text::trim(row[it->second]));
    }

    std::map<std::string, std::size_t> m_columns;
};

/// A date as Outlook writes it: in the short date format of the user's Windows ("3/14/1985" in
/// the US, "14/03/1985" or "14.03.1985" elsewhere), or ISO. Day and month are told apart when one
/// is above 12; otherwise '/' is read month first, as the US English Outlook does, and '.' day first.
std::optional<Date> parse_outlook_date(std::string_view value) {
    if (auto iso = parse_date(value)) {
        return iso;
    }
    const char separator = value.find('/') != std::string_view::npos ? '/' : '.';
    std::vector<long long> parts;
    for (const auto part : text::split(text::trim(value), separator)) {
        const auto number = parse_integer(part);
        if (!number) {
            return std::nullopt;
        }
        parts.push_back(*number);
    }
    if (parts.size() != 3) {
        return std::nullopt;
    }
    long long month = separator == '/' ? parts[0] : parts[1];
    long long day = separator == '/' ? parts[1] : parts[0];
    if (month > 12 && day <= 12) {
        std::swap(month, day);
    }
    long long year = parts[2];
    if (year < 100) { // "3/14/85": Outlook's two-digit years, read as the nearest past century
        year += year < 30 ? 2000 : 1900;
    }
    if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) {
        return std::nullopt;
    }
    const Date date{std::chrono::year{static_cast<int>(year)},
                    std::chrono::month{static_cast<unsigned>(month)},
                    std::chrono::day{static_cast<unsigned>(day)}};
    return date.ok() ? std::optional<Date>(date) : std::nullopt;
}

/// Reads Outlook's CSV exports: classic Outlook's ("Title" is the honorific, "Home Country" or
/// "Home Country/Region", dates in the system's format, "0/0/00" for none) and Outlook.com's.
class OutlookRowReader {
public:
    explicit OutlookRowReader(const std::vector<std::string>& header) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            m_columns.emplace(text::ascii_lower(text::trim(header[i])), i);
        }
    }

    std::optional<Contact> read(const std::vector<std::string>& row, const RecordContext& where) const {
        Contact contact;
        contact.given_name = get(row, "first name");
        contact.family_name = get(row, "last name");
        // "Title" is "Dr.", "Ms.": part of the name; the job is "Job Title".
        contact.name = build_name(get(row, "title"), contact.given_name, get(row, "middle name"),
                                  contact.family_name, get(row, "suffix"));
        contact.organization = get(row, "company");
        contact.title = get(row, "job title");
        classify_organization(contact); // a row for a company: its name is the organisation's
        if (contact.name.empty()) {
            where.warn("row has no name (First Name, Last Name or Company); skipped");
            return std::nullopt;
        }
        for (const char* number : {"", " 2", " 3"}) {
            add_unique(contact.emails, email(row, number));
        }
        for (const auto column : {"mobile phone", "primary phone", "business phone", "business phone 2",
                                  "home phone", "home phone 2", "other phone", "car phone"}) {
            add_unique(contact.phones, get(row, column));
        }
        read_address(row, "home", "home", contact);
        read_address(row, "business", "work", contact);
        read_address(row, "other", "other", contact);
        for (const auto column : {"web page", "personal web page", "business web page"}) {
            const std::string page = get(row, column);
            if (contact.linkedin_url.empty() &&
                text::ascii_lower(page).find("linkedin.com") != std::string::npos) {
                contact.linkedin_url = page;
            }
        }
        add_list(contact.tags, get(row, "categories"), ";,");
        contact.notes = get(row, "notes");
        const std::string birthday = get(row, "birthday");
        // "0/0/00" (classic Outlook) and "0/0/0000" are Outlook's "none".
        if (!birthday.empty() && birthday.rfind("0/0/", 0) != 0) {
            contact.birthday = parse_outlook_date(birthday);
            if (!contact.birthday) {
                where.warn("Birthday \"" + birthday + "\" is not a date such as \"3/14/1985\"; left empty");
            }
        }
        // "Priority" is the importance Outlook gives mail ("Normal"), not the user's ranking of
        // the person: not read.
        contact.source = source_of(where.source_name, where.line);
        return contact;
    }

private:
    std::string get(const std::vector<std::string>& row, std::string_view column) const {
        const auto it = m_columns.find(std::string(column));
        return it == m_columns.end() ? std::string{} : std::string(text::trim(row[it->second]));
    }

    /// "E-mail 2 Address"; an Exchange address ("/o=ExchangeLabs/ou=...") is replaced by the
    /// address in its display name ("Ana Reyes (ana@example.com)") when there is one.
    std::string email(const std::vector<std::string>& row, std::string_view number) const {
        const std::string prefix = "e-mail" + std::string(number);
        std::string address = get(row, prefix + " address");
        if (address.find('@') != std::string::npos) {
            return address;
        }
        const std::string display = get(row, prefix + " display name");
        const auto open = display.rfind('(');
        const auto close = display.rfind(')');
        if (open != std::string::npos && close != std::string::npos && close > open &&
            display.find('@', open) < close) {
            return display.substr(open + 1, close - open - 1);
        }
        return {};
    }

    void read_address(const std::vector<std::string>& row, const std::string& prefix, const char* label,
                      Contact& contact) const {
        std::string country = get(row, prefix + " country/region");
        if (country.empty()) {
            country = get(row, prefix + " country"); // older classic Outlook
        }
        ContactPlace place;
        place.label = label;
        place.text = single_line(
            join_nonempty({get(row, prefix + " street"), get(row, prefix + " street 2"),
                           get(row, prefix + " street 3"), get(row, prefix + " city"),
                           get(row, prefix + " state"), get(row, prefix + " postal code"), country},
                          ", "),
            ", ");
        place.country = country_code(country);
        if (!place.text.empty()) {
            contact.places.push_back(std::move(place));
        }
    }

    std::map<std::string, std::size_t> m_columns;
};

/// Reads sidetrip's own columns, in any order and case, with their synonyms.
class NativeRowReader {
public:
    NativeRowReader(const std::vector<std::string>& header, const RecordContext& header_where) {
        std::vector<std::string> unknown;
        for (const auto& column : header) {
            const auto field = native_field(column);
            m_fields.push_back(field);
            if (!field && !text::trim(column).empty()) {
                unknown.push_back("\"" + std::string(text::trim(column)) + "\"");
            }
        }
        if (!unknown.empty()) {
            std::string list;
            for (const auto& column : unknown) {
                list += (list.empty() ? "" : ", ") + column;
            }
            header_where.warn("unknown column" + std::string(unknown.size() > 1 ? "s " : " ") + list +
                              " ignored (see docs/contacts.md for the columns sidetrip reads)");
        }
    }

    std::optional<Contact> read(const std::vector<std::string>& row, const RecordContext& where) const {
        NativeContactBuilder builder(where, "row");
        for (std::size_t i = 0; i < row.size() && i < m_fields.size(); ++i) {
            if (m_fields[i]) {
                builder.set(*m_fields[i], row[i]);
            }
        }
        return builder.finish();
    }

private:
    std::vector<std::optional<NativeField>> m_fields;
};

} // namespace

std::string_view native_field_name(NativeField field) {
    // Asked for each field of each record read (set() names its field in warnings): a table
    // made once, not a scan of FieldNames each time.
    constexpr std::size_t Fields = static_cast<std::size_t>(NativeField::Kind) + 1; // the last
    static const auto names = [] {
        std::array<std::string_view, Fields> out{};
        for (const auto& entry : FieldNames) {
            auto& name = out[static_cast<std::size_t>(entry.field)];
            if (name.empty()) {
                name = entry.column;
            }
        }
        return out;
    }();
    const auto index = static_cast<std::size_t>(field);
    return index < Fields && !names[index].empty() ? names[index] : "field";
}

std::optional<NativeField> native_field(std::string_view column) {
    const std::string key = normalise_column(column);
    for (const auto& entry : FieldNames) {
        if (entry.column == key) {
            return entry.field;
        }
    }
    return std::nullopt;
}

void NativeContactBuilder::set(NativeField field, std::string_view value) {
    const auto trimmed = text::trim(value);
    const std::string_view name = native_field_name(field);
    switch (field) {
    case NativeField::Id: m_contact.id = ContactId(std::string(trimmed)); break;
    case NativeField::Name: m_contact.name = single_line(trimmed, " "); break;
    case NativeField::GivenName: m_contact.given_name = std::string(trimmed); break;
    case NativeField::FamilyName: m_contact.family_name = std::string(trimmed); break;
    case NativeField::Emails: add_list(m_contact.emails, trimmed, ";,"); break;
    case NativeField::Phones: add_list(m_contact.phones, trimmed, ";"); break;
    case NativeField::Organization: m_contact.organization = std::string(trimmed); break;
    case NativeField::Title: m_contact.title = std::string(trimmed); break;
    case NativeField::Home: m_home = single_line(trimmed, ", "); break;
    case NativeField::Work: m_work = single_line(trimmed, ", "); break;
    case NativeField::Country: m_country = std::string(trimmed); break;
    case NativeField::Lat: m_lat = std::string(trimmed); break;
    case NativeField::Lon: m_lon = std::string(trimmed); break;
    case NativeField::Tags: add_list(m_contact.tags, trimmed, ";,"); break;
    case NativeField::Interests: add_list(m_contact.interests, trimmed, ";,"); break;
    case NativeField::Knows:
        for (const auto target : text::split(trimmed, ';')) {
            add_item(NativeField::Knows, target);
        }
        break;
    case NativeField::LastMet: set_last_met(m_contact, trimmed, name, m_where); break;
    case NativeField::LastContact: set_last_contact(m_contact, trimmed, name, m_where); break;
    case NativeField::CadenceDays: set_cadence(m_contact, trimmed, name, m_where); break;
    case NativeField::TieStrength: set_tie_strength(m_contact, trimmed, name, m_where); break;
    case NativeField::Priority: set_priority(m_contact, trimmed, name, m_where); break;
    case NativeField::Availability: m_contact.availability = std::string(trimmed); break;
    case NativeField::LinkedIn: m_contact.linkedin_url = std::string(trimmed); break;
    case NativeField::Notes: m_contact.notes = std::string(trimmed); break;
    case NativeField::Kind: set_kind(trimmed); break;
    case NativeField::Birthday:
        if (!trimmed.empty() && trimmed.rfind("--", 0) != 0) { // "--03-04": a birthday without its year
            m_contact.birthday = read_date(trimmed, name, m_where);
        }
        break;
    }
}

void NativeContactBuilder::set_kind(std::string_view value) {
    if (value.empty() || text::iequals(value, "person") || text::iequals(value, "individual")) {
        m_contact.kind = ContactKind::Person;
    } else if (text::iequals(value, "organization") || text::iequals(value, "organisation") ||
               text::iequals(value, "org") || text::iequals(value, "company") ||
               text::iequals(value, "location")) {
        m_contact.kind = ContactKind::Organization;
    } else {
        m_where.warn("kind \"" + std::string(value) +
                     "\" is neither person nor organization; read as a person");
    }
}

void NativeContactBuilder::add_item(NativeField field, std::string_view item) {
    const auto trimmed = text::trim(item);
    if (trimmed.empty()) {
        return;
    }
    switch (field) {
    case NativeField::Emails: add_unique(m_contact.emails, trimmed); break;
    case NativeField::Phones: add_unique(m_contact.phones, trimmed); break;
    case NativeField::Tags: add_unique(m_contact.tags, trimmed); break;
    case NativeField::Interests: add_unique(m_contact.interests, trimmed); break;
    case NativeField::Knows: add_relationship("knows", std::string(trimmed)); break;
    default: set(field, trimmed); break;
    }
}

void NativeContactBuilder::add_relationship(std::string kind, std::string target) {
    detail::add_relationship(m_contact, std::move(kind), std::move(target));
}

void NativeContactBuilder::add_place(ContactPlace place) {
    m_extra_places.push_back(std::move(place));
}

std::optional<Contact> NativeContactBuilder::finish() {
    if (m_contact.name.empty()) {
        m_contact.name = build_name({}, m_contact.given_name, {}, m_contact.family_name, {});
    }
    classify_organization(m_contact); // a record for a company: its name is the organisation's
    if (m_contact.name.empty()) {
        m_where.warn(m_record + " has no name (name, given_name, family_name or organization); skipped");
        return std::nullopt;
    }
    if (!m_home.empty()) {
        m_contact.places.push_back({"home", m_home, "", std::nullopt});
    }
    if (!m_work.empty()) {
        m_contact.places.push_back({"work", m_work, "", std::nullopt});
    }
    // country, lat and lon describe the first place: home, else work, else the first of
    // "places", else a place of their own.
    std::string code;
    if (!m_country.empty()) {
        code = country_code(m_country);
        if (code.empty()) {
            m_where.warn(
                "country \"" + m_country +
                "\" is not a country code or name sidetrip knows; left empty (write the ISO code, such "
                "as PH)");
        }
    }
    const auto point = read_point(m_lat, m_lon, "lat, lon", m_where);
    for (auto& place : m_extra_places) {
        m_contact.places.push_back(std::move(place));
    }
    if (!code.empty() || point) {
        if (m_contact.places.empty()) {
            m_contact.places.push_back({"other", "", "", std::nullopt});
        }
        ContactPlace& first = m_contact.places.front();
        if (first.country.empty()) {
            first.country = code;
        }
        if (!first.point) {
            first.point = point;
        }
    }
    m_contact.source = source_of(m_where.source_name, m_where.line);
    return std::move(m_contact);
}

std::optional<ContactFormat> detect_csv_format(std::string_view text) {
    // The flavour is decided within the first 20 records, and 21 also show the first non-blank
    // one unless all are blank: no need to split all of a 100,000-row export twice more.
    constexpr std::size_t Head = 21;
    const CsvTable head = load_table(text, Head);
    if (!head.flavour && head.document.records.size() == Head && head.header == Head) {
        return load_table(text).flavour;
    }
    return head.flavour;
}

std::vector<Contact> read_csv_contacts(std::string_view text, ContactFormat flavour,
                                       const std::string& source_name, Diagnostics& diagnostics) {
    CsvTable table = load_table(text); // not const: each row's fields are moved out once read
    auto& records = table.document.records;
    if (table.header >= records.size()) {
        if (table.document.unclosed_quote_line > 0) {
            throw InputError(source_name + ":" + std::to_string(table.document.unclosed_quote_line) +
                             ": a quoted field that begins here is never closed: add the missing \"");
        }
        throw InputError(source_name + " has no header row: the first line must name the columns (see " +
                         "docs/contacts.md)");
    }
    const CsvRecord& header_record = records[table.header];
    std::vector<std::string> header;
    for (const auto& column : header_record.fields) {
        header.emplace_back(text::trim(valid_utf8_part(column)));
    }
    const RecordContext header_where{source_name, header_record.line, diagnostics};
    if (flavour == ContactFormat::NativeCsv && !table.flavour) {
        throw InputError(source_name + ":" + std::to_string(header_record.line) +
                         ": the header row has no name column (name, given_name or family_name); see "
                         "docs/contacts.md");
    }
    if ((flavour == ContactFormat::GoogleCsv || flavour == ContactFormat::LinkedInCsv ||
         flavour == ContactFormat::OutlookCsv) &&
        table.flavour != flavour) {
        const char* what = flavour == ContactFormat::GoogleCsv    ? "Google Contacts"
                           : flavour == ContactFormat::OutlookCsv ? "Outlook contacts"
                                                                  : "LinkedIn Connections";
        throw InputError(source_name + ":" + std::to_string(header_record.line) +
                         ": the header row is not that of a " + what +
                         " export: export the file again, or give a CSV with sidetrip's columns");
    }

    std::optional<GoogleRowReader> google;
    std::optional<LinkedInRowReader> linkedin;
    std::optional<OutlookRowReader> outlook;
    std::optional<NativeRowReader> native;
    switch (flavour) {
    case ContactFormat::GoogleCsv: google.emplace(header); break;
    case ContactFormat::OutlookCsv: outlook.emplace(header); break;
    case ContactFormat::LinkedInCsv: linkedin.emplace(header); break;
    default: native.emplace(header, header_where); break;
    }

    std::vector<Contact> contacts;
    contacts.reserve(records.size() - table.header - 1);
    // Fields are cut at ASCII bytes, which are never part of a longer UTF-8 sequence: when the
    // whole text is valid, so is every field, and one pass over it replaces a check of each.
    const bool valid_text = text::is_valid_utf8(text);
    // Each column's name as messages give it, made once rather than once per field.
    std::vector<std::string> column_names;
    for (const auto& name : header) {
        column_names.push_back("column \"" + name + "\"");
    }
    for (std::size_t r = table.header + 1; r < records.size(); ++r) {
        CsvRecord& record = records[r];
        if (record.blank || all_empty(record.fields)) {
            continue;
        }
        const RecordContext where{source_name, record.line, diagnostics};
        std::vector<std::string> row = std::move(record.fields);
        if (row.size() > header.size() &&
            std::all_of(row.begin() + static_cast<std::ptrdiff_t>(header.size()), row.end(),
                        [](const std::string& field) { return text::trim(field).empty(); })) {
            row.resize(header.size()); // a trailing separator, as some spreadsheets write
        }
        if (row.size() != header.size()) {
            where.warn("row has " + std::to_string(row.size()) + " fields but the header has " +
                       std::to_string(header.size()) +
                       "; skipped (check for a missing or extra separator or quote)");
            continue;
        }
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (!valid_text && !text::is_valid_utf8(row[i])) { // valid text is kept as it is (checked_utf8)
                row[i] = checked_utf8(row[i], column_names[i], where);
            }
        }
        // Initialised, not assigned: a Contact has two dozen members to move.
        std::optional<Contact> contact = google     ? google->read(row, where)
                                         : linkedin ? linkedin->read(row, where)
                                         : outlook  ? outlook->read(row, where)
                                                    : native->read(row, where);
        if (contact) {
            contacts.push_back(std::move(*contact));
        }
    }
    if (table.document.unclosed_quote_line > 0) {
        diagnostics.warn(
            source_name, table.document.unclosed_quote_line,
            "a quoted field that begins on this line is not closed before the end of the file; this "
            "record and the lines after it were skipped (add the missing \")");
    }
    return contacts;
}

} // namespace sidetrip::people::detail
