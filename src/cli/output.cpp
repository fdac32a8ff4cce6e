#include "output.hpp"

#include "commands.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/offline_geocoder.hpp"

#include <cstdio>
#include <iostream>

namespace sidetrip::cli {

OutputFormat parse_format(const std::string& value, const char* allowed) {
    if (value == "text") {
        return OutputFormat::Text;
    }
    if (value == "json") {
        return OutputFormat::Json;
    }
    throw InputError("--format " + value + ": unknown format (use one of: " + allowed + ")");
}

void report_diagnostics(const Diagnostics& diagnostics, const GlobalOptions& globals) {
    if (!globals.quiet || globals.strict) {
        for (const auto& d : diagnostics.items()) {
            std::cerr << "sidetrip: " << d.to_string() << "\n";
        }
    }
    if (globals.strict && !diagnostics.empty()) {
        throw InputError(std::to_string(diagnostics.size()) +
                         " problem(s) in the input (see above); --strict makes them errors: fix the "
                         "records or run without --strict");
    }
}

GeocodingSetup make_geocoding() {
    GeocodingSetup setup;
    setup.gazetteer = geo::Gazetteer::open(geo::Gazetteer::default_path());
    auto chain = std::make_shared<geo::GeocoderChain>();
    chain->add(std::make_shared<geo::OfflineGeocoder>(setup.gazetteer));
    setup.geocoder = std::make_shared<geo::MemoryCachedGeocoder>(chain);
    return setup;
}

std::string checked_country(const geo::Gazetteer& gazetteer, const std::string& code) {
    if (code.empty()) {
        return {};
    }
    const std::string upper = text::ascii_upper(code);
    if (upper.size() != 2 || !gazetteer.country_by_code(upper)) {
        throw InputError("--country " + code + ": not an ISO 3166-1 alpha-2 country code (e.g. PH, US, DE)");
    }
    return upper;
}

void write_json(const nlohmann::ordered_json& document) {
    write_stdout(document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        // C0 controls, DEL, and C1 controls (UTF-8 C2 80..C2 9F).
        const bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        if (c < 0x20 || c == 0x7F || c1) {
            const unsigned value = c1 ? static_cast<unsigned char>(text[++i]) : c;
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\x%02X", value);
            out += buffer;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

void write_stdout(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    if (std::ferror(stdout)) {
        throw Error("cannot write to standard output");
    }
}

} // namespace sidetrip::cli
