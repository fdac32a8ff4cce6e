#pragma once

#include "sidetrip/core/date.hpp"
#include "sidetrip/core/geo_point.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
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
    /// A flight from or to within this distance of home leaves from or lands at home (MNL is
    /// 65 km from Lipa): that side of it is not part of the trip.
    double gateway_km = 180.0;
    /// Two points this close are one city: a hotel is the day's base, an airport serves the city.
    double same_city_km = 60.0;
    /// Any move between two places further apart than `min_move_km` takes at least this long,
    /// whatever the model says of two points that geocoded to one city centre.
    std::chrono::minutes min_move{10};
    double min_move_km = 1.0;
    /// Optional visits the optimizer sees per trip: the most valuable; the rest are near misses.
    std::size_t max_candidates = 60;
    std::size_t max_near_misses_far = 6;   ///< "lives in X, about 1 h 40 from Y" per trip
    std::size_t max_near_misses_total = 8; ///< with "did not fit" ones
    double near_miss_reach_factor = 3.0;   ///< near misses are within this many times max_reach
    double near_miss_min_value = 30.0;     ///< "did not fit" is worth a word from this value
    std::size_t max_video_calls = 3;       ///< per trip
    double video_call_min_value = 30.0;
    std::size_t max_introductions = 3;
    std::size_t max_group_size = 4;
    /// A group meetup is worth this share of its members' values alone.
    double group_value_share = 0.7;
    /// The share of the time limit left for the second phase (groups).
    double group_time_share = 0.3;
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

} // namespace sidetrip::plan
