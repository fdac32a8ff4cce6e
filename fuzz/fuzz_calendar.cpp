// libFuzzer target: the whole calendar import (libical parse, our fixes, zones, recurrence
// expansion, classification) of one .ics text. Bad input must be a diagnostic or an InputError.
#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/core/error.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace std::chrono;
    sidetrip::calendar::CalendarReadOptions options;
    options.home_zone = "Asia/Manila";
    options.user_emails = {"me@example.com"};
    options.window_start = sys_seconds{sys_days{year{2020} / 1 / 1}};
    options.window_end = sys_seconds{sys_days{year{2030} / 1 / 1}};
    options.max_instances = 2000; // the limits are features; small ones keep each run fast
    options.max_iterations = 20000;
    sidetrip::Diagnostics diagnostics;
    try {
        sidetrip::calendar::read_calendar_text(std::string_view(reinterpret_cast<const char*>(data), size),
                                               "fuzz.ics", options, diagnostics);
    } catch (const sidetrip::Error&) {
    }
    return 0;
}
