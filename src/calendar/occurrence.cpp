#include "sidetrip/calendar/occurrence.hpp"

namespace sidetrip::calendar {

std::string_view to_string(EventKind kind) {
    switch (kind) {
    case EventKind::Flight: return "flight";
    case EventKind::Lodging: return "lodging";
    case EventKind::GroundTransport: return "ground_transport";
    case EventKind::Meeting: return "meeting";
    case EventKind::Conference: return "conference";
    case EventKind::Virtual: return "virtual";
    case EventKind::Personal: return "personal";
    case EventKind::Other: return "other";
    }
    return "other";
}

} // namespace sidetrip::calendar
