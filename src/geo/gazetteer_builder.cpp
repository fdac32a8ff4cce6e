#include "sidetrip/geo/gazetteer_builder.hpp"

#include "detail/gazetteer_format.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/gazetteer.hpp"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <unordered_map>
#include <vector>

namespace sidetrip::geo {

namespace {

using namespace detail;

std::string read_maybe_gzipped(const std::filesystem::path& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) {
        throw InputError(path.string() + ": cannot open: run tools/update-gazetteer to regenerate data/");
    }
    std::string content;
    char buffer[1 << 16];
    int n = 0;
    while ((n = gzread(file, buffer, sizeof buffer)) > 0) {
        content.append(buffer, static_cast<std::size_t>(n));
    }
    const bool failed = n < 0;
    gzclose(file);
    if (failed) {
        throw InputError(path.string() + ": corrupt compressed data: run tools/update-gazetteer");
    }
    return content;
}

// Calls row(line_number, fields) for every non-empty line after the header.
template <typename Fn>
void for_each_row(const std::filesystem::path& path, const std::string& content, std::size_t min_fields,
                  bool has_header, Fn&& row) {
    std::size_t pos = 0;
    int line_number = 0;
    while (pos < content.size()) {
        auto end = content.find('\n', pos);
        if (end == std::string::npos) {
            end = content.size();
        }
        std::string_view line(content.data() + pos, end - pos);
        pos = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if ((has_header && line_number == 1) || line.empty() || line.front() == '#') {
            continue;
        }
        auto fields = text::split(line, '\t');
        if (fields.size() < min_fields) {
            throw InputError(path.string() + ":" + std::to_string(line_number) + ": expected " +
                             std::to_string(min_fields) + " tab-separated fields, found " +
                             std::to_string(fields.size()));
        }
        row(line_number, fields);
    }
}

std::string where(const std::filesystem::path& path, int line) {
    return path.string() + ":" + std::to_string(line) + ": ";
}

double to_coordinate(std::string_view s, double limit, const std::filesystem::path& path, int line) {
    double value = 0.0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(value) ||
        std::fabs(value) > limit) {
        throw InputError(where(path, line) + "not a coordinate: '" + std::string(s) + "'");
    }
    return value;
}

std::uint32_t to_u32(std::string_view s, const std::filesystem::path& path, int line) {
    std::uint32_t value = 0;
    if (s.empty()) {
        return 0;
    }
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr != s.data() + s.size()) {
        throw InputError(where(path, line) + "not a whole number: '" + std::string(s) + "'");
    }
    return value;
}

// Two-letter codes stored in fixed fields: anything else in the source is an error.
void copy_country(char (&out)[2], std::string_view code, const std::filesystem::path& path, int line) {
    if (code.size() != 2) {
        throw InputError(where(path, line) + "not a two-letter country code: '" + std::string(code) + "'");
    }
    std::memcpy(out, code.data(), 2);
}

class StringPool {
public:
    StringPool() { m_data.push_back('\0'); } // offset 0 is the empty string
    std::uint32_t add(std::string_view s) {
        if (s.empty()) {
            return 0;
        }
        auto it = m_index.find(std::string(s));
        if (it != m_index.end()) {
            return it->second;
        }
        const auto offset = static_cast<std::uint32_t>(m_data.size());
        m_data.insert(m_data.end(), s.begin(), s.end());
        m_data.push_back('\0');
        m_index.emplace(std::string(s), offset);
        return offset;
    }
    const std::vector<char>& data() const { return m_data; }
    const char* at(std::uint32_t offset) const { return m_data.data() + offset; }

private:
    std::vector<char> m_data;
    std::unordered_map<std::string, std::uint32_t> m_index;
};

struct PendingKey {
    std::uint32_t key;
    std::uint32_t target;
    EntryType type;
    KeyQuality quality;
    std::uint32_t population;
};

bool is_alpha_code(std::string_view s) {
    return !s.empty() && s.size() <= 3 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z'); });
}

// Forms people also write: "St Louis" for "Saint Louis", "Mt Vernon" for "Mount Vernon".
std::vector<std::string> abbreviated_forms(const std::string& folded) {
    static const std::pair<const char*, const char*> forms[] = {
        {"saint ", "st "}, {"sainte ", "ste "}, {"mount ", "mt "}, {"fort ", "ft "}};
    std::vector<std::string> out;
    for (auto [longer, shorter] : forms) {
        const std::size_t n = std::strlen(longer);
        if (folded.compare(0, n, longer) == 0) {
            out.push_back(shorter + folded.substr(n));
        }
    }
    return out;
}

// The name without the words that say what kind of place it is ("Makati City" -> "makati").
std::string stripped_form(const std::string& folded, std::initializer_list<const char*> prefixes,
                          std::initializer_list<const char*> suffixes) {
    for (const char* p : prefixes) {
        const std::size_t n = std::strlen(p);
        if (folded.size() > n + 1 && folded.compare(0, n, p) == 0) {
            return folded.substr(n);
        }
    }
    for (const char* s : suffixes) {
        const std::size_t n = std::strlen(s);
        if (folded.size() > n + 1 && folded.compare(folded.size() - n, n, s) == 0) {
            return folded.substr(0, folded.size() - n);
        }
    }
    return {};
}

class Builder {
public:
    explicit Builder(std::filesystem::path data_dir) : m_dir(std::move(data_dir)) {}

    GazetteerBuildSummary run(const std::filesystem::path& output) {
        read_countries();
        read_places();
        read_airports();
        read_aliases();
        choose_seats();
        write(output);
        return {m_places.size(),    m_airports.size(), m_regions.size(),
                m_countries.size(), m_written_keys,    m_alias_count};
    }

private:
    void add_key(std::string_view name, std::uint32_t target, EntryType type, KeyQuality quality,
                 std::uint32_t population) {
        const std::string folded = text::fold(name);
        if (folded.empty()) {
            return;
        }
        m_keys.push_back({m_strings.add(folded), target, type, quality, population});
        if (quality != KeyQuality::Code) {
            for (const auto& form : abbreviated_forms(folded)) {
                m_keys.push_back({m_strings.add(form), target, type, KeyQuality::Alternate, population});
            }
        }
    }

    void add_folded_key(const std::string& folded, std::uint32_t target, EntryType type, KeyQuality quality,
                        std::uint32_t population) {
        if (!folded.empty()) {
            m_keys.push_back({m_strings.add(folded), target, type, quality, population});
        }
    }

    void read_countries() {
        const auto path = m_dir / "countries.tsv";
        const std::string content = read_maybe_gzipped(path);
        for_each_row(path, content, 3, true, [&](int line, const std::vector<std::string_view>& f) {
            CountryRecord record{};
            copy_country(record.alpha2, f[0], path, line);
            if (f[1].size() != 3) {
                throw InputError(where(path, line) + "not a three-letter country code: '" +
                                 std::string(f[1]) + "'");
            }
            std::memcpy(record.alpha3, f[1].data(), 3);
            const std::string_view common = f.size() > 3 && !f[3].empty() ? f[3] : f[2];
            record.name = m_strings.add(common);
            record.capital = None;
            const auto index = static_cast<std::uint32_t>(m_countries.size());
            m_countries.push_back(record);
            m_country_index.emplace(std::string(f[0]), index);
            for (std::size_t i = 2; i < f.size() && i <= 4; ++i) {
                add_key(f[i], index, EntryType::Country, KeyQuality::Exact, 0);
            }
            add_key(f[0], index, EntryType::Country, KeyQuality::Code, 0);
            add_key(f[1], index, EntryType::Country, KeyQuality::Code, 0);
        });
    }

    std::uint32_t region_for(std::string_view country, std::string_view admin1_code,
                             std::string_view admin1_name, std::string_view admin2_name, int level) {
        std::string id = std::string(country) + "." + std::string(admin1_code);
        if (level == 2) {
            id += "." + std::string(admin2_name);
        }
        auto it = m_region_index.find(id);
        if (it != m_region_index.end()) {
            return it->second;
        }
        RegionRecord record{};
        std::memcpy(record.country, country.data(), 2);
        record.level = static_cast<std::uint8_t>(level);
        record.name = m_strings.add(level == 1 ? admin1_name : admin2_name);
        record.code = level == 1 ? m_strings.add(admin1_code) : 0;
        record.parent = level == 2 ? region_for(country, admin1_code, admin1_name, {}, 1) : None;
        record.seat = None;
        const auto index = static_cast<std::uint32_t>(m_regions.size());
        m_regions.push_back(record);
        m_region_index.emplace(id, index);
        const std::string_view name = level == 1 ? admin1_name : admin2_name;
        if (!name.empty()) {
            add_key(name, index, EntryType::Region, KeyQuality::Exact, 0);
            const std::string folded = text::fold(name);
            add_folded_key(stripped_form(folded,
                                         {"province of ", "state of ", "region of ", "department of ",
                                          "county of ", "city of ", "autonomous region in ", "canton of "},
                                         {" province", " region", " state", " county", " prefecture",
                                          " governorate", " district", " oblast", " municipality"}),
                           index, EntryType::Region, KeyQuality::Stripped, 0);
        }
        if (level == 1 && is_alpha_code(admin1_code) && admin1_code.size() >= 2) {
            add_key(admin1_code, index, EntryType::Region, KeyQuality::Code, 0);
        }
        return index;
    }

    void read_places() {
        const auto path = m_dir / "gazetteer.tsv.gz";
        const std::string content = read_maybe_gzipped(path);
        for_each_row(path, content, 13, true, [&](int line, const std::vector<std::string_view>& f) {
            // geonameid name asciiname alternates country admin1_code admin1 admin2 feature population lat
            // lon tz
            PlaceRecord record{};
            record.geonameid = to_u32(f[0], path, line);
            record.name = m_strings.add(f[1]);
            copy_country(record.country, f[4], path, line);
            record.admin1 = f[5].empty() ? None : region_for(f[4], f[5], f[6], {}, 1);
            record.admin2 = f[7].empty() || f[5].empty() ? None : region_for(f[4], f[5], f[6], f[7], 2);
            record.feature = m_strings.add(f[8]);
            record.population = to_u32(f[9], path, line);
            record.lat = to_coordinate(f[10], 90.0, path, line);
            record.lon = to_coordinate(f[11], 180.0, path, line);
            record.timezone = m_strings.add(f[12]);
            const auto index = static_cast<std::uint32_t>(m_places.size());
            m_places.push_back(record);
            m_place_index.emplace(record.geonameid, index);

            const std::string folded = text::fold(f[1]);
            add_key(f[1], index, EntryType::Place, KeyQuality::Exact, record.population);
            if (text::fold(f[2]) != folded) {
                add_key(f[2], index, EntryType::Place, KeyQuality::Exact, record.population);
            }
            if (!f[3].empty()) {
                for (auto alternate : text::split(f[3], '|')) {
                    add_key(alternate, index, EntryType::Place, KeyQuality::Alternate, record.population);
                }
            }
            add_folded_key(stripped_form(folded, {"city of ", "municipality of ", "town of "},
                                         {" city", " town", " municipality"}),
                           index, EntryType::Place, KeyQuality::Stripped, record.population);
        });
    }

    void read_airports() {
        const auto path = m_dir / "airports.tsv.gz";
        const std::string content = read_maybe_gzipped(path);
        for_each_row(path, content, 9, true, [&](int line, const std::vector<std::string_view>& f) {
            // iata name municipality country region type lat lon timezone
            AirportRecord record{};
            record.iata = m_strings.add(f[0]);
            record.name = m_strings.add(f[1]);
            record.municipality = m_strings.add(f[2]);
            copy_country(record.country, f[3], path, line);
            auto region = m_region_index.find(std::string(f[3]) + "." + std::string(f[4]));
            record.admin1 = region == m_region_index.end() ? None : region->second;
            record.lat = to_coordinate(f[6], 90.0, path, line);
            record.lon = to_coordinate(f[7], 180.0, path, line);
            record.timezone = m_strings.add(f[8]);
            record.large = f[5] == "large_airport" ? 1 : 0;
            const auto index = static_cast<std::uint32_t>(m_airports.size());
            m_airports.push_back(record);
            m_airport_index.emplace(std::string(f[0]), index);
            const std::uint32_t weight = record.large ? 1000000 : 1000;
            add_key(f[0], index, EntryType::Airport, KeyQuality::Code, weight);
            add_key(f[1], index, EntryType::Airport, KeyQuality::Exact, weight);
        });
    }

    void read_aliases() {
        const auto path = m_dir / "aliases.tsv";
        const std::string content = read_maybe_gzipped(path);
        for_each_row(path, content, 3, true, [&](int line, const std::vector<std::string_view>& f) {
            // alias kind target [note]
            const std::string here = where(path, line);
            const std::string target(f[2]);
            EntryType type{};
            std::uint32_t index = 0;
            std::uint32_t population = 0;
            if (f[1] == "place") {
                auto it = m_place_index.find(to_u32(f[2], path, line));
                if (it == m_place_index.end()) {
                    throw InputError(here + "no gazetteer place has geonameid " + target);
                }
                type = EntryType::Place;
                index = it->second;
                population = m_places[index].population;
            } else if (f[1] == "region") {
                auto it = m_region_index.find(target);
                if (it == m_region_index.end()) {
                    throw InputError(here + "no region has code " + target + " (expected CC.ADMIN1)");
                }
                type = EntryType::Region;
                index = it->second;
            } else if (f[1] == "country") {
                auto it = m_country_index.find(target);
                if (it == m_country_index.end()) {
                    throw InputError(here + "no country has code " + target);
                }
                type = EntryType::Country;
                index = it->second;
            } else if (f[1] == "airport") {
                auto it = m_airport_index.find(target);
                if (it == m_airport_index.end()) {
                    throw InputError(here + "no airport has IATA code " + target);
                }
                type = EntryType::Airport;
                index = it->second;
            } else if (f[1] == "point") {
                // A place GeoNames' extract lacks: "CC.ADMIN1 lat lon timezone".
                const auto parts = text::split(f[2], ' ');
                if (parts.size() != 4 || parts[0].size() < 4 || parts[0][2] != '.') {
                    throw InputError(here + "a point alias needs 'CC.ADMIN1 lat lon timezone', got '" +
                                     target + "'");
                }
                auto region = m_region_index.find(std::string(parts[0]));
                PlaceRecord record{};
                record.name = m_strings.add(f[0]);
                std::memcpy(record.country, parts[0].data(), 2);
                record.admin1 = region == m_region_index.end() ? None : region->second;
                record.admin2 = None;
                record.feature = m_strings.add("PPL");
                record.lat = to_coordinate(parts[1], 90.0, path, line);
                record.lon = to_coordinate(parts[2], 180.0, path, line);
                record.timezone = m_strings.add(parts[3]);
                type = EntryType::Place;
                index = static_cast<std::uint32_t>(m_places.size());
                m_places.push_back(record);
                add_folded_key(stripped_form(text::fold(f[0]), {"city of "}, {" city"}), index, type,
                               KeyQuality::Stripped, 0);
            } else {
                throw InputError(here + "unknown alias kind '" + std::string(f[1]) +
                                 "' (expected place, point, region, country or airport)");
            }
            // An all-capitals alias is a code ("NCR", "ON"); anything else a name.
            const bool code = is_alpha_code(f[0]);
            const KeyQuality quality = code              ? KeyQuality::Code
                                       : f[1] == "point" ? KeyQuality::Exact
                                                         : KeyQuality::Alternate;
            add_key(f[0], index, type, quality, population);
            ++m_alias_count;
        });
    }

    void choose_seats() {
        auto rank = [&](const PlaceRecord& p, std::string_view seat_feature) {
            const std::string_view feature = m_strings.at(p.feature);
            return std::pair<int, std::uint32_t>{feature == seat_feature ? 2
                                                 : feature == "PPLC"     ? 1
                                                                         : 0,
                                                 p.population};
        };
        std::vector<std::pair<int, std::uint32_t>> best(m_regions.size(), {-1, 0});
        std::vector<std::pair<int, std::uint32_t>> best_country(m_countries.size(), {-1, 0});
        for (std::uint32_t i = 0; i < m_places.size(); ++i) {
            const auto& p = m_places[i];
            for (auto [region, feature] : {std::pair{p.admin1, "PPLA"}, std::pair{p.admin2, "PPLA2"}}) {
                if (region == None) {
                    continue;
                }
                const auto r = rank(p, feature);
                if (r > best[region]) {
                    best[region] = r;
                    m_regions[region].seat = i;
                }
            }
            auto country = m_country_index.find(std::string(p.country, 2));
            if (country != m_country_index.end()) {
                const auto r = rank(p, "PPLC");
                if (r > best_country[country->second]) {
                    best_country[country->second] = r;
                    m_countries[country->second].capital = i;
                }
            }
        }
    }

    template <typename Record> static void append(std::string& out, const std::vector<Record>& records) {
        out.append(reinterpret_cast<const char*>(records.data()), records.size() * sizeof(Record));
        out.append((8 - out.size() % 8) % 8, '\0');
    }

    void write(const std::filesystem::path& output) {
        const char* pool = m_strings.at(0);
        std::sort(m_keys.begin(), m_keys.end(), [pool](const PendingKey& a, const PendingKey& b) {
            if (a.key != b.key) {
                const int c = std::strcmp(pool + a.key, pool + b.key);
                if (c != 0) {
                    return c < 0;
                }
            }
            if (a.quality != b.quality)
                return a.quality < b.quality;
            if (a.type != b.type)
                return a.type < b.type;
            if (a.population != b.population)
                return a.population > b.population;
            return a.target < b.target;
        });
        std::vector<KeyRecord> keys;
        keys.reserve(m_keys.size());
        for (std::size_t i = 0; i < m_keys.size(); ++i) {
            const auto& k = m_keys[i];
            // The same entry under the same key twice (name and ASCII name alike): keep the best.
            bool duplicate = false;
            for (std::size_t j = keys.size(); j-- > 0;) {
                if (std::strcmp(pool + keys[j].key, pool + k.key) != 0) {
                    break;
                }
                // A code stays even when the same letters are also a name ("NYC" as an
                // alternate name and as our alias): code-only lookups need it.
                const bool both_codes_or_names =
                    (keys[j].quality == static_cast<std::uint8_t>(KeyQuality::Code)) ==
                    (k.quality == KeyQuality::Code);
                if (keys[j].target == k.target && keys[j].type == static_cast<std::uint8_t>(k.type) &&
                    both_codes_or_names) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                keys.push_back({k.key,
                                k.target,
                                static_cast<std::uint8_t>(k.type),
                                static_cast<std::uint8_t>(k.quality),
                                {0, 0}});
            }
        }
        m_written_keys = keys.size();

        Header header{};
        std::memcpy(header.magic, Magic, sizeof Magic);
        header.version = Version;
        header.place_count = static_cast<std::uint32_t>(m_places.size());
        header.airport_count = static_cast<std::uint32_t>(m_airports.size());
        header.region_count = static_cast<std::uint32_t>(m_regions.size());
        header.country_count = static_cast<std::uint32_t>(m_countries.size());
        header.key_count = static_cast<std::uint32_t>(keys.size());

        std::string out(sizeof(Header), '\0');
        header.places_offset = out.size();
        append(out, m_places);
        header.airports_offset = out.size();
        append(out, m_airports);
        header.regions_offset = out.size();
        append(out, m_regions);
        header.countries_offset = out.size();
        append(out, m_countries);
        header.keys_offset = out.size();
        append(out, keys);
        header.strings_offset = out.size();
        header.strings_size = m_strings.data().size();
        out.append(m_strings.data().data(), m_strings.data().size());
        header.file_size = out.size();
        std::memcpy(out.data(), &header, sizeof header);

        const auto temporary = output.string() + ".tmp";
        bool written = false;
        {
            std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
            file.write(out.data(), static_cast<std::streamsize>(out.size()));
            file.close();
            written = static_cast<bool>(file);
        }
        std::error_code ec;
        if (written) {
            std::filesystem::rename(temporary, output, ec);
        }
        if (!written || ec) {
            const std::string reason = ec ? ec.message() : std::strerror(errno);
            std::filesystem::remove(temporary, ec);
            throw Error("cannot write " + output.string() + ": " + reason);
        }
    }

    std::filesystem::path m_dir;
    StringPool m_strings;
    std::vector<PlaceRecord> m_places;
    std::vector<AirportRecord> m_airports;
    std::vector<RegionRecord> m_regions;
    std::vector<CountryRecord> m_countries;
    std::vector<PendingKey> m_keys;
    std::unordered_map<std::string, std::uint32_t> m_region_index;
    std::unordered_map<std::string, std::uint32_t> m_country_index;
    std::unordered_map<std::string, std::uint32_t> m_airport_index;
    std::unordered_map<std::uint32_t, std::uint32_t> m_place_index;
    std::size_t m_alias_count = 0;
    std::size_t m_written_keys = 0;
};

} // namespace

GazetteerBuildSummary build_gazetteer(const std::filesystem::path& data_dir,
                                      const std::filesystem::path& output) {
    return Builder(data_dir).run(output);
}

} // namespace sidetrip::geo
