#pragma once

// Helpers the people tests share: where the fixtures are, loading one, finding a diagnostic.

#include "sidetrip/core/diagnostics.hpp"
#include "sidetrip/people/contacts_reader.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace sidetrip::people::testing {

inline std::string fixture(const std::string& name) {
    return std::string(SIDETRIP_TEST_DATA) + "/contacts/" + name;
}

inline std::vector<Contact> load(const std::string& name, Diagnostics& diagnostics) {
    return read_contacts_file(fixture(name), diagnostics);
}

/// True when a diagnostic on `line` mentions `needle`.
inline bool has_diagnostic(const Diagnostics& diagnostics, int line, const std::string& needle) {
    return std::any_of(diagnostics.items().begin(), diagnostics.items().end(), [&](const Diagnostic& d) {
        return d.line == line && d.message.find(needle) != std::string::npos;
    });
}

} // namespace sidetrip::people::testing
