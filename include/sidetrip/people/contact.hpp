#pragma once

#include "sidetrip/core/date.hpp"
#include "sidetrip/core/geo_point.hpp"
#include "sidetrip/core/ids.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::people {

/// Where a contact can be found, as the source wrote it; resolved to a point later.
struct ContactPlace {
    std::string label;   ///< "home", "work" or "other"
    std::string text;    ///< free text: "Makati City, Metro Manila" or a whole address
    std::string country; ///< ISO 3166-1 alpha-2 when the source says it (vCard ADR country, CSV column)
    std::optional<GeoPoint> point; ///< set when the source has coordinates (vCard GEO, JSON lat/lon)
};

/// "This contact knows that one": from vCard RELATED, the native formats' "knows" field.
struct Relationship {
    std::string kind;   ///< "knows", "friend", "colleague", "spouse", ...: lower case
    std::string target; ///< the other contact's id, or a name/URI/email as the source gave it
};

/// What a card describes: a human, or an organisation (a company, a shop, a place) that address
/// books keep beside people. Organisations are never met for coffee and never merged into a person.
enum class ContactKind {
    Person,
    Organization, ///< vCard X-ABShowAs:COMPANY or KIND:org/location; a row naming only an organisation
};

/// "person" or "organization".
std::string_view to_string(ContactKind kind);

/**
 * A person in the user's network, with what the planner needs to decide whether and where
 * to meet them. Only `id` and `name` are always set.
 */
struct Contact {
    ContactId id;     ///< vCard UID or native id; otherwise derived from name and email
    std::string name; ///< display name (FN, or built from the name parts)
    std::string given_name;
    std::string family_name;
    std::vector<std::string> emails;
    std::vector<std::string> phones;
    std::string organization;
    std::string title;
    std::string linkedin_url;
    std::vector<ContactPlace> places;
    std::vector<std::string> tags;      ///< circles: "homeschool", "ex-colleagues"
    std::vector<std::string> interests; ///< "photography", "rust"
    std::vector<Relationship> relationships;
    std::optional<Date> birthday;
    std::optional<Date> last_met;     ///< last time met in person
    std::optional<Date> last_contact; ///< last contact of any kind
    std::optional<int> cadence_days;  ///< how often the user wants to meet, in days
    std::optional<int> tie_strength;  ///< 1 (acquaintance) .. 5 (closest)
    std::optional<int> priority;      ///< the user's own priority, 1 (low) .. 5 (high)
    std::string availability;         ///< free text: "weekday evenings"
    std::string notes;
    /// "file:line" of the record the contact came from; after merge_contacts(), the records of
    /// one human joined by " + ": "contacts.vcf:12 + google.csv:4".
    std::string source;
    ContactKind kind = ContactKind::Person;
};

} // namespace sidetrip::people
