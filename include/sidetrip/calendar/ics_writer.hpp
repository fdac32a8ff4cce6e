#pragma once

#include "sidetrip/calendar/occurrence.hpp"

#include <string>
#include <vector>

namespace sidetrip::calendar {

/// What goes into a written calendar.
struct IcsWriteOptions {
    std::string prodid = "-//sidetrip//sidetrip//EN";
    std::string calendar_name; ///< X-WR-CALNAME when not empty
    /// DTSTAMP of every event; fixed by tests for byte-stable output, "now" by default.
    std::optional<std::chrono::sys_seconds> stamp;
};

/**
 * An RFC 5545 calendar holding one VEVENT per occurrence: DTSTART/DTEND with TZID in the
 * occurrence's zone (VALUE=DATE for all-day, UTC for "UTC", floating for "floating"), a
 * VTIMEZONE for every zone used, UID (kept, or derived stably from the content when empty),
 * RECURRENCE-ID when set, DTSTAMP, SUMMARY, LOCATION, DESCRIPTION, URL, CATEGORIES, STATUS,
 * TRANSP, GEO; text escaped, lines folded at 75 octets without splitting a UTF-8 character,
 * CRLF line ends.
 */
std::string write_ics(const std::vector<Occurrence>& occurrences, const IcsWriteOptions& options = {});

} // namespace sidetrip::calendar
