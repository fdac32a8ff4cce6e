#include "sidetrip/plan/contact_places.hpp"

#include "sidetrip/core/text.hpp"

namespace sidetrip::plan {

namespace {

ResolvedContact resolve(people::Contact contact, geo::Geocoder& geocoder, const geo::Gazetteer& gazetteer,
                        const std::string& default_country) {
    ResolvedContact resolved;
    resolved.contact = std::move(contact);
    const people::Contact& person = resolved.contact;
    bool any = false;
    for (const auto& place : person.places) {
        geo::GeocodeRequest request{place.text, place.country.empty() ? default_country : place.country};
        if (text::trim(place.text).empty() && !place.country.empty()) {
            // Only a country is known: the country's capital, at country-level confidence.
            request.query = place.country;
        }
        geo::GeocodeResult result;
        if (place.point && is_valid(*place.point)) {
            // The source's own coordinates beat a city-level guess from its text.
            result.query = place.text;
            result.status = geo::GeocodeStatus::Ok;
            result.point = *place.point;
            const auto nearest = gazetteer.nearest_place(*place.point);
            result.name = std::string(nearest.place.name);
            result.country = std::string(nearest.place.country);
            if (nearest.place.admin1) {
                result.admin1 = std::string(gazetteer.region(*nearest.place.admin1).name);
            }
            result.timezone = geo::timezone_at(gazetteer, *place.point, nearest);
            result.source = "contact";
            result.level = "point";
            result.confidence = 1.0;
            result.reason = "coordinates from the contact's own record";
        } else {
            result = geocoder.geocode(request);
        }
        any = any || result.status == geo::GeocodeStatus::Ok;
        resolved.places.push_back(std::move(result));
    }
    if (person.places.empty()) {
        resolved.unresolved_reason = "no address or city given";
    } else if (!any) {
        resolved.unresolved_reason =
            "none of the contact's places could be resolved: " + resolved.places.front().reason;
    }
    return resolved;
}

} // namespace

std::vector<ResolvedContact> resolve_contact_places(const std::vector<people::Contact>& contacts,
                                                    geo::Geocoder& geocoder, const geo::Gazetteer& gazetteer,
                                                    const std::string& default_country) {
    std::vector<ResolvedContact> out;
    out.reserve(contacts.size());
    for (const auto& contact : contacts) {
        out.push_back(resolve(contact, geocoder, gazetteer, default_country));
    }
    return out;
}

std::vector<ResolvedContact> resolve_contact_places(std::vector<people::Contact>&& contacts,
                                                    geo::Geocoder& geocoder, const geo::Gazetteer& gazetteer,
                                                    const std::string& default_country) {
    std::vector<ResolvedContact> out;
    out.reserve(contacts.size());
    for (auto& contact : contacts) {
        out.push_back(resolve(std::move(contact), geocoder, gazetteer, default_country));
    }
    std::vector<people::Contact>().swap(contacts); // their storage too
    return out;
}

} // namespace sidetrip::plan
