// Every program these tests run sees the same "today", whatever day the suite runs on: the
// golden files hold texts such as "last met in person 21 months ago". A test that is about
// the date passes --today itself (the option wins over the environment).
#include <cstdlib>

namespace {

const bool fixed_today = [] {
    ::setenv("SIDETRIP_TODAY", "2026-11-26", 1);
    return true;
}();

} // namespace
