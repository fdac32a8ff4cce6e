#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::geo::detail {

/// One word of a place text, as written and folded.
struct QueryToken {
    std::string original; ///< the written word it came from ("Lapu-Lapu" gives "lapu" and "lapu")
    std::string folded;   ///< one folded word
    bool code = false;    ///< 2-3 capital letters: "MO", "MNL", "NCR"
    bool number = false;  ///< has a digit: a postal code, house or room number
    bool street = false;  ///< a street or building word: "Ave", "Bldg", "Room", "...strasse"
    /// Part of a station's, terminal's or venue's name: "Hauptbahnhof", "Terminal", and the
    /// words after "Gare de" or "Porte de" (the Gare de Lyon is in Paris). Never the place
    /// itself, nor context for it; the city is the other words or the other parts.
    bool venue = false;
};

/// A comma-separated part of a place text.
struct QuerySegment {
    std::string original;
    std::vector<QueryToken> tokens;
    bool street_like = false; ///< holds a street word: an address line, not a place name
    bool has_venue = false;   ///< holds a venue word (see QueryToken::venue)
    /// The folded words without numbers, joined by single spaces.
    std::string phrase() const { return phrase(0, tokens.size()); }
    /// Folded words [first, last) without numbers.
    std::string phrase(std::size_t first, std::size_t last) const;
    /// True when [first, last) is one code token.
    bool is_code(std::size_t first, std::size_t last) const;
};

/// Splits on commas, semicolons, line breaks and " | "; drops empty segments.
std::vector<QuerySegment> split_place_text(std::string_view text);

} // namespace sidetrip::geo::detail
