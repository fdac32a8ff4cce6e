#include "sidetrip/plan/travel_model.hpp"

#include "sidetrip/core/error.hpp"
#include "sidetrip/geo/geodesic.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>
#include <utility>

namespace sidetrip::plan {

namespace {

/// The built-in congestion zones, used when the settings give none. Centres, radii and factors
/// are explained in docs/travel_model.md ("Congestion zones"); keep the two in step.
const std::vector<CongestionZone>& default_congestion() {
    static const std::vector<CongestionZone> zones = {
        {"Metro Manila", {14.58, 121.03}, 25.0, 1.8}, {"Jakarta", {-6.20, 106.83}, 25.0, 1.7},
        {"Bangkok", {13.75, 100.52}, 20.0, 1.5},      {"Metro Cebu", {10.32, 123.90}, 15.0, 1.4},
        {"London", {51.51, -0.12}, 15.0, 1.3},        {"Paris", {48.857, 2.352}, 10.0, 1.3},
        {"New York", {40.75, -73.98}, 15.0, 1.3},
    };
    return zones;
}

std::string describe(const CongestionZone& zone, std::size_t index) {
    return "congestion zone " + std::to_string(index + 1) + (zone.name.empty() ? "" : " (" + zone.name + ")");
}

void require(bool condition, const std::string& what) {
    if (!condition) {
        throw InputError("travel model: " + what);
    }
}

std::string number(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

void validate(const TravelModelSettings& s) {
    // std::isfinite also rejects NaN, which every comparison below would silently let through.
    const auto positive = [](double v) { return std::isfinite(v) && v > 0.0; };
    const auto at_least = [](double v, double low) { return std::isfinite(v) && v >= low; };
    require(at_least(s.walk_max_km, 0.0), "walk_max_km must be 0 or more, got " + number(s.walk_max_km));
    require(at_least(s.city_max_km, s.walk_max_km), "city_max_km must be at least walk_max_km (" +
                                                        number(s.walk_max_km) + "), got " +
                                                        number(s.city_max_km));
    require(positive(s.walk_speed_kmh), "walk_speed_kmh must be above 0, got " + number(s.walk_speed_kmh));
    require(positive(s.city_speed_kmh), "city_speed_kmh must be above 0, got " + number(s.city_speed_kmh));
    require(positive(s.intercity_speed_kmh),
            "intercity_speed_kmh must be above 0, got " + number(s.intercity_speed_kmh));
    // A detour below 1 would make the road shorter than the ellipsoid, which no road is.
    require(at_least(s.walk_detour, 1.0), "walk_detour must be 1 or more, got " + number(s.walk_detour));
    require(at_least(s.city_detour, 1.0), "city_detour must be 1 or more, got " + number(s.city_detour));
    require(at_least(s.intercity_detour, 1.0),
            "intercity_detour must be 1 or more, got " + number(s.intercity_detour));
    require(at_least(s.city_leg_km, 0.0), "city_leg_km must be 0 or more, got " + number(s.city_leg_km));
    require(at_least(s.drive_overhead_minutes, 0.0),
            "drive_overhead_minutes must be 0 or more, got " + number(s.drive_overhead_minutes));
    for (std::size_t i = 0; i < s.congestion.size(); ++i) {
        const CongestionZone& zone = s.congestion[i];
        require(std::isfinite(zone.center.lat) && std::isfinite(zone.center.lon) && is_valid(zone.center),
                describe(zone, i) + ": lat must be within -90..90 and lon within -180..180");
        require(at_least(zone.radius_km, 0.0),
                describe(zone, i) + ": radius_km must be 0 or more, got " + number(zone.radius_km));
        require(positive(zone.factor),
                describe(zone, i) + ": factor must be above 0, got " + number(zone.factor));
    }
}

double distance_km(const GeoPoint& a, const GeoPoint& b) {
    return geo::distance_m(a, b) / 1000.0;
}

/// True when `p` is surely more than `km` from `center`: no path between two latitudes is
/// shorter than the meridian arc between them, and a degree of that arc is at least
/// a(1 - e^2) pi / 180 = 110.574 km on WGS84 (at the equator); 110.5 leaves room for rounding.
/// It spares the ellipsoidal distance to each zone's centre for almost every point on Earth.
bool surely_farther(const GeoPoint& p, const GeoPoint& center, double km) {
    return std::abs(p.lat - center.lat) * 110.5 > km;
}

/// The zone with the largest factor that contains the point, or null.
const CongestionZone* zone_of(const GeoPoint& p, const std::vector<CongestionZone>& zones) {
    const CongestionZone* best = nullptr;
    for (const CongestionZone& zone : zones) {
        if (!surely_farther(p, zone.center, zone.radius_km) &&
            distance_km(p, zone.center) <= zone.radius_km &&
            (best == nullptr || zone.factor > best->factor)) {
            best = &zone;
        }
    }
    return best;
}

/**
 * The share (0..1) of the straight hop from `a` to `b` that lies inside `zone`. The hop is drawn
 * on a flat plane centred on the zone: only a ratio is wanted, a zone is a few tens of km
 * across, and the in-zone stretch of a hop is never longer than the zone's diameter, so the
 * flattening error stays small where it matters.
 */
double share_inside(const GeoPoint& a, const GeoPoint& b, const CongestionZone& zone) {
    constexpr double rad = std::numbers::pi / 180.0;
    const double phi = zone.center.lat * rad;
    // Lengths of a degree on WGS84 at the zone's latitude (the usual series, metres).
    const double m_per_deg_lat = 111132.92 - 559.82 * std::cos(2 * phi) + 1.175 * std::cos(4 * phi);
    const double m_per_deg_lon = 111412.84 * std::cos(phi) - 93.5 * std::cos(3 * phi);
    const auto wrap = [](double dlon) { return std::remainder(dlon, 360.0); };
    const double ax = wrap(a.lon - zone.center.lon) * m_per_deg_lon / 1000.0;
    const double ay = (a.lat - zone.center.lat) * m_per_deg_lat / 1000.0;
    const double bx = wrap(b.lon - zone.center.lon) * m_per_deg_lon / 1000.0;
    const double by = (b.lat - zone.center.lat) * m_per_deg_lat / 1000.0;
    // Points a + t (b - a), t in [0, 1], with |p|^2 <= r^2: t between the roots of a quadratic.
    const double dx = bx - ax;
    const double dy = by - ay;
    const double qa = dx * dx + dy * dy;
    if (qa <= 0.0) {
        return 0.0;
    }
    const double qb = 2.0 * (ax * dx + ay * dy);
    const double qc = ax * ax + ay * ay - zone.radius_km * zone.radius_km;
    const double disc = qb * qb - 4.0 * qa * qc;
    if (disc <= 0.0) {
        return 0.0;
    }
    const double root = std::sqrt(disc);
    const double t0 = std::max(0.0, (-qb - root) / (2.0 * qa));
    const double t1 = std::min(1.0, (-qb + root) / (2.0 * qa));
    return std::max(0.0, t1 - t0);
}

/// A stretch [begin, end] of a hop, in km from its first end, slowed by `factor`.
struct SlowStretch {
    double begin = 0.0;
    double end = 0.0;
    double factor = 1.0;
};

/// The stretch of the hop [0, d] inside the zone of one of its ends: a zone is a circle and
/// contains that end, so the stretch starts (or ends) there. `from_first_end` says which end.
SlowStretch stretch_inside(const CongestionZone& zone, double share, double d, bool from_first_end) {
    return from_first_end ? SlowStretch{0.0, share * d, zone.factor}
                          : SlowStretch{d - share * d, d, zone.factor};
}

/// The factor at `x` km along the hop: the largest of the zones whose stretch covers it, 1 outside.
double factor_at(double x, const std::vector<SlowStretch>& slow) {
    double factor = 1.0;
    for (const SlowStretch& s : slow) {
        if (x >= s.begin && x <= s.end) {
            factor = std::max(factor, s.factor);
        }
    }
    return factor;
}

/**
 * Minutes to drive the part [begin, end] of a hop at `minutes_per_km`, each piece of it slowed
 * by the zone that covers it. Cut at every zone boundary so that each piece has one factor.
 */
double slowed_minutes(double begin, double end, double minutes_per_km, const std::vector<SlowStretch>& slow) {
    if (end <= begin) {
        return 0.0;
    }
    std::vector<double> cuts = {begin, end};
    for (const SlowStretch& s : slow) {
        for (const double x : {s.begin, s.end}) {
            if (x > begin && x < end) {
                cuts.push_back(x);
            }
        }
    }
    std::sort(cuts.begin(), cuts.end());
    double minutes = 0.0;
    for (std::size_t i = 1; i < cuts.size(); ++i) {
        const double length = cuts[i] - cuts[i - 1];
        minutes += length * minutes_per_km * factor_at((cuts[i] + cuts[i - 1]) / 2.0, slow);
    }
    return minutes;
}

/// Orders the two ends so that estimate(a, b) and estimate(b, a) run the very same arithmetic.
bool before(const GeoPoint& a, const GeoPoint& b) {
    return a.lat < b.lat || (a.lat == b.lat && a.lon < b.lon);
}

std::chrono::seconds whole_minutes(double minutes) {
    // Planners think in minutes, and a hop never takes less than it says: round up. The small
    // tolerance keeps 15.000000001 (floating-point noise on an exact 15) at 15.
    const double rounded = std::ceil(std::max(0.0, minutes) - 1e-9);
    return std::chrono::minutes(static_cast<std::chrono::minutes::rep>(rounded));
}

} // namespace

std::string_view to_string(TravelMode mode) {
    switch (mode) {
    case TravelMode::Walk: return "walk";
    case TravelMode::City: return "city";
    case TravelMode::Intercity: return "intercity";
    }
    return "unknown";
}

DistanceTravelModel::DistanceTravelModel(TravelModelSettings settings) : m_settings(std::move(settings)) {
    validate(m_settings);
}

TravelEstimate DistanceTravelModel::estimate(const GeoPoint& from, const GeoPoint& to) const {
    if (!is_valid(from) || !is_valid(to)) {
        throw Error("travel model: a hop end is not a valid latitude/longitude pair");
    }
    const GeoPoint& a = before(to, from) ? to : from;
    const GeoPoint& b = before(to, from) ? from : to;
    const TravelModelSettings& s = m_settings;
    const std::vector<CongestionZone>& zones = s.congestion.empty() ? default_congestion() : s.congestion;

    TravelEstimate result;
    result.distance_km = distance_km(a, b);
    const double d = result.distance_km;

    const auto walk_minutes = [&](double km) { return km * s.walk_detour / s.walk_speed_kmh * 60.0; };
    if (d <= s.walk_max_km) {
        result.mode = TravelMode::Walk;
        result.duration = whole_minutes(walk_minutes(d));
        return result;
    }

    // A drive is a city leg at each end (getting out of town and into the other, at the city
    // pace) and the rest at the motorway pace. A hop shorter than the two legs is all city
    // driving, split between its ends. One formula for every driven hop, so the time has no
    // jump where a hop stops being called "city".
    const double city_per_km = s.city_detour / s.city_speed_kmh * 60.0;
    const double motorway_per_km = s.intercity_detour / s.intercity_speed_kmh * 60.0;
    const double leg = std::min(s.city_leg_km, d / 2.0);

    // Each end in a congestion zone slows the stretch of the hop inside that zone, legs and
    // motorway alike: Lipa -> Makati pays Metro Manila's factor on its last ~22 km, not on the
    // whole 70. Where two zones' stretches overlap, the larger factor applies, once.
    std::vector<SlowStretch> slow;
    const CongestionZone* zone_a = zone_of(a, zones);
    const CongestionZone* zone_b = zone_of(b, zones);
    if (zone_a != nullptr) {
        slow.push_back(stretch_inside(*zone_a, share_inside(a, b, *zone_a), d, true));
    }
    if (zone_b != nullptr && zone_b != zone_a) {
        slow.push_back(stretch_inside(*zone_b, share_inside(a, b, *zone_b), d, false));
    }
    const auto driving = [&](double km) {
        return slowed_minutes(0.0, leg, city_per_km, slow) +
               slowed_minutes(leg, km - leg, motorway_per_km, slow) +
               slowed_minutes(km - leg, km, city_per_km, slow);
    };
    double minutes = driving(d);

    // Never faster for a longer hop. A hop that leaves a zone would otherwise get quicker for
    // its last few km: as its far end leaves the zone, that end's city leg moves out of the
    // congestion and a congested city km becomes a free motorway km. Floor it at the time to
    // the zone's edge along the same line (the whole of it at the zone's factor). And a drive
    // is never quicker than the longest walk it replaces (a 1.3 km ride, 14 minutes with the
    // overhead, would beat a 1.2 km walk of 21).
    for (const SlowStretch& stretch : slow) {
        const double inside = stretch.end - stretch.begin;
        const double edge_leg = std::min(s.city_leg_km, inside / 2.0);
        minutes = std::max(minutes, stretch.factor * (2.0 * edge_leg * city_per_km +
                                                      (inside - 2.0 * edge_leg) * motorway_per_km));
    }
    minutes += s.drive_overhead_minutes;
    result.mode = d <= s.city_max_km ? TravelMode::City : TravelMode::Intercity;
    result.duration = whole_minutes(std::max(minutes, walk_minutes(s.walk_max_km)));
    return result;
}

} // namespace sidetrip::plan
