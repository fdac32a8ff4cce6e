#pragma once

#include "sidetrip/plan/planner.hpp"

#include <string>
#include <string_view>

namespace sidetrip::report {

/**
 * The itinerary as Markdown (CommonMark; GitHub and most editors render it): per trip, per day a
 * timeline (fixed commitments and suggested meetups in time order, local times in the day's
 * zone), each meetup's reasons, then near misses, video-call suggestions and introductions, then
 * the unscheduled contacts with reasons. User text (names, summaries, places) is escaped so that
 * it reads as written. See docs/reports.md.
 * @throws InputError when a zone in the plan is unknown to the system's tzdata.
 */
std::string itinerary_markdown(const plan::Plan& plan);

/**
 * The same as one self-contained HTML5 page: inline CSS, no scripts, no external resources
 * (nothing is fetched when it is opened, so nothing about the contacts leaves the machine), laid
 * out to be read on screen and printed. Every text is HTML-escaped. See docs/reports.md.
 * @throws InputError when a zone in the plan is unknown to the system's tzdata.
 */
std::string itinerary_html(const plan::Plan& plan, const std::string& title = "sidetrip itinerary");

/**
 * Text for the inside of a Markdown paragraph, list item or heading that renders as written:
 * the characters CommonMark and GitHub tables give a meaning inline (\ ` * _ [ ] < > | ~ & #)
 * are backslash-escaped; line breaks and other control characters become spaces; invalid UTF-8
 * becomes U+FFFD.
 */
std::string escape_markdown(std::string_view text);

/**
 * Text for HTML element content or a quoted attribute value: & < > " ' as character
 * references; control characters other than tab and line feed become spaces (HTML forbids
 * them); invalid UTF-8 becomes U+FFFD.
 */
std::string escape_html(std::string_view text);

} // namespace sidetrip::report
