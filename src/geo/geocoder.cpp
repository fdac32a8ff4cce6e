#include "sidetrip/geo/geocoder.hpp"

#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <array>

namespace sidetrip::geo {

std::string_view to_string(GeocodeStatus status) {
    switch (status) {
    case GeocodeStatus::Ok: return "ok";
    case GeocodeStatus::NotFound: return "not_found";
    case GeocodeStatus::NotAPlace: return "not_a_place";
    }
    return "not_found";
}

GeocodeResult GeocoderChain::geocode(const GeocodeRequest& request) {
    GeocodeResult last;
    last.query = request.query;
    last.reason = "no geocoder is configured";
    for (const auto& geocoder : m_geocoders) {
        GeocodeResult result = geocoder->geocode(request);
        if (result.status != GeocodeStatus::NotFound) {
            return result;
        }
        last = std::move(result);
    }
    return last;
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

} // namespace sidetrip::geo
