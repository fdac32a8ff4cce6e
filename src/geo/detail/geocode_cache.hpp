#pragma once

#include "sidetrip/geo/geocoder.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

struct sqlite3;

namespace sidetrip::geo::detail {

/// What an online answer depends on: the same text asked of another server, with another
/// bias or in another language, is another answer.
struct GeocodeCacheKey {
    std::string service;  ///< "nominatim", "photon"
    std::string base_url; ///< without a final '/'
    std::string query;    ///< the text as sent (trimmed)
    std::string country_bias;
    std::string language;
};

/**
 * Online answers kept in SQLite: found ones with their place, not-found ones with their reason,
 * each with the time it was fetched. Several sidetrip processes may use one file at once: it is
 * in WAL mode with a busy timeout, and every write is one statement. A file that is not a
 * database (damaged, truncated) is moved aside to NAME.damaged and a new one started.
 */
class GeocodeCache {
public:
    /// @throws Error naming the file when it cannot be created or opened.
    explicit GeocodeCache(const std::filesystem::path& file);
    ~GeocodeCache();
    GeocodeCache(const GeocodeCache&) = delete;
    GeocodeCache& operator=(const GeocodeCache&) = delete;

    /// The stored answer if it is younger than its maximum age (found and not-found ones
    /// differ); nullopt otherwise, and when the database is busy for longer than the timeout.
    std::optional<GeocodeResult> find(const GeocodeCacheKey& key, std::chrono::sys_seconds now,
                                      std::chrono::seconds max_age_found,
                                      std::chrono::seconds max_age_not_found);

    /// Stores (or replaces) an Ok or NotFound answer. Returns false when it could not be written
    /// (busy, disk full): a cache is no reason to stop a run.
    bool store(const GeocodeCacheKey& key, const GeocodeResult& result, std::chrono::sys_seconds now);

    const std::filesystem::path& path() const noexcept { return m_path; }

private:
    bool open_and_prepare();
    std::filesystem::path m_path;
    sqlite3* m_db = nullptr;
};

} // namespace sidetrip::geo::detail
