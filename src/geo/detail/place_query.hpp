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
};

/// A comma-separated part of a place text.
struct QuerySegment {
    std::string original;
    std::vector<QueryToken> tokens;
    bool street_like = false; ///< holds a street word: an address line, not a place name
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
