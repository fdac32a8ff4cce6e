// libFuzzer target: attendee lists. The first byte picks the name the content arrives under
// (.csv, .json, .vcf: the extension is a hint of the format); the rest is the file.
#include "sidetrip/core/error.hpp"
#include "sidetrip/people/attendee.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    static const char* const names[] = {"fuzz.csv", "fuzz.json", "fuzz.vcf", "fuzz.txt"};
    const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
    sidetrip::Diagnostics diagnostics;
    try {
        sidetrip::people::read_attendees(content, names[data[0] % 4], diagnostics);
    } catch (const sidetrip::Error&) {
    }
    return 0;
}
