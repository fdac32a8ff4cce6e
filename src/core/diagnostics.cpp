#include "sidetrip/core/diagnostics.hpp"

namespace sidetrip {

std::string Diagnostic::to_string() const {
    std::string out = source;
    if (line > 0) {
        out += ':' + std::to_string(line);
    }
    out += severity == Severity::Error ? ": error: " : ": warning: ";
    out += message;
    return out;
}

void Diagnostics::warn(std::string source, int line, std::string message) {
    m_items.push_back({Severity::Warning, std::move(source), line, std::move(message)});
}

void Diagnostics::error(std::string source, int line, std::string message) {
    m_items.push_back({Severity::Error, std::move(source), line, std::move(message)});
}

} // namespace sidetrip
