#pragma once

// The CSV flavours (Google Contacts, LinkedIn, Outlook, sidetrip's own) and the native fields
// shared with the JSON reader. Private to the people module.

#include "contact_fields.hpp"
#include "sidetrip/core/diagnostics.hpp"
#include "sidetrip/people/contact.hpp"
#include "sidetrip/people/contacts_reader.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::people::detail {

/// The CSV flavour whose header row `text` has (after LinkedIn's preamble); nullopt for none.
std::optional<ContactFormat> detect_csv_format(std::string_view text);

/**
 * Reads a CSV file of the given flavour (GoogleCsv, LinkedInCsv, OutlookCsv or NativeCsv).
 * @throws InputError when the text has no header row of that flavour.
 */
std::vector<Contact> read_csv_contacts(std::string_view text, ContactFormat flavour,
                                       const std::string& source_name, Diagnostics& diagnostics);

/// A field of the native formats (CSV columns, JSON keys).
enum class NativeField {
    Id,
    Name,
    GivenName,
    FamilyName,
    Emails,
    Phones,
    Organization,
    Title,
    Home,
    Work,
    Country,
    Lat,
    Lon,
    Tags,
    Interests,
    Knows,
    LastMet,
    LastContact,
    CadenceDays,
    TieStrength,
    Priority,
    Availability,
    LinkedIn,
    Notes,
    Birthday,
    Kind, ///< "person" or "organization"; the last field
};

/// The documented name of a field: "tie_strength".
std::string_view native_field_name(NativeField field);

/// The field a column or key names: the documented name or a synonym, in any case, with spaces
/// or hyphens for underscores ("E-mail", "Given Name"); nullopt when unknown.
std::optional<NativeField> native_field(std::string_view column);

/** Builds one contact from native fields given one by one, in any order. */
class NativeContactBuilder {
public:
    /// `record` names the record in warnings: "row", "contact [3]".
    NativeContactBuilder(RecordContext where, std::string record)
        : m_where(where), m_record(std::move(record)) {}

    /// A field as text; list fields are split on ';' (and also ',' for emails, tags, interests).
    void set(NativeField field, std::string_view value);
    /// One element of a list field given as an array (emails, phones, tags, interests, knows).
    void add_item(NativeField field, std::string_view item);
    /// A relationship with its kind (JSON "knows": [{"id", "kind"}]).
    void add_relationship(std::string kind, std::string target);
    /// "person" or "organization" (also "organisation", "org", "company", "location").
    void set_kind(std::string_view value);
    /// A place given whole (JSON "places").
    void add_place(ContactPlace place);

    /// The contact, or nullopt (after a warning) when the record has no name.
    std::optional<Contact> finish();

private:
    RecordContext m_where;
    std::string m_record;
    Contact m_contact;
    std::string m_home;
    std::string m_work;
    std::string m_country;
    std::string m_lat;
    std::string m_lon;
    std::vector<ContactPlace> m_extra_places;
};

} // namespace sidetrip::people::detail
