#pragma once

#include "sidetrip/calendar/occurrence.hpp"
#include "sidetrip/core/date.hpp"
#include "sidetrip/core/geo_point.hpp"
#include "sidetrip/core/ids.hpp"
#include "sidetrip/geo/geocoder.hpp"
#include "sidetrip/plan/contact_places.hpp"
#include "sidetrip/plan/travel_model.hpp"
#include "sidetrip/plan/trips.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sidetrip::plan {

/// Chat: a short talk in a conference break with someone attending the same event.
enum class MeetupKind { Breakfast, Coffee, Lunch, Dinner, Drinks, Chat };

/// "breakfast", "coffee", "lunch", "dinner", "drinks", "chat".
std::string_view to_string(MeetupKind kind);

/// When and how long a kind of meetup happens, in local wall-clock minutes after midnight.
struct MeetupKindSettings {
    MeetupKind kind = MeetupKind::Coffee;
    std::chrono::minutes duration{60};
    std::chrono::minutes earliest_start{0};
    std::chrono::minutes latest_start{0};
};

/// The default meetup kinds (breakfast, coffee, lunch, dinner, drinks) and their hours.
std::vector<MeetupKindSettings> default_meetup_kinds();

/// Everything the planner may be told; the defaults are the documented ones (docs/planner.md).
struct PlannerSettings {
    GeoPoint home;
    std::string home_name;
    std::string home_zone = "UTC";
    std::string home_country;
    Date today{};                                ///< "now", for how overdue a contact is
    std::chrono::minutes day_start{7 * 60 + 30}; ///< the user's day, local time at the destination
    std::chrono::minutes day_end{21 * 60 + 30};
    int meetups_per_day = 2;
    std::chrono::minutes buffer{15}; ///< kept free before and after every commitment
    std::chrono::minutes airport_before_domestic{90};
    std::chrono::minutes airport_before_international{120};
    std::chrono::minutes after_landing{45};
    std::chrono::minutes max_reach{75}; ///< contacts further than this from the trip are not candidates
    int default_cadence_days = 180;     ///< when neither the contact nor a tag says
    std::map<std::string, int> cadence_by_tag; ///< tag (lower case) -> days
    std::vector<MeetupKindSettings> kinds; ///< empty: the defaults (breakfast, coffee, lunch, dinner, drinks)
    /// Contacts known to attend the conference on the trip (from `match`): they can be met in
    /// its breaks wherever they live.
    std::set<std::string> at_event;
    std::chrono::minutes chat_duration{20}; ///< a chat in a conference break
    /// Sessions assumed on a conference day known only from an all-day event (local times).
    std::vector<std::pair<std::chrono::minutes, std::chrono::minutes>> assumed_sessions{
        {std::chrono::minutes{9 * 60}, std::chrono::minutes{10 * 60 + 30}},
        {std::chrono::minutes{11 * 60}, std::chrono::minutes{12 * 60 + 30}},
        {std::chrono::minutes{13 * 60 + 30}, std::chrono::minutes{15 * 60}},
        {std::chrono::minutes{15 * 60 + 30}, std::chrono::minutes{17 * 60}}};
    std::uint64_t seed = 1;
    double time_limit_seconds = 1.0; ///< for the optimizer, per trip: the most it may take
    /// Under the time limit, a trip's search also ends once this many iterations in a row found
    /// nothing better (0: it always runs to the limit). A plan of 40 trips then takes seconds,
    /// not 40 seconds; small trips converge long before their second.
    std::size_t stall_iterations = 2000;
    /// When not 0, the optimizer stops after this many iterations instead of at the time limit:
    /// plans then depend only on the seed, not on the machine's speed (tests, golden files).
    std::size_t max_iterations = 0;
};

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

/// What meeting a contact is worth, and the reasons a person would give.
struct ContactValue {
    double value = 0.0;
    std::vector<std::string> reasons;
};

/**
 * The value of meeting a contact (docs/planner.md): tie strength, how overdue against the
 * cadence (the contact's, its tags', or the default), never met in person, the user's
 * priority. `last_met` overrides the contact's own date when later (from the calendar).
 */
ContactValue contact_value(const people::Contact& contact, const PlannerSettings& settings,
                           std::optional<Date> last_met = std::nullopt);

/**
 * Plans every trip: free windows around the fixed commitments, candidates with values and
 * reasons, then the optimizer picks the meetups. Deterministic for a seed.
 */
Plan make_plan(const std::vector<calendar::Occurrence>& occurrences,
               const std::vector<ResolvedContact>& contacts, const std::vector<Trip>& trips,
               const PlannerSettings& settings, const TravelModel& travel, geo::Geocoder& geocoder);

} // namespace sidetrip::plan
