#pragma once

#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/geo/geocoder.hpp"

#include <memory>

namespace sidetrip::geo {

/**
 * City-level geocoding against the offline gazetteer.
 *
 * The text is split into comma-separated segments and read right to left: segments that name
 * a country, a region (name or code: "MO", "Batangas", "Metro Manila") or a nearby place are
 * context; the leftmost segment that names a place agreeing with all the context to its right
 * is the answer. Street-like segments ("Ayala Ave", "Room 301") are skipped, postal codes
 * dropped, case and accents folded. An all-capitals 2-3 letter word is a code (IATA, ISO,
 * state), never a fuzzy name. Ties go to exact names over stripped ones ("Makati" for "Makati
 * City"), then to the bias country, then to population.
 */
class OfflineGeocoder : public Geocoder {
public:
    explicit OfflineGeocoder(std::shared_ptr<const Gazetteer> gazetteer)
        : m_gazetteer(std::move(gazetteer)) {}
    GeocodeResult geocode(const GeocodeRequest& request) override;

private:
    std::shared_ptr<const Gazetteer> m_gazetteer;
};

} // namespace sidetrip::geo
