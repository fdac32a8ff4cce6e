// libFuzzer target: the offline geocoder's free-text reading (splitting, folding, codes,
// aliases, context) over the real gazetteer, and the "not a place" test.
#include "sidetrip/core/error.hpp"
#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/geo/geocoder.hpp"
#include "sidetrip/geo/offline_geocoder.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace {
std::unique_ptr<sidetrip::geo::OfflineGeocoder> geocoder;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    geocoder = std::make_unique<sidetrip::geo::OfflineGeocoder>(
        sidetrip::geo::Gazetteer::open(sidetrip::geo::Gazetteer::default_path()));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    static const char* const biases[] = {"", "PH", "US", "DE", "SG", "xx"};
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    sidetrip::geo::is_not_a_place(text);
    try {
        geocoder->geocode({text, biases[data[0] % 6]});
    } catch (const sidetrip::Error&) {
    }
    return 0;
}
