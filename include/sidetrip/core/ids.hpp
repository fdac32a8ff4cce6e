#pragma once

#include <compare>
#include <functional>
#include <string>

namespace sidetrip {

/// A string id that cannot be mixed up with another kind of id.
template <typename Tag> class StrongId {
public:
    StrongId() = default;
    explicit StrongId(std::string value) : m_value(std::move(value)) {}

    const std::string& str() const noexcept { return m_value; }
    bool empty() const noexcept { return m_value.empty(); }

    friend auto operator<=>(const StrongId&, const StrongId&) = default;

private:
    std::string m_value;
};

using ContactId = StrongId<struct ContactIdTag>;
using EventId = StrongId<struct EventIdTag>;

} // namespace sidetrip

template <typename Tag> struct std::hash<sidetrip::StrongId<Tag>> {
    std::size_t operator()(const sidetrip::StrongId<Tag>& id) const noexcept {
        return std::hash<std::string>{}(id.str());
    }
};
