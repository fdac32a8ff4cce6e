// The limits of recurrence expansion against the caller's window: instances before the window
// are counted for COUNT but not against the cap (docs/errors.md, "Limits").
#include <catch2/catch.hpp>

#include "../../src/calendar/detail/recurrence.hpp"

#include <chrono>

namespace {

using namespace sidetrip::calendar::detail;
using namespace std::chrono;

local_seconds wall(year_month_day day, int hour = 0) {
    return local_seconds{local_days{day}} + hours{hour};
}

RecurrenceRule rule_of(std::string_view text) {
    std::string error;
    auto rule = parse_rrule(text, &error);
    INFO(text << ": " << error);
    REQUIRE(rule);
    return *rule;
}

} // namespace

TEST_CASE("a daily series begun in 1990 still has its instances in a window of 2027", "[calendar]") {
    ExpansionLimits limits;
    limits.keep_from = wall(2027y / 1 / 1);
    limits.stop_after = wall(2027y / 1 / 8);
    const auto expansion = expand_rrule(rule_of("FREQ=DAILY"), wall(1990y / 1 / 1, 9), false, limits);
    CHECK_FALSE(expansion.truncated);
    // DTSTART is always the first; then 1 to 7 January 2027.
    REQUIRE(expansion.instances.size() == 8);
    CHECK(expansion.instances[1] == wall(2027y / 1 / 1, 9));
    CHECK(expansion.instances.back() == wall(2027y / 1 / 7, 9));
    CHECK(expansion.skipped > 13000);
}

TEST_CASE("instances before the window still count towards COUNT", "[calendar]") {
    ExpansionLimits limits;
    limits.keep_from = wall(2027y / 1 / 5);
    const auto expansion = expand_rrule(rule_of("FREQ=DAILY;COUNT=6"), wall(2027y / 1 / 1), false, limits);
    // 1 January (DTSTART), 2 to 4 skipped, 5 and 6 kept: six in all.
    REQUIRE(expansion.instances.size() == 3);
    CHECK(expansion.skipped == 3);
    CHECK(expansion.instances.back() == wall(2027y / 1 / 6));
}

TEST_CASE("the instance cap counts only instances inside the window", "[calendar]") {
    ExpansionLimits limits;
    limits.max_instances = 10;
    limits.keep_from = wall(2027y / 1 / 1);
    const auto expansion = expand_rrule(rule_of("FREQ=HOURLY"), wall(2026y / 12 / 1), false, limits);
    CHECK(expansion.truncated);
    REQUIRE(expansion.instances.size() == 10);
    CHECK(expansion.instances[1] == wall(2027y / 1 / 1));
}
