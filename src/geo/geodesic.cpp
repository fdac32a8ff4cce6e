#include "sidetrip/geo/geodesic.hpp"

#include <geodesic.h>

namespace sidetrip::geo {

namespace {

const geod_geodesic& wgs84() {
    static const geod_geodesic g = [] {
        geod_geodesic value{};
        geod_init(&value, 6378137.0, 1.0 / 298.257223563);
        return value;
    }();
    return g;
}

} // namespace

double distance_m(const GeoPoint& a, const GeoPoint& b) {
    double s12 = 0.0;
    geod_inverse(&wgs84(), a.lat, a.lon, b.lat, b.lon, &s12, nullptr, nullptr);
    return s12;
}

} // namespace sidetrip::geo
