// libFuzzer target: what servers send back: the online geocoders' JSON (Nominatim, Photon)
// and CalDAV's WebDAV multistatus XML. Any bytes must be a result or a ServiceError.
#include "sidetrip/calendar/feeds.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/geo/online_geocoder.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        switch (data[0] % 3) {
        case 0: sidetrip::geo::parse_nominatim_response(body, "https://nominatim.example.org/search?q=x"); break;
        case 1: sidetrip::geo::parse_photon_response(body, "https://photon.example.org/api?q=x"); break;
        default: sidetrip::calendar::parse_multistatus(body, "https://dav.example.org/cal/ana/work/"); break;
        }
    } catch (const sidetrip::Error&) {
    }
    return 0;
}
