#include "detail/text_encoding.hpp"

#include "detail/contact_fields.hpp"

#include "sidetrip/core/text.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace sidetrip::people::detail {

namespace {

/// How much text the detector sees: enough lines with accented letters for its statistics,
/// without handing it a whole 100 MB export.
constexpr std::size_t DetectorSampleBytes = 64 * 1024;

struct DetectorDeleter {
    void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};

struct ConverterDeleter {
    void operator()(UConverter* converter) const { ucnv_close(converter); }
};

bool has_high_byte(std::string_view line) {
    for (const char c : line) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return true;
        }
    }
    return false;
}

/// The lines with bytes above 127: ASCII lines say nothing about the code page and, in a file
/// with a few accented names among thousands of rows, would drown them.
std::string detector_sample(std::string_view bytes) {
    std::string sample;
    std::size_t start = 0;
    while (start < bytes.size() && sample.size() < DetectorSampleBytes) {
        auto end = bytes.find('\n', start);
        if (end == std::string_view::npos) {
            end = bytes.size();
        }
        const auto line = bytes.substr(start, end - start + (end < bytes.size() ? 1 : 0));
        if (has_high_byte(line)) {
            sample.append(line);
        }
        start = end + 1;
    }
    return sample;
}

/// True when the text is UTF-8 with a few broken bytes (a corrupted export, a file joined from
/// two) rather than a legacy code page: it has more well-formed multi-byte sequences than bytes
/// that are not. Decoding it as a code page would garble every accented letter that is right.
bool mostly_utf8(std::string_view bytes) {
    std::size_t sequences = 0;
    std::size_t invalid = 0;
    for (std::size_t i = 0; i < bytes.size();) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = text::utf8_sequence_length(bytes, i);
        if (length == 0) {
            ++invalid;
            ++i;
        } else {
            ++sequences;
            i += length;
        }
    }
    return sequences > invalid;
}

/// The text without vCard folds (a line break and a space or tab): a fold may fall inside a
/// UTF-8 sequence, which is then whole again once the reader unfolds it.
std::string unfolded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t next = i;
        if (text[next] == '\r' && next + 1 < text.size() && text[next + 1] == '\n') {
            ++next;
        }
        if (text[next] == '\n' && next + 1 < text.size() &&
            (text[next + 1] == ' ' || text[next + 1] == '\t')) {
            i = next + 1;
            continue;
        }
        out += text[i];
    }
    return out;
}

/// The single- and multi-byte encodings of ICU's detector whose bytes below 128 are ASCII.
bool is_ascii_compatible(std::string_view name) {
    return text::istarts_with(name, "windows-") || text::istarts_with(name, "ISO-8859-") ||
           text::iequals(name, "KOI8-R") || text::iequals(name, "Shift_JIS") ||
           text::iequals(name, "EUC-JP") || text::iequals(name, "EUC-KR") || text::iequals(name, "GB18030") ||
           text::iequals(name, "Big5");
}

bool is_latin1_name(std::string_view name) {
    return text::iequals(name, "ISO-8859-1") || text::iequals(name, "latin1") ||
           text::iequals(name, "iso8859-1") || text::iequals(name, "latin-1");
}

} // namespace

CharsetGuess guess_charset(std::string_view bytes) {
    CharsetGuess guess{"windows-1252", 0};
    const std::string sample = detector_sample(bytes);
    if (sample.empty()) {
        return guess;
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, DetectorDeleter> detector(ucsdet_open(&status));
    if (U_FAILURE(status)) {
        return guess;
    }
    ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
    int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
    if (U_FAILURE(status) || matches == nullptr) {
        return guess;
    }
    // The matches that keep ASCII as ASCII, best first: the detector also offers UTF-16 and
    // EBCDIC for a few bytes, which would turn the header row into other letters.
    struct Candidate {
        std::string name;
        int confidence;
    };
    std::vector<Candidate> candidates;
    for (int32_t i = 0; i < count; ++i) {
        const char* name = ucsdet_getName(matches[i], &status);
        const int32_t confidence = ucsdet_getConfidence(matches[i], &status);
        if (U_SUCCESS(status) && name != nullptr && is_ascii_compatible(name)) {
            candidates.push_back({is_latin1_name(name) ? std::string("windows-1252") : std::string(name),
                                  static_cast<int>(confidence)});
        }
    }
    if (candidates.empty()) {
        return guess;
    }
    // A tie with Windows-1252 goes to it: what Windows writes in Western Europe and the Americas.
    std::size_t best = 0;
    for (std::size_t i = 1; i < candidates.size() && candidates[i].confidence == candidates[0].confidence;
         ++i) {
        if (candidates[i].name == "windows-1252") {
            best = i;
        }
    }
    guess.name = candidates[best].name;
    guess.confidence = candidates[best].confidence;
    // Names are not running text, and the detector's confidence in them stays low even for a
    // large file: a guess far ahead of the next one counts as sure too.
    int runner_up = 0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (candidates[i].name != guess.name) { // ISO-8859-1 and Windows-1252 are one guess
            runner_up = std::max(runner_up, candidates[i].confidence);
        }
    }
    guess.sure = guess.confidence >= MinCharsetConfidence || guess.confidence >= 2 * runner_up;
    return guess;
}

std::optional<std::string> convert_to_utf8(std::string_view bytes, std::string_view charset) {
    const std::string name = is_latin1_name(charset) ? std::string("windows-1252") : std::string(charset);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterDeleter> converter(ucnv_open(name.c_str(), &status));
    if (U_FAILURE(status)) {
        return std::nullopt;
    }
    // Stop at a byte the code page does not define, rather than put U+FFFD in a name silently.
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    if (U_FAILURE(status)) {
        return std::nullopt;
    }
    const icu::UnicodeString unicode(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(),
                                     status);
    if (U_FAILURE(status)) {
        return std::nullopt;
    }
    std::string out;
    unicode.toUTF8String(out);
    return out;
}

std::string_view decode_legacy_text(std::string_view text, std::string& storage,
                                    const std::string& source_name, Diagnostics& diagnostics) {
    if (text::is_valid_utf8(text) || mostly_utf8(unfolded(text))) {
        return text; // a broken byte is then dropped by the reader, with a warning naming its field
    }
    const CharsetGuess guess = guess_charset(text);
    if (auto converted = convert_to_utf8(text, guess.name)) {
        storage = std::move(*converted);
        if (!guess.sure) {
            diagnostics.warn(source_name, 0,
                             "the file is not UTF-8 and does not say its encoding; read as " + guess.name +
                                 " (a guess: if names look wrong, save the file as UTF-8)");
        }
        return storage;
    }
    // Windows-1252 with the five bytes it leaves undefined read as ISO-8859-1: every byte is kept.
    storage = latin1_to_utf8(text, true);
    diagnostics.warn(source_name, 0,
                     "the file is not UTF-8, and not valid " + guess.name +
                         " either (the encoding it looks most like); read as windows-1252 (if names look "
                         "wrong, save the file as UTF-8)");
    return storage;
}

} // namespace sidetrip::people::detail
