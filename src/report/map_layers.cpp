// The plan as map layers (GeoJSON, KML, GPX) through GDAL/OGR. The plan is first turned into
// plain points and lines (what each format draws), then one small writer per format puts them
// into the layers and attributes that format supports.
#include "sidetrip/report/map_layers.hpp"
#include "../common/gdal_session.hpp"

#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/files.hpp"
#include "sidetrip/core/text.hpp"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unistd.h>
#include <variant>
#include <vector>

namespace sidetrip::report {

namespace {

using calendar::EventKind;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

// ---------------------------------------------------------------------------------------------
// What the map shows, before any GDAL type

/// A commitment or a meetup.
struct MapPoint {
    GeoPoint point;
    sys_seconds start{};
    sys_seconds end{};
    std::string zone; ///< times are shown in it
    std::string name;
    std::string kind;
    std::string venue;
    std::string trip;
    std::string date; ///< the trip day, YYYY-MM-DD
    std::string uid;
    std::string description;
    // Meetups only.
    bool meetup = false;
    std::string contacts;    ///< names, ", " between them
    std::string contact_ids; ///< ids, ", " between them
    std::string reasons;     ///< "; " between them
    double value = 0.0;
};

/// One trip day's way from its base through its stops and back.
struct DayRoute {
    std::string name;
    std::string trip;
    std::string date;
    std::string zone;
    std::string description;
    sys_seconds start{}; ///< of the first stop
    sys_seconds end{};   ///< of the last stop
    int stops = 0;
    std::vector<GeoPoint> line;
};

struct MapView {
    std::vector<MapPoint> commitments;
    std::vector<MapPoint> meetups;
    std::vector<DayRoute> routes;
};

Date local_date(sys_seconds t, const std::string& zone) {
    return calendar::local_date(t, zone);
}

std::string capitalized(std::string_view s) {
    std::string out(s);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : std::string(separator)) + item;
    }
    return out;
}

// "Ana", "Ana and Ben", "Ana, Ben and Cy".
std::string joined_names(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    }
    return out;
}

// "2027-01-13 09:00–10:00 (Asia/Manila)": what a reader of a pin's description wants first.
std::string when_text(sys_seconds start, sys_seconds end, const std::string& zone) {
    return format_date(local_date(start, zone)) + " " + calendar::format_clock(start, zone) + "\u2013" +
           calendar::format_clock(end, zone) + " (" + zone + ")";
}

std::string value_text(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

/// Where commitments happen: their GEO, else their LOCATION through the geocoder, as the
/// planner resolved them (the same geocoder has the answers cached).
class CommitmentPlaces {
public:
    CommitmentPlaces(const std::vector<calendar::Occurrence>& occurrences, const MapOptions& options)
        : m_occurrences(occurrences), m_options(options) {}

    std::optional<GeoPoint> at(std::size_t i) {
        if (const auto known = m_known.find(i); known != m_known.end()) {
            return known->second;
        }
        return m_known[i] = resolve(m_occurrences[i]);
    }

private:
    std::optional<GeoPoint> resolve(const calendar::Occurrence& o) const {
        if (o.geo && is_valid(*o.geo)) {
            return o.geo;
        }
        if (m_options.geocoder == nullptr || text::trim(o.location).empty() || o.kind == EventKind::Virtual) {
            return std::nullopt;
        }
        // As trip detection and the planner do: the country bias only when the text alone is ambiguous.
        auto r = m_options.geocoder->geocode({o.location, ""});
        if (geo::has_point(r.status) && r.confidence < 0.5 && !m_options.country_bias.empty()) {
            r = m_options.geocoder->geocode({o.location, m_options.country_bias});
        }
        if (!geo::has_point(r.status)) {
            return std::nullopt;
        }
        return r.point;
    }

    const std::vector<calendar::Occurrence>& m_occurrences;
    const MapOptions& m_options;
    std::map<std::size_t, std::optional<GeoPoint>> m_known;
};

MapPoint commitment_point(const calendar::Occurrence& o, const GeoPoint& where, const plan::TripPlan& tp,
                          const plan::TripDay& day) {
    MapPoint p;
    p.point = where;
    p.start = o.start_utc;
    p.end = o.end_utc;
    p.zone = day.timezone;
    p.name = o.summary.empty() ? std::string("(untitled event)") : o.summary;
    p.kind = std::string(calendar::to_string(o.kind));
    p.venue = o.location;
    p.trip = tp.trip.id;
    p.date = format_date(day.date);
    p.uid = o.uid;
    p.description = when_text(p.start, p.end, p.zone) + "\n" + capitalized(p.kind) + ", fixed";
    if (!p.venue.empty()) {
        p.description += "\nAt: " + p.venue;
    }
    return p;
}

MapPoint meetup_point(const plan::Meetup& m, const plan::TripPlan& tp, const std::string& zone,
                      const Date& day) {
    MapPoint p;
    p.meetup = true;
    p.point = m.venue.point;
    p.start = m.start;
    p.end = m.end;
    p.zone = zone;
    p.kind = std::string(plan::to_string(m.kind));
    p.name =
        capitalized(p.kind) + " with " + (m.names.empty() ? std::string("someone") : joined_names(m.names));
    p.venue = m.venue.name;
    p.trip = tp.trip.id;
    p.date = format_date(day);
    p.uid = m.uid;
    p.contacts = joined(m.names, ", ");
    std::vector<std::string> ids;
    for (const auto& id : m.contacts) {
        ids.push_back(id.str());
    }
    p.contact_ids = joined(ids, ", ");
    p.reasons = joined(m.reasons, "; ");
    p.value = m.value;
    p.description = when_text(p.start, p.end, p.zone) + "\nSuggested " + p.kind + " with " + p.contacts;
    if (!p.venue.empty()) {
        p.description += "\nVenue: " + p.venue;
    }
    p.description += "\nValue: " + value_text(p.value);
    for (const auto& reason : m.reasons) {
        p.description += "\n- " + reason;
    }
    return p;
}

struct Base {
    GeoPoint point;
    std::string name;
};

// The hotel of the night that starts on `night` (local date): a lodging event of the trip whose
// nights (check-in day to the day before check-out) include it.
std::optional<Base> lodging_on(const plan::TripPlan& tp, const Date& night, const std::string& zone,
                               const std::vector<calendar::Occurrence>& occurrences,
                               CommitmentPlaces& places) {
    for (std::size_t i : tp.trip.events) {
        if (i >= occurrences.size() || occurrences[i].kind != EventKind::Lodging) {
            continue;
        }
        const auto& o = occurrences[i];
        const Date first = o.all_day ? o.start_date : local_date(o.start_utc, zone);
        const Date checkout = o.all_day ? o.end_date : local_date(o.end_utc, zone);
        if (sys_days{first} <= sys_days{night} && sys_days{night} < sys_days{checkout}) {
            if (auto point = places.at(i)) {
                return Base{*point, o.summary.empty() ? o.location : o.summary};
            }
        }
    }
    return std::nullopt;
}

/// Where a trip day's route starts and ends.
struct DayBases {
    std::optional<Base> start;
    std::optional<Base> end;
};

// The day starts at last night's hotel (else tonight's: bags dropped first, else the day's
// destination as the planner uses it) and ends at tonight's hotel (else where it started).
DayBases bases_of(const plan::TripPlan& tp, const plan::TripDay& day,
                  const std::vector<calendar::Occurrence>& occurrences, CommitmentPlaces& places) {
    const Date last_night{sys_days{day.date} - std::chrono::days{1}};
    const auto tonight = lodging_on(tp, day.date, day.timezone, occurrences, places);
    DayBases bases;
    bases.start = lodging_on(tp, last_night, day.timezone, occurrences, places);
    if (!bases.start) {
        bases.start = tonight;
    }
    if (!bases.start && !day.place.empty() && is_valid(day.where)) {
        bases.start = Base{day.where, day.place};
    }
    bases.end = tonight ? tonight : bases.start;
    return bases;
}

MapView map_view(const plan::Plan& plan, const MapOptions& options) {
    MapView view;
    CommitmentPlaces places(plan.occurrences, options);
    for (const auto& tp : plan.trips) {
        std::set<std::size_t> drawn; // a flight over midnight is a commitment of two days, one pin
        std::vector<bool> placed(tp.meetups.size(), false);
        for (const auto& day : tp.trip.days) {
            struct Stop {
                sys_seconds start{};
                sys_seconds end{};
                bool meetup = false;
                GeoPoint point;
                std::string name;
            };
            std::vector<Stop> stops;
            for (std::size_t i : day.commitments) {
                if (i >= plan.occurrences.size()) {
                    continue;
                }
                const auto& o = plan.occurrences[i];
                const auto where = places.at(i);
                if (!where) {
                    continue;
                }
                const MapPoint pin = commitment_point(o, *where, tp, day);
                if (drawn.insert(i).second) {
                    view.commitments.push_back(pin);
                }
                // Flights and transfers are the way between places, and the hotel is the base:
                // none of them is a stop of the day.
                if (o.kind != EventKind::Flight && o.kind != EventKind::GroundTransport &&
                    o.kind != EventKind::Lodging) {
                    stops.push_back({o.start_utc, o.end_utc, false, *where, pin.name});
                }
            }
            for (std::size_t k = 0; k < tp.meetups.size(); ++k) {
                const auto& m = tp.meetups[k];
                if (placed[k] || local_date(m.start, day.timezone) != day.date) {
                    continue;
                }
                placed[k] = true;
                view.meetups.push_back(
                    meetup_point(m, tp, m.timezone.empty() ? day.timezone : m.timezone, day.date));
                stops.push_back({m.start, m.end, true, m.venue.point, view.meetups.back().name});
            }
            // In time order; a fixed commitment before a meetup that starts with it.
            std::stable_sort(stops.begin(), stops.end(), [](const Stop& a, const Stop& b) {
                return a.start != b.start ? a.start < b.start : !a.meetup && b.meetup;
            });
            DayRoute route;
            route.trip = tp.trip.id;
            route.date = format_date(day.date);
            route.zone = day.timezone;
            route.name = route.date + " (" + (day.place.empty() ? tp.trip.id : day.place) + ")";
            route.stops = static_cast<int>(stops.size());
            std::vector<std::string> names;
            const DayBases bases = bases_of(tp, day, plan.occurrences, places);
            if (bases.start) {
                route.line.push_back(bases.start->point);
                names.push_back(bases.start->name);
            }
            for (const auto& stop : stops) {
                route.line.push_back(stop.point);
                names.push_back(calendar::format_clock(stop.start, day.timezone) + " " + stop.name);
            }
            if (bases.end) {
                route.line.push_back(bases.end->point);
                names.push_back(bases.end->name);
            }
            if (stops.empty() || route.line.size() < 2) {
                continue; // nothing to go to that day: no line
            }
            route.start = stops.front().start;
            route.end = stops.back().end;
            route.description = std::to_string(stops.size()) + (stops.size() == 1 ? " stop" : " stops") +
                                " on " + route.date + " (" + day.timezone + "): " + joined(names, " \u2192 ");
            view.routes.push_back(std::move(route));
        }
        // A meetup on no day of the trip (should not happen) is still drawn, on its own date.
        for (std::size_t k = 0; k < tp.meetups.size(); ++k) {
            if (!placed[k]) {
                const auto& m = tp.meetups[k];
                const std::string zone = m.timezone.empty() ? std::string("UTC") : m.timezone;
                view.meetups.push_back(meetup_point(m, tp, zone, local_date(m.start, zone)));
            }
        }
    }
    return view;
}

// ---------------------------------------------------------------------------------------------
// GDAL

using gdal::QuietGdal;
using gdal::register_drivers;

std::string gdal_reason(const std::string& fallback) {
    const std::string message = CPLGetLastErrorMsg();
    return message.empty() ? fallback : message;
}

/// A failed step of writing: the reason, for the message that names the user's path.
struct WriteFailure {
    std::string reason;
};

[[noreturn]] void fail(const std::string& what) {
    throw WriteFailure{what + ": " + gdal_reason("unknown GDAL error")};
}

/// A zoned instant: an OFTDateTime with the zone's offset (GDAL's TZFlag counts quarter hours
/// from 100), or UTC when the offset is not a whole number of quarter hours.
struct ZonedTime {
    sys_seconds instant;
    std::string zone;
};

using FieldValue = std::variant<std::string, double, int, ZonedTime>;
using FieldValues = std::vector<std::pair<const char*, FieldValue>>;

struct FieldSpec {
    const char* name;
    OGRFieldType type;
};

void set_field(OGRFeature& feature, const char* name, const FieldValue& value) {
    const int index = feature.GetFieldIndex(name);
    if (index < 0) {
        return;
    }
    if (const auto* s = std::get_if<std::string>(&value)) {
        if (!s->empty()) {
            feature.SetField(index, s->c_str());
        }
    } else if (const auto* d = std::get_if<double>(&value)) {
        feature.SetField(index, *d);
    } else if (const auto* n = std::get_if<int>(&value)) {
        feature.SetField(index, *n);
    } else if (const auto* t = std::get_if<ZonedTime>(&value)) {
        int offset = calendar::utc_offset_seconds(t->instant, t->zone);
        if (offset % 900 != 0) {
            offset = 0;
        }
        const auto local = t->instant + std::chrono::seconds{offset};
        const auto midnight = std::chrono::floor<std::chrono::days>(local);
        const std::chrono::year_month_day ymd{midnight};
        const std::chrono::hh_mm_ss hms{local - midnight};
        feature.SetField(index, static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                         static_cast<int>(unsigned(ymd.day())), static_cast<int>(hms.hours().count()),
                         static_cast<int>(hms.minutes().count()), static_cast<float>(hms.seconds().count()),
                         100 + offset / 900);
    }
}

/// One layer being written, with `fields` created in it. GPX layers come with the fields GPX has
/// (name, desc, type, time, ...) and refuse others: for GPX, `fields` is empty and the fields are
/// only filled.
class LayerWriter {
public:
    LayerWriter(GDALDataset& dataset, const char* name, OGRwkbGeometryType type, OGRSpatialReference& srs,
                const std::vector<FieldSpec>& fields, char** options = nullptr) {
        m_layer = dataset.CreateLayer(name, &srs, type, options);
        if (m_layer == nullptr) {
            fail(std::string("cannot create the layer ") + name);
        }
        for (const auto& spec : fields) {
            OGRFieldDefn field(spec.name, spec.type);
            if (m_layer->CreateField(&field) != OGRERR_NONE) {
                fail(std::string("cannot create the field ") + spec.name);
            }
        }
    }

    void add(const OGRGeometry& geometry, const FieldValues& values) {
        const OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(m_layer->GetLayerDefn()));
        for (const auto& [name, value] : values) {
            set_field(*feature, name, value);
        }
        if (feature->SetGeometry(&geometry) != OGRERR_NONE ||
            m_layer->CreateFeature(feature.get()) != OGRERR_NONE) {
            fail(std::string("cannot write a feature of the layer ") + m_layer->GetName());
        }
    }

private:
    OGRLayer* m_layer = nullptr; // owned by the dataset
};

OGRPoint ogr_point(const GeoPoint& p) {
    return OGRPoint(p.lon, p.lat);
}

OGRLineString ogr_line(const std::vector<GeoPoint>& points) {
    OGRLineString line;
    for (const auto& p : points) {
        line.addPoint(p.lon, p.lat);
    }
    return line;
}

const std::vector<FieldSpec> PointFields = {
    {"name", OFTString},  {"description", OFTString}, {"kind", OFTString}, {"start", OFTString},
    {"end", OFTString},   {"timezone", OFTString},    {"date", OFTString}, {"trip", OFTString},
    {"venue", OFTString}, {"uid", OFTString}};
const std::vector<FieldSpec> MeetupFields = {
    {"contact", OFTString}, {"contact_id", OFTString}, {"value", OFTReal}, {"reasons", OFTString}};
const std::vector<FieldSpec> RouteFields = {
    {"name", OFTString},     {"description", OFTString}, {"trip", OFTString}, {"date", OFTString},
    {"timezone", OFTString}, {"start", OFTString},       {"end", OFTString},  {"stops", OFTInteger}};

/// `a` and then the fields of `b` that `a` does not have.
std::vector<FieldSpec> concat(std::vector<FieldSpec> a, const std::vector<FieldSpec>& b) {
    for (const auto& spec : b) {
        if (std::none_of(a.begin(), a.end(),
                         [&](const FieldSpec& x) { return std::string_view(x.name) == spec.name; })) {
            a.push_back(spec);
        }
    }
    return a;
}

FieldValues point_values(const MapPoint& p) {
    FieldValues v = {{"name", p.name},
                     {"description", p.description},
                     {"kind", p.kind},
                     {"start", calendar::format_rfc3339(p.start, p.zone)},
                     {"end", calendar::format_rfc3339(p.end, p.zone)},
                     {"timezone", p.zone},
                     {"date", p.date},
                     {"trip", p.trip},
                     {"venue", p.venue},
                     {"uid", p.uid}};
    if (p.meetup) {
        v.insert(v.end(), {{"contact", p.contacts},
                           {"contact_id", p.contact_ids},
                           {"value", p.value},
                           {"reasons", p.reasons}});
    }
    return v;
}

FieldValues route_values(const DayRoute& r) {
    return {{"name", r.name},
            {"description", r.description},
            {"trip", r.trip},
            {"date", r.date},
            {"timezone", r.zone},
            {"start", calendar::format_rfc3339(r.start, r.zone)},
            {"end", calendar::format_rfc3339(r.end, r.zone)},
            {"stops", r.stops}};
}

// GeoJSON has one layer per file: everything goes into one FeatureCollection, each feature saying
// which layer it belongs to. RFC 7946 means longitude, latitude in WGS 84 and 7 decimals (1 cm).
void write_geojson(GDALDataset& dataset, OGRSpatialReference& srs, const MapView& view) {
    CPLStringList options;
    options.AddString("RFC7946=YES");
    const auto fields =
        concat(concat(concat({{"layer", OFTString}}, PointFields), MeetupFields), RouteFields);
    LayerWriter layer(dataset, "sidetrip", wkbUnknown, srs, fields, options.List());
    for (const auto* points : {&view.commitments, &view.meetups}) {
        for (const auto& p : *points) {
            auto values = point_values(p);
            values.insert(values.begin(), {"layer", std::string(p.meetup ? "meetups" : "commitments")});
            layer.add(ogr_point(p.point), values);
        }
    }
    for (const auto& r : view.routes) {
        auto values = route_values(r);
        values.insert(values.begin(), {"layer", std::string("routes")});
        layer.add(ogr_line(r.line), values);
    }
}

// KML: a folder per layer; "name" and "description" become the placemark's own, the other
// fields its ExtendedData.
void write_kml(GDALDataset& dataset, OGRSpatialReference& srs, const MapView& view) {
    LayerWriter commitments(dataset, "commitments", wkbPoint, srs, PointFields);
    for (const auto& p : view.commitments) {
        commitments.add(ogr_point(p.point), point_values(p));
    }
    LayerWriter meetups(dataset, "meetups", wkbPoint, srs, concat(PointFields, MeetupFields));
    for (const auto& p : view.meetups) {
        meetups.add(ogr_point(p.point), point_values(p));
    }
    LayerWriter routes(dataset, "routes", wkbLineString, srs, RouteFields);
    for (const auto& r : view.routes) {
        routes.add(ogr_line(r.line), route_values(r));
    }
}

// GPX has a fixed schema: a waypoint has name, desc, type and time (with the zone's offset); a
// route name, desc and type. Everything else is in desc.
void write_gpx(GDALDataset& dataset, OGRSpatialReference& srs, const MapView& view) {
    LayerWriter waypoints(dataset, "waypoints", wkbPoint, srs, {});
    for (const auto* points : {&view.commitments, &view.meetups}) {
        for (const auto& p : *points) {
            std::string desc = p.description + "\nStarts " + calendar::format_rfc3339(p.start, p.zone) +
                               ", ends " + calendar::format_rfc3339(p.end, p.zone) + "\nTrip " + p.trip;
            waypoints.add(ogr_point(p.point),
                          {{"name", p.name},
                           {"desc", desc},
                           {"type", std::string(p.meetup ? "meetup: " : "fixed: ") + p.kind},
                           {"time", ZonedTime{p.start, p.zone}}});
        }
    }
    LayerWriter routes(dataset, "routes", wkbLineString, srs, {});
    for (const auto& r : view.routes) {
        routes.add(ogr_line(r.line),
                   {{"name", r.name}, {"desc", r.description}, {"type", std::string("day")}});
    }
}

const char* driver_name(MapFormat format) {
    switch (format) {
    case MapFormat::GeoJson: return "GeoJSON";
    case MapFormat::Kml: return "KML";
    case MapFormat::Gpx: return "GPX";
    }
    return "";
}

/// Writes the whole file at `temporary`. @throws WriteFailure.
void write_dataset(MapFormat format, const std::filesystem::path& temporary, const MapView& view) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name(format));
    if (driver == nullptr) {
        throw WriteFailure{std::string("this GDAL has no ") + driver_name(format) + " driver"};
    }
    CPLStringList options;
    if (format == MapFormat::Kml) {
        options.SetNameValue("NameField", "name");
        options.SetNameValue("DescriptionField", "description");
    }
    GDALDatasetUniquePtr dataset(driver->Create(temporary.c_str(), 0, 0, 0, GDT_Unknown, options.List()));
    if (!dataset) {
        fail("cannot create the file");
    }
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    switch (format) {
    case MapFormat::GeoJson: write_geojson(*dataset, wgs84, view); break;
    case MapFormat::Kml: write_kml(*dataset, wgs84, view); break;
    case MapFormat::Gpx: write_gpx(*dataset, wgs84, view); break;
    }
    // Closing flushes what the drivers buffer (KML's schemas, GPX's bounds): its errors count.
    CPLErrorReset();
    dataset.reset();
    if (CPLGetLastErrorType() >= CE_Failure) {
        fail("cannot finish the file");
    }
    const int fd = ::open(temporary.c_str(), O_RDONLY);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) {
        ::close(fd);
    }
    if (!synced) {
        throw WriteFailure{"cannot save the file to disk"};
    }
}

} // namespace

std::string_view to_string(MapFormat format) {
    switch (format) {
    case MapFormat::GeoJson: return "geojson";
    case MapFormat::Kml: return "kml";
    case MapFormat::Gpx: return "gpx";
    }
    return "unknown";
}

std::optional<MapFormat> map_format_for(const std::filesystem::path& path) {
    const std::string extension = text::ascii_lower(path.extension().string());
    if (extension == ".geojson" || extension == ".json") {
        return MapFormat::GeoJson;
    }
    if (extension == ".kml") {
        return MapFormat::Kml;
    }
    if (extension == ".gpx") {
        return MapFormat::Gpx;
    }
    return std::nullopt;
}

std::string_view map_extensions() {
    return ".geojson, .json, .kml or .gpx";
}

void write_map_layers(const plan::Plan& plan, const std::filesystem::path& path, const MapOptions& options) {
    const auto format = map_format_for(path);
    if (!format) {
        throw InputError(path.string() + ": not a map format sidetrip writes: give a file name ending in " +
                         std::string(map_extensions()));
    }
    const MapView view = map_view(plan, options);

    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
        throw InputError(path.string() + ": cannot write the map: the folder " + folder.string() +
                         " does not exist");
    }
    // Beside the target (so the rename stays on one file system) and with its extension (GDAL's
    // drivers look at it); the process id keeps two runs from sharing it. Synced before the
    // rename, so that a crash leaves the old map or the new one (docs/errors.md).
    const std::filesystem::path temporary = files::temporary_path_for(path);
    files::remove_stale_temporaries(path);
    register_drivers();
    const QuietGdal quiet;
    try {
        std::filesystem::remove(temporary, ec);
        write_dataset(*format, temporary, view);
        try {
            files::sync_file(temporary);
        } catch (const Error& e) {
            throw WriteFailure{e.what()};
        }
        files::keep_mode_of(path, temporary);
        std::filesystem::rename(temporary, path, ec);
        if (ec) {
            throw WriteFailure{ec.message()};
        }
        files::sync_folder(folder);
    } catch (const WriteFailure& failure) {
        std::filesystem::remove(temporary, ec);
        throw InputError(path.string() + ": cannot write the map: " + failure.reason);
    } catch (...) {
        std::filesystem::remove(temporary, ec);
        throw;
    }
}

} // namespace sidetrip::report
