#include "sidetrip/plan/event_places.hpp"

#include "sidetrip/core/text.hpp"

#include <regex>

namespace sidetrip::plan {

EventPlaces::EventPlaces(const std::vector<calendar::Occurrence>& occurrences, geo::Geocoder& geocoder,
                         std::string home_country, std::function<std::string(const GeoPoint&)> zone_at)
    : m_occ(occurrences), m_geocoder(geocoder), m_home_country(std::move(home_country)),
      m_zone_at(std::move(zone_at)), m_places(occurrences.size()), m_from(occurrences.size()),
      m_to(occurrences.size()) {}

std::optional<EventPlace> EventPlaces::resolve(const std::string& text) {
    // A trip's places are away from home by nature ("Shoreditch, London" is not London, Ohio
    // for a user in Texas): the home-country bias decides only when the text alone is ambiguous.
    auto r = m_geocoder.geocode({text, ""});
    if (geo::has_point(r.status) && r.confidence < 0.5 && !m_home_country.empty()) {
        r = m_geocoder.geocode({text, m_home_country});
    }
    if (!geo::has_point(r.status)) {
        return std::nullopt;
    }
    return EventPlace{r.point, r.name, r.timezone, r.country};
}

const std::optional<EventPlace>& EventPlaces::of(std::size_t i) {
    auto& slot = m_places.at(i);
    if (slot) {
        return *slot;
    }
    const auto& o = m_occ[i];
    std::optional<EventPlace> place;
    if (o.kind != calendar::EventKind::Virtual) {
        if (o.geo) {
            // A point: the zone is the point's, not the feed's (TripIt writes every time in UTC).
            std::string zone = m_zone_at ? m_zone_at(*o.geo) : std::string();
            if (zone.empty() && !o.location.empty()) {
                if (auto named = resolve(o.location)) {
                    zone = named->timezone;
                }
            }
            if (zone.empty()) {
                zone = o.display_zone;
            }
            place = EventPlace{*o.geo, o.location.empty() ? std::string("GEO") : o.location, zone, ""};
        } else if (!o.location.empty()) {
            place = resolve(o.location);
            if (place) {
                place->name = o.location;
            }
        }
    }
    slot = std::move(place);
    return *slot;
}

const std::optional<EventPlace>& EventPlaces::flight_end(std::size_t i, int end) {
    auto& slot = (end == 1 ? m_from : m_to).at(i);
    if (slot) {
        return *slot;
    }
    static const std::regex pair(R"(\b([A-Z]{3})\s*(?:to|->|→|–|-)\s*([A-Z]{3})\b)");
    static const std::regex to_city(R"((?:^|\s)[Tt]o\s+([^(,]+))");
    const auto& summary = m_occ[i].summary;
    std::smatch m;
    std::optional<EventPlace> place;
    if (std::regex_search(summary, m, pair)) {
        place = resolve(m[end].str());
    } else if (end == 2 && std::regex_search(summary, m, to_city)) {
        place = resolve(std::string(text::trim(m[1].str())));
    } else if (end == 1 && !m_occ[i].location.empty()) {
        // "Flight to Chicago (AA 1100)" at "Austin-Bergstrom International Airport": Google's
        // flights from Gmail give the departure airport as the location.
        place = resolve(m_occ[i].location);
    }
    slot = std::move(place);
    return *slot;
}

} // namespace sidetrip::plan
