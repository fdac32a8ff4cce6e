#pragma once

#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/geo/geocoder.hpp"
#include "sidetrip/people/contact.hpp"

#include <string>
#include <vector>

namespace sidetrip::plan {

/// A contact with each of its places resolved (same order as `contact.places`).
struct ResolvedContact {
    people::Contact contact;
    std::vector<geo::GeocodeResult> places;
    /// Why the contact cannot be placed at all (no place given, none resolved); empty when placed.
    std::string unresolved_reason;
    /// For each place (same order as `places`): why the user cannot meet the contact there in
    /// person, or empty. A place known only at region or country level ("Kake, Alaska" resolved
    /// as Alaska's capital) is a point where the contact does not live: good enough for a time
    /// zone (video calls) and a rough distance, not for a venue or a home.
    std::vector<std::string> place_not_in_person_reasons;
    /// Why the contact cannot be met in person at all: every place that resolved is too vague
    /// ("Kake, Alaska is known only as Alaska (region level): too vague to meet in person").
    /// Empty when some place is precise enough, and when none resolved (`unresolved_reason`).
    std::string not_in_person_reason;
};

/// Why a resolved place cannot be a place to meet in person (region or country level), or "".
std::string not_in_person_reason(const std::string& place_text, const geo::GeocodeResult& result);

/**
 * Resolves every place of every contact. The bias country of a place is the one the source
 * gave for it, else `default_country` (the user's home country). A place that came with
 * coordinates (vCard GEO) keeps them; the gazetteer only names it and gives its zone.
 */
std::vector<ResolvedContact> resolve_contact_places(const std::vector<people::Contact>& contacts,
                                                    geo::Geocoder& geocoder, const geo::Gazetteer& gazetteer,
                                                    const std::string& default_country);

/// The same, taking the contacts over rather than copying them (100,000 contacts are about
/// 100 MB); `contacts` is left empty.
std::vector<ResolvedContact> resolve_contact_places(std::vector<people::Contact>&& contacts,
                                                    geo::Geocoder& geocoder, const geo::Gazetteer& gazetteer,
                                                    const std::string& default_country);

} // namespace sidetrip::plan
