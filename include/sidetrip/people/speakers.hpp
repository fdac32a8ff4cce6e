#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::people {

/// The pattern of a conference schedule that named a speaker.
enum class SpeakerRule {
    DescriptionLabel, ///< a description line "Speaker: Ana Cruz" / "Speakers: Ana Cruz, Ben Ong" /
                      ///< "Presenters: ..."
    DescriptionBy,    ///< a description line "By Ana Cruz and Ben Ong" / "Presented by Ana Cruz"
    TitleLabel,       ///< "Keynote: Van Lindberg, PSF Chair"
    TitleTalkBy,      ///< "Python's Infamous GIL (talk by Larry Hastings)"
    TitleDash, ///< "Optional bifurcated attitude - Martin Baker" (pretalx: "Title - Ana Cruz, Ben Ong")
    TitlePipe, ///< "Talk title | Speaker One & Speaker Two"
};

/// "title \"Title - Name\"", ...: the rule as a person reads it.
std::string_view to_string(SpeakerRule rule);

/// A speaker named by a session of a schedule, and the rule that found the name.
struct SpeakerName {
    std::string name;
    SpeakerRule rule = SpeakerRule::DescriptionLabel;
};

/**
 * The speakers a session names in its title (`summary`) or in lines of its description, in the
 * order found, each name once. Strict: a name must look like a person's (see
 * looks_like_person_name()), so that a title's words ("Keynote", "Introduction") or a first name
 * alone are never taken for a speaker. Does not throw.
 */
std::vector<SpeakerName> speakers_in_session(std::string_view summary, std::string_view description);

/**
 * True for text that looks like one person's name: 2 to 4 words, each capitalised (an initial
 * "J." or a particle "van", "de", "dos" between them is allowed), letters with inner hyphens and
 * apostrophes only, no word in capitals (an acronym: "PSF", "GIL"), and no word that names a kind
 * of session, a role or an organisation ("Keynote", "Panel", "Chair", "University") or that is
 * English grammar ("The", "Of", "Your").
 */
bool looks_like_person_name(std::string_view text);

} // namespace sidetrip::people
