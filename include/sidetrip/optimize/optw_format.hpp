#pragma once

#include "sidetrip/optimize/problem.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace sidetrip::optimize {

/// Limits of read_optw_instance: the published instances have at most 288 customers.
inline constexpr std::size_t MaxOptwCustomers = 5000;

/**
 * Reads an OPTW/TOPTW benchmark instance in the KU Leuven / OPLib text format (the
 * Solomon-based and Cordeau-based files of Righini & Salani, Montemanni & Gambardella,
 * Vansteenwegen et al.): a header "k v N t", a line the OPTW does not use, then N + 1 vertex
 * lines "i x y d S f a list... O C" (vertex 0 is the depot). Travel times are Euclidean
 * distances truncated to 1/scale (scale 10 for Solomon-based files, 100 for Cordeau-based).
 * Every route starts and ends at the depot within its window.
 * @throws InputError naming `source_name` and the line when the text is not such an instance
 *         (missing fields, numbers that are not finite or out of range, more than
 *         MaxOptwCustomers customers, fewer vertex lines than announced).
 */
Problem read_optw_instance(std::string_view text, const std::string& source_name, int routes, Time scale);

} // namespace sidetrip::optimize
