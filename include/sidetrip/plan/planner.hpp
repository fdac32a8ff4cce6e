#pragma once

#include "sidetrip/calendar/occurrence.hpp"
#include "sidetrip/core/date.hpp"
#include "sidetrip/core/geo_point.hpp"
#include "sidetrip/core/ids.hpp"
#include "sidetrip/geo/geocoder.hpp"
#include "sidetrip/plan/contact_places.hpp"
#include "sidetrip/plan/contact_value.hpp"
#include "sidetrip/plan/presence.hpp"
#include "sidetrip/plan/settings.hpp"
#include "sidetrip/plan/travel_model.hpp"
#include "sidetrip/plan/trips.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sidetrip::plan {

/// A stretch of a trip day with nothing fixed in it, after buffers and travel.
struct FreeWindow {
    Date date;
    std::string timezone;
    std::chrono::sys_seconds start{};
    std::chrono::sys_seconds end{};
    std::string label; ///< "before the first commitment", "between", "after the last", "after landing", ...
    GeoPoint near;     ///< where the user is around then (the adjacent commitment's place)
};

struct Venue {
    std::string name; ///< "near Client meeting: Acme (Makati City)", "near Ana's home (Taguig)", "halfway"
    GeoPoint point;
};

/// A suggested meetup.
struct Meetup {
    std::string uid; ///< stable: derived from contact(s) and trip, so a re-import updates
    std::vector<ContactId> contacts;
    std::vector<std::string> names;
    std::vector<std::string> emails;
    MeetupKind kind = MeetupKind::Coffee;
    std::chrono::sys_seconds start{};
    std::chrono::sys_seconds end{};
    std::string timezone;
    Venue venue;
    double value = 0.0;
    std::vector<std::string> reasons;  ///< "last met 14 months ago", "9 minutes from your client", ...
    std::chrono::seconds travel_to{0}; ///< from where the user was before
};

/// Someone who would fit with a small change of plans, and that change's price.
struct NearMiss {
    ContactId contact;
    std::string name;
    std::string reason; ///< "stay until Saturday 10:00 to have breakfast with Ana (2 h later home)"
};

/// A video call for someone who cannot be met in person.
struct VirtualSuggestion {
    ContactId contact;
    std::string name;
    std::chrono::sys_seconds start{};
    std::chrono::sys_seconds end{};
    std::string their_zone;
    std::string reason;
};

/// Two contacts worth introducing to each other.
struct Introduction {
    ContactId first;
    ContactId second;
    std::string first_name;
    std::string second_name;
    std::string reason;
};

struct TripPlan {
    Trip trip;
    std::vector<FreeWindow> windows;
    std::vector<Meetup> meetups;
    std::vector<NearMiss> near_misses;
    std::vector<VirtualSuggestion> virtual_calls;
    std::vector<Introduction> introductions;
    PresenceTimeline presence; ///< where the traveller is, minute by minute, over the trip
};

/// A contact not scheduled anywhere, and why.
struct Unscheduled {
    ContactId contact;
    std::string name;
    std::string reason;
};

struct Plan {
    std::vector<TripPlan> trips;
    std::vector<Unscheduled> unscheduled;
    std::vector<calendar::Occurrence> occurrences; ///< what Trip::events and commitments index into
    /// Credit owed for the data behind the plan ("© OpenStreetMap contributors" when places were
    /// resolved online); shown by every itinerary format when not empty.
    std::string attribution;
};

/**
 * Plans every trip: its presence timeline (where the traveller is, minute by minute), free
 * windows around the fixed commitments of each stay, candidates within reach of each stay with
 * values and reasons, then the optimizer picks the meetups. Deterministic for a seed.
 * `zone_at` gives the zone of a bare point (an event with GEO in a feed written in UTC).
 */
Plan make_plan(const std::vector<calendar::Occurrence>& occurrences,
               const std::vector<ResolvedContact>& contacts, const std::vector<Trip>& trips,
               const PlannerSettings& settings, const TravelModel& travel, geo::Geocoder& geocoder,
               std::function<std::string(const GeoPoint&)> zone_at = {});

} // namespace sidetrip::plan
