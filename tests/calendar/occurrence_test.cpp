#include "sidetrip/calendar/occurrence.hpp"
#include <catch2/catch.hpp>
TEST_CASE("event kinds have the contract spelling", "[calendar]") {
    CHECK(sidetrip::calendar::to_string(sidetrip::calendar::EventKind::GroundTransport) ==
          "ground_transport");
}
