#pragma once

#include "sidetrip/core/geo_point.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::geo {

/// What a gazetteer entry stands for.
enum class EntryType : std::uint8_t { Place = 0, Airport = 1, Region = 2, Country = 3 };

/// How a name key was derived from the entry; lower is a better match.
enum class KeyQuality : std::uint8_t {
    Exact = 0,     ///< the entry's own name (or its ASCII spelling)
    Alternate = 1, ///< an alternate name, or a hand-written alias
    Stripped = 2,  ///< the name without "City of ...", "... City", "Province of ..."
    Code = 3,      ///< a code: IATA, ISO 3166 alpha-2/alpha-3, an admin1 code ("MO", "NCR")
};

/// A name key hit: which entry, of which type, matched how.
struct KeyHit {
    std::uint32_t target = 0;
    EntryType type = EntryType::Place;
    KeyQuality quality = KeyQuality::Exact;
};

/// A populated place (a city, town, district or admin seat) from GeoNames.
struct Place {
    std::uint32_t index = 0;
    std::uint32_t geonameid = 0;
    std::string_view name;
    std::string_view country; ///< ISO 3166-1 alpha-2
    std::string_view timezone;
    std::string_view feature; ///< "PPL", "PPLA", "PPLA2", "PPLC", "PPLX", ...
    std::uint32_t population = 0;
    GeoPoint point;
    std::optional<std::uint32_t> admin1; ///< region index, level 1
    std::optional<std::uint32_t> admin2; ///< region index, level 2
};

/// An airport with an IATA code (OurAirports).
struct Airport {
    std::uint32_t index = 0;
    std::string_view iata;
    std::string_view name;
    std::string_view municipality;
    std::string_view country;
    std::string_view timezone;
    GeoPoint point;
    std::optional<std::uint32_t> admin1;
    bool large = false; ///< a large (hub) airport
};

/// A first- or second-level administrative division ("Calabarzon", "Province of Batangas").
struct Region {
    std::uint32_t index = 0;
    std::string_view name;
    std::string_view code; ///< admin1 code ("NCR", "MO", "08"); empty for level 2
    std::string_view country;
    int level = 1;
    std::optional<std::uint32_t> parent; ///< the level-1 region of a level-2 one
    std::optional<std::uint32_t> seat;   ///< place index of its seat (or its largest place)
};

/// A country (ISO 3166-1).
struct Country {
    std::uint32_t index = 0;
    std::string_view name;
    std::string_view alpha2;
    std::string_view alpha3;
    std::optional<std::uint32_t> capital; ///< place index of its capital (or its largest place)
};

/// The place nearest to a point, and how far it is in metres (ellipsoidal).
struct NearestPlace {
    Place place;
    double metres = 0.0;
};

/**
 * The offline gazetteer: a read-only, memory-mapped binary index compiled at build time from
 * data/ (see build_gazetteer). Opening it maps the file and checks every stored index once, so
 * a damaged file is an error rather than a crash; nothing is parsed, which keeps a cold
 * `sidetrip geocode` fast. Thread-safe: every member function is const and writes nothing.
 */
class Gazetteer {
public:
    /**
     * Maps the index at `path` and validates it.
     * @throws Error when the file is missing, unreadable, damaged, or not a gazetteer of this
     *         version.
     */
    static std::shared_ptr<const Gazetteer> open(const std::filesystem::path& path);

    /**
     * Where the index is looked for, first found wins: ../share/sidetrip beside the running
     * program, the install prefix, then the build tree; $SIDETRIP_DATA_DIR, when set, is the
     * only place looked in.
     * @throws Error naming every place looked in when none has it.
     */
    static std::filesystem::path default_path();

    ~Gazetteer();
    Gazetteer(const Gazetteer&) = delete;
    Gazetteer& operator=(const Gazetteer&) = delete;

    /// Every entry whose folded key equals `folded_key` (see text::fold), best quality first.
    std::vector<KeyHit> lookup(std::string_view folded_key) const;

    Place place(std::uint32_t index) const;
    Airport airport(std::uint32_t index) const;
    Region region(std::uint32_t index) const;
    Country country(std::uint32_t index) const;
    std::optional<Country> country_by_code(std::string_view alpha2) const;

    std::uint32_t place_count() const noexcept;
    std::uint32_t airport_count() const noexcept;
    std::uint32_t region_count() const noexcept;
    std::uint32_t country_count() const noexcept;

    /// The nearest place to `point` (a linear scan: about a millisecond).
    NearestPlace nearest_place(const GeoPoint& point) const;

    struct Impl;

private:
    explicit Gazetteer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/**
 * The IANA time zone at a point: the zone of the nearest gazetteer place within 150 km,
 * otherwise the nearest entry of tzdata's zone.tab, otherwise the nearest place's anyway.
 */
std::string timezone_at(const Gazetteer& gazetteer, const GeoPoint& point);

/// timezone_at() when the nearest place is already known.
std::string timezone_at(const Gazetteer& gazetteer, const GeoPoint& point, const NearestPlace& nearest);

} // namespace sidetrip::geo
