#pragma once

#include "sidetrip/calendar/occurrence.hpp"

namespace sidetrip::calendar {

/**
 * What kind of event an occurrence is, from its summary, location, description, URL,
 * categories, producer (PRODID), organizer/attendees and all-day span. Rules are tried from the
 * most specific to the least and the first match wins: a conference scheduler's calendar
 * (pretalx, frab, Sched, Indico), flight (an airline code "PR 2810"/"5J560" or an airport route
 * "MNL to CEB", both in capitals, or "Flight ..." without meeting words), lodging (TripIt's
 * "Check-in: ...", "Lodging: ...", Google's "Stay at ...", Airbnb/Booking.com), ground transport
 * ("Train to ...", "Grab to ...", "Airport transfer"), a hotel name with nothing else happening,
 * virtual (Zoom/Teams/Meet/Webex location or link, unless a physical place is named too), personal
 * categories, conference ("Keynote", "Summit", "PyCon", a multi-day all-day "EuroPython 2024", an
 * all-day event at a convention centre or a multi-day "... Week" at a place, whatever its TRANSP),
 * personal words ("Birthday", "Dentist", "Pick up kids"), meeting (organizer, attendees or a
 * meeting word), other. Deterministic; the rules, their order and their false-positive guards
 * are documented in docs/calendar.md, "How events are classified".
 */
EventKind classify(const Occurrence& occurrence);

} // namespace sidetrip::calendar
