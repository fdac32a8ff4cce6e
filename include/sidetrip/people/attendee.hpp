#pragma once

#include "sidetrip/core/diagnostics.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::people {

/// One person on a conference attendee list, as the organiser exported it.
struct Attendee {
    std::size_t row = 0; ///< 0-based position in the list (the JSON contract's "attendee")
    std::string name;    ///< display name (built from first/last when the list has only those)
    std::string given_name;
    std::string family_name;
    std::vector<std::string> emails;
    std::string organization;
    std::string title;
    std::string linkedin_url;
    std::string city;
    std::string country;
    std::vector<std::string> interests;
    std::string source; ///< "file:line"
};

/**
 * Reads an attendee list: CSV with whatever headers organisers use (name or first/last name,
 * email, company/organization, job title, interests/tags, LinkedIn URL, country/city; matched
 * case-insensitively with documented synonyms), a JSON array of objects with the same keys,
 * or vCard. "-" reads standard input. A bad row is a diagnostic with file and line.
 * @throws InputError when the file cannot be read or is of no known format.
 */
std::vector<Attendee> read_attendees_file(const std::filesystem::path& path, Diagnostics& diagnostics);

/// read_attendees_file() for content already in memory; `source_name` (its extension a hint of
/// the format) is used in diagnostics.
std::vector<Attendee> read_attendees(std::string_view content, const std::string& source_name,
                                     Diagnostics& diagnostics);

} // namespace sidetrip::people
