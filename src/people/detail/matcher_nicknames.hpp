#pragma once

#include <span>
#include <string_view>

namespace sidetrip::people::detail {

/**
 * Curated groups of given names that people use for one another: "robert bob bobby rob ...".
 * Each entry is one group, folded (lower case, no accents), space separated, the formal name
 * first. A name may belong to several groups ("alex": Alexander and Alejandro).
 */
std::span<const std::string_view> nickname_groups();

} // namespace sidetrip::people::detail
