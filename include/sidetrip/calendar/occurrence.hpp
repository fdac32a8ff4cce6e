#pragma once

#include "sidetrip/core/date.hpp"
#include "sidetrip/core/geo_point.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::calendar {

/// What an event is, as far as trip planning cares.
enum class EventKind { Flight, Lodging, GroundTransport, Meeting, Conference, Virtual, Personal, Other };

/// "flight", "lodging", "ground_transport", "meeting", "conference", "virtual", "personal", "other".
std::string_view to_string(EventKind kind);

/**
 * One occurrence of a calendar event: a single event, or one instance of a recurring series
 * with its overrides applied. Times are UTC instants; `timezone` says how to show them.
 */
struct Occurrence {
    std::string uid;
    /// The instance's original start (RECURRENCE-ID) for instances of a series: RFC 3339 in UTC
    /// ("2024-03-04T09:00:00Z"), or a date ("2024-03-04") for all-day series.
    std::optional<std::string> recurrence_id;
    std::string summary;
    std::string location;
    std::string description;
    std::string url;
    std::vector<std::string> categories;
    std::chrono::sys_seconds start_utc{};
    std::chrono::sys_seconds end_utc{};
    bool all_day = false;
    Date start_date{}; ///< all-day only: the first day
    Date end_date{};   ///< all-day only: the day after the last (exclusive)
    /// IANA zone of DTSTART; "UTC"; or "floating" (then the UTC instants were computed in the
    /// calendar's X-WR-TIMEZONE or the user's home zone).
    std::string timezone;
    /// The zone the instants were computed in: the IANA zone, "UTC", or for floating times the
    /// calendar's or the home zone. Use it to show local times.
    std::string display_zone;
    std::string status;       ///< "confirmed", "tentative", or "" (cancelled occurrences are dropped)
    bool transparent = false; ///< TRANSP:TRANSPARENT, or declined by the user: free time
    bool declined = false;    ///< the user is an ATTENDEE with PARTSTAT=DECLINED
    EventKind kind = EventKind::Other;
    std::string organizer;              ///< email, "mailto:" removed
    std::vector<std::string> attendees; ///< emails, "mailto:" removed
    std::optional<GeoPoint> geo;        ///< the GEO property
    std::string producer;               ///< PRODID of the calendar it came from
    std::string source;                 ///< "file:line" of its BEGIN:VEVENT
};

} // namespace sidetrip::calendar
