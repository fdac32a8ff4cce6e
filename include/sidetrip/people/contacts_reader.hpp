#pragma once

#include "sidetrip/core/diagnostics.hpp"
#include "sidetrip/people/contact.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::people {

enum class ContactFormat {
    VCard,       ///< vCard 2.1, 3.0 or 4.0 (.vcf)
    GoogleCsv,   ///< Google Contacts CSV export (old and new header sets)
    LinkedInCsv, ///< LinkedIn "Connections.csv" export (with its "Notes:" preamble)
    OutlookCsv,  ///< Outlook contacts CSV export (classic Outlook and Outlook.com)
    NativeCsv,   ///< sidetrip's own CSV columns (README, "Contacts")
    NativeJson,  ///< sidetrip's own JSON (data/contacts.schema.json)
};

/// "vcard", "google-csv", "linkedin-csv", "outlook-csv", "csv", "json".
std::string_view to_string(ContactFormat format);

/**
 * Decides the format from the content (and the file name's extension as a hint, which may be
 * empty). CSV flavours are told apart by their header row.
 * @throws InputError when the content is none of the formats; the message names `source_name`.
 */
ContactFormat detect_contact_format(std::string_view content, std::string_view source_name);

/**
 * Reads every contact in `content`. A malformed card or row is a diagnostic naming
 * `source_name` and its line, and the rest still load.
 * @throws InputError when the content as a whole cannot be read in that format.
 */
std::vector<Contact> read_contacts(std::string_view content, ContactFormat format,
                                   const std::string& source_name, Diagnostics& diagnostics);

/**
 * Reads a contacts file, detecting its format; "-" reads standard input. GIS files (.gpkg,
 * .geojson, .shp, .kml, a .json that is GeoJSON, a .csv with X/Y columns) are read through
 * GDAL/OGR, each point feature a contact placed at its point (docs/contacts.md, "GIS files").
 * @throws InputError when the file cannot be read, is a directory, or is of no known format.
 */
std::vector<Contact> read_contacts_file(const std::filesystem::path& path, Diagnostics& diagnostics);

} // namespace sidetrip::people
