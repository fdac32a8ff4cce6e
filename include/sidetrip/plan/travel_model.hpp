#pragma once

#include "sidetrip/core/geo_point.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::plan {

/// How a hop is made.
enum class TravelMode { Walk, City, Intercity };

/// "walk", "city", "intercity".
std::string_view to_string(TravelMode mode);

/// A travel time estimate between two points.
struct TravelEstimate {
    std::chrono::seconds duration{0};
    TravelMode mode = TravelMode::City;
    double distance_km = 0.0; ///< along the ellipsoid, before any detour factor
};

/**
 * Door-to-door travel time between two points. The planner only asks this interface, so a
 * routing engine (OSRM, Valhalla) can replace the distance-based model later.
 */
class TravelModel {
public:
    virtual ~TravelModel() = default;
    /** Symmetric, deterministic, rounded up to whole minutes. @throws Error (exit code 1) if
     *  either end is not a valid latitude/longitude pair. */
    virtual TravelEstimate estimate(const GeoPoint& from, const GeoPoint& to) const = 0;
};

/// A region where traffic is slower than the model's average (Metro Manila).
struct CongestionZone {
    std::string name;
    GeoPoint center;
    double radius_km = 0.0;
    double factor = 1.0; ///< multiplies the driving time of the stretch of a hop inside the zone,
                         ///< for a hop that starts or ends inside
};

/// The parameters of the distance-based model; defaults and their reasons are in docs/travel_model.md.
struct TravelModelSettings {
    double walk_max_km = 1.2; ///< hops up to this distance are walked
    double walk_speed_kmh = 4.5;
    double walk_detour = 1.3;
    double city_max_km = 15.0;    ///< longer driven hops are reported as intercity (the mode's name only)
    double city_speed_kmh = 24.0; ///< the pace of city legs, ordinary traffic included
    double city_detour = 1.35;
    /// Straight-line km at each end of a drive driven at the city pace (getting out of town and
    /// into the other); the rest is at intercity_speed_kmh. A hop shorter than two legs is all city.
    double city_leg_km = 2.5;
    double intercity_speed_kmh = 95.0;      ///< motorway pace between the city legs
    double intercity_detour = 1.15;         ///< road km per straight km between the city legs
    double drive_overhead_minutes = 10.0;   ///< finding a ride or parking, once per driven hop
    std::vector<CongestionZone> congestion; ///< empty: the built-in defaults (Metro Manila, ...)
};

/// The distance-based model: walking for short hops, otherwise a drive made of a city leg at each
/// end and motorway in between, each with a detour factor and a speed, plus a fixed overhead and
/// a regional congestion factor on the stretch inside a congested zone.
class DistanceTravelModel : public TravelModel {
public:
    /** @throws InputError if a setting is out of range (a speed not above 0, a detour below 1,
     *  city_max_km below walk_max_km, a negative city_leg_km or overhead, a zone with a bad
     *  centre, radius or factor). */
    explicit DistanceTravelModel(TravelModelSettings settings = {});
    TravelEstimate estimate(const GeoPoint& from, const GeoPoint& to) const override;
    const TravelModelSettings& settings() const noexcept { return m_settings; }

private:
    TravelModelSettings m_settings;
};

} // namespace sidetrip::plan
