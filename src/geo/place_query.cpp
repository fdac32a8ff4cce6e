#include "detail/place_query.hpp"

#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <array>

namespace sidetrip::geo::detail {

namespace {

bool is_street_word(const std::string& folded, bool first_in_segment) {
    static const std::array<std::string_view, 44> words = {
        "ave",         "avenue",  "av",       "avda",      "street",  "str",   "road",        "rd",
        "boulevard",   "blvd",    "highway",  "hwy",       "parkway", "pkwy",  "drive",       "lane",
        "ln",          "bldg",    "building", "tower",     "floor",   "flr",   "unit",        "room",
        "rm",          "suite",   "corner",   "cor",       "purok",   "sitio", "subdivision", "subd",
        "condominium", "condo",   "apt",      "apartment", "po box",  "box",   "calle",       "rue",
        "via",         "strasse", "straat",   "expressway"};
    if (std::find(words.begin(), words.end(), folded) != words.end()) {
        return true;
    }
    // "St" starts "St. Louis" but ends "Main St"; "Dr" likewise.
    if (!first_in_segment && (folded == "st" || folded == "dr")) {
        return true;
    }
    for (std::string_view suffix : {"strasse", "straat", "gasse", "weg"}) {
        if (folded.size() > suffix.size() + 2 &&
            folded.compare(folded.size() - suffix.size(), suffix.size(), suffix) == 0) {
            return true;
        }
    }
    return false;
}

/// Words that name a station, terminal or venue rather than a place: "Frankfurt Hauptbahnhof"
/// is in Frankfurt, not in the Braunschweig district called Hauptbahnhof.
bool is_venue_word(const std::string& folded) {
    static const std::array<std::string_view, 17> words = {
        "hauptbahnhof", "hbf",        "bahnhof",    "gare",     "station", "terminal",
        "airport",      "flughafen",  "stazione",   "estacion", "estacao", "centraal",
        "terminus",     "convention", "exhibition", "messe",    "porte"};
    return std::find(words.begin(), words.end(), folded) != words.end();
}

// Unicode spaces pasted addresses carry (no-break, thin, ideographic) as plain spaces.
std::string plain_spaces(std::string_view raw) {
    static const std::array<std::string_view, 6> spaces = {"\xC2\xA0",     "\xE2\x80\xAF", "\xE2\x80\x89",
                                                           "\xE2\x80\x8B", "\xE3\x80\x80", "\xE2\x80\x82"};
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size();) {
        const auto match = std::find_if(spaces.begin(), spaces.end(), [&](std::string_view space) {
            return raw.substr(i).starts_with(space);
        });
        if (match != spaces.end()) {
            out += ' ';
            i += match->size();
        } else {
            out += raw[i++];
        }
    }
    return out;
}

QuerySegment make_segment(std::string_view raw) {
    QuerySegment segment;
    segment.original = std::string(text::trim(plain_spaces(raw)));
    std::size_t pos = 0;
    const std::string& s = segment.original;
    while (pos < s.size()) {
        while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) {
            ++pos;
        }
        std::size_t end = pos;
        while (end < s.size() && s[end] != ' ' && s[end] != '\t') {
            ++end;
        }
        if (end > pos) {
            const std::string original = s.substr(pos, end - pos);
            std::string bare = original;
            while (!bare.empty() && (bare.back() == '.' || bare.back() == ')' || bare.back() == ':')) {
                bare.pop_back();
            }
            const bool code =
                bare.size() >= 2 && bare.size() <= 3 &&
                std::all_of(bare.begin(), bare.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
            // One written word may fold to several ("Makati-1200" to "makati 1200"): each is a
            // token, so that the number drops out and the name stays.
            const std::string folded = text::fold(original);
            for (auto word : text::split(folded, ' ')) {
                if (word.empty()) {
                    continue;
                }
                QueryToken token;
                token.original = original;
                token.folded = std::string(word);
                token.code = code;
                token.number =
                    std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
                token.street = is_street_word(token.folded, segment.tokens.empty());
                segment.street_like = segment.street_like || token.street;
                // "Gare de Lyon", "Porte de Versailles", "Gare du Nord": the words after the
                // preposition name the venue, not where it is.
                const std::size_t n = segment.tokens.size();
                const auto& previous = n >= 1 ? segment.tokens[n - 1] : token;
                const bool preposition = previous.folded == "de" || previous.folded == "du" ||
                                         previous.folded == "des" || previous.folded == "d" ||
                                         previous.folded == "la" || previous.folded == "l";
                const bool after_gate = n >= 1 && (previous.folded == "gare" || previous.folded == "porte" ||
                                                   (preposition && previous.venue));
                token.venue = is_venue_word(token.folded) || after_gate;
                segment.has_venue = segment.has_venue || token.venue;
                segment.tokens.push_back(std::move(token));
            }
        }
        pos = end;
    }
    return segment;
}

} // namespace

std::string QuerySegment::phrase(std::size_t first, std::size_t last) const {
    std::string out;
    for (std::size_t i = first; i < last && i < tokens.size(); ++i) {
        if (tokens[i].number) {
            continue;
        }
        if (!out.empty()) {
            out += ' ';
        }
        out += tokens[i].folded;
    }
    return out;
}

bool QuerySegment::is_code(std::size_t first, std::size_t last) const {
    std::size_t words = 0;
    bool code = false;
    for (std::size_t i = first; i < last && i < tokens.size(); ++i) {
        if (tokens[i].number) {
            continue;
        }
        ++words;
        code = tokens[i].code;
    }
    return words == 1 && code;
}

std::vector<QuerySegment> split_place_text(std::string_view text) {
    // Bounds that keep a pasted essay or a hostile LOCATION cheap: a place's name and its
    // context sit at the end of an address, so the end is what is kept.
    constexpr std::size_t MaxBytes = 1024;
    constexpr std::size_t MaxSegments = 12;
    constexpr std::size_t MaxTokens = 10;
    if (text.size() > MaxBytes) {
        text = text.substr(text.size() - MaxBytes);
    }
    // [begin, end) of each part between separators.
    std::vector<std::pair<std::size_t, std::size_t>> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const char c = i < text.size() ? text[i] : ',';
        if (c == ',' || c == ';' || c == '\n' || c == '\r' || c == '|') {
            // ISO 3166 writes some countries inverted: "Korea, Republic of", "Congo, Republic
            // of the", "Iran, Islamic Republic of", "Taiwan, Province of China", "Virgin
            // Islands, U.S.". A part that ends in "of" or "of the" (or is one of those) is the
            // rest of the part before it, not a place of its own.
            const std::string folded = text::fold(text::trim(text.substr(start, i - start)));
            const bool after_comma = !parts.empty() && text[parts.back().second] == ',';
            const bool virgin_islands =
                after_comma && text::fold(text::trim(text.substr(parts.back().first,
                                                                 parts.back().second - parts.back().first)))
                                   .ends_with("virgin islands");
            const bool completes =
                after_comma && (folded.ends_with(" of") || folded.ends_with(" of the") ||
                                folded.starts_with("province of ") ||
                                (virgin_islands && (folded == "british" || folded == "u s")));
            if (completes) {
                parts.back().second = i;
            } else {
                parts.emplace_back(start, i);
            }
            start = i + 1;
        }
    }
    std::vector<QuerySegment> segments;
    for (const auto& [begin, end] : parts) {
        auto segment = make_segment(text.substr(begin, end - begin));
        if (!segment.phrase().empty()) {
            segments.push_back(std::move(segment));
        }
    }
    if (segments.size() > MaxSegments) {
        segments.erase(segments.begin(), segments.end() - MaxSegments);
    }
    for (auto& segment : segments) {
        if (segment.tokens.size() > MaxTokens) {
            segment.tokens.erase(segment.tokens.begin(), segment.tokens.end() - MaxTokens);
        }
    }
    return segments;
}

} // namespace sidetrip::geo::detail
