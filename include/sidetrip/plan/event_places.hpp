#pragma once

#include "sidetrip/calendar/occurrence.hpp"
#include "sidetrip/core/geo_point.hpp"
#include "sidetrip/geo/geocoder.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sidetrip::plan {

/// Where an event happens, resolved to a point with its zone.
struct EventPlace {
    GeoPoint point;
    std::string name;     ///< the event's LOCATION as written, or the place's name
    std::string timezone; ///< IANA
    std::string country;  ///< ISO alpha-2 when known
};

/**
 * The places of a calendar's occurrences, each resolved once and kept: where an event happens
 * (its GEO, else its LOCATION; virtual events and non-places have none) and where a flight
 * leaves from and lands ("UA1549 ORD to SFO", "Flight to Cebu").
 */
class EventPlaces {
public:
    /// `zone_at` gives the zone of a bare point (an event with GEO but no zone of its own, as
    /// TripIt writes them in UTC); without it such a point takes the event's display zone.
    EventPlaces(const std::vector<calendar::Occurrence>& occurrences, geo::Geocoder& geocoder,
                std::string home_country, std::function<std::string(const GeoPoint&)> zone_at = {});

    /// Where occurrence `i` happens, or nothing (virtual, no place, not resolved).
    const std::optional<EventPlace>& of(std::size_t i);
    /// Where flight `i` leaves from (`end` 1) or lands (`end` 2), when its summary says.
    const std::optional<EventPlace>& flight_end(std::size_t i, int end);
    /// A free text resolved as trips and events are: without the home bias unless ambiguous.
    std::optional<EventPlace> resolve(const std::string& text);

private:
    const std::vector<calendar::Occurrence>& m_occ;
    geo::Geocoder& m_geocoder;
    std::string m_home_country;
    std::function<std::string(const GeoPoint&)> m_zone_at;
    std::vector<std::optional<std::optional<EventPlace>>> m_places;
    std::vector<std::optional<std::optional<EventPlace>>> m_from;
    std::vector<std::optional<std::optional<EventPlace>>> m_to;
};

} // namespace sidetrip::plan
