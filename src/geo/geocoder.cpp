#include "sidetrip/geo/geocoder.hpp"

#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <regex>

namespace sidetrip::geo {

std::string_view to_string(GeocodeStatus status) {
    switch (status) {
    case GeocodeStatus::Ok: return "ok";
    case GeocodeStatus::NotFound: return "not_found";
    case GeocodeStatus::NotAPlace: return "not_a_place";
    case GeocodeStatus::Partial: return "partial";
    }
    return "not_found";
}

GeocodeResult GeocoderChain::geocode(const GeocodeRequest& request) {
    GeocodeResult last;
    last.query = request.query;
    last.reason = "no geocoder is configured";
    // A partial answer (the region, the town unknown) is kept while the next geocoder may know
    // the town; it is the answer when none does.
    std::optional<GeocodeResult> partial;
    for (const auto& geocoder : m_geocoders) {
        GeocodeResult result = geocoder->geocode(request);
        if (result.status == GeocodeStatus::Partial) {
            if (!partial) {
                partial = std::move(result);
            }
            continue;
        }
        if (result.status != GeocodeStatus::NotFound) {
            return result;
        }
        last = std::move(result);
    }
    return partial ? *partial : last;
}

GeocodeResult MemoryCachedGeocoder::geocode(const GeocodeRequest& request) {
    // The raw text, not its folded form: capitals and commas change the answer ("MO" is a
    // state, "Mo" a town in Norway).
    auto key = std::make_pair(std::string(text::trim(request.query)), request.country_bias);
    auto it = m_answers.find(key);
    if (it != m_answers.end()) {
        ++m_hits;
        GeocodeResult result = it->second;
        result.query = request.query;
        return result;
    }
    GeocodeResult result = m_inner->geocode(request);
    m_answers.emplace(std::move(key), result);
    return result;
}

namespace {

bool looks_like_url(std::string_view s) {
    const std::string lower = text::ascii_lower(s);
    if (lower.find("://") != std::string::npos || lower.rfind("www.", 0) == 0 ||
        lower.rfind("mailto:", 0) == 0 || lower.rfind("tel:", 0) == 0) {
        return true;
    }
    // A bare host with a path: "zoom.us/j/123", "meet.google.com/abc-defg-hij".
    const auto slash = lower.find('/');
    const auto dot = lower.find('.');
    return dot != std::string::npos && slash != std::string::npos && dot < slash &&
           lower.find(' ') == std::string::npos;
}

bool looks_like_phone(std::string_view s) {
    int digits = 0;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')' && c != '.' && c != '/' &&
                   c != 'x') {
            return false;
        }
    }
    return digits >= 6;
}

} // namespace

bool is_not_a_place(std::string_view raw, std::string* why) {
    auto say = [&](const char* reason) {
        if (why != nullptr) {
            *why = reason;
        }
        return true;
    };
    const std::string_view trimmed = text::trim(raw);
    if (trimmed.empty()) {
        return say("empty location");
    }
    if (looks_like_url(trimmed)) {
        return say("a link, not a place");
    }
    if (looks_like_phone(trimmed)) {
        return say("a phone number, not a place");
    }
    const std::string folded = text::fold(trimmed);
    if (folded.empty()) {
        return say("no letters or digits");
    }
    // Whole-text placeholders and meeting apps.
    static const std::array<std::string_view, 34> whole = {"tbd",
                                                           "tba",
                                                           "tbc",
                                                           "to be determined",
                                                           "to be announced",
                                                           "to be confirmed",
                                                           "n a",
                                                           "na",
                                                           "none",
                                                           "online",
                                                           "virtual",
                                                           "remote",
                                                           "video call",
                                                           "call",
                                                           "phone",
                                                           "phone call",
                                                           "conference call",
                                                           "zoom",
                                                           "zoom meeting",
                                                           "zoom call",
                                                           "webex",
                                                           "skype",
                                                           "google meet",
                                                           "meet",
                                                           "hangouts",
                                                           "google hangouts",
                                                           "facetime",
                                                           "whatsapp",
                                                           "discord",
                                                           "slack",
                                                           "slack huddle",
                                                           "jitsi",
                                                           "gotomeeting",
                                                           "teams"};
    if (std::find(whole.begin(), whole.end(), folded) != whole.end()) {
        return say("a placeholder or meeting app, not a place");
    }
    // Producers' own phrasings: "Microsoft Teams Meeting", "Zoom Meeting ID: ...",
    // "Join Zoom Meeting https://...", "Google Meet (meet.google.com/...)".
    static const std::array<std::string_view, 9> prefixes = {
        "microsoft teams", "teams meeting", "zoom meeting",         "join zoom",     "google meet",
        "webex meeting",   "skype meeting", "join microsoft teams", "online meeting"};
    for (auto prefix : prefixes) {
        if (folded.rfind(prefix, 0) == 0) {
            return say("a meeting app, not a place");
        }
    }
    // Any text that names a video-call app ("Skype call", "Webex room 4"): no town is called so.
    static const std::array<std::string_view, 11> apps = {
        "zoom",  "skype",       "webex",     "hangouts", "facetime",   "whatsapp",
        "jitsi", "gotomeeting", "bluejeans", "whereby",  "gotowebinar"};
    for (auto word : text::split(folded, ' ')) {
        if (std::find(apps.begin(), apps.end(), word) != apps.end()) {
            return say("a meeting app, not a place");
        }
    }
    return false;
}

namespace {

/// Replaces each match of `pattern` for which `drop` says so by a space.
template <class Drop>
std::string remove_matches(const std::string& text, const std::regex& pattern, Drop drop) {
    std::string out;
    std::size_t done = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) {
        const auto& m = *it;
        if (!drop(m)) {
            continue;
        }
        out.append(text, done, static_cast<std::size_t>(m.position(0)) - done);
        out += ' ';
        done = static_cast<std::size_t>(m.position(0) + m.length(0));
    }
    return out + text.substr(done);
}

std::size_t digit_count(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

/// Spaces collapsed, empty comma-separated parts dropped, no separators at either end.
std::string tidy(std::string_view text) {
    std::string out;
    for (auto part : text::split(text, ',')) {
        std::string words;
        for (auto word : text::split(part, ' ')) {
            if (!text::trim(word).empty()) {
                words += (words.empty() ? "" : " ") + std::string(text::trim(word));
            }
        }
        // What a removed phrase leaves behind: "()" around it, ":" or "-" before it.
        for (const char* empty : {"( )", "()", "[ ]", "[]"}) {
            for (auto at = words.find(empty); at != std::string::npos; at = words.find(empty)) {
                words.erase(at, std::string_view(empty).size());
            }
        }
        const auto first = words.find_first_not_of(" ;:-/|");
        const auto last = words.find_last_not_of(" ;:-/|");
        if (first == std::string::npos) {
            continue;
        }
        words = words.substr(first, last - first + 1);
        out += (out.empty() ? "" : ", ") + words;
    }
    return out;
}

} // namespace

std::string without_personal_details(std::string_view raw) {
    static const std::regex link(R"((?:https?://|www\.)[^\s,;]+)", std::regex::icase);
    static const std::regex email(R"((?:mailto:)?[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)",
                                  std::regex::icase);
    // Group 1: a word before "code" that makes it an address part (postal code, ZIP code).
    static const std::regex code(
        "(\\b(?:postal|post|zip|postcode|area)\\s+)?"
        "\\b(?:(?:door|gate|entry|entrance|access|building|key|lobby|alarm|house|front|main)\\s*-?\\s*code|"
        "code|codes|pin|digicode|interphone|intercom|buzzer|buzz|bell|klingel|"
        "(?:haus)?t(?:\xc3\xbc|\xc3\x9c|ue|u)r-?code|torcode|eingangscode|"
        "code\\s+(?:porte|portail|d'entr(?:\xc3\xa9|e)e))"
        "\\s*(?:no\\.?|nr\\.?|number|is)?\\s*[:#=-]?\\s*[A-Za-z*#]?[0-9][0-9A-Za-z*#]*",
        std::regex::icase);
    static const std::regex labelled_phone(
        "\\b(?:tel|tél|phone|mobile|mob|cell|cellphone|fax|telefon|telephone|handy|whatsapp|call)\\.?"
        "\\s*(?:no\\.?|nr\\.?|number|#)?\\s*[:.]?\\s*\\+?[0-9][0-9 ()./-]{3,}[0-9]",
        std::regex::icase);
    static const std::regex phone(R"((?:\+|\b)[0-9(][0-9 ()./-]{6,}[0-9]\b)");
    static const std::regex zip_plus_four(R"(^\s*\d{5}-\d{4}\s*$)");
    static const std::regex coordinates(R"(^\s*-?\d{1,3}\.\d+[\s,]+-?\d{1,3}\.\d+\s*$)");

    std::string text(raw);
    const auto always = [](const std::smatch&) { return true; };
    text = remove_matches(text, link, always);
    text = remove_matches(text, email, always);
    text = remove_matches(text, labelled_phone, always);
    text = remove_matches(text, code, [](const std::smatch& m) { return !m[1].matched; });
    text = remove_matches(text, phone, [](const std::smatch& m) {
        const std::string found = m.str(0);
        const std::size_t digits = digit_count(found);
        if (std::regex_match(found, zip_plus_four) || std::regex_match(found, coordinates)) {
            return false;
        }
        return digits >= 8 || (found.front() == '+' && digits >= 7);
    });
    return tidy(text);
}

} // namespace sidetrip::geo
