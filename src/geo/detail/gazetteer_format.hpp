#pragma once

// The on-disk layout of gazetteer.bin, shared by the builder and the reader. Every section
// is an array of fixed-size little-endian records; names are offsets into one string pool
// of NUL-terminated UTF-8. Bump Version whenever a record changes.

#include <cstdint>

namespace sidetrip::geo::detail {

inline constexpr char Magic[8] = {'S', 'D', 'T', 'R', 'G', 'A', 'Z', '\0'};
inline constexpr std::uint32_t Version = 1;
inline constexpr std::uint32_t None = 0xFFFFFFFFu;

struct Header {
    char magic[8];
    std::uint32_t version;
    std::uint32_t place_count;
    std::uint32_t airport_count;
    std::uint32_t region_count;
    std::uint32_t country_count;
    std::uint32_t key_count;
    std::uint64_t places_offset;
    std::uint64_t airports_offset;
    std::uint64_t regions_offset;
    std::uint64_t countries_offset;
    std::uint64_t keys_offset;
    std::uint64_t strings_offset;
    std::uint64_t strings_size;
    std::uint64_t file_size;
};

struct PlaceRecord {
    double lat;
    double lon;
    std::uint32_t geonameid;
    std::uint32_t name;
    std::uint32_t timezone;
    std::uint32_t feature;
    std::uint32_t population;
    std::uint32_t admin1; // region index or None
    std::uint32_t admin2; // region index or None
    char country[2];
    char pad[2];
};

struct AirportRecord {
    double lat;
    double lon;
    std::uint32_t iata;
    std::uint32_t name;
    std::uint32_t municipality;
    std::uint32_t timezone;
    std::uint32_t admin1;
    char country[2];
    std::uint8_t large; // 1 for OurAirports' large_airport
    char pad;
};

struct RegionRecord {
    std::uint32_t name;
    std::uint32_t code;
    std::uint32_t parent;
    std::uint32_t seat;
    char country[2];
    std::uint8_t level;
    std::uint8_t pad;
};

struct CountryRecord {
    std::uint32_t name;
    std::uint32_t capital;
    char alpha2[2];
    char alpha3[3];
    char pad[3];
};

// Sorted by (key bytes, quality, type, -population) so that a lookup is one equal_range and
// its hits come best first.
struct KeyRecord {
    std::uint32_t key;
    std::uint32_t target;
    std::uint8_t type;
    std::uint8_t quality;
    std::uint8_t pad[2];
};

static_assert(sizeof(PlaceRecord) == 48);
static_assert(sizeof(KeyRecord) == 12);

} // namespace sidetrip::geo::detail
