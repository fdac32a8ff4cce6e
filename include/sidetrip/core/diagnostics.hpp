#pragma once

#include <string>
#include <vector>

namespace sidetrip {

enum class Severity { Warning, Error };

/**
 * One problem found in an otherwise usable input: where it is, what was wrong and what we did
 * about it. A bad record is a diagnostic, not an abort; `--strict` turns them into errors.
 */
struct Diagnostic {
    Severity severity = Severity::Warning;
    std::string source;  ///< file name, URL or "-" for stdin
    int line = 0;        ///< 1-based line of the record, 0 when not known
    std::string message; ///< what was wrong and what we did about it

    /// "file:line: warning: message" (line omitted when 0).
    std::string to_string() const;
};

/** Collects diagnostics from every reader of one run. */
class Diagnostics {
public:
    void warn(std::string source, int line, std::string message);
    void error(std::string source, int line, std::string message);
    void add(Diagnostic diagnostic) { m_items.push_back(std::move(diagnostic)); }

    const std::vector<Diagnostic>& items() const noexcept { return m_items; }
    bool empty() const noexcept { return m_items.empty(); }
    std::size_t size() const noexcept { return m_items.size(); }

private:
    std::vector<Diagnostic> m_items;
};

} // namespace sidetrip
