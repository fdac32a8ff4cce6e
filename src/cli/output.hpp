#pragma once

#include "sidetrip/core/diagnostics.hpp"
#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/geo/geocoder.hpp"

#include <memory>
#include <string>

namespace sidetrip::cli {

struct GlobalOptions;

/// "text" or "json"; anything else is an InputError naming the flag.
enum class OutputFormat { Text, Json };
OutputFormat parse_format(const std::string& value, const char* allowed = "text, json");

/// Prints diagnostics to stderr; with --strict, any diagnostic is an InputError (exit 2).
void report_diagnostics(const Diagnostics& diagnostics, const GlobalOptions& globals);

/// The gazetteer and the offline geocoder chain every command uses.
struct GeocodingSetup {
    std::shared_ptr<const geo::Gazetteer> gazetteer;
    std::shared_ptr<geo::Geocoder> geocoder;
};
GeocodingSetup make_geocoding();

/// A country code given on the command line, upper-cased and checked against the gazetteer.
std::string checked_country(const geo::Gazetteer& gazetteer, const std::string& code);

/// Writes text to stdout in one piece.
void write_stdout(const std::string& text);

} // namespace sidetrip::cli
