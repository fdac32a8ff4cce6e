#pragma once

// sidetrip's native JSON contacts (data/contacts.schema.json). Private to the people module.

#include "sidetrip/core/diagnostics.hpp"
#include "sidetrip/people/contact.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::people::detail {

/**
 * Reads an array of contact objects, or an object whose "contacts" member is one. A bad element
 * is a diagnostic naming its index and line, and the rest load.
 * @throws InputError when the text is not JSON (the message has the line) or has neither shape.
 */
std::vector<Contact> read_json_contacts(std::string_view text, const std::string& source_name,
                                        Diagnostics& diagnostics);

} // namespace sidetrip::people::detail
