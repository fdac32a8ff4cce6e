#pragma once

#include <stdexcept>
#include <string>

namespace sidetrip {

/// Exit codes of the `sidetrip` program (see ARCHITECTURE.md, "Contracts").
enum class ExitCode : int { Success = 0, Internal = 1, BadInput = 2, ServiceFailed = 3 };

/** Base of every error the library throws on purpose; carries the exit code the CLI uses. */
class Error : public std::runtime_error {
public:
    Error(const std::string& message, ExitCode code = ExitCode::Internal)
        : std::runtime_error(message), m_code(code) {}
    ExitCode exit_code() const noexcept { return m_code; }

private:
    ExitCode m_code;
};

/** The user's file or arguments are wrong (exit code 2). */
class InputError : public Error {
public:
    explicit InputError(const std::string& message) : Error(message, ExitCode::BadInput) {}
};

/** A network or remote service failed (exit code 3). */
class ServiceError : public Error {
public:
    explicit ServiceError(const std::string& message) : Error(message, ExitCode::ServiceFailed) {}
};

} // namespace sidetrip
