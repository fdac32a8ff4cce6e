#pragma once

// Contacts from GIS vector files (GeoPackage, GeoJSON, Shapefile, KML, CSV with X/Y columns),
// read through GDAL/OGR. Private to the people module.

#include "csv.hpp"

#include "sidetrip/core/diagnostics.hpp"
#include "sidetrip/people/contact.hpp"

#include <filesystem>
#include <string_view>
#include <vector>

namespace sidetrip::people::detail {

/// True for the extensions only OGR reads (.gpkg, .geojson, .shp, .kml, in any case).
bool is_ogr_contacts_extension(const std::filesystem::path& path);

/**
 * True when a file our own readers would take belongs to OGR instead, judged from its content:
 * a .json that is GeoJSON (an object whose "type" is "FeatureCollection" or "Feature"), or a
 * .csv whose header has X and Y columns (or a WKT column) and is not a Google or LinkedIn
 * export. Our CSV readers know lat/lon columns but not X/Y or WKT.
 */
bool is_ogr_contacts_text(std::string_view content, const std::filesystem::path& path);

/**
 * Reads every point feature of every layer as a contact: attributes named as the native
 * columns (docs/contacts.md, "GIS files"), the point as the first place's coordinates,
 * converted to WGS 84 longitude/latitude when the layer has another coordinate system. A
 * feature without a name is skipped, and one without a usable point loses only the point; both
 * are diagnostics naming the file and the feature id.
 * @throws InputError naming the file when it does not exist, is a directory, or GDAL cannot
 *         open it (the message has GDAL's reason), or when a layer's coordinate system cannot
 *         be converted to WGS 84.
 */
std::vector<Contact> read_ogr_contacts(const std::filesystem::path& path, Diagnostics& diagnostics);

/// True for spreadsheet extensions read through OGR as tables (.xlsx, .ods, in any case).
bool is_spreadsheet_extension(const std::filesystem::path& path);

/**
 * The first sheet of a spreadsheet as CSV records, one a row (the header among them), every
 * value as text, each record's line the sheet's row number (so that messages name the row the
 * user sees); a row without values is `blank`.
 * @throws InputError naming the file when GDAL cannot open it (the message has GDAL's reason)
 *         or it has no sheet.
 */
CsvDocument read_spreadsheet(const std::filesystem::path& path);

} // namespace sidetrip::people::detail
