#pragma once

#include "sidetrip/people/attendee.hpp"
#include "sidetrip/people/contact.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::people {

/// An attendee recognised as one of the user's contacts.
struct AttendeeMatch {
    std::size_t attendee = 0; ///< index into the attendee list (its row)
    ContactId contact;
    double confidence = 0.0; ///< 0..1
    std::vector<std::string>
        evidence; ///< "same email", "same name and organisation", "nickname Bob/Robert", ...
};

struct MatchOptions {
    /// Matches at or above this are "known"; below it (and above a floor) they are "possible".
    double threshold = 0.8;
};

struct MatchResult {
    std::vector<AttendeeMatch> known;    ///< confident matches, at most one per attendee and per contact
    std::vector<AttendeeMatch> possible; ///< weaker ones, shown separately
    /// Human-readable notes where one contact fitted several attendees (or the reverse) and
    /// the tie could not be broken: never resolved silently.
    std::vector<std::string> ambiguities;
};

/**
 * Matches attendees to contacts. Evidence, strongest first: the same email (normalised: case;
 * Gmail dots and +suffixes), the same LinkedIn profile (normalised URL), the same name and
 * organisation, the same name alone, a fuzzy name (accents and case folded, "Last, First",
 * middle names and initials, honorifics and suffixes, nicknames, small typos, letters an export
 * dropped around accented ones: "Bjrn" for Björn) with a supporting organisation, city or email
 * local part. Organisations are compared without legal forms and a subsidiary's country, as
 * acronyms ("UP Diliman": University of the Philippines), and "Freelance" is "Self-employed".
 * Candidates are blocked by normalised keys: there is no all-pairs comparison.
 */
MatchResult match_attendees(const std::vector<Attendee>& attendees, const std::vector<Contact>& contacts,
                            const MatchOptions& options = {});

/// "john.doe+conf@GMail.com" -> "johndoe@gmail.com"; other domains: lower case only.
std::string normalize_email(std::string_view email);

/// "https://www.linkedin.com/in/Jane-Doe-12ab/?utm=x" -> "linkedin.com/in/jane-doe-12ab"; "" if not a
/// profile.
std::string normalize_linkedin(std::string_view url);

/// "The Acme Corp., Inc." -> "acme"; folded, legal forms and "the" removed, and the country of a
/// subsidiary ("Shopee Philippines" -> "shopee"); "Freelance", "Self-employed", "Independent"
/// -> "self employed".
std::string normalize_organization(std::string_view organization);

} // namespace sidetrip::people
