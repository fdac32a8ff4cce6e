#pragma once

#include "sidetrip/calendar/occurrence.hpp"
#include "sidetrip/core/date.hpp"
#include "sidetrip/core/geo_point.hpp"
#include "sidetrip/geo/geocoder.hpp"

#include <functional>
#include <string>
#include <vector>

namespace sidetrip::plan {

/// A place the user travels to on a trip.
struct Destination {
    std::string name;
    GeoPoint point;
    std::string timezone;
};

/// One day of a trip and what is fixed on it.
struct TripDay {
    Date date;                            ///< in `timezone`
    std::string timezone;                 ///< the zone of where the user is that day
    GeoPoint where;                       ///< where the user is that day (the day's destination)
    std::string place;                    ///< its name
    std::vector<std::size_t> commitments; ///< indices into the occurrences: busy, timed, that day
};

/// A run of days the user spends away from home.
struct Trip {
    std::string id; ///< "trip-2024-04-15-cebu-city": stable for the same trip
    Date start;     ///< first day away
    Date end;       ///< the day after the last day away (exclusive, like all-day events)
    std::vector<Destination> destinations; ///< in visiting order
    std::vector<std::size_t> events;       ///< indices into the occurrences that belong to the trip
    std::vector<TripDay> days;
};

/// Where home is and what counts as away.
struct TripOptions {
    GeoPoint home;
    std::string home_zone = "UTC";
    std::string home_country; ///< bias for geocoding event locations
    double away_km = 60.0;    ///< further than this from home is away
    int max_gap_days = 2;     ///< days without evidence inside a trip (a quiet weekend) still belong to it
    /// The zone of a bare point (an event with GEO): a feed written in UTC (TripIt) says nothing
    /// of the zone a place is in. Without it such an event takes its own display zone.
    std::function<std::string(const GeoPoint&)> zone_at;
};

/**
 * Finds the trips in a calendar. Evidence of being away: events whose LOCATION (or GEO)
 * resolves further than `away_km` from home, flights (the destination of "MNL to CEB" /
 * "Flight to Cebu"), lodging nights, multi-day conferences, TripIt's trip-wide all-day events.
 * Consecutive away days form a trip, with up to `max_gap_days` quiet days bridged; a trip may
 * visit several destinations. Events without a place that fall inside a trip belong to it.
 * Locations are resolved through `geocoder` (virtual meetings and non-places are ignored).
 */
std::vector<Trip> detect_trips(const std::vector<calendar::Occurrence>& occurrences,
                               const TripOptions& options, geo::Geocoder& geocoder);

} // namespace sidetrip::plan
