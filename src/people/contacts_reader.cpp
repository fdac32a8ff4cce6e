#include "sidetrip/people/contacts_reader.hpp"

#include "detail/contact_fields.hpp"
#include "detail/csv_contacts.hpp"
#include "detail/json_contacts.hpp"
#include "detail/ogr_contacts.hpp"
#include "detail/text_encoding.hpp"
#include "detail/vcard.hpp"

#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <unordered_set>

namespace sidetrip::people {

namespace detail {

namespace {

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string utf16_to_utf8(std::string_view bytes, bool big_endian) {
    std::string out;
    out.reserve(bytes.size());
    const auto unit = [&](std::size_t i) {
        const auto a = static_cast<unsigned char>(bytes[i]);
        const auto b = static_cast<unsigned char>(bytes[i + 1]);
        return static_cast<char32_t>(big_endian ? (a << 8) | b : (b << 8) | a);
    };
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
        char32_t c = unit(i);
        if (c >= 0xD800 && c <= 0xDBFF && i + 3 < bytes.size()) {
            const char32_t low = unit(i + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            }
        }
        if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD; // an unpaired surrogate cannot be written as UTF-8
        }
        append_utf8(out, c);
    }
    return out;
}

struct CountryName {
    std::string_view folded_name;
    std::string_view code;
};

// Only the countries our users' address books name most; everything else is resolved later
// by the geocoder from the place text, which still holds the country as written.
constexpr CountryName CountryNames[] = {
    {"philippines", "PH"},
    {"pilipinas", "PH"},
    {"republic of the philippines", "PH"},
    {"singapore", "SG"},
    {"malaysia", "MY"},
    {"indonesia", "ID"},
    {"thailand", "TH"},
    {"vietnam", "VN"},
    {"viet nam", "VN"},
    {"japan", "JP"},
    {"south korea", "KR"},
    {"korea", "KR"},
    {"china", "CN"},
    {"hong kong", "HK"},
    {"taiwan", "TW"},
    {"india", "IN"},
    {"australia", "AU"},
    {"new zealand", "NZ"},
    {"united arab emirates", "AE"},
    {"uae", "AE"},
    {"united states", "US"},
    {"united states of america", "US"},
    {"usa", "US"},
    {"u s a", "US"},
    {"u s", "US"},
    {"america", "US"},
    {"canada", "CA"},
    {"mexico", "MX"},
    {"united kingdom", "GB"},
    {"great britain", "GB"},
    {"england", "GB"},
    {"scotland", "GB"},
    {"wales", "GB"},
    {"ireland", "IE"},
    {"germany", "DE"},
    {"deutschland", "DE"},
    {"netherlands", "NL"},
    {"the netherlands", "NL"},
    {"nederland", "NL"},
    {"holland", "NL"},
    {"france", "FR"},
    {"spain", "ES"},
    {"espana", "ES"},
    {"italy", "IT"},
    {"switzerland", "CH"},
    {"schweiz", "CH"},
    {"austria", "AT"},
    {"osterreich", "AT"},
};

bool is_ascii_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

} // namespace

std::string source_of(std::string_view source_name, int line) {
    std::string out(source_name);
    out += ':';
    out += std::to_string(line);
    return out;
}

int line_of_source(std::string_view source) {
    const auto colon = source.rfind(':');
    if (colon == std::string_view::npos) {
        return 0;
    }
    const auto number = parse_integer(source.substr(colon + 1));
    return number && *number > 0 && *number < 1'000'000'000 ? static_cast<int>(*number) : 0;
}

std::string_view decode_text(std::string_view content, std::string& storage) {
    if (content.size() >= 3 && content.substr(0, 3) == "\xEF\xBB\xBF") {
        return content.substr(3);
    }
    if (content.size() >= 2 && content.substr(0, 2) == "\xFF\xFE") {
        storage = utf16_to_utf8(content.substr(2), false);
        return storage;
    }
    if (content.size() >= 2 && content.substr(0, 2) == "\xFE\xFF") {
        storage = utf16_to_utf8(content.substr(2), true);
        return storage;
    }
    return content;
}

bool looks_binary(std::string_view text) {
    const auto sample = text.substr(0, 8192);
    std::size_t control = 0;
    for (const char c : sample) {
        const auto b = static_cast<unsigned char>(c);
        if (b == 0) {
            return true;
        }
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
            ++control;
        }
    }
    return control * 50 > sample.size();
}

std::string valid_utf8_part(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t length = text::utf8_sequence_length(s, i);
        if (length == 0) {
            ++i;
            continue;
        }
        out.append(s.substr(i, length));
        i += length;
    }
    return out;
}

std::string checked_utf8(std::string_view s, std::string_view field, const RecordContext& where) {
    if (text::is_valid_utf8(s)) {
        return std::string(s);
    }
    std::string kept = valid_utf8_part(s);
    where.warn(std::string(field) + " has bytes that are not UTF-8; kept \"" + kept +
               "\" without them (save the file as UTF-8)");
    return kept;
}

std::string latin1_to_utf8(std::string_view s, bool windows_1252) {
    // Windows-1252 puts printable characters where ISO-8859-1 has C1 controls.
    static constexpr std::array<char16_t, 32> Cp1252High{
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    std::string out;
    out.reserve(s.size() + s.size() / 4);
    for (const char c : s) {
        const auto b = static_cast<unsigned char>(c);
        if (windows_1252 && b >= 0x80 && b <= 0x9F) {
            append_utf8(out, Cp1252High[b - 0x80]);
        } else {
            append_utf8(out, b);
        }
    }
    return out;
}

std::string country_code(std::string_view country) {
    const auto trimmed = text::trim(country);
    if (trimmed.size() == 2 && is_ascii_alpha(trimmed[0]) && is_ascii_alpha(trimmed[1])) {
        std::string code = text::ascii_lower(trimmed);
        for (char& c : code) {
            c = static_cast<char>(c - 'a' + 'A');
        }
        return code == "UK" ? "GB" : code;
    }
    const std::string folded = text::fold(trimmed);
    for (const auto& entry : CountryNames) {
        if (entry.folded_name == folded) {
            return std::string(entry.code);
        }
    }
    return {};
}

std::string place_label(std::string_view type_or_label) {
    const std::string lower = text::ascii_lower(type_or_label);
    if (lower.find("home") != std::string::npos) {
        return "home";
    }
    if (lower.find("work") != std::string::npos || lower.find("office") != std::string::npos) {
        return "work";
    }
    return "other";
}

std::string join_nonempty(const std::vector<std::string_view>& parts, std::string_view separator) {
    std::string out;
    for (const auto part : parts) {
        const auto trimmed = text::trim(part);
        if (trimmed.empty()) {
            continue;
        }
        if (!out.empty()) {
            out += separator;
        }
        out += trimmed;
    }
    return out;
}

std::string single_line(std::string_view s, std::string_view separator) {
    if (s.find('\n') == std::string_view::npos) { // nearly always: no need to split
        return std::string(text::trim(s));
    }
    return join_nonempty(text::split(s, '\n'), separator);
}

void add_relationship(Contact& contact, std::string kind, std::string target) {
    if (target.empty()) {
        return;
    }
    for (const auto& existing : contact.relationships) {
        if (existing.kind == kind && existing.target == target) {
            return;
        }
    }
    contact.relationships.push_back({std::move(kind), std::move(target)});
}

void add_unique(std::vector<std::string>& list, std::string_view value) {
    const auto trimmed = text::trim(value);
    if (trimmed.empty()) {
        return;
    }
    const bool present = std::any_of(list.begin(), list.end(),
                                     [&](const std::string& item) { return text::iequals(item, trimmed); });
    if (!present) {
        list.emplace_back(trimmed);
    }
}

void add_list(std::vector<std::string>& list, std::string_view value, std::string_view separators) {
    // The separators are compared one by one: find_first_of() would search them with memchr for
    // each character of each email, tag and interest read.
    const auto separator = [&](char c) {
        return std::any_of(separators.begin(), separators.end(), [c](char s) { return s == c; });
    };
    std::size_t start = 0;
    while (start <= value.size()) {
        std::size_t stop = start;
        while (stop < value.size() && !separator(value[stop])) {
            ++stop;
        }
        add_unique(list, value.substr(start, stop - start));
        start = stop + 1;
    }
}

std::optional<long long> parse_integer(std::string_view text) {
    auto trimmed = text::trim(text);
    if (!trimmed.empty() && trimmed.front() == '+') {
        trimmed.remove_prefix(1);
    }
    long long value = 0;
    const auto* end = trimmed.data() + trimmed.size();
    const auto [ptr, ec] = std::from_chars(trimmed.data(), end, value);
    if (trimmed.empty() || ec != std::errc{} || ptr != end) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parse_decimal(std::string_view text) {
    auto trimmed = text::trim(text);
    if (!trimmed.empty() && trimmed.front() == '+') {
        trimmed.remove_prefix(1);
    }
    double value = 0.0;
    const auto* end = trimmed.data() + trimmed.size();
    const auto [ptr, ec] = std::from_chars(trimmed.data(), end, value);
    if (trimmed.empty() || ec != std::errc{} || ptr != end) {
        return std::nullopt;
    }
    return value;
}

std::optional<Date> read_date(std::string_view value, std::string_view field, const RecordContext& where) {
    const auto trimmed = text::trim(value);
    if (trimmed.empty()) {
        return std::nullopt;
    }
    if (auto date = parse_date(trimmed)) {
        return date;
    }
    where.warn(std::string(field) + " \"" + std::string(trimmed) +
               "\" is not a date (write YYYY-MM-DD); left empty");
    return std::nullopt;
}

std::optional<int> read_whole_number(std::string_view value, std::string_view field, int min, int max,
                                     const RecordContext& where) {
    const auto trimmed = text::trim(value);
    if (trimmed.empty()) {
        return std::nullopt;
    }
    const auto number = parse_integer(trimmed);
    if (number && *number >= min && *number <= max) {
        return static_cast<int>(*number);
    }
    where.warn(std::string(field) + " \"" + std::string(trimmed) + "\" is not a whole number from " +
               std::to_string(min) + " to " + std::to_string(max) + "; left empty");
    return std::nullopt;
}

std::optional<GeoPoint> read_point(std::string_view lat, std::string_view lon, std::string_view field,
                                   const RecordContext& where) {
    if (text::trim(lat).empty() && text::trim(lon).empty()) {
        return std::nullopt;
    }
    const auto la = parse_decimal(lat);
    const auto lo = parse_decimal(lon);
    if (la && lo) {
        const GeoPoint point{*la, *lo};
        if (is_valid(point)) {
            return point;
        }
    }
    where.warn(std::string(field) + " \"" + std::string(text::trim(lat)) + ", " +
               std::string(text::trim(lon)) + "\" is not a latitude and longitude in degrees; left empty");
    return std::nullopt;
}

std::string build_name(std::string_view prefix, std::string_view given, std::string_view middle,
                       std::string_view family, std::string_view suffix) {
    return join_nonempty({prefix, given, middle, family, suffix}, " ");
}

ContactId derived_contact_id(std::string_view name, std::string_view first_email) {
    const std::string key = text::fold(name) + "|" + text::ascii_lower(text::trim(first_email));
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : key) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return ContactId("c-" + std::string(hex, 12));
}

void set_last_met(Contact& contact, std::string_view value, std::string_view field,
                  const RecordContext& where) {
    if (auto date = read_date(value, field, where)) {
        contact.last_met = date;
    }
}

void set_last_contact(Contact& contact, std::string_view value, std::string_view field,
                      const RecordContext& where) {
    if (auto date = read_date(value, field, where)) {
        contact.last_contact = date;
    }
}

void set_cadence(Contact& contact, std::string_view value, std::string_view field,
                 const RecordContext& where) {
    if (auto days = read_whole_number(value, field, 1, MaxCadenceDays, where)) {
        contact.cadence_days = days;
    }
}

void set_tie_strength(Contact& contact, std::string_view value, std::string_view field,
                      const RecordContext& where) {
    if (auto tie = read_whole_number(value, field, 1, 5, where)) {
        contact.tie_strength = tie;
    }
}

void set_priority(Contact& contact, std::string_view value, std::string_view field,
                  const RecordContext& where) {
    if (auto priority = read_whole_number(value, field, 1, 5, where)) {
        contact.priority = priority;
    }
}

void classify_organization(Contact& contact) {
    if (contact.organization.empty() || !contact.given_name.empty() || !contact.family_name.empty()) {
        return;
    }
    if (contact.name.empty()) {
        contact.name = contact.organization;
        contact.kind = ContactKind::Organization;
    } else if (text::fold(contact.name) == text::fold(contact.organization)) {
        contact.kind = ContactKind::Organization;
    }
}

} // namespace detail

namespace {

std::string lower_extension(std::string_view source_name) {
    return text::ascii_lower(std::filesystem::path(source_name).extension().string());
}

bool has_vcard_begin_line(std::string_view text) {
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        const auto line = text::trim(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (text::istarts_with(line, "BEGIN:VCARD")) {
            return true;
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return false;
}

std::string first_line(std::string_view text) {
    const auto trimmed = text::trim(text);
    const auto end = trimmed.find_first_of("\r\n");
    std::string line(trimmed.substr(0, std::min<std::size_t>(end, 80)));
    return detail::valid_utf8_part(line);
}

/// True when a vCard has a CHARSET parameter anywhere (in any case).
bool names_charset(std::string_view text) {
    constexpr std::string_view Needle = "charset=";
    const auto it = std::search(text.begin(), text.end(), Needle.begin(), Needle.end(), [](char a, char b) {
        return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
    });
    return it != text.end();
}

/// Gives every contact an id, and makes ids unique within one load.
void settle_ids(std::vector<Contact>& contacts, const std::string& source_name, Diagnostics& diagnostics) {
    // Views of the contacts' own ids (which stay put while this runs), hashed: 100,000 ids
    // copied into a tree were a noticeable part of reading a large address book.
    std::unordered_set<std::string_view> taken;
    taken.reserve(contacts.size());
    for (auto& contact : contacts) {
        if (contact.id.empty()) {
            contact.id = detail::derived_contact_id(contact.name, contact.emails.empty() ? std::string_view{}
                                                                                         : contact.emails[0]);
        }
        if (taken.insert(contact.id.str()).second) {
            continue;
        }
        std::string unique;
        for (int n = 2;; ++n) {
            unique = contact.id.str() + "-" + std::to_string(n);
            if (!taken.count(unique)) {
                break;
            }
        }
        diagnostics.warn(source_name, detail::line_of_source(contact.source),
                         "id \"" + contact.id.str() + "\" of " + contact.name +
                             " is already used by another contact in this file; this one is \"" + unique +
                             "\" (give each contact its own id)");
        contact.id = ContactId(unique);
        taken.insert(contact.id.str());
    }
}

} // namespace

std::string_view to_string(ContactKind kind) {
    return kind == ContactKind::Organization ? "organization" : "person";
}

std::string_view to_string(ContactFormat format) {
    switch (format) {
    case ContactFormat::VCard: return "vcard";
    case ContactFormat::GoogleCsv: return "google-csv";
    case ContactFormat::LinkedInCsv: return "linkedin-csv";
    case ContactFormat::OutlookCsv: return "outlook-csv";
    case ContactFormat::NativeCsv: return "csv";
    case ContactFormat::NativeJson: return "json";
    }
    return "unknown";
}

ContactFormat detect_contact_format(std::string_view content, std::string_view source_name) {
    const std::string name(source_name.empty() ? std::string_view("contacts") : source_name);
    std::string storage;
    const std::string_view decoded = detail::decode_text(content, storage);
    const std::string_view trimmed = text::trim(decoded);
    if (trimmed.empty()) {
        throw InputError(name + " is empty: export your contacts again, or give another file");
    }
    if (detail::looks_binary(decoded)) {
        throw InputError(
            name + " is not a text file (it holds binary data): give a vCard (.vcf), CSV or JSON contacts "
                   "file");
    }
    if (text::istarts_with(trimmed, "BEGIN:VCARD")) {
        return ContactFormat::VCard;
    }
    if (trimmed.front() == '[' || trimmed.front() == '{') {
        return ContactFormat::NativeJson;
    }
    const std::string extension = lower_extension(source_name);
    if (extension == ".vcf" || extension == ".vcard") {
        if (has_vcard_begin_line(decoded)) {
            return ContactFormat::VCard;
        }
        throw InputError(name + " has no BEGIN:VCARD line, so it is not a vCard file: export the contacts " +
                         "again as vCard, or rename the file if it is CSV or JSON");
    }
    if (extension == ".json") {
        throw InputError(name +
                         " does not start with [ or {, so it is not JSON: check that it is the right file " +
                         "(see docs/contacts.md for the format)");
    }
    if (auto flavour = detail::detect_csv_format(decoded)) {
        return *flavour;
    }
    if (has_vcard_begin_line(decoded)) {
        return ContactFormat::VCard;
    }
    throw InputError(
        name + " is not a contacts file sidetrip knows (its first line is \"" + first_line(decoded) +
        "\"): give a vCard file, a CSV export of Google Contacts, Outlook or LinkedIn, a CSV with a header " +
        "row naming sidetrip's columns (such as name,emails,home), or JSON; see docs/contacts.md");
}

std::vector<Contact> read_contacts(std::string_view content, ContactFormat format,
                                   const std::string& source_name, Diagnostics& diagnostics) {
    std::string storage;
    std::string_view decoded = detail::decode_text(content, storage);
    // A file that is not UTF-8 is in a code page it does not name (classic Outlook writes the
    // system's, Windows-1252 in the West): decoded whole, so no letter is lost. A vCard that
    // names its CHARSET is decoded value by value instead. The search for CHARSET is made only
    // for the rare file that is not UTF-8: not a second pass over every 100 MB address book.
    std::string legacy_storage;
    if (format != ContactFormat::NativeJson && !text::is_valid_utf8(decoded) &&
        (format != ContactFormat::VCard || !names_charset(decoded))) {
        decoded = detail::decode_legacy_text(decoded, legacy_storage, source_name, diagnostics);
    }
    std::vector<Contact> contacts;
    switch (format) {
    case ContactFormat::VCard: contacts = detail::read_vcards(decoded, source_name, diagnostics); break;
    case ContactFormat::GoogleCsv:
    case ContactFormat::LinkedInCsv:
    case ContactFormat::OutlookCsv:
    case ContactFormat::NativeCsv:
        contacts = detail::read_csv_contacts(decoded, format, source_name, diagnostics);
        break;
    case ContactFormat::NativeJson:
        contacts = detail::read_json_contacts(decoded, source_name, diagnostics);
        break;
    }
    detail::limit_contact_values(contacts, source_name, diagnostics);
    settle_ids(contacts, source_name, diagnostics);
    return contacts;
}

const files::InputKind detail::ContactsInput{
    "contacts file", files::MaxContactsBytes, "a contacts file inside it (.vcf, .csv or .json)",
    "split it into several files and give each with --contacts (or export without photos)"};
const files::InputKind detail::AttendeesInput{"attendee list", files::MaxAttendeesBytes,
                                              "the attendee list inside it (.csv, .json or .vcf)",
                                              "check that it is the attendee list, or give part of it"};

std::string detail::read_input_file(const std::filesystem::path& path, const files::InputKind& kind) {
    return files::read_input(path.string(), kind);
}

void detail::limit_contact_values(std::vector<Contact>& contacts, const std::string& source_name,
                                  Diagnostics& diagnostics) {
    for (auto& contact : contacts) {
        std::string dropped;
        auto limit = [&](auto& list, const char* what) {
            if (list.size() > MaxValuesPerContact) {
                dropped += (dropped.empty() ? "" : ", ") + std::to_string(list.size()) + " " + what;
                list.resize(MaxValuesPerContact);
            }
        };
        limit(contact.emails, "emails");
        limit(contact.phones, "phones");
        limit(contact.places, "places");
        if (!dropped.empty()) {
            diagnostics.warn(source_name, line_of_source(contact.source),
                             contact.name + " has " + dropped + ": kept the first " +
                                 std::to_string(MaxValuesPerContact) +
                                 " (more are not used; check the export of this contact)");
        }
    }
}

std::vector<Contact> read_contacts_file(const std::filesystem::path& path, Diagnostics& diagnostics) {
    const std::string name = path.string();
    // GIS files go to OGR: by extension for the formats only it reads, and by content for a
    // .json that is GeoJSON or a .csv with X/Y columns (docs/contacts.md, "GIS files").
    const bool file = name != "-";
    if (file && detail::is_ogr_contacts_extension(path)) {
        files::check_input_size(name, detail::ContactsInput);
        auto contacts = detail::read_ogr_contacts(path, diagnostics);
        settle_ids(contacts, name, diagnostics);
        return contacts;
    }
    const std::string content = detail::read_input_file(path, detail::ContactsInput);
    if (file && detail::is_ogr_contacts_text(content, path)) {
        auto contacts = detail::read_ogr_contacts(path, diagnostics);
        settle_ids(contacts, name, diagnostics);
        return contacts;
    }
    const ContactFormat format = detect_contact_format(content, name);
    return read_contacts(content, format, name, diagnostics);
}

} // namespace sidetrip::people
