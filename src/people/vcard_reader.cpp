#include "detail/vcard.hpp"

#include "detail/contact_fields.hpp"
#include "detail/text_encoding.hpp"

#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>

namespace sidetrip::people::detail {

namespace {

/// A property line after unfolding, with the physical line it starts on. The text is a view of
/// the file, or for a folded line of the joined text that Unfolded keeps.
struct LogicalLine {
    std::string_view text;
    int line = 0;
};

struct Unfolded {
    std::vector<LogicalLine> lines;
    std::deque<std::string> joined; ///< folded lines, joined (a deque: its strings never move)
};

struct Parameter {
    std::string name;  ///< upper case
    std::string value; ///< without surrounding quotes
};

/// "group.NAME;PARAM=value:value", split but not yet decoded.
struct ContentLine {
    int line = 0;
    std::string group; ///< lower case; empty when none
    std::string name;  ///< upper case
    std::vector<Parameter> parameters;
    std::string_view value; ///< as written: still encoded and escaped (a view of the Unfolded text)

    std::string parameter(std::string_view wanted) const {
        for (const auto& p : parameters) {
            if (p.name == wanted) {
                return p.value;
            }
        }
        return {};
    }

    /// Every TYPE value, lower case: TYPE=home,work and TYPE=HOME;TYPE=WORK and 2.1's ;HOME;WORK.
    std::vector<std::string> types() const {
        std::vector<std::string> out;
        for (const auto& p : parameters) {
            if (p.name != "TYPE") {
                continue;
            }
            for (const auto part : text::split(p.value, ',')) {
                const auto trimmed = text::trim(part);
                if (!trimmed.empty()) {
                    out.push_back(text::ascii_lower(trimmed));
                }
            }
        }
        return out;
    }

    bool has_type(std::string_view wanted) const {
        for (const auto& type : types()) {
            if (type == wanted) {
                return true;
            }
        }
        return false;
    }
};

struct Card {
    int begin_line = 0;
    std::vector<ContentLine> lines;
};

/// Whether `haystack` contains `needle`, ASCII letters in any case (a line prefix: no copy).
bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
    if (needle.size() > haystack.size()) {
        return false;
    }
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        if (text::iequals(haystack.substr(i, needle.size()), needle)) {
            return true;
        }
    }
    return false;
}

/// The text before the first ':' of a line: its name and parameters.
std::string_view line_prefix(std::string_view line) {
    const auto colon = line.find(':');
    return colon == std::string_view::npos ? line : line.substr(0, colon);
}

/**
 * Joins folded lines. 3.0 and 4.0 fold by inserting CRLF and one space or tab, which unfolding
 * removes; 2.1 folds before existing white space, which therefore stays. Quoted-printable values
 * (2.1, and 3.0 from old phones) continue on the next line after a soft break "=" at the end.
 * Joining bytes rather than decoded text keeps a UTF-8 character split across a fold whole.
 */
Unfolded unfold(std::string_view text) {
    Unfolded out;
    bool version_21 = false;
    bool quoted_printable = false;
    bool open = false;
    // The open line: a view of the file until a fold makes it a joined string of its own.
    std::string_view current;
    std::string* joined = nullptr;
    const auto append = [&](std::string_view continuation) {
        if (joined == nullptr) {
            joined = &out.joined.emplace_back(current);
        }
        *joined += continuation;
        current = *joined;
    };
    const auto finish = [&] {
        if (!open) {
            return;
        }
        out.lines.back().text = current;
        const auto trimmed = text::trim(current);
        if (text::istarts_with(trimmed, "BEGIN:VCARD")) {
            version_21 = false;
        } else if (text::iequals(trimmed, "VERSION:2.1")) {
            version_21 = true;
        }
        open = false;
    };
    std::size_t start = 0;
    int number = 0;
    while (start < text.size()) {
        ++number;
        // A plain loop: find_first_of would search its set of two for every byte.
        std::size_t end = start;
        while (end < text.size() && text[end] != '\r' && text[end] != '\n') {
            ++end;
        }
        const std::string_view physical = text.substr(start, end - start);
        start = end;
        if (start < text.size() && text[start] == '\r') {
            ++start;
        }
        if (start < text.size() && text[start] == '\n') {
            ++start;
        }

        if (open && quoted_printable && !current.empty() && current.back() == '=') {
            if (joined == nullptr) {
                joined = &out.joined.emplace_back(current);
            }
            joined->pop_back();
            append(physical);
            continue;
        }
        if (open && !physical.empty() && (physical[0] == ' ' || physical[0] == '\t')) {
            append(version_21 ? physical : physical.substr(1));
            continue;
        }
        finish();
        out.lines.push_back({physical, number});
        current = physical;
        joined = nullptr;
        open = true;
        quoted_printable = contains_ignoring_case(line_prefix(physical), "QUOTED-PRINTABLE");
    }
    finish();
    return out;
}

/// Position of the first `wanted` character outside double quotes, npos when none.
std::size_t find_unquoted(std::string_view s, char wanted, std::size_t from = 0) {
    bool quoted = false;
    for (std::size_t i = from; i < s.size(); ++i) {
        if (s[i] == '"') {
            quoted = !quoted;
        } else if (s[i] == wanted && !quoted) {
            return i;
        }
    }
    return std::string_view::npos;
}

std::string unquote(std::string_view s) {
    const auto trimmed = text::trim(s);
    if (trimmed.size() >= 2 && trimmed.front() == '"' && trimmed.back() == '"') {
        return std::string(trimmed.substr(1, trimmed.size() - 2));
    }
    return std::string(trimmed);
}

std::optional<ContentLine> parse_content_line(const LogicalLine& logical) {
    const std::string_view text = logical.text;
    const auto colon = find_unquoted(text, ':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    ContentLine line;
    line.line = logical.line;
    line.value = text.substr(colon + 1);
    const std::string_view prefix = text.substr(0, colon);

    std::size_t start = 0;
    bool first = true;
    while (start <= prefix.size()) {
        auto end = find_unquoted(prefix, ';', start);
        if (end == std::string_view::npos) {
            end = prefix.size();
        }
        const auto part = text::trim(prefix.substr(start, end - start));
        start = end + 1;
        if (first) {
            first = false;
            const auto dot = part.rfind('.');
            if (dot != std::string_view::npos) {
                line.group = text::ascii_lower(part.substr(0, dot));
                line.name = text::ascii_upper(part.substr(dot + 1));
            } else {
                line.name = text::ascii_upper(part);
            }
            continue;
        }
        if (part.empty()) {
            continue;
        }
        const auto equals = part.find('=');
        if (equals != std::string_view::npos) {
            line.parameters.push_back(
                {text::ascii_upper(text::trim(part.substr(0, equals))), unquote(part.substr(equals + 1))});
            continue;
        }
        // vCard 2.1 writes parameter values bare: ";HOME;WORK", ";QUOTED-PRINTABLE".
        const std::string bare = text::ascii_upper(part);
        if (bare == "QUOTED-PRINTABLE" || bare == "BASE64" || bare == "B" || bare == "8BIT" ||
            bare == "7BIT") {
            line.parameters.push_back({"ENCODING", bare});
        } else {
            line.parameters.push_back({"TYPE", std::string(part)});
        }
    }
    if (line.name.empty()) {
        return std::nullopt;
    }
    return line;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

std::string decode_quoted_printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '=' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else if (s[i] == '=' && i + 1 == s.size()) {
            // a soft line break at the very end: nothing follows
        } else {
            out += s[i];
        }
    }
    return out;
}

/// The value's text: transfer encoding and character set undone, checked to be UTF-8.
/// nullopt for binary (base64) values, which sidetrip has no use for.
std::optional<std::string> decode_value(const ContentLine& line, const RecordContext& where) {
    // Nearly every value of a modern card: no encoding, no charset, valid UTF-8, no CR; the
    // steps below would give it back unchanged.
    const bool plain = std::none_of(line.parameters.begin(), line.parameters.end(), [](const Parameter& p) {
        return p.name == "ENCODING" || p.name == "CHARSET";
    });
    if (plain && line.value.find('\r') == std::string_view::npos && text::is_valid_utf8(line.value)) {
        return std::string(line.value);
    }
    const std::string encoding = text::ascii_upper(line.parameter("ENCODING"));
    std::string bytes;
    if (encoding == "QUOTED-PRINTABLE") {
        bytes = decode_quoted_printable(line.value);
    } else if (encoding == "B" || encoding == "BASE64") {
        return std::nullopt;
    } else {
        bytes = std::string(line.value);
    }
    const std::string charset = text::ascii_lower(line.parameter("CHARSET"));
    if (charset == "iso-8859-1" || charset == "iso8859-1" || charset == "latin1" || charset == "latin-1" ||
        charset == "windows-1252" || charset == "cp1252") {
        // Files that say ISO-8859-1 are in practice written by Windows in its superset.
        bytes = latin1_to_utf8(bytes, true);
    } else if (!charset.empty() && charset != "utf-8" && charset != "utf8" && !text::is_valid_utf8(bytes)) {
        // Other code pages (Windows-1250, KOI8-R, Shift_JIS) through ICU; one it does not know
        // leaves the bytes to the UTF-8 check below, which names the property.
        if (auto converted = convert_to_utf8(bytes, charset)) {
            bytes = std::move(*converted);
        }
    }
    std::string out = checked_utf8(bytes, line.name, where);
    // Quoted-printable line breaks are CRLF (=0D=0A); keep one convention.
    std::string normalised;
    normalised.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '\r') {
            if (i + 1 < out.size() && out[i + 1] == '\n') {
                continue;
            }
            normalised += '\n';
        } else {
            normalised += out[i];
        }
    }
    return normalised;
}

/// Undoes vCard text escaping: \n, \N, \, \; \\ and \: (Apple escapes colons in URLs).
std::string unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        const char next = s[i + 1];
        if (next == 'n' || next == 'N') {
            out += '\n';
        } else if (next == ',' || next == ';' || next == '\\' || next == ':') {
            out += next;
        } else {
            out += '\\';
            out += next;
        }
        ++i;
    }
    const std::string_view trimmed = text::trim(out);
    if (trimmed.size() == out.size()) {
        return out; // nearly always: no second copy
    }
    return std::string(trimmed);
}

/// Splits on `separator` where it is not escaped; the parts keep their escapes.
std::vector<std::string_view> split_unescaped(std::string_view s, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
        } else if (s[i] == separator) {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(s.substr(start));
    return parts;
}

/// Component `index` of a structured value (N, ADR, ORG), unescaped; empty when absent.
std::string component(const std::vector<std::string_view>& parts, std::size_t index) {
    return index < parts.size() ? unescape(parts[index]) : std::string{};
}

std::string without_prefix(std::string value, std::string_view prefix) {
    if (text::istarts_with(value, prefix)) {
        value.erase(0, prefix.size());
    }
    return value;
}

/// UIDs and RELATED values name the same contact as "urn:uuid:X" or "X".
std::string contact_reference(std::string value) {
    value = without_prefix(std::move(value), "urn:uuid:");
    return without_prefix(std::move(value), "mailto:");
}

/// "geo:14.55,121.02" (4.0), "14.55;121.02" (3.0), or "14.55,121.02"; nullopt with a warning.
std::optional<GeoPoint> read_geo(std::string_view value, std::string_view field, const RecordContext& where) {
    auto v = text::trim(value);
    std::vector<std::string_view> parts;
    if (text::istarts_with(v, "geo:")) {
        v.remove_prefix(4);
        v = v.substr(0, v.find(';')); // ";u=uncertainty" and other parameters
        parts = text::split(v, ',');
    } else {
        parts = text::split(v, ';');
        if (parts.size() != 2) {
            parts = text::split(v, ',');
        }
    }
    if (parts.size() < 2 || parts.size() > 3) {
        where.warn(std::string(field) + " \"" + std::string(v) +
                   "\" is not a position (write geo:LAT,LON or LAT;LON); left empty");
        return std::nullopt;
    }
    return read_point(parts[0], parts[1], field, where);
}

/// Google and Apple groups that every contact is in; they are not circles.
bool is_system_group(std::string_view tag) {
    auto t = text::trim(tag);
    if (!t.empty() && t.front() == '*') {
        t = text::trim(t.substr(1));
    }
    return text::iequals(t, "myContacts") || text::iequals(t, "starred") || text::iequals(t, "My Contacts");
}

/// "_$!<Spouse>!$" (Apple's built-in labels) gives "Spouse".
std::string apple_label_text(std::string_view label) {
    auto t = text::trim(label);
    if (t.size() >= 8 && t.substr(0, 4) == "_$!<" && t.substr(t.size() - 4) == ">!$_") {
        t = t.substr(4, t.size() - 8);
    } else if (t.size() >= 7 && t.substr(0, 4) == "_$!<" && t.substr(t.size() - 3) == ">!$") {
        t = t.substr(4, t.size() - 7);
    }
    return std::string(t);
}

/// The first TYPE that is not "pref", lower case; `fallback` when none.
std::string kind_from_types(const ContentLine& line, std::string_view fallback) {
    for (const auto& type : line.types()) {
        if (type != "pref") {
            return type;
        }
    }
    return std::string(fallback);
}

/// "home"/"work" from TYPE, else from the Apple/Google label of the property's group.
std::string label_of(const ContentLine& line, const std::map<std::string, std::string>& group_labels) {
    for (const auto& type : line.types()) {
        if (type == "home" || type == "work") {
            return type;
        }
    }
    if (!line.group.empty()) {
        if (const auto it = group_labels.find(line.group); it != group_labels.end()) {
            return place_label(it->second);
        }
    }
    return "other";
}

class CardReader {
public:
    CardReader(const Card& card, const std::string& source_name, Diagnostics& diagnostics)
        : m_card(card), m_source_name(source_name), m_diagnostics(diagnostics) {}

    /// The contact, or nullopt when the card is a group or has no name (the latter with a warning).
    std::optional<Contact> read() {
        m_contact.source = source_of(m_source_name, m_card.begin_line);
        for (const auto& line : m_card.lines) {
            if (line.name == "X-ABLABEL" && !line.group.empty()) {
                const RecordContext where{m_source_name, line.line, m_diagnostics};
                if (auto value = decode_value(line, where)) {
                    m_group_labels[line.group] = unescape(*value);
                }
            }
        }
        for (const auto& line : m_card.lines) {
            const RecordContext where{m_source_name, line.line, m_diagnostics};
            const auto value = decode_value(line, where);
            if (!value) {
                continue;
            }
            if (line.name == "KIND" || line.name == "X-ADDRESSBOOKSERVER-KIND") {
                const std::string kind = unescape(*value);
                if (text::iequals(kind, "group")) {
                    return std::nullopt; // a contact group, not a person
                }
                // vCard 4 (RFC 6350 6.1.4): an organisation, or a named place.
                if (text::iequals(kind, "org") || text::iequals(kind, "location")) {
                    m_contact.kind = ContactKind::Organization;
                }
            } else if (line.name == "X-ABSHOWAS" && text::iequals(unescape(*value), "COMPANY")) {
                m_contact.kind = ContactKind::Organization; // Apple's "Company" checkbox
            }
            read_property(line, *value, where);
        }
        if (m_contact.name.empty()) {
            m_contact.name =
                build_name(m_prefix, m_contact.given_name, m_middle, m_contact.family_name, m_suffix);
        }
        classify_organization(m_contact); // only an organisation's name: the company's own card
        if (m_contact.name.empty()) {
            m_diagnostics.warn(m_source_name, m_card.begin_line,
                               "card has no name (FN or N); skipped (give the contact a name)");
            return std::nullopt;
        }
        if (m_geo) {
            attach_point(*m_geo);
        }
        return std::move(m_contact);
    }

private:
    void read_property(const ContentLine& line, const std::string& value, const RecordContext& where) {
        const std::string_view name = line.name; // compared by length first, without strlen
        if (name == "UID") {
            const std::string uid = contact_reference(unescape(value));
            if (!uid.empty() && m_contact.id.empty()) {
                m_contact.id = ContactId(uid);
            }
        } else if (name == "FN") {
            if (m_contact.name.empty()) {
                m_contact.name = single_line(unescape(value), " ");
            }
        } else if (name == "N") {
            const auto parts = split_unescaped(value, ';');
            m_contact.family_name = component(parts, 0);
            m_contact.given_name = component(parts, 1);
            m_middle = component(parts, 2);
            m_prefix = component(parts, 3);
            m_suffix = component(parts, 4);
        } else if (name == "EMAIL") {
            add_unique(m_contact.emails, without_prefix(unescape(value), "mailto:"));
        } else if (name == "TEL") {
            add_unique(m_contact.phones, without_prefix(unescape(value), "tel:"));
        } else if (name == "ORG") {
            if (m_contact.organization.empty()) {
                m_contact.organization = component(split_unescaped(value, ';'), 0);
            }
        } else if (name == "TITLE") {
            if (m_contact.title.empty()) {
                m_contact.title = unescape(value);
            }
        } else if (name == "ADR") {
            read_address(line, value, where);
        } else if (name == "GEO") {
            if (auto point = read_geo(value, "GEO", where); point && !m_geo) {
                m_geo = point;
            }
        } else if (name == "CATEGORIES") {
            for (const auto part : split_unescaped(value, ',')) {
                const std::string tag = unescape(part);
                if (!is_system_group(tag)) {
                    add_unique(m_contact.tags, tag);
                }
            }
        } else if (name == "NOTE") {
            const std::string note = unescape(value);
            if (!note.empty()) {
                m_contact.notes += m_contact.notes.empty() ? note : "\n" + note;
            }
        } else if (name == "RELATED") {
            add_relationship(kind_from_types(line, "knows"), contact_reference(unescape(value)));
        } else if (name == "X-ABRELATEDNAMES") {
            std::string kind = "knows";
            if (const auto it = m_group_labels.find(line.group);
                !line.group.empty() && it != m_group_labels.end()) {
                kind = text::ascii_lower(apple_label_text(it->second));
            }
            add_relationship(kind_from_types(line, kind), unescape(value));
        } else if (name == "BDAY") {
            read_birthday(line, unescape(value), where);
        } else if (name == "URL") {
            const std::string url = unescape(value);
            if (m_contact.linkedin_url.empty() && contains_ignoring_case(url, "linkedin.com")) {
                m_contact.linkedin_url = url;
            }
        } else if (name == "X-SOCIALPROFILE") {
            read_social_profile(line, unescape(value));
        } else if (text::istarts_with(name, "X-SIDETRIP-")) {
            read_sidetrip_property(line, value, where);
        }
    }

    void read_address(const ContentLine& line, const std::string& value, const RecordContext& where) {
        const auto parts = split_unescaped(value, ';');
        const std::string extended = single_line(component(parts, 1), ", ");
        const std::string street = single_line(component(parts, 2), ", ");
        const std::string locality = component(parts, 3);
        const std::string region = component(parts, 4);
        const std::string postal = component(parts, 5);
        const std::string country = component(parts, 6);
        ContactPlace place;
        place.label = label_of(line, m_group_labels);
        place.text = join_nonempty({street, extended, locality, region, postal, country}, ", ");
        place.country = country_code(country);
        if (const std::string geo = line.parameter("GEO"); !geo.empty()) {
            place.point = read_geo(geo, "ADR GEO", where);
        }
        if (!place.text.empty() || place.point) {
            m_contact.places.push_back(std::move(place));
        }
    }

    void read_birthday(const ContentLine& line, const std::string& value, const RecordContext& where) {
        // Yearless birthdays: "--0304" / "--03-04" (3.0, 4.0) and Apple's placeholder year.
        if (value.empty() || value.rfind("--", 0) == 0 || !line.parameter("X-APPLE-OMIT-YEAR").empty() ||
            text::iequals(line.parameter("VALUE"), "text")) {
            return;
        }
        if (auto date = read_date(value, "BDAY", where)) {
            m_contact.birthday = date;
        }
    }

    void read_social_profile(const ContentLine& line, const std::string& value) {
        if (!m_contact.linkedin_url.empty()) {
            return;
        }
        if (contains_ignoring_case(value, "linkedin.com")) {
            m_contact.linkedin_url = value;
            return;
        }
        if (!line.has_type("linkedin")) {
            return;
        }
        std::string user = line.parameter("X-USER");
        if (user.empty()) {
            user = without_prefix(value, "x-apple:");
        }
        if (!user.empty()) {
            m_contact.linkedin_url = "https://www.linkedin.com/in/" + user;
        }
    }

    void read_sidetrip_property(const ContentLine& line, const std::string& value,
                                const RecordContext& where) {
        const std::string_view field = line.name;
        const std::string_view key = field.substr(std::string_view("X-SIDETRIP-").size());
        if (key == "PLACE") {
            ContactPlace place;
            place.label = label_of(line, m_group_labels);
            place.text = single_line(unescape(value), ", ");
            if (const std::string country = line.parameter("COUNTRY"); !country.empty()) {
                place.country = country_code(country);
                if (place.country.empty()) {
                    where.warn("X-SIDETRIP-PLACE COUNTRY \"" + country +
                               "\" is not a country code or name sidetrip knows; left empty (write the ISO " +
                               "code, such as PH)");
                }
            }
            if (const std::string geo = line.parameter("GEO"); !geo.empty()) {
                place.point = read_geo(geo, "X-SIDETRIP-PLACE GEO", where);
            }
            if (!place.text.empty() || place.point) {
                m_contact.places.push_back(std::move(place));
            }
        } else if (key == "INTERESTS") {
            for (const auto part : split_unescaped(value, ',')) {
                add_unique(m_contact.interests, unescape(part));
            }
        } else if (key == "KNOWS") {
            add_relationship(kind_from_types(line, "knows"), contact_reference(unescape(value)));
        } else if (key == "LAST-MET") {
            set_last_met(m_contact, unescape(value), field, where);
        } else if (key == "LAST-CONTACT") {
            set_last_contact(m_contact, unescape(value), field, where);
        } else if (key == "CADENCE") {
            set_cadence(m_contact, unescape(value), field, where);
        } else if (key == "TIE") {
            set_tie_strength(m_contact, unescape(value), field, where);
        } else if (key == "PRIORITY") {
            set_priority(m_contact, unescape(value), field, where);
        } else if (key == "AVAILABILITY") {
            m_contact.availability = unescape(value);
        } else {
            where.warn("unknown property " + line.name +
                       " ignored (see docs/contacts.md for the X-SIDETRIP-* properties)");
        }
    }

    void add_relationship(std::string kind, std::string target) {
        detail::add_relationship(m_contact, std::move(kind), std::move(target));
    }

    /// GEO says where the person is: it completes the first place without coordinates.
    void attach_point(const GeoPoint& point) {
        for (auto& place : m_contact.places) {
            if (!place.point) {
                place.point = point;
                return;
            }
        }
        if (m_contact.places.empty()) {
            m_contact.places.push_back({"other", "", "", point});
        }
    }

    const Card& m_card;
    const std::string& m_source_name;
    Diagnostics& m_diagnostics;
    Contact m_contact;
    std::string m_middle;
    std::string m_prefix;
    std::string m_suffix;
    std::optional<GeoPoint> m_geo;
    std::map<std::string, std::string> m_group_labels;
};

bool is_base64(const ContentLine& line) {
    const std::string encoding = text::ascii_upper(line.parameter("ENCODING"));
    return encoding == "B" || encoding == "BASE64";
}

} // namespace

std::vector<Contact> read_vcards(std::string_view text, const std::string& source_name,
                                 Diagnostics& diagnostics) {
    std::vector<Contact> contacts;
    std::optional<Card> card;
    bool any_card = false;
    bool stray_reported = false;
    const auto close_card = [&] {
        if (auto contact = CardReader(*card, source_name, diagnostics).read()) {
            contacts.push_back(std::move(*contact));
        }
        card.reset();
        stray_reported = false;
    };

    const Unfolded unfolded = unfold(text); // the views of every line and value point into it
    contacts.reserve(static_cast<std::size_t>(
        std::count_if(unfolded.lines.begin(), unfolded.lines.end(), [](const LogicalLine& l) {
            return text::iequals(text::trim(l.text), "BEGIN:VCARD");
        })));
    for (const auto& logical : unfolded.lines) {
        const auto trimmed = text::trim(logical.text);
        if (trimmed.empty()) {
            continue;
        }
        if (text::iequals(trimmed, "BEGIN:VCARD")) {
            any_card = true;
            if (card) {
                diagnostics.warn(source_name, card->begin_line,
                                 "card has no END:VCARD; it ends where the next card begins, at line " +
                                     std::to_string(logical.line));
                close_card();
            }
            card = Card{logical.line, {}};
            card->lines.reserve(16); // a card has a dozen properties or so: one allocation, not five
            continue;
        }
        if (text::iequals(trimmed, "END:VCARD")) {
            if (card) {
                close_card();
            } else {
                diagnostics.warn(source_name, logical.line, "END:VCARD without BEGIN:VCARD; ignored");
            }
            continue;
        }
        if (!card) {
            if (!stray_reported) {
                diagnostics.warn(source_name, logical.line,
                                 "text outside BEGIN:VCARD ... END:VCARD; ignored up to the next card");
                stray_reported = true;
            }
            continue;
        }
        auto content = parse_content_line(logical);
        if (!content) {
            // Some 2.1 writers continue base64 photos without the leading space.
            const bool photo_data = !card->lines.empty() && is_base64(card->lines.back());
            if (!photo_data) {
                diagnostics.warn(source_name, logical.line,
                                 "\"" + valid_utf8_part(trimmed.substr(0, 40)) +
                                     "\" is not a vCard property (NAME:value); ignored");
            }
            continue;
        }
        card->lines.push_back(std::move(*content));
    }
    if (card) {
        diagnostics.warn(source_name, card->begin_line,
                         "card has no END:VCARD before the end of the file; read it anyway");
        close_card();
    }
    if (!any_card) {
        throw InputError(source_name + " has no BEGIN:VCARD line, so it is not a vCard file: export the " +
                         "contacts again as vCard (.vcf)");
    }
    return contacts;
}

} // namespace sidetrip::people::detail
