#include "sidetrip/geo/online_geocoder.hpp"

#include "detail/geocode_cache.hpp"
#include "detail/request_throttle.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/geodesic.hpp"
#include "sidetrip/net/http.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#ifndef SIDETRIP_VERSION
#define SIDETRIP_VERSION "unknown"
#endif

namespace sidetrip::geo {

namespace {

using std::chrono::days;
using std::chrono::seconds;

// Found places rarely move; a text nobody could find may be mapped next month.
constexpr seconds MaxAgeFound = days{365};
constexpr seconds MaxAgeNotFound = days{30};

// Longer texts are notes pasted into an address field, not addresses: never sent.
constexpr std::size_t MaxQueryBytes = 400;

// A second candidate this far from the first, ranked almost as high, makes the first a guess.
constexpr double RivalMetres = 25000.0;

std::string percent_encoded(std::string_view s) {
    static constexpr char Hex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
            c == '_' || c == '.' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += Hex[c >> 4];
            out += Hex[c & 0x0F];
        }
    }
    return out;
}

std::string service_name(OnlineService service) {
    return service == OnlineService::Nominatim ? "Nominatim" : "Photon";
}

/// The base URL without a final '/', or the endpoint the user pasted ("/search", "/api").
std::string normalized_base_url(const OnlineGeocoderSettings& settings) {
    std::string url = settings.base_url.empty() ? std::string(default_base_url(settings.service))
                                                : std::string(text::trim(settings.base_url));
    if (!text::istarts_with(url, "http://") && !text::istarts_with(url, "https://")) {
        throw InputError("--geocoder " + std::string(to_string(settings.service)) + " " +
                         net::redact_url(url) +
                         ": not an http:// or https:// URL; give the base URL of the server, such as " +
                         std::string(default_base_url(settings.service)));
    }
    if (url.find_first_of("?#") != std::string::npos) {
        throw InputError("--geocoder " + std::string(to_string(settings.service)) + " " +
                         net::redact_url(url) +
                         ": give the server's base URL without a query; sidetrip adds the parameters itself");
    }
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    const std::string_view endpoint = settings.service == OnlineService::Nominatim ? "/search" : "/api";
    if (url.size() > endpoint.size() &&
        url.compare(url.size() - endpoint.size(), endpoint.size(), endpoint) == 0) {
        url.resize(url.size() - endpoint.size());
    }
    return url;
}

std::string user_agent(const std::string& contact) {
    // Nominatim's policy: an application-specific User-Agent; the contact lets its operators
    // reach the user instead of blocking them.
    std::string agent = "sidetrip/" SIDETRIP_VERSION " (personal trip planner";
    if (!contact.empty()) {
        agent += "; contact: " + contact;
    }
    return agent + ")";
}

} // namespace

std::string_view to_string(OnlineService service) {
    return service == OnlineService::Nominatim ? "nominatim" : "photon";
}

std::optional<OnlineService> parse_online_service(std::string_view name) {
    if (text::iequals(name, "nominatim")) {
        return OnlineService::Nominatim;
    }
    if (text::iequals(name, "photon")) {
        return OnlineService::Photon;
    }
    return std::nullopt;
}

std::string_view default_base_url(OnlineService service) {
    return service == OnlineService::Nominatim ? "https://nominatim.openstreetmap.org"
                                               : "https://photon.komoot.io";
}

struct OnlineGeocoder::Impl {
    OnlineGeocoderSettings settings;
    std::shared_ptr<const Gazetteer> gazetteer;
    std::string base_url;
    std::unique_ptr<net::HttpClient> client;
    std::unique_ptr<detail::RequestThrottle> throttle;
    std::unique_ptr<detail::GeocodeCache> cache;
    bool cache_opened = false;
    std::size_t lookups = 0;
    std::size_t used = 0;
    std::size_t capped = 0;

    void progress(double wait, const std::string& why, bool finished = false) const {
        if (settings.on_progress) {
            OnlineProgress p;
            p.lookups = finished ? lookups : lookups + 1;
            p.max_lookups = settings.max_lookups;
            p.wait_seconds = wait;
            p.why = why;
            p.finished = finished;
            settings.on_progress(p);
        }
    }

    std::filesystem::path folder() const {
        return settings.cache_directory.empty()
                   ? std::filesystem::path(net::cache_directory(settings.on_warning))
                   : settings.cache_directory;
    }

    detail::GeocodeCache* open_cache() {
        if (!cache_opened) {
            cache_opened = true;
            if (settings.persistent_cache) {
                cache = std::make_unique<detail::GeocodeCache>(folder() / "geocode.sqlite");
            }
        }
        return cache.get();
    }

    void prepare_network() {
        if (client) {
            return;
        }
        net::HttpOptions options;
        options.user_agent = user_agent(settings.contact);
        options.total_timeout = settings.timeout;
        options.connect_timeout = std::min(settings.timeout, std::chrono::milliseconds{10'000});
        options.max_body_bytes = 4u << 20; // a page of places is a few KiB
        options.max_attempts = std::max(1, settings.max_attempts);
        options.backoff_base = settings.retry_backoff.count() > 0
                                   ? settings.retry_backoff
                                   : std::chrono::milliseconds{static_cast<long long>(
                                         std::max(1.0, settings.min_interval_seconds) * 1000.0)};
        options.on_wait = [this](double wait, const std::string& why) { progress(wait, why); };
        options.on_warning = settings.on_warning;
        client = std::make_unique<net::HttpClient>(options);
        throttle = std::make_unique<detail::RequestThrottle>(
            folder() / ("geocoder-" + detail::throttle_key(base_url) + ".lock"),
            settings.min_interval_seconds,
            [this](double wait, const std::string& why) { progress(wait, why); });
    }

    std::string search_url(const std::string& text, const std::string& bias) const {
        const std::string limit = std::to_string(std::clamp(settings.result_limit, 1, 40));
        std::string url;
        if (settings.service == OnlineService::Nominatim) {
            url = base_url + "/search?q=" + percent_encoded(text) +
                  "&format=jsonv2&addressdetails=1&limit=" + limit;
            if (!bias.empty()) {
                url += "&countrycodes=" + text::ascii_lower(bias);
            }
            if (!settings.language.empty()) {
                url += "&accept-language=" + percent_encoded(settings.language);
            }
            if (!settings.contact.empty()) {
                url += "&email=" + percent_encoded(settings.contact);
            }
        } else {
            url = base_url + "/api?q=" + percent_encoded(text) + "&limit=" + limit;
            if (!settings.language.empty()) {
                url += "&lang=" + percent_encoded(settings.language);
            }
        }
        return url;
    }

    /// One request, rate-limited; the service's candidates.
    std::vector<GeocodeResult> fetch(const std::string& url) {
        prepare_network();
        const std::string name = service_name(settings.service);
        progress(0.0, "");
        net::HttpResponse response;
        try {
            throttle->run([&] {
                ++lookups;
                net::HttpRequest request;
                request.url = url;
                request.headers.emplace_back("Accept", "application/json");
                response = client->perform(request);
            });
        } catch (const ServiceError& e) {
            throw ServiceError(name + " (online geocoder): " + e.what());
        }
        progress(0.0, "", true);
        if (response.status == 403) {
            throw ServiceError(name + " at " + net::redact_url(url) +
                               " refused the request (HTTP 403); the public servers block clients that break "
                               "their usage policy: set your email with --geocoder-contact, keep "
                               "min_interval_seconds at 1 or more, or use your own instance");
        }
        if (response.status != 200) {
            throw ServiceError(
                name + " at " + net::redact_url(url) + " answered HTTP " + std::to_string(response.status) +
                "; check the URL given with --geocoder (or [geocoder] url), or try again later");
        }
        return settings.service == OnlineService::Nominatim ? parse_nominatim_response(response.body, url)
                                                            : parse_photon_response(response.body, url);
    }

    GeocodeResult not_found(const GeocodeRequest& request, std::string reason) const {
        GeocodeResult r;
        r.query = request.query;
        r.status = GeocodeStatus::NotFound;
        r.reason = std::move(reason);
        return r;
    }

    /// The query, country and time zone the caller sees, for an answer from the service or cache.
    void complete(GeocodeResult& r, const GeocodeRequest& request) const {
        r.query = request.query;
        if (r.status != GeocodeStatus::Ok) {
            return;
        }
        if (r.country.empty() || r.timezone.empty()) {
            const auto nearest = gazetteer->nearest_place(r.point);
            if (r.country.empty()) {
                r.country = std::string(nearest.place.country);
            }
            r.timezone = timezone_at(*gazetteer, r.point, nearest);
        }
    }

    GeocodeResult choose(std::vector<GeocodeResult>& candidates, const std::string& bias) const {
        std::size_t best = 0;
        if (settings.service == OnlineService::Photon && !bias.empty()) {
            // Photon has no country filter: prefer the first candidate in the bias country.
            for (std::size_t i = 0; i < candidates.size(); ++i) {
                if (candidates[i].country == bias) {
                    best = i;
                    break;
                }
            }
        }
        GeocodeResult chosen = candidates[best];
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            if (i != best && distance_m(candidates[i].point, chosen.point) > RivalMetres &&
                candidates[i].confidence >= chosen.confidence - 0.1) {
                chosen.confidence = std::max(0.05, std::round((chosen.confidence - 0.15) * 100.0) / 100.0);
                chosen.reason += " (another place of that name is elsewhere)";
                break;
            }
        }
        return chosen;
    }

    GeocodeResult geocode(const GeocodeRequest& request) {
        std::string why;
        if (is_not_a_place(request.query, &why)) {
            GeocodeResult r;
            r.query = request.query;
            r.status = GeocodeStatus::NotAPlace;
            r.reason = why;
            return r;
        }
        // An address field holds what people type: "door code 4821", a phone number, an e-mail
        // address. Those are the user's (or their friend's) and no part of the place: not sent.
        const std::string query = without_personal_details(text::trim(request.query));
        if (query.empty() || is_not_a_place(query, &why)) {
            GeocodeResult r;
            r.query = request.query;
            r.status = GeocodeStatus::NotAPlace;
            r.reason = "no place left once the phone numbers, e-mail addresses, links and codes are taken "
                       "out";
            return r;
        }
        if (query.size() > MaxQueryBytes) {
            return not_found(request, "too long to look up online (" + std::to_string(query.size()) +
                                          " bytes, at most " + std::to_string(MaxQueryBytes) +
                                          "); shorten the address to street, town and country");
        }
        const std::string bias = text::ascii_upper(request.country_bias);
        const detail::GeocodeCacheKey key{std::string(to_string(settings.service)), base_url, query, bias,
                                          settings.language};
        const auto now = std::chrono::time_point_cast<seconds>(std::chrono::system_clock::now());
        if (auto* c = open_cache()) {
            if (auto cached = c->find(key, now, MaxAgeFound, MaxAgeNotFound)) {
                complete(*cached, request);
                if (cached->status == GeocodeStatus::Ok) {
                    ++used;
                } else {
                    cached->reason += " (a cached answer; asked again after 30 days)";
                }
                return *cached;
            }
        }
        if (lookups >= settings.max_lookups) {
            ++capped;
            return not_found(request, "not looked up online: the limit of " +
                                          std::to_string(settings.max_lookups) +
                                          " online lookups per run was reached; raise it with "
                                          "--max-online-lookups N or [geocoder] max_lookups in the config "
                                          "file (answers found so far are cached: running again continues)");
        }
        auto candidates = fetch(search_url(query, bias));
        if (candidates.empty() && !bias.empty() && settings.service == OnlineService::Nominatim &&
            lookups < settings.max_lookups) {
            // countrycodes filters: a contact abroad is found only without it.
            candidates = fetch(search_url(query, ""));
        }
        GeocodeResult result;
        if (candidates.empty()) {
            result =
                not_found(request, service_name(settings.service) + " found no place for '" + query + "'");
        } else {
            result = choose(candidates, bias);
            complete(result, request);
            ++used;
        }
        if (auto* c = open_cache()) {
            c->store(key, result, now);
        }
        result.query = request.query;
        return result;
    }
};

OnlineGeocoder::OnlineGeocoder(OnlineGeocoderSettings settings, std::shared_ptr<const Gazetteer> gazetteer)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->base_url = normalized_base_url(settings);
    if (detail::public_server(m_impl->base_url)) {
        // The public servers' usage policies: one request a second at most, whatever the config says.
        settings.min_interval_seconds = std::max(settings.min_interval_seconds, 1.0);
    }
    m_impl->settings = std::move(settings);
    m_impl->gazetteer = std::move(gazetteer);
}

OnlineGeocoder::~OnlineGeocoder() = default;

GeocodeResult OnlineGeocoder::geocode(const GeocodeRequest& request) {
    return m_impl->geocode(request);
}

std::size_t OnlineGeocoder::lookups() const noexcept {
    return m_impl->lookups;
}

std::size_t OnlineGeocoder::results_used() const noexcept {
    return m_impl->used;
}

std::size_t OnlineGeocoder::capped() const noexcept {
    return m_impl->capped;
}

const OnlineGeocoderSettings& OnlineGeocoder::settings() const noexcept {
    return m_impl->settings;
}

const std::string& OnlineGeocoder::base_url() const noexcept {
    return m_impl->base_url;
}

} // namespace sidetrip::geo
