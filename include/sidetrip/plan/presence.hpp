#pragma once

#include "sidetrip/calendar/occurrence.hpp"
#include "sidetrip/core/geo_point.hpp"
#include "sidetrip/plan/event_places.hpp"
#include "sidetrip/plan/settings.hpp"
#include "sidetrip/plan/travel_model.hpp"
#include "sidetrip/plan/trips.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::plan {

/// Whether the traveller is somewhere or on the way.
enum class PresenceKind { AtPlace, InTransit };

/// How we know where the traveller is.
enum class PlaceBasis { Home, Destination, Lodging, Departure, Arrival };

/// "home", "destination", "hotel", "departure", "arrival".
std::string_view to_string(PlaceBasis basis);

/// A stretch of a trip: at one place, or in transit between two.
struct PresenceSegment {
    PresenceKind kind = PresenceKind::AtPlace;
    std::chrono::sys_seconds start{}; ///< inclusive
    std::chrono::sys_seconds end{};   ///< exclusive
    GeoPoint point;                   ///< where (in transit: where it ends)
    std::string place;                ///< its name (a hotel's address, or the city)
    std::string city;                 ///< the city or destination it is in ("San Francisco")
    GeoPoint city_point;              ///< where that city is (the day's destination; for a hotel, its city)
    std::string timezone;             ///< IANA zone of `point`: the zone every time here is shown in
    PlaceBasis basis = PlaceBasis::Destination;
    /// In transit: what moves the traveller ("UA1549 ORD to SFO") and where from.
    std::string label;
    GeoPoint from_point;
    std::string from_place;
    std::string from_timezone;
    std::optional<std::size_t> occurrence; ///< the flight or train, in transit
    std::chrono::sys_seconds arrives{}; ///< in transit: when it lands (times after are shown in `timezone`)
};

/// Where the traveller is, minute by minute, over a trip: consecutive segments.
struct PresenceTimeline {
    std::vector<PresenceSegment> segments;
    /// The segment holding `instant`, or nullptr outside the trip.
    const PresenceSegment* at(std::chrono::sys_seconds instant) const;
    /// The zone a time of the trip is shown in: where the traveller is then (in transit, where
    /// they set off from until it lands, then where it lands); `otherwise` outside the timeline.
    std::string zone_at(std::chrono::sys_seconds instant, const std::string& otherwise) const;
    /// "Chicago until 17:00 → UA1549 ORD to SFO → San Francisco from 21:15" for a stretch (a
    /// day) that holds more than one place or zone, each time in its own zone; empty otherwise.
    std::string path(std::chrono::sys_seconds from, std::chrono::sys_seconds to) const;
};

/**
 * The presence timeline of a trip. Each trip day is at its destination (a hotel that night
 * gives the point); flights and timed train or car rides cut days into segments: in transit
 * from departure less the airport time (90 minutes, 120 across a border) and the ride to the
 * airport, until arrival plus the time to leave the airport and the ride from it. Before a
 * departure the traveller is where the flight leaves from, after it where it lands; a flight
 * from or to near home makes that side a Home segment.
 */
PresenceTimeline build_presence(const Trip& trip, const std::vector<calendar::Occurrence>& occurrences,
                                EventPlaces& places, const PlannerSettings& settings,
                                const TravelModel& travel);

} // namespace sidetrip::plan
