#include "sidetrip/plan/trips.hpp"

#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/geodesic.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>

namespace sidetrip::plan {

namespace {

using calendar::EventKind;
using calendar::Occurrence;
using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

/// Where an occurrence puts the user, when it says.
struct Whereabouts {
    GeoPoint point;
    std::string name;
    std::string timezone;
    bool away = false;
    bool gateway = false; ///< a flight landing near home: the way back, not a destination
    bool airport = false; ///< known only as an airport: a city named later is the better name
    bool span = false; ///< from an all-day event (a trip-wide TripIt event): weak evidence of the day's place
};

Date local_date(sys_seconds instant, const std::string& zone) {
    return Date{sys_days{std::chrono::floor<days>(calendar::to_local(instant, zone)).time_since_epoch()}};
}

Date next_day(const Date& d) {
    return Date{sys_days{d} + days{1}};
}

std::string slug(const std::string& name) {
    std::string out;
    for (char c : text::fold(name)) {
        out += (c == ' ') ? '-' : c;
    }
    return out.empty() ? "away" : out;
}

class TripFinder {
public:
    TripFinder(const std::vector<Occurrence>& occurrences, const TripOptions& options,
               geo::Geocoder& geocoder)
        : m_occurrences(occurrences), m_options(options), m_geocoder(geocoder) {}

    std::vector<Trip> run() {
        std::map<Date, std::vector<Whereabouts>>& away_days =
            m_away; // day -> where the user is away that day
        m_away.clear();
        std::map<Date, bool> home_days; // days with an event located at home
        m_where.resize(m_occurrences.size());
        for (std::size_t i = 0; i < m_occurrences.size(); ++i) {
            const Occurrence& o = m_occurrences[i];
            if (o.declined) {
                continue;
            }
            m_where[i] = whereabouts(o);
            if (!m_where[i]) {
                continue;
            }
            m_where[i]->span = o.all_day;
            for (const Date& day : days_of(o, *m_where[i])) {
                if (m_where[i]->away) {
                    away_days[day].push_back(*m_where[i]);
                } else {
                    home_days[day] = true;
                }
            }
            // The flight home: its departure day is still a day away, where it leaves from.
            if (o.kind == EventKind::Flight && !m_where[i]->away) {
                if (auto origin = flight_end(o, 1); origin && origin->away) {
                    origin->gateway = true; // the airport one leaves from is no destination
                    away_days[local_date(o.start_utc, origin->timezone)].push_back(*origin);
                }
            }
        }
        // Runs of away days; short quiet gaps without a home event are bridged.
        std::vector<Trip> trips;
        std::optional<Trip> current;
        Date last_away{};
        for (const auto& [day, evidence] : away_days) {
            if (current) {
                const auto gap = (sys_days{day} - sys_days{last_away}).count() - 1;
                bool home_in_gap = false;
                for (Date d = next_day(last_away); sys_days{d} < sys_days{day}; d = next_day(d)) {
                    home_in_gap = home_in_gap || home_days.count(d) > 0;
                }
                if (gap > m_options.max_gap_days || home_in_gap) {
                    trips.push_back(finish(*current));
                    current.reset();
                }
            }
            if (!current) {
                current = Trip{};
                current->start = day;
                m_airport_destination.clear();
            }
            current->end = next_day(day);
            for (const Whereabouts& w : evidence) {
                add_destination(*current, w);
            }
            last_away = day;
        }
        if (current) {
            trips.push_back(finish(*current));
        }
        return trips;
    }

private:
    std::optional<Whereabouts> resolve(const std::string& text) {
        // Without the home-country bias first: a trip's places are away from home by nature
        // ("Shoreditch, London" is not London, Ohio for a user in Texas); the bias only
        // decides when the text alone is ambiguous.
        geo::GeocodeResult r = m_geocoder.geocode({text, ""});
        if (geo::has_point(r.status) && r.confidence < 0.5 && !m_options.home_country.empty()) {
            r = m_geocoder.geocode({text, m_options.home_country});
        }
        if (!geo::has_point(r.status)) {
            return std::nullopt;
        }
        Whereabouts w;
        w.point = r.point;
        w.name = r.name;
        w.timezone = r.timezone.empty() ? m_options.home_zone : r.timezone;
        w.away = geo::distance_m(r.point, m_options.home) > m_options.away_km * 1000.0;
        w.airport = r.level == "airport";
        return w;
    }

    static std::optional<std::pair<std::string, std::string>> airport_pair(const Occurrence& o) {
        static const std::regex pair(R"(\b([A-Z]{3})\s*(?:to|->|→|–|-)\s*([A-Z]{3})\b)");
        std::smatch m;
        if (std::regex_search(o.summary, m, pair)) {
            return std::make_pair(m[1].str(), m[2].str());
        }
        return std::nullopt;
    }

    bool connects(const Occurrence& flight) const {
        const auto codes = airport_pair(flight);
        if (!codes) {
            return false;
        }
        for (const auto& o : m_occurrences) {
            if (&o == &flight || o.kind != EventKind::Flight || o.start_utc < flight.end_utc ||
                o.start_utc > flight.end_utc + std::chrono::hours{8}) {
                continue;
            }
            const auto next = airport_pair(o);
            if (next && next->first == codes->second) {
                return true;
            }
        }
        return false;
    }

    // Where a flight leaves from (end 1) or lands (end 2): "PR1845 MNL to CEB", "MNL → CEB",
    // or for the landing only "Flight to Cebu (PR 2810)".
    std::optional<Whereabouts> flight_end(const Occurrence& o, int end) {
        static const std::regex pair(R"(\b([A-Z]{3})\s*(?:to|->|→|–|-)\s*([A-Z]{3})\b)");
        static const std::regex to_city(R"((?:^|\s)[Tt]o\s+([^(,]+))");
        std::smatch m;
        if (std::regex_search(o.summary, m, pair)) {
            return resolve(m[end].str());
        }
        if (end == 2 && std::regex_search(o.summary, m, to_city)) {
            return resolve(std::string(text::trim(m[1].str())));
        }
        return std::nullopt;
    }

    std::optional<Whereabouts> whereabouts(const Occurrence& o) {
        if (o.kind == EventKind::Virtual) {
            return std::nullopt;
        }
        if (o.kind == EventKind::Flight) {
            if (auto landing = flight_end(o, 2)) {
                // Landing at the airport that serves home (MNL for Lipa, 65 km away) is the
                // last day away, not another destination; nor is a connection (another flight
                // leaves that airport within 8 hours): a place passed through.
                landing->gateway =
                    geo::distance_m(landing->point, m_options.home) <= 3.0 * m_options.away_km * 1000.0 ||
                    connects(o);
                return landing;
            }
        }
        if (o.geo) {
            Whereabouts w;
            w.point = *o.geo;
            w.name = o.location.empty() ? "GEO" : o.location;
            // The place's name when its text says it ("Hotel Zephyr, 250 Beach St, San Francisco"
            // is in San Francisco): trips and days are named after cities, not street addresses.
            if (!o.location.empty()) {
                if (auto named = resolve(o.location);
                    named && geo::distance_m(named->point, *o.geo) <= m_options.away_km * 1000.0) {
                    w.name = named->name;
                }
            }
            w.timezone = m_options.zone_at ? m_options.zone_at(*o.geo) : std::string();
            if (w.timezone.empty()) {
                w.timezone = o.display_zone.empty() ? m_options.home_zone : o.display_zone;
            }
            w.away = geo::distance_m(*o.geo, m_options.home) > m_options.away_km * 1000.0;
            return w;
        }
        if (!o.location.empty()) {
            return resolve(o.location);
        }
        return std::nullopt;
    }

    // The days an occurrence covers where it happens. A flight counts on its arrival day; a
    // night's lodging counts on every day it spans.
    std::vector<Date> days_of(const Occurrence& o, const Whereabouts& w) const {
        std::vector<Date> out;
        if (o.all_day) {
            for (Date d = o.start_date; sys_days{d} < sys_days{o.end_date}; d = next_day(d)) {
                out.push_back(d);
            }
            return out;
        }
        const std::string& zone = w.timezone;
        if (o.kind == EventKind::Flight) {
            out.push_back(local_date(o.end_utc, zone));
            return out;
        }
        const Date first = local_date(o.start_utc, zone);
        const Date last =
            local_date(o.end_utc > o.start_utc ? o.end_utc - std::chrono::seconds{1} : o.start_utc, zone);
        for (Date d = first; sys_days{d} <= sys_days{last}; d = next_day(d)) {
            out.push_back(d);
        }
        return out;
    }

    void add_destination(Trip& trip, const Whereabouts& w) {
        if (w.gateway) {
            return;
        }
        for (std::size_t k = 0; k < trip.destinations.size(); ++k) {
            auto& d = trip.destinations[k];
            if (geo::distance_m(d.point, w.point) <= m_options.away_km * 1000.0) {
                if (m_airport_destination[k] && !w.airport) {
                    d = {w.name, w.point, w.timezone}; // "Cebu City" rather than its airport
                    m_airport_destination[k] = false;
                }
                return;
            }
        }
        trip.destinations.push_back({w.name, w.point, w.timezone});
        m_airport_destination.push_back(w.airport);
    }

    Trip finish(Trip trip) const {
        trip.id = "trip-" + format_date(trip.start) + "-" +
                  slug(trip.destinations.empty() ? std::string("away") : trip.destinations.front().name);
        // Each day is lived where that day's evidence puts the user (the last place of the day
        // that is not an airport passed through), or where the day before ended.
        std::string zone =
            trip.destinations.empty() ? m_options.home_zone : trip.destinations.front().timezone;
        GeoPoint point = trip.destinations.empty() ? m_options.home : trip.destinations.front().point;
        std::string place = trip.destinations.empty() ? std::string() : trip.destinations.front().name;
        for (Date d = trip.start; sys_days{d} < sys_days{trip.end}; d = next_day(d)) {
            auto it = m_away.find(d);
            if (it != m_away.end()) {
                // Timed evidence first (a meeting, a landing); an all-day span (TripIt's
                // trip-wide event names the first city for the whole tour) only on the first
                // day or when nothing else says.
                const Whereabouts* chosen = nullptr;
                for (const Whereabouts& w : it->second) {
                    if (!w.gateway && (!w.span || chosen == nullptr || chosen->span)) {
                        if (!w.span || d == trip.start || chosen == nullptr) {
                            chosen = &w;
                        }
                    }
                }
                const bool only_span = chosen != nullptr && chosen->span && d != trip.start;
                if (chosen != nullptr && !only_span) {
                    zone = chosen->timezone;
                    point = chosen->point;
                    place = chosen->name;
                }
            }
            trip.days.push_back({d, zone, point, place, {}});
        }
        // Each day's midnights in its zone, worked out once rather than for every event.
        std::vector<std::optional<std::pair<sys_seconds, sys_seconds>>> day_bounds(trip.days.size());
        const auto bounds_of = [&](std::size_t k) {
            if (!day_bounds[k]) {
                const TripDay& day = trip.days[k];
                day_bounds[k] = std::make_pair(
                    calendar::to_utc(
                        std::chrono::local_seconds{std::chrono::local_days{day.date}.time_since_epoch()},
                        day.timezone),
                    calendar::to_utc(
                        std::chrono::local_seconds{
                            std::chrono::local_days{next_day(day.date)}.time_since_epoch()},
                        day.timezone));
            }
            return *day_bounds[k];
        };
        for (std::size_t i = 0; i < m_occurrences.size(); ++i) {
            const Occurrence& o = m_occurrences[i];
            // Events located at home do not belong to a trip even on its days; flights do,
            // wherever they land.
            if (m_where[i] && !m_where[i]->away && o.kind != EventKind::Flight) {
                continue;
            }
            bool belongs = false;
            for (std::size_t k = 0; k < trip.days.size(); ++k) {
                auto& day = trip.days[k];
                bool overlaps = false;
                if (o.all_day) {
                    overlaps = sys_days{day.date} >= sys_days{o.start_date} &&
                               sys_days{day.date} < sys_days{o.end_date};
                } else {
                    const auto [midnight, next] = bounds_of(k);
                    overlaps = o.start_utc < next && (o.end_utc > midnight ||
                                                      (o.end_utc == o.start_utc && o.start_utc >= midnight));
                }
                // An evening event that runs past midnight stays on the day it started (the
                // next day may be in another zone); flights and all-day events block every day.
                if (!overlaps || (belongs && !o.all_day && o.kind != EventKind::Flight)) {
                    continue;
                }
                belongs = true;
                if (!o.all_day && !o.transparent) {
                    day.commitments.push_back(i);
                }
            }
            if (belongs) {
                trip.events.push_back(i);
            }
        }
        return trip;
    }

    const std::vector<Occurrence>& m_occurrences;
    const TripOptions& m_options;
    geo::Geocoder& m_geocoder;
    std::vector<std::optional<Whereabouts>> m_where;
    std::map<Date, std::vector<Whereabouts>> m_away;
    std::vector<bool> m_airport_destination; ///< per destination of the trip being built
};

} // namespace

std::vector<Trip> detect_trips(const std::vector<calendar::Occurrence>& occurrences,
                               const TripOptions& options, geo::Geocoder& geocoder) {
    return TripFinder(occurrences, options, geocoder).run();
}

} // namespace sidetrip::plan
