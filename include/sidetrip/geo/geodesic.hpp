#pragma once

#include "sidetrip/core/geo_point.hpp"

namespace sidetrip::geo {

/// Distance in metres between two points along the WGS84 ellipsoid (PROJ's geod_inverse).
double distance_m(const GeoPoint& a, const GeoPoint& b);

} // namespace sidetrip::geo
