#include "sidetrip/plan/contact_places.hpp"

#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

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
        any = any || geo::has_point(result.status);
        resolved.places.push_back(std::move(result));
    }
    bool precise = false;
    for (std::size_t i = 0; i < resolved.places.size(); ++i) {
        auto reason = not_in_person_reason(person.places[i].text, resolved.places[i]);
        precise = precise || (geo::has_point(resolved.places[i].status) && reason.empty());
        if (!reason.empty() && resolved.not_in_person_reason.empty()) {
            resolved.not_in_person_reason = reason;
        }
        resolved.place_not_in_person_reasons.push_back(std::move(reason));
    }
    if (precise) {
        resolved.not_in_person_reason.clear();
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

std::string not_in_person_reason(const std::string& place_text, const geo::GeocodeResult& result) {
    // City-states: the whole country is one city, where people meet.
    static constexpr std::string_view CityStates[] = {"SG", "MC", "VA", "HK", "MO", "GI"};
    if (!geo::has_point(result.status) || (result.level != "region" && result.level != "country") ||
        std::find(std::begin(CityStates), std::end(CityStates), result.country) != std::end(CityStates)) {
        return {};
    }
    // At these levels the name is the region's or the country's, not the capital standing for it.
    const std::string_view text = text::trim(place_text);
    return (text.empty() ? result.country : std::string(text)) + " is known only as " + result.name + " (" +
           result.level + " level): too vague to meet in person";
}

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
