#pragma once

#include "sidetrip/geo/geocoder.hpp"
#include "sidetrip/plan/planner.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sidetrip::report {

/// The map formats `plan --map` writes, chosen by the file name's extension.
enum class MapFormat {
    GeoJson, ///< .geojson or .json: one FeatureCollection (RFC 7946), a "layer" property per feature
    Kml,     ///< .kml: one folder per layer (commitments, meetups, routes)
    Gpx,     ///< .gpx: waypoints for commitments and meetups, one route per day
};

/// "geojson", "kml", "gpx".
std::string_view to_string(MapFormat format);

/// The format the extension of `path` asks for (ignoring case); nullopt for any other extension.
std::optional<MapFormat> map_format_for(const std::filesystem::path& path);

/// The extensions map_format_for() knows, for messages: ".geojson, .json, .kml or .gpx".
std::string_view map_extensions();

/// How commitments are placed on the map.
struct MapOptions {
    /**
     * Resolves the LOCATION of a commitment that has no GEO property, the way the planner did
     * (pass the same geocoder: its answers are cached). Null: only commitments with GEO are drawn.
     */
    geo::Geocoder* geocoder = nullptr;
    std::string country_bias; ///< the user's home country, for a location the text alone leaves ambiguous
};

/**
 * Writes the plan as map layers through GDAL/OGR, in EPSG:4326 (longitude, latitude): the fixed
 * commitments and the suggested meetups as points with their names, kinds, venues, times (RFC 3339
 * with the offset of the event's zone) and, for meetups, the contacts' names and the meetup's value;
 * and each trip day's route as a line through the day's commitments and meetups in time order,
 * from last night's hotel (a lodging event of the trip) to tonight's, or from and to the day's
 * destination when the calendar has no hotel. A commitment whose place cannot be resolved is left
 * off the map. Layers and attributes per format: docs/map_layers.md.
 *
 * The file is written under a temporary name in the same folder and renamed into place: a
 * failed run leaves the previous file, or none, never half of one.
 * @throws InputError when the extension is not one of map_extensions(), or the file cannot be
 *         written (no such folder, no permission, disk full); the message names the path and
 *         GDAL's reason.
 * @throws InputError when a zone in the plan is unknown to the system's tzdata.
 */
void write_map_layers(const plan::Plan& plan, const std::filesystem::path& path,
                      const MapOptions& options = {});

} // namespace sidetrip::report
