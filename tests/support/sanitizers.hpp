#pragma once

// Bounds on time and memory that tests assert are about our code; under AddressSanitizer and
// UndefinedBehaviorSanitizer (-DSIDETRIP_SANITIZE=ON) the same code runs several times slower
// and every allocation carries redzones and shadow memory, so those bounds are scaled.

namespace sidetrip::test {

#ifdef SIDETRIP_SANITIZED
inline constexpr double SanitizerFactor = 4.0;
#else
inline constexpr double SanitizerFactor = 1.0;
#endif

} // namespace sidetrip::test
