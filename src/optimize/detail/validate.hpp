#pragma once

#include "detail/model.hpp"

namespace sidetrip::optimize::detail {

/**
 * Checks sizes, indices, durations, scores and windows.
 * @throws InputError naming the offending route or visit.
 */
void validate(const Problem& problem);

/**
 * The routes with only their fixed visits, in an order that honours every window (the one
 * with the least travel when a route has few fixed visits).
 * @throws InputError naming a fixed visit that cannot be honoured.
 */
State place_fixed_visits(const Model& model);

} // namespace sidetrip::optimize::detail
