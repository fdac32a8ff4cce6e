#pragma once

// Helpers every contacts reader shares: text decoding, the checks on planning fields, country
// names, stable ids. Private to the people module.

#include "sidetrip/core/diagnostics.hpp"
#include "sidetrip/core/files.hpp"
#include "sidetrip/people/contact.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::people::detail {

/// The record a value belongs to, so that a bad value can be reported with file and line.
struct RecordContext {
    const std::string& source_name;
    int line;
    Diagnostics& diagnostics;

    void warn(std::string message) const { diagnostics.warn(source_name, line, std::move(message)); }
};

/// "file:line", the form of Contact::source.
std::string source_of(std::string_view source_name, int line);

/// The line number at the end of a Contact::source ("file:12" gives 12), 0 when there is none.
int line_of_source(std::string_view source);

/**
 * The content as UTF-8 text: a UTF-8 byte order mark is dropped, UTF-16 with a byte order mark
 * (what some Windows tools write) is converted. Anything else is returned unchanged.
 * The result views `content`, or `storage` when converted: files of tens of megabytes are not
 * copied to be read.
 */
std::string_view decode_text(std::string_view content, std::string& storage);

/// True when the content looks like binary data rather than text (NUL or many control bytes).
bool looks_binary(std::string_view text);

/// The bytes of `s` that form valid UTF-8, in order; invalid bytes are dropped.
std::string valid_utf8_part(std::string_view s);

/// valid_utf8_part(), with a warning naming `field` when bytes had to be dropped.
std::string checked_utf8(std::string_view s, std::string_view field, const RecordContext& where);

/// ISO-8859-1 (or, with `windows_1252`, Windows-1252) bytes as UTF-8.
std::string latin1_to_utf8(std::string_view s, bool windows_1252);

/**
 * ISO 3166-1 alpha-2 code for a country as address books write it: a two-letter code ("ph",
 * "UK" gives "GB") or one of a small table of common names ("Philippines", "USA", "Deutschland").
 * Empty when unknown.
 */
std::string country_code(std::string_view country);

/// "home", "work" or "other" from a type or label such as "HOME", "Work", "_$!<Home>!$".
std::string place_label(std::string_view type_or_label);

/// Joins the non-empty, trimmed parts with `separator`.
std::string join_nonempty(const std::vector<std::string_view>& parts, std::string_view separator);

/// The lines of a multi-line value (an address), trimmed, without empty ones, joined by `separator`.
std::string single_line(std::string_view s, std::string_view separator);

/// Appends the trimmed value unless it is empty or already present (ignoring ASCII case).
void add_unique(std::vector<std::string>& list, std::string_view value);

/// Adds a relationship unless the same kind and target is already there; an empty target is ignored.
void add_relationship(Contact& contact, std::string kind, std::string target);

/// Splits `value` on any of `separators` and add_unique()s each part.
void add_list(std::vector<std::string>& list, std::string_view value, std::string_view separators);

/// The bytes of a file, or of standard input for "-", within the limit of `kind`
/// (files::read_input).
/// @throws InputError naming the file when it is missing, a directory, unreadable or too large.
std::string read_input_file(const std::filesystem::path& path, const files::InputKind& kind);

/// Contacts files and attendee lists: their limits and what to give instead of a folder.
extern const files::InputKind ContactsInput;
extern const files::InputKind AttendeesInput;

/// The most emails, phones and places one contact keeps; more are dropped with a warning (a
/// card with thousands is a broken export, and each one costs the matcher time).
inline constexpr std::size_t MaxValuesPerContact = 100;

/// Keeps at most MaxValuesPerContact emails, phones and places of each contact, with a warning
/// naming the contact's line.
void limit_contact_values(std::vector<Contact>& contacts, const std::string& source_name,
                          Diagnostics& diagnostics);

/// A whole number in text, with optional sign and surrounding spaces; nullopt otherwise.
std::optional<long long> parse_integer(std::string_view text);

/// A decimal number in text; nullopt otherwise.
std::optional<double> parse_decimal(std::string_view text);

/// A date field ("last met"): ISO 8601; a warning naming `field` and nullopt when invalid.
std::optional<Date> read_date(std::string_view value, std::string_view field, const RecordContext& where);

/// A whole number in [min, max]; a warning naming `field` and nullopt otherwise.
std::optional<int> read_whole_number(std::string_view value, std::string_view field, int min, int max,
                                     const RecordContext& where);

/// A latitude and longitude in degrees; a warning naming `field` and nullopt when invalid.
std::optional<GeoPoint> read_point(std::string_view lat, std::string_view lon, std::string_view field,
                                   const RecordContext& where);

/// A display name from its parts: "Dr. Ana Maria Reyes Jr.".
std::string build_name(std::string_view prefix, std::string_view given, std::string_view middle,
                       std::string_view family, std::string_view suffix);

/**
 * Marks a record that names only an organisation as an organisation card: it has an
 * organisation, no given or family name, and no display name other than the organisation's
 * (an empty name becomes the organisation's). Other records are left as they are.
 */
void classify_organization(Contact& contact);

/**
 * The id of a contact whose source has none: "c-" and the first 12 hex digits of the 64-bit
 * FNV-1a hash of `fold(name) + "|" + ascii_lower(first_email)`. Stable across runs and
 * machines, so that "knows" references and the user's notes keep working.
 */
ContactId derived_contact_id(std::string_view name, std::string_view first_email);

/// Planning fields that the vCard reader reads from X-SIDETRIP-* properties and the native
/// formats from their columns: checks and stores one value; `field` names it in warnings.
void set_last_met(Contact& contact, std::string_view value, std::string_view field,
                  const RecordContext& where);
void set_last_contact(Contact& contact, std::string_view value, std::string_view field,
                      const RecordContext& where);
void set_cadence(Contact& contact, std::string_view value, std::string_view field,
                 const RecordContext& where);
void set_tie_strength(Contact& contact, std::string_view value, std::string_view field,
                      const RecordContext& where);
void set_priority(Contact& contact, std::string_view value, std::string_view field,
                  const RecordContext& where);

/// The longest cadence we accept, in days (ten years): anything larger is a typo.
inline constexpr int MaxCadenceDays = 3660;

} // namespace sidetrip::people::detail
