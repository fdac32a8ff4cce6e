#pragma once
// The planner's stages and the values they pass along, for one trip: presence -> day parts and
// free windows -> candidates -> the optimizer's problem and its decoding -> suggestions.
// Per-trip state lives in TripContext, made fresh for each trip; what lasts across trips (the
// contacts' flat place index, values, travel times from a base) lives in ContactIndex.

#include "sidetrip/plan/event_places.hpp"
#include "sidetrip/plan/planner.hpp"
#include "sidetrip/plan/presence.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace sidetrip::plan::detail {

using std::chrono::seconds;
using std::chrono::sys_seconds;

/// What is fixed on a day part, where it happens, as the optimizer will see it.
struct Commitment {
    std::size_t occurrence = 0;
    GeoPoint point;
    std::string place;
    sys_seconds start{};     ///< busy from (the first event of a merged block)
    sys_seconds end{};       ///< busy until (the last end of the block)
    bool conference = false; ///< a session: one is already at the venue, no buffer between sessions
    bool assumed = false;    ///< a session assumed from an all-day conference event
};

/// One route for the optimizer: an at-place segment of the presence timeline on one local date.
struct DayPart {
    Date date;        ///< local date in `zone`
    std::string zone; ///< the segment's zone
    std::size_t segment = 0;
    GeoPoint base;             ///< where the traveller is based (the segment's place)
    std::string base_name;     ///< "near your base (San Francisco)" or "near your hotel (255 Fremont St)"
    std::string city;          ///< the city the part is in, for texts ("about 1 h 40 from Chicago")
    GeoPoint city_point;   ///< where reach is measured from: the city, shared by trips to it
    sys_seconds open{};        ///< meetups from here (never before the segment starts: not before landing)
    sys_seconds close{};       ///< until here
    sys_seconds route_open{};  ///< the route itself may start earlier, for the way to a commitment
    sys_seconds route_close{}; ///< or end later, for the way back from one
    GeoPoint start_point;
    GeoPoint end_point;
    int max_meetups = 0;
    std::vector<Commitment> commitments;
    /// Gaps between two conference sessions long enough for a chat: [earliest, latest] start.
    std::vector<std::pair<sys_seconds, sys_seconds>> breaks;
};

/// Everything about one trip the later stages need; made for the trip and dropped after it.
struct TripContext {
    const Trip* trip = nullptr;
    PresenceTimeline presence;
    std::vector<DayPart> parts;
    std::optional<GeoPoint> event_venue; ///< where the trip's conference sessions are
    std::string event_name;
};

/// A contact worth meeting on a trip, with where they are and what they are worth.
struct Candidate {
    const ResolvedContact* contact = nullptr;
    std::size_t index = 0; ///< into the contacts
    GeoPoint place;
    std::string place_name;
    std::string zone;
    double value = 0.0;
    std::vector<std::string> reasons;
    seconds reach{0};               ///< from the nearest base of the trip
    bool at_event = false;          ///< attends the trip's conference (from the attendee list)
    std::vector<std::size_t> parts; ///< the day parts whose base is within reach
};

struct CandidateSet {
    std::vector<Candidate> candidates; ///< the most valuable first
    /// By contact: 1 + the place of someone out of reach worth a call, or 0. Most of 100,000
    /// contacts are far from any trip: marked here, taken in ContactIndex::by_value() order.
    std::vector<std::uint32_t> far_place;
    std::vector<NearMiss> near_misses;
};

/// Minutes as people write them: "45 minutes", "1 h 42".
std::string duration_text(seconds s);
/// "Saturday 2027-01-16".
std::string weekday_date(const Date& d);
/// Local wall-clock minutes after midnight of `date` in `zone`, as an instant.
sys_seconds at_local(const Date& date, std::chrono::minutes t, const std::string& zone);
/// Travel as the plan uses it: the model's time, at least `min_move` between places more than
/// `min_move_km` apart, rounded up to whole five minutes so meetups start at times people write.
seconds plan_travel(const TravelModel& travel, const PlannerSettings& settings, const GeoPoint& from,
                    const GeoPoint& to);

/// Stage 2: the day parts (routes) of a trip, from its presence timeline and commitments.
std::vector<DayPart> build_day_parts(TripContext& ctx, const std::vector<calendar::Occurrence>& occurrences,
                                     EventPlaces& places, const PlannerSettings& settings,
                                     const TravelModel& travel);
/// The free windows of the day parts, after buffers and travel.
std::vector<FreeWindow> free_windows(const std::vector<DayPart>& parts, const PlannerSettings& settings,
                                     const TravelModel& travel);

/// What lasts across trips: each contact's resolved places as flat arrays, values, travel times.
class ContactIndex {
public:
    ContactIndex(const std::vector<ResolvedContact>& contacts, const std::vector<ContactHistory>& history,
                 const PlannerSettings& settings, const TravelModel& travel);
    const ContactValue& value_of(std::size_t c);
    /// Stage 3: the candidates of a trip, per day part, and those near or far from it.
    CandidateSet find_candidates(const TripContext& ctx);
    /// Contact `c` was given a video call (on any trip): not again.
    void mark_called(std::size_t c) { m_called[c] = 1; }
    bool called(std::size_t c) const { return m_called[c] != 0; }
    const std::vector<ResolvedContact>& contacts() const { return m_contacts; }
    /// Contacts by value, most valuable first (values do not depend on the trip).
    const std::vector<std::uint32_t>& by_value();

private:
    bool near_home(std::uint32_t point);

    struct PointKey {
        std::uint64_t lat = 0;
        std::uint64_t lon = 0;
        bool operator==(const PointKey&) const = default;
    };
    struct PointKeyHash {
        std::size_t operator()(const PointKey& k) const noexcept {
            return static_cast<std::size_t>(k.lat * 0x9E3779B97F4A7C15ULL ^ (k.lon + 0x7F4A7C159E3779B9ULL));
        }
    };
    static PointKey key(const GeoPoint& p);

    const std::vector<ResolvedContact>& m_contacts;
    const std::vector<ContactHistory>& m_history;
    const PlannerSettings& m_settings;
    const TravelModel& m_travel;
    // Contact c's places are entries m_place_begin[c] .. m_place_begin[c + 1].
    std::vector<std::size_t> m_place_begin;
    std::vector<std::size_t> m_place_index;   ///< the entry's index in the contact's places
    std::vector<std::uint32_t> m_place_point; ///< the entry's point, into m_points
    std::vector<char> m_place_zoned;          ///< the entry has a time zone
    std::vector<char> m_place_in_person;      ///< precise enough to meet at (not a region or country)
    std::vector<GeoPoint> m_points;           ///< distinct points of contacts' places
    std::unordered_map<PointKey, std::vector<seconds>, PointKeyHash> m_travel_from; ///< -1: not yet
    std::vector<signed char> m_near_home;                                           ///< by point; -1: not yet
    std::vector<std::optional<ContactValue>> m_values;                              ///< by contact
    std::vector<std::uint32_t> m_by_value;
    std::vector<char> m_called; ///< by contact
};

/// Stage 4: the meetups chosen by the optimizer (alone, then in groups), and near misses for
/// candidates that did not fit. Contacts met are added to `scheduled`.
void choose_meetups(const TripContext& ctx, const std::vector<Candidate>& candidates,
                    const std::vector<calendar::Occurrence>& occurrences, const PlannerSettings& settings,
                    const TravelModel& travel, std::set<std::string>& scheduled, TripPlan& out);

/// Stable UID of a meetup with `contact` (ids joined by "+") on `trip`.
std::string meetup_uid(const std::string& contact, const std::string& trip);

/// Stage 5: introductions between people met on the trip.
void suggest_introductions(const std::vector<Candidate>& candidates, const PlannerSettings& settings,
                           TripPlan& out);
/// Stage 5: video calls for valuable people out of reach, in a free half hour of the trip.
void suggest_video_calls(const TripContext& ctx, ContactIndex& index, const std::vector<std::uint32_t>& far_place,
                         const std::vector<calendar::Occurrence>& occurrences, const PlannerSettings& settings,
                         TripPlan& out);

} // namespace sidetrip::plan::detail
