#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::text {

/**
 * The key two spellings of one name share: case folded, accents removed ("München" and
 * "MUNCHEN" both give "munchen"), letters without a decomposition mapped by hand (ø, ł, æ, ß),
 * punctuation turned into single spaces, and apostrophes dropped ("O'Hare" gives "ohare").
 * Invalid UTF-8 bytes are skipped.
 */
std::string fold(std::string_view utf8);

/// Trims ASCII white space at both ends.
std::string_view trim(std::string_view s);

/// Splits on a single character; keeps empty fields.
std::vector<std::string_view> split(std::string_view s, char separator);

/// ASCII lower case (for keywords and codes, not for names: use fold()).
std::string ascii_lower(std::string_view s);

/// ASCII upper case (property names, country codes).
std::string ascii_upper(std::string_view s);

/// True when s starts with prefix, ignoring ASCII case.
bool istarts_with(std::string_view s, std::string_view prefix);

/// True when a and b are equal, ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);

/// Length of the valid UTF-8 sequence starting at s[i] (1 to 4), or 0 when the bytes there are
/// not one: overlong forms, surrogates and code points above U+10FFFF included.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

/// True when the bytes are valid UTF-8.
bool is_valid_utf8(std::string_view s);

} // namespace sidetrip::text
