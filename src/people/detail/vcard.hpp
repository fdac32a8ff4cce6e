#pragma once

// vCard 2.1, 3.0 and 4.0. Private to the people module.

#include "sidetrip/core/diagnostics.hpp"
#include "sidetrip/people/contact.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::people::detail {

/**
 * Reads every card in `text` (UTF-8 without a byte order mark). A bad card or value is a
 * diagnostic and the rest load.
 * @throws InputError when the text holds no BEGIN:VCARD line at all.
 */
std::vector<Contact> read_vcards(std::string_view text, const std::string& source_name,
                                 Diagnostics& diagnostics);

} // namespace sidetrip::people::detail
