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

/// A column of an attendee list named by the user (`--column organization="Employer name"`),
/// for headers sidetrip does not know.
struct AttendeeColumn {
    std::string field;  ///< "name", "first_name", "last_name", "email", "organization", "title",
                        ///< "headline", "city", "country", "linkedin" or "interests"
    std::string header; ///< the column's header as the file writes it (any case)
};

/// How to read an attendee list.
struct AttendeeReadOptions {
    /// Columns named by the user: each field is read from its column only, before the headers
    /// sidetrip knows.
    std::vector<AttendeeColumn> columns;
};

/**
 * "field=Header" as the user writes it on the command line.
 * @throws InputError when there is no '=', the header is empty or the field is not one of
 *         AttendeeColumn's.
 */
AttendeeColumn parse_attendee_column(std::string_view spec);

/**
 * Reads an attendee list: CSV with whatever headers organisers use (name or first/last name,
 * email, company/organization, job title, interests/tags, LinkedIn URL, country/city; matched
 * case-insensitively with documented synonyms), a JSON array of objects with the same keys,
 * an XLSX or ODS spreadsheet (its first sheet, as CSV), or vCard. "-" reads standard input.
 * CSV that is not UTF-8 is decoded from the code page ICU detects. A bad row is a diagnostic
 * with file and line (the physical line the record starts on; a spreadsheet's row).
 * @throws InputError when the file cannot be read or is of no known format, or a column of
 *         `options` is not in it.
 */
std::vector<Attendee> read_attendees_file(const std::filesystem::path& path,
                                          const AttendeeReadOptions& options, Diagnostics& diagnostics);

/// read_attendees_file() with the headers sidetrip knows.
std::vector<Attendee> read_attendees_file(const std::filesystem::path& path, Diagnostics& diagnostics);

/// read_attendees_file() for content already in memory (not a spreadsheet); `source_name` (its
/// extension a hint of the format) is used in diagnostics.
/// @throws InputError as read_attendees_file().
std::vector<Attendee> read_attendees(std::string_view content, const std::string& source_name,
                                     const AttendeeReadOptions& options, Diagnostics& diagnostics);

/// read_attendees() with the headers sidetrip knows.
std::vector<Attendee> read_attendees(std::string_view content, const std::string& source_name,
                                     Diagnostics& diagnostics);

} // namespace sidetrip::people
