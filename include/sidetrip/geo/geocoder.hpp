#pragma once

#include "sidetrip/core/geo_point.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sidetrip::geo {

/// Partial: the text names a town we cannot find, and the answer is the region or country the
/// text also names ("Mercury, Nevada, United States" is Nevada), at that level. Callers that
/// need a point may use it; callers that need a town can tell it apart.
enum class GeocodeStatus { Ok, NotFound, NotAPlace, Partial };

/// "ok", "not_found", "not_a_place", "partial" (the JSON contract's spelling).
std::string_view to_string(GeocodeStatus status);

/// True when the result has a point (and a zone): Ok, or Partial at region or country level.
inline bool has_point(GeocodeStatus status) {
    return status == GeocodeStatus::Ok || status == GeocodeStatus::Partial;
}

/// One free-text place to resolve.
struct GeocodeRequest {
    std::string query;        ///< "Room 301, ABC Bldg, Ayala Ave, Makati City, Metro Manila"
    std::string country_bias; ///< ISO alpha-2 to prefer when the text names no country; may be empty
};

/// What a geocoder made of a request. Fields after `status` are meaningful when has_point().
struct GeocodeResult {
    std::string query;
    GeocodeStatus status = GeocodeStatus::NotFound;
    std::string name;    ///< the place's own name ("Makati City")
    std::string admin1;  ///< first-level division ("National Capital Region"), may be empty
    std::string country; ///< ISO 3166-1 alpha-2
    GeoPoint point;
    std::string timezone; ///< IANA name
    std::string source;   ///< "gazetteer", "online", or "cache" (an online answer from geocode.sqlite)
    double confidence = 0.0;
    /// How precise the point is: "city", "airport", "region" or "country"; from the online
    /// geocoder also "district", "street" or "address"; "point" for a contact's own coordinates.
    std::string level;
    std::string reason; ///< why it is not a place / not found, or which part of the text matched
};

/** Resolves free text to a place. Implementations: the offline gazetteer, online (Nominatim, Photon). */
class Geocoder {
public:
    virtual ~Geocoder() = default;
    /// Never throws for a text it cannot resolve: that is a NotFound result with a reason.
    virtual GeocodeResult geocode(const GeocodeRequest& request) = 0;
};

/**
 * Asks each geocoder in turn; the first Ok answer wins, and a NotAPlace answer ends the chain
 * (a "Zoom" link is no place whoever is asked).
 */
class GeocoderChain : public Geocoder {
public:
    void add(std::shared_ptr<Geocoder> geocoder) { m_geocoders.push_back(std::move(geocoder)); }
    GeocodeResult geocode(const GeocodeRequest& request) override;

private:
    std::vector<std::shared_ptr<Geocoder>> m_geocoders;
};

/**
 * Remembers answers for the life of the process, keyed by the folded text and the bias, so a
 * contact list with forty "Makati City"s asks the chain once. Answers keep the source that
 * produced them; the persistent cache (source "cache") is the online geocoder's own.
 */
class MemoryCachedGeocoder : public Geocoder {
public:
    explicit MemoryCachedGeocoder(std::shared_ptr<Geocoder> inner) : m_inner(std::move(inner)) {}
    GeocodeResult geocode(const GeocodeRequest& request) override;
    std::size_t hits() const noexcept { return m_hits; }

private:
    std::shared_ptr<Geocoder> m_inner;
    std::map<std::pair<std::string, std::string>, GeocodeResult> m_answers;
    std::size_t m_hits = 0;
};

/**
 * True when the text names no physical place: meeting links and apps ("Zoom", "Microsoft
 * Teams Meeting", any URL), placeholders ("TBD", "Online", "N/A"), phone numbers, empty text.
 * `why` (optional) receives a short reason.
 */
bool is_not_a_place(std::string_view text, std::string* why = nullptr);

/**
 * The place text without what is personal and no part of a place, for sending to an online
 * service: links (http://, www.), e-mail addresses, phone numbers (8 or more digits, or after
 * "tel", "phone", "mobile"...; a ZIP+4 and coordinates are kept), and codes after a label
 * ("code 1234", "door code: 12#", "Türcode 4711", "digicode 12A4", "buzzer 3B12", "gate code"),
 * a postal or ZIP code excepted. Commas and spaces left over are tidied.
 * "12 Rizal St, Lipa, door code 4821, ana@example.com" becomes "12 Rizal St, Lipa".
 */
std::string without_personal_details(std::string_view text);

} // namespace sidetrip::geo
