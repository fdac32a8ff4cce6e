#pragma once

namespace sidetrip {

/// A point on the WGS84 ellipsoid in degrees. GeoJSON's [lon, lat] order is converted at the edge.
struct GeoPoint {
    double lat = 0.0;
    double lon = 0.0;

    friend bool operator==(const GeoPoint&, const GeoPoint&) = default;
};

/// True when the point is a valid latitude/longitude pair.
inline bool is_valid(const GeoPoint& p) {
    return p.lat >= -90.0 && p.lat <= 90.0 && p.lon >= -180.0 && p.lon <= 180.0;
}

} // namespace sidetrip
