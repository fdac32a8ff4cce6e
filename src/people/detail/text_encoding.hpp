#pragma once

// Files in legacy code pages (Windows-1252 from classic Outlook, Windows-1250, Shift_JIS, ...):
// what they are written in and their text as UTF-8, through ICU. Private to the people module.

#include "sidetrip/core/diagnostics.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace sidetrip::people::detail {

/// The confidence (0..100) from which ICU's charset detector is believed without a warning
/// (also when it is twice that of the next candidate): below it, the guess is used but named in
/// a warning, since a wrong code page changes letters.
inline constexpr int MinCharsetConfidence = 50;

/// An encoding guessed for bytes that are not UTF-8.
struct CharsetGuess {
    std::string name;   ///< ICU's name: "windows-1252", "ISO-8859-2", "Shift_JIS"
    int confidence = 0; ///< 0..100, as ICU's detector reports it
    bool sure = false;  ///< at least MinCharsetConfidence, or twice the next candidate's
};

/**
 * The encoding ICU's charset detector finds for `bytes` (judged from the lines that have bytes
 * above 127), among those that keep ASCII as ASCII (not UTF-16 or EBCDIC). ISO-8859-1 is reported as
 * windows-1252, its superset, which is what files that say ISO-8859-1 are written in in practice.
 * windows-1252 with confidence 0 when ICU finds nothing.
 */
CharsetGuess guess_charset(std::string_view bytes);

/**
 * `bytes` in the encoding `charset` (any name ICU knows) as UTF-8; nullopt when ICU does not
 * know the encoding or the bytes are not valid in it.
 */
std::optional<std::string> convert_to_utf8(std::string_view bytes, std::string_view charset);

/**
 * The text of a whole file as UTF-8. Valid UTF-8, or UTF-8 with a few broken bytes (more
 * well-formed multi-byte sequences than bytes that are not), is returned as it is (the result
 * views `text`).
 * Anything else does not say its encoding: it is decoded in the one ICU's detector finds, into
 * `storage`, with a warning naming the file and the encoding when the detector is not sure or the bytes are
 * not valid in it (then read as windows-1252, which maps every byte: no letter is dropped).
 */
std::string_view decode_legacy_text(std::string_view text, std::string& storage,
                                    const std::string& source_name, Diagnostics& diagnostics);

} // namespace sidetrip::people::detail
