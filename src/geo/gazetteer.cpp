#include "sidetrip/geo/gazetteer.hpp"

#include "detail/gazetteer_format.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/geo/geodesic.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <numbers>
#include <vector>

namespace sidetrip::geo {

using namespace detail;

struct Gazetteer::Impl {
    void* mapping = MAP_FAILED;
    std::size_t size = 0;
    const Header* header = nullptr;
    const PlaceRecord* places = nullptr;
    const AirportRecord* airports = nullptr;
    const RegionRecord* regions = nullptr;
    const CountryRecord* countries = nullptr;
    const KeyRecord* keys = nullptr;
    const char* strings = nullptr;

    std::string_view str(std::uint32_t offset) const {
        return offset < header->strings_size ? std::string_view(strings + offset) : std::string_view();
    }
    // Every stored index and string offset in range, checked once at open so that no accessor
    // can read outside the mapping whatever the file holds (a few milliseconds).
    bool valid() const {
        const auto& h = *header;
        auto str_ok = [&](std::uint32_t offset) { return offset < h.strings_size; };
        auto ref_ok = [](std::uint32_t index, std::uint32_t count) { return index == None || index < count; };
        for (std::uint32_t i = 0; i < h.place_count; ++i) {
            const auto& r = places[i];
            if (!str_ok(r.name) || !str_ok(r.timezone) || !str_ok(r.feature) ||
                !ref_ok(r.admin1, h.region_count) || !ref_ok(r.admin2, h.region_count)) {
                return false;
            }
        }
        for (std::uint32_t i = 0; i < h.airport_count; ++i) {
            const auto& r = airports[i];
            if (!str_ok(r.iata) || !str_ok(r.name) || !str_ok(r.municipality) || !str_ok(r.timezone) ||
                !ref_ok(r.admin1, h.region_count)) {
                return false;
            }
        }
        for (std::uint32_t i = 0; i < h.region_count; ++i) {
            const auto& r = regions[i];
            if (!str_ok(r.name) || !str_ok(r.code) || !ref_ok(r.parent, h.region_count) ||
                !ref_ok(r.seat, h.place_count)) {
                return false;
            }
        }
        for (std::uint32_t i = 0; i < h.country_count; ++i) {
            if (!str_ok(countries[i].name) || !ref_ok(countries[i].capital, h.place_count)) {
                return false;
            }
        }
        const std::uint32_t counts[] = {h.place_count, h.airport_count, h.region_count, h.country_count};
        for (std::uint32_t i = 0; i < h.key_count; ++i) {
            const auto& k = keys[i];
            if (!str_ok(k.key) || k.type > 3 || k.quality > 3 || k.target >= counts[k.type]) {
                return false;
            }
        }
        return true;
    }
    ~Impl() {
        if (mapping != MAP_FAILED) {
            munmap(mapping, size);
        }
    }
};

namespace {

std::optional<std::uint32_t> optional_index(std::uint32_t value) {
    return value == None ? std::nullopt : std::optional<std::uint32_t>(value);
}

std::string_view two_chars(const char (&code)[2]) {
    return {code, code[1] == '\0' ? 1u : 2u};
}

} // namespace

Gazetteer::Gazetteer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Gazetteer::~Gazetteer() = default;

std::shared_ptr<const Gazetteer> Gazetteer::open(const std::filesystem::path& path) {
    auto impl = std::make_unique<Impl>();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw Error(path.string() + ": cannot open the gazetteer index: " + std::strerror(errno) +
                    " (rebuild, or set SIDETRIP_DATA_DIR to the folder that holds gazetteer.bin)");
    }
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        static_cast<std::size_t>(st.st_size) < sizeof(Header)) {
        ::close(fd);
        throw Error(path.string() + ": not a gazetteer index (rebuild sidetrip to regenerate it)");
    }
    impl->size = static_cast<std::size_t>(st.st_size);
    impl->mapping = mmap(nullptr, impl->size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (impl->mapping == MAP_FAILED) {
        throw Error(path.string() + ": cannot map the gazetteer index: " + std::strerror(errno));
    }
    const char* base = static_cast<const char*>(impl->mapping);
    const auto* header = reinterpret_cast<const Header*>(base);
    if (std::memcmp(header->magic, Magic, sizeof Magic) != 0 || header->version != Version ||
        header->file_size != impl->size) {
        throw Error(path.string() + ": not a gazetteer index of version " + std::to_string(Version) +
                    " (rebuild sidetrip to regenerate it)");
    }
    auto section_fits = [&](std::uint64_t offset, std::uint64_t count, std::size_t record) {
        return offset <= impl->size && count * record <= impl->size - offset;
    };
    if (!section_fits(header->places_offset, header->place_count, sizeof(PlaceRecord)) ||
        !section_fits(header->airports_offset, header->airport_count, sizeof(AirportRecord)) ||
        !section_fits(header->regions_offset, header->region_count, sizeof(RegionRecord)) ||
        !section_fits(header->countries_offset, header->country_count, sizeof(CountryRecord)) ||
        !section_fits(header->keys_offset, header->key_count, sizeof(KeyRecord)) ||
        !section_fits(header->strings_offset, header->strings_size, 1) || header->strings_size == 0 ||
        base[header->strings_offset + header->strings_size - 1] != '\0') {
        throw Error(path.string() + ": the gazetteer index is truncated or corrupt (rebuild sidetrip)");
    }
    const bool aligned = header->places_offset % 8 == 0 && header->airports_offset % 8 == 0 &&
                         header->regions_offset % 8 == 0 && header->countries_offset % 8 == 0 &&
                         header->keys_offset % 8 == 0;
    if (!aligned || header->place_count == 0) {
        throw Error(path.string() + ": the gazetteer index is damaged (rebuild sidetrip)");
    }
    impl->header = header;
    impl->places = reinterpret_cast<const PlaceRecord*>(base + header->places_offset);
    impl->airports = reinterpret_cast<const AirportRecord*>(base + header->airports_offset);
    impl->regions = reinterpret_cast<const RegionRecord*>(base + header->regions_offset);
    impl->countries = reinterpret_cast<const CountryRecord*>(base + header->countries_offset);
    impl->keys = reinterpret_cast<const KeyRecord*>(base + header->keys_offset);
    impl->strings = base + header->strings_offset;
    if (!impl->valid()) {
        throw Error(path.string() + ": the gazetteer index is damaged: an entry points outside the file "
                                    "(rebuild sidetrip)");
    }
    return std::shared_ptr<const Gazetteer>(new Gazetteer(std::move(impl)));
}

std::filesystem::path Gazetteer::default_path() {
    std::error_code ec;
    if (const char* dir = std::getenv("SIDETRIP_DATA_DIR"); dir != nullptr && *dir != '\0') {
        // An explicit setting is never second-guessed by a fallback.
        auto path = std::filesystem::path(dir) / "gazetteer.bin";
        if (!std::filesystem::is_regular_file(path, ec)) {
            throw Error("SIDETRIP_DATA_DIR is " + std::string(dir) +
                        " but it holds no gazetteer.bin (unset it, or "
                        "point it at the folder the build wrote data/gazetteer.bin to)");
        }
        return path;
    }
    std::vector<std::filesystem::path> candidates;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        candidates.push_back(exe.parent_path().parent_path() / "share" / "sidetrip" / "gazetteer.bin");
    }
    candidates.emplace_back(std::filesystem::path(SIDETRIP_INSTALL_DATA_DIR) / "gazetteer.bin");
    candidates.emplace_back(std::filesystem::path(SIDETRIP_BUILD_DATA_DIR) / "gazetteer.bin");
    std::string looked;
    for (const auto& candidate : candidates) {
        if (std::filesystem::is_regular_file(candidate, ec)) {
            return candidate;
        }
        looked += "\n  " + candidate.string();
    }
    throw Error("the gazetteer index (gazetteer.bin) was not found; looked in:" + looked +
                "\nBuild sidetrip (it compiles data/ into the index) or set SIDETRIP_DATA_DIR.");
}

std::vector<KeyHit> Gazetteer::lookup(std::string_view folded_key) const {
    const auto& impl = *m_impl;
    const KeyRecord* begin = impl.keys;
    const KeyRecord* end = impl.keys + impl.header->key_count;
    auto key_of = [&](const KeyRecord& r) { return impl.str(r.key); };
    const KeyRecord* first = std::lower_bound(
        begin, end, folded_key, [&](const KeyRecord& r, std::string_view k) { return key_of(r) < k; });
    const KeyRecord* last = std::upper_bound(
        first, end, folded_key, [&](std::string_view k, const KeyRecord& r) { return k < key_of(r); });
    std::vector<KeyHit> hits;
    hits.reserve(static_cast<std::size_t>(last - first));
    for (const KeyRecord* r = first; r != last; ++r) {
        hits.push_back({r->target, static_cast<EntryType>(r->type), static_cast<KeyQuality>(r->quality)});
    }
    return hits;
}

Place Gazetteer::place(std::uint32_t index) const {
    const auto& r = m_impl->places[index];
    return {index,
            r.geonameid,
            m_impl->str(r.name),
            two_chars(r.country),
            m_impl->str(r.timezone),
            m_impl->str(r.feature),
            r.population,
            {r.lat, r.lon},
            optional_index(r.admin1),
            optional_index(r.admin2)};
}

Airport Gazetteer::airport(std::uint32_t index) const {
    const auto& r = m_impl->airports[index];
    return {index,
            m_impl->str(r.iata),
            m_impl->str(r.name),
            m_impl->str(r.municipality),
            two_chars(r.country),
            m_impl->str(r.timezone),
            {r.lat, r.lon},
            optional_index(r.admin1),
            r.large != 0};
}

Region Gazetteer::region(std::uint32_t index) const {
    const auto& r = m_impl->regions[index];
    return {index,   m_impl->str(r.name),      m_impl->str(r.code),   two_chars(r.country),
            r.level, optional_index(r.parent), optional_index(r.seat)};
}

Country Gazetteer::country(std::uint32_t index) const {
    const auto& r = m_impl->countries[index];
    return {index, m_impl->str(r.name), two_chars(r.alpha2), std::string_view(r.alpha3, 3),
            optional_index(r.capital)};
}

std::optional<Country> Gazetteer::country_by_code(std::string_view alpha2) const {
    for (std::uint32_t i = 0; i < m_impl->header->country_count; ++i) {
        if (two_chars(m_impl->countries[i].alpha2) == alpha2) {
            return country(i);
        }
    }
    return std::nullopt;
}

std::uint32_t Gazetteer::place_count() const noexcept {
    return m_impl->header->place_count;
}
std::uint32_t Gazetteer::airport_count() const noexcept {
    return m_impl->header->airport_count;
}
std::uint32_t Gazetteer::region_count() const noexcept {
    return m_impl->header->region_count;
}
std::uint32_t Gazetteer::country_count() const noexcept {
    return m_impl->header->country_count;
}

NearestPlace Gazetteer::nearest_place(const GeoPoint& point) const {
    // A linear scan over 160k records with a cheap equirectangular measure, then the
    // ellipsoid for the winner: ~1 ms, and only used for time zones of odd points.
    const double cos_lat = std::cos(point.lat * std::numbers::pi / 180.0);
    std::uint32_t best = 0;
    double best_d = std::numeric_limits<double>::max();
    for (std::uint32_t i = 0; i < m_impl->header->place_count; ++i) {
        const auto& r = m_impl->places[i];
        double dlon = std::fabs(r.lon - point.lon);
        if (dlon > 180.0) {
            dlon = 360.0 - dlon;
        }
        const double dx = dlon * cos_lat;
        const double dy = r.lat - point.lat;
        const double d = dx * dx + dy * dy;
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    Place p = place(best);
    return {p, distance_m(point, p.point)};
}

namespace {

// ISO 6709 "+DDMM" / "+DDMMSS" / "+DDDMM" / "+DDDMMSS" as degrees.
std::optional<double> iso6709(std::string_view s, int degree_digits) {
    if (s.size() < static_cast<std::size_t>(1 + degree_digits + 2)) {
        return std::nullopt;
    }
    const double sign = s[0] == '-' ? -1.0 : 1.0;
    auto digits = [&](std::size_t pos, std::size_t n) {
        double v = 0;
        for (std::size_t i = pos; i < pos + n && i < s.size(); ++i) {
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    const auto d = static_cast<std::size_t>(degree_digits);
    double value = digits(1, d) + digits(1 + d, 2) / 60.0;
    if (s.size() >= 1 + d + 4) {
        value += digits(3 + d, 2) / 3600.0;
    }
    return sign * value;
}

} // namespace

std::string timezone_at(const Gazetteer& gazetteer, const GeoPoint& point) {
    return timezone_at(gazetteer, point, gazetteer.nearest_place(point));
}

std::string timezone_at(const Gazetteer&, const GeoPoint& point, const NearestPlace& nearest) {
    const auto& [place, metres] = nearest;
    if (metres <= 150000.0) {
        return std::string(place.timezone);
    }
    // Open sea or an empty region: tzdata's own reference points know better than a far town.
    std::ifstream zone_tab("/usr/share/zoneinfo/zone.tab");
    std::string line;
    std::string best_zone;
    double best = std::numeric_limits<double>::max();
    while (std::getline(zone_tab, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto first_tab = line.find('\t');
        const auto second_tab = line.find('\t', first_tab + 1);
        const auto third_tab = line.find('\t', second_tab + 1);
        if (first_tab == std::string::npos || second_tab == std::string::npos) {
            continue;
        }
        const std::string coords = line.substr(first_tab + 1, second_tab - first_tab - 1);
        const auto split = coords.find_first_of("+-", 1);
        if (split == std::string::npos) {
            continue;
        }
        const auto lat = iso6709(coords.substr(0, split), 2);
        const auto lon = iso6709(coords.substr(split), 3);
        if (!lat || !lon) {
            continue;
        }
        const double d = distance_m(point, {*lat, *lon});
        if (d < best) {
            best = d;
            best_zone =
                line.substr(second_tab + 1,
                            third_tab == std::string::npos ? std::string::npos : third_tab - second_tab - 1);
        }
    }
    if (!best_zone.empty() && best < metres) {
        return best_zone;
    }
    return std::string(place.timezone);
}

} // namespace sidetrip::geo
