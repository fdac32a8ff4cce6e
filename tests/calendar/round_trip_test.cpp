#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/calendar/ics_writer.hpp"

#include <catch2/catch.hpp>

using namespace sidetrip;
using namespace sidetrip::calendar;
using namespace std::chrono;

namespace {

std::vector<Occurrence> read_file(const std::string& path, const std::string& home_zone) {
    CalendarReadOptions options;
    options.home_zone = home_zone;
    options.user_emails = {"me@sidetrip.example", "me@example.com"};
    options.window_start = sys_days{year{2020} / 1 / 1};
    options.window_end = sys_days{year{2028} / 1 / 1};
    Diagnostics diagnostics;
    return read_calendar(path, options, diagnostics);
}

} // namespace

TEST_CASE("what we write, we read back with the same instants, dates, zones and text", "[calendar]") {
    for (const std::string& path :
         {std::string(SIDETRIP_SOURCE_DIR) + "/samples/calendar.ics",
          std::string(SIDETRIP_TEST_DATA) + "/calendar/outlook_windows_zones.ics",
          std::string(SIDETRIP_TEST_DATA) + "/calendar/google_x_wr_timezone.ics",
          std::string(SIDETRIP_TEST_DATA) + "/calendar/nominal_day_across_dst.ics"}) {
        INFO(path);
        const auto original = read_file(path, "Asia/Manila");
        REQUIRE_FALSE(original.empty());
        IcsWriteOptions write;
        write.stamp = sys_days{year{2026} / 11 / 1};
        const std::string ics = write_ics(original, write);
        CalendarReadOptions options;
        options.home_zone = "Asia/Manila";
        options.window_start = sys_days{year{2020} / 1 / 1};
        options.window_end = sys_days{year{2028} / 1 / 1};
        Diagnostics diagnostics;
        const auto again = read_calendar_text(ics, "written.ics", options, diagnostics);
        INFO(ics.substr(0, 2000));
        CHECK(diagnostics.empty());
        REQUIRE(again.size() == original.size());
        for (std::size_t i = 0; i < original.size(); ++i) {
            const auto& a = original[i];
            const auto& b = again[i];
            INFO(a.summary);
            CHECK(b.uid == a.uid);
            CHECK(b.recurrence_id == a.recurrence_id);
            CHECK(b.summary == a.summary);
            CHECK(b.location == a.location);
            CHECK(b.description == a.description);
            CHECK(b.all_day == a.all_day);
            if (a.all_day) {
                CHECK(b.start_date == a.start_date);
                CHECK(b.end_date == a.end_date);
            } else {
                CHECK(b.start_utc == a.start_utc);
                CHECK(b.end_utc == a.end_utc);
                CHECK(b.timezone == a.timezone);
            }
            CHECK(b.transparent == a.transparent);
            CHECK(b.status == a.status);
            CHECK(b.categories == a.categories);
            CHECK(b.kind == a.kind);
        }
    }
}
