// libFuzzer target: the contact readers. The first byte picks the format (vCard, Google CSV,
// LinkedIn CSV, native CSV, native JSON, or detection from the content); the rest is the file.
#include "sidetrip/core/error.hpp"
#include "sidetrip/people/contacts_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using sidetrip::people::ContactFormat;
    if (size == 0) {
        return 0;
    }
    const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
    sidetrip::Diagnostics diagnostics;
    try {
        ContactFormat format = ContactFormat::VCard;
        switch (data[0] % 7) {
        case 0: format = ContactFormat::VCard; break;
        case 1: format = ContactFormat::GoogleCsv; break;
        case 2: format = ContactFormat::LinkedInCsv; break;
        case 3: format = ContactFormat::NativeCsv; break;
        case 4: format = ContactFormat::NativeJson; break;
        case 5: format = ContactFormat::OutlookCsv; break;
        default: format = sidetrip::people::detect_contact_format(content, "fuzz"); break;
        }
        sidetrip::people::read_contacts(content, format, "fuzz", diagnostics);
    } catch (const sidetrip::Error&) {
    }
    return 0;
}
