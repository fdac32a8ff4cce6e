#pragma once

#include <filesystem>
#include <string>

namespace sidetrip::geo {

/// What a build produced, for the build log.
struct GazetteerBuildSummary {
    std::size_t places = 0;
    std::size_t airports = 0;
    std::size_t regions = 0;
    std::size_t countries = 0;
    std::size_t keys = 0;
    std::size_t aliases = 0;
};

/**
 * Compiles data/ (gazetteer.tsv.gz, airports.tsv.gz, countries.tsv, aliases.tsv) into the
 * binary index Gazetteer::open maps. Writes to a temporary file and renames it into place.
 * @throws InputError naming the file and line of a malformed row or an alias whose target
 *         does not exist.
 */
GazetteerBuildSummary build_gazetteer(const std::filesystem::path& data_dir,
                                      const std::filesystem::path& output);

} // namespace sidetrip::geo
