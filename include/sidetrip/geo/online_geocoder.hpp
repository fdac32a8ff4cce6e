#pragma once

#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/geo/geocoder.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::geo {

/// The online services sidetrip can ask (both serve OpenStreetMap data).
enum class OnlineService { Nominatim, Photon };

/// "nominatim" or "photon".
std::string_view to_string(OnlineService service);

/// The service of that name (any case), nullopt for any other word.
std::optional<OnlineService> parse_online_service(std::string_view name);

/// https://nominatim.openstreetmap.org or https://photon.komoot.io.
std::string_view default_base_url(OnlineService service);

/// What every answer built from OpenStreetMap data must show (ODbL, the services' terms).
inline constexpr std::string_view OpenStreetMapAttribution = "\u00a9 OpenStreetMap contributors";

/// Where the attribution points to.
inline constexpr std::string_view OpenStreetMapCopyrightUrl = "https://www.openstreetmap.org/copyright";

/// Where an online lookup stands, for a progress line: the count, the cap, and a wait (if any).
struct OnlineProgress {
    std::size_t lookups = 0;     ///< requests sent to the service in this run so far
    std::size_t max_lookups = 0; ///< the per-run cap
    double wait_seconds = 0.0;   ///< about to wait this long (0: not waiting)
    std::string why;             ///< why the wait: "rate limit", "another sidetrip is asking", "HTTP 429"...
    bool finished = false;       ///< the lookup is done (the line may be cleared)
};

/// How an OnlineGeocoder talks to its service. Defaults follow Nominatim's usage policy.
struct OnlineGeocoderSettings {
    OnlineService service = OnlineService::Nominatim;
    std::string base_url; ///< empty: default_base_url(service); a user's own instance otherwise
    /// An email address the operators can reach the user at: sent in the User-Agent and, to
    /// Nominatim, as the `email` parameter (its policy asks for one on bulk use). May be empty.
    std::string contact;
    std::string language = "en";       ///< accept-language (Nominatim) / lang (Photon); empty: not sent
    std::size_t max_lookups = 50;      ///< requests per run (per object); past it: NotFound with a reason
    double min_interval_seconds = 1.0; ///< between requests to one host, across all processes
    int result_limit = 5;              ///< how many candidates to ask for (the first wins, the rest judge it)
    /// Folder of the lock file and of geocode.sqlite; empty: net::cache_directory().
    std::filesystem::path cache_directory;
    bool persistent_cache = true;              ///< false: no geocode.sqlite (each run asks again)
    std::chrono::milliseconds timeout{30'000}; ///< per attempt
    int max_attempts = 3;                      ///< for 429, 5xx, timeouts (the HTTP client retries)
    /// First retry waits about this long (jittered, Retry-After honoured); 0: max(1 s, interval).
    std::chrono::milliseconds retry_backoff{0};
    /// Called when a lookup starts, before each wait, and when it ends. May be empty.
    std::function<void(const OnlineProgress&)> on_progress;
    /// Told what the user should know (a ~/.netrc others can read, a cache folder tightened). May be empty.
    std::function<void(const std::string&)> on_warning;
};

/**
 * Geocoding with Nominatim (/search, format=jsonv2) or Photon (/api, GeoJSON), for texts the
 * offline gazetteer cannot resolve.
 *
 * Only the place text of a request (and its country bias and the language) ever leaves the
 * machine. Texts that are no place (is_not_a_place) are never sent. Requests to one host are at
 * least `min_interval_seconds` apart across every sidetrip process of the user: a lock file
 * `geocoder-HOST.lock` in the cache folder holds the time of the last request and is taken
 * with flock() while waiting and sending. Answers, positive and negative, are kept in the
 * SQLite file geocode.sqlite in that folder (WAL, busy timeout: several processes may share
 * it) and come back with source "cache"; positive ones for a year, negative ones for 30 days.
 * At most `max_lookups` requests per run; past that an uncached text is NotFound with a reason
 * that says how to raise the cap.
 *
 * The country bias is sent as Nominatim's `countrycodes` filter; when that finds nothing, one
 * more request without the filter is made (a contact abroad), counted against the cap. Photon
 * has no country filter: the first candidate in the bias country is preferred.
 *
 * Results: `source` "online" (or "cache"), `level` from the result's type ("country",
 * "region", "city", "district", "street", "address", "airport"), `timezone` from the offline
 * gazetteer's time zone of the point, `confidence` from Nominatim's importance (Photon: from
 * how the text matched and whether rivals elsewhere came back).
 *
 * Not thread-safe: one object per thread.
 */
class OnlineGeocoder : public Geocoder {
public:
    /**
     * Nothing is opened or sent until the first lookup that needs the service.
     * @throws InputError when the base URL is not an http(s) URL.
     */
    OnlineGeocoder(OnlineGeocoderSettings settings, std::shared_ptr<const Gazetteer> gazetteer);
    ~OnlineGeocoder() override;
    OnlineGeocoder(const OnlineGeocoder&) = delete;
    OnlineGeocoder& operator=(const OnlineGeocoder&) = delete;

    /**
     * A cached answer, else a request to the service (waiting for the rate limit first).
     * @throws ServiceError (exit code 3) naming the service's URL (query values redacted) when
     *         the service cannot be reached, refuses (after the HTTP client's retries of 429 and
     *         5xx), or answers with something that is not its JSON format.
     * @throws Error when the lock file in the cache folder cannot be opened.
     */
    GeocodeResult geocode(const GeocodeRequest& request) override;

    /// Requests sent to the service by this object (not counting the HTTP client's retries).
    std::size_t lookups() const noexcept;
    /// Ok answers this object gave from the service or from its cache: attribution is due.
    std::size_t results_used() const noexcept;
    /// Requests refused because the per-run cap was reached.
    std::size_t capped() const noexcept;

    const OnlineGeocoderSettings& settings() const noexcept;
    /// The base URL in use (the default of the service when none was given), without a final '/'.
    const std::string& base_url() const noexcept;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

/**
 * The candidates in a Nominatim /search answer (format=jsonv2, addressdetails=1), best first as
 * the service ranked them. Each is Ok with name, admin1, country (upper-case), point, level,
 * confidence and source "online"; query and timezone are left empty for the caller. Entries
 * without valid coordinates are skipped; an empty array is an empty result.
 * @throws ServiceError naming `url` (redacted) when `body` is not JSON, is not an array, or is
 *         Nominatim's {"error": ...} object. Never crashes, whatever the bytes.
 */
std::vector<GeocodeResult> parse_nominatim_response(std::string_view body, std::string_view url);

/**
 * The candidates in a Photon /api answer (a GeoJSON FeatureCollection of Point features),
 * in the service's order, shaped as by parse_nominatim_response.
 * @throws ServiceError naming `url` (redacted) when `body` is not JSON or not a
 *         FeatureCollection. Never crashes, whatever the bytes.
 */
std::vector<GeocodeResult> parse_photon_response(std::string_view body, std::string_view url);

} // namespace sidetrip::geo
