#pragma once

#include "sidetrip/calendar/occurrence.hpp"
#include "sidetrip/core/date.hpp"
#include "sidetrip/people/contact.hpp"
#include "sidetrip/plan/settings.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sidetrip::plan {

/// What meeting a contact is worth, and the reasons a person would give.
struct ContactValue {
    double value = 0.0;
    std::vector<std::string> reasons;
};

/// A past meeting with a contact, found in the calendar.
struct PastMeeting {
    Date date; ///< the local date in the event's own zone (an all-day event's first day)
    /// What it was, for the reasons: "dinner", "lunch", "breakfast", "brunch", "coffee",
    /// "drinks", "a call" (virtual), or "a meeting".
    std::string what;
    std::string summary; ///< the event's SUMMARY, to show where the date came from
};

/// What the calendar's past says of one contact.
struct ContactHistory {
    std::optional<PastMeeting> last_in_person; ///< the last event met in person (not virtual)
    std::optional<PastMeeting> last_contact;   ///< the last event of any kind, virtual included
};

/**
 * The history of each contact (same order as `contacts`) from the events before `today`: an
 * event counts for a contact when one of its attendees has one of the contact's emails, or when
 * its summary names the contact and that name points to one contact only ("Dinner with
 * Marcus", "Coffee w/ Ana R.", "Lunch: Ben + Carla", "Catch-up w/ Dr. Ana Reyes"; the rules are
 * in docs/planner.md, "History from the calendar"). Declined events, and sidetrip's own
 * suggestions still tentative, do not count; virtual ones are contact, not meetings in person.
 * The names of all contacts are indexed once; each event looks up only its own few words.
 */
std::vector<ContactHistory> history_from_calendar(const std::vector<calendar::Occurrence>& occurrences,
                                                  const std::vector<const people::Contact*>& contacts,
                                                  const Date& today);

/**
 * The value of meeting a contact (docs/planner.md): tie strength, how overdue against the
 * cadence (the contact's, its tags', or the default), never met in person, the user's
 * priority. The calendar's `history` overrides the contact's own last-met date when not
 * earlier, and then the reason says which event it was: "last met in person 22 months ago, at
 * dinner on 10 June 2025 (you want every 4 months)".
 */
ContactValue contact_value(const people::Contact& contact, const PlannerSettings& settings,
                           const ContactHistory& history = {});

} // namespace sidetrip::plan
