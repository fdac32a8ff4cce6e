#include "sidetrip/report/map_layers.hpp"

#include "sidetrip/core/error.hpp"

#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>

using namespace sidetrip;
using std::chrono::sys_days;
using std::chrono::sys_seconds;
using namespace std::chrono_literals;

namespace {

Date date(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

sys_seconds utc(const Date& d, std::chrono::hours h, std::chrono::minutes m = 0min) {
    return sys_seconds{sys_days{d}} + h + m;
}

calendar::Occurrence event(const std::string& summary, sys_seconds start, sys_seconds end,
                           const std::string& location, std::optional<GeoPoint> geo,
                           calendar::EventKind kind = calendar::EventKind::Meeting) {
    calendar::Occurrence o;
    o.uid = summary;
    o.summary = summary;
    o.location = location;
    o.geo = geo;
    o.start_utc = start;
    o.end_utc = end;
    o.timezone = "Asia/Manila";
    o.display_zone = "Asia/Manila";
    o.kind = kind;
    return o;
}

calendar::Occurrence hotel(const std::string& summary, const Date& check_in, const Date& check_out,
                           const GeoPoint& where) {
    calendar::Occurrence o = event(summary, sys_seconds{sys_days{check_in}}, sys_seconds{sys_days{check_out}},
                                   summary, where, calendar::EventKind::Lodging);
    o.all_day = true;
    o.start_date = check_in;
    o.end_date = check_out;
    o.transparent = true;
    return o;
}

plan::Meetup meetup(const std::string& id, const std::string& name, plan::MeetupKind kind, sys_seconds start,
                    sys_seconds end, const std::string& zone, const GeoPoint& venue) {
    plan::Meetup m;
    m.uid = "meetup-" + id;
    m.contacts = {ContactId(id)};
    m.names = {name};
    m.kind = kind;
    m.start = start;
    m.end = end;
    m.timezone = zone;
    m.venue = {"near " + name, venue};
    m.value = 3.5;
    m.reasons = {"last met 14 months ago", "9 minutes from your client"};
    return m;
}

const GeoPoint Acme{14.5509, 121.0240};
const GeoPoint ManilaHotel{14.5547, 121.0244};
const GeoPoint AnaVenue{14.5565, 121.0301};
const GeoPoint Kintetsu{35.6812, 139.7671};
const GeoPoint TokyoHotel{35.6717, 139.7630};
const GeoPoint BoVenue{35.6586, 139.7454};

// Monday 15 April 2024 in Manila (UTC+8), Tuesday 16 April in Tokyo (UTC+9): a hotel each night,
// a client in each city, lunch with Ana in Manila and dinner with Bo in Tokyo.
plan::Plan two_city_plan() {
    const Date monday = date(2024, 4, 15);
    const Date tuesday = date(2024, 4, 16);
    plan::Plan p;
    p.occurrences.push_back(event("Client meeting: Acme", utc(monday, 1h), utc(monday, 2h),
                                  "Ayala Center, Makati",
                                  Acme)); // 09:00-10:00 in Manila
    p.occurrences.push_back(event("Review call", utc(monday, 7h), utc(monday, 8h), "", std::nullopt));
    p.occurrences.push_back(hotel("Stay at Peninsula Manila", monday, tuesday, ManilaHotel));
    p.occurrences.push_back(hotel("Stay at Tokyo Station Hotel", tuesday, date(2024, 4, 17), TokyoHotel));
    p.occurrences.push_back(event("Partner visit: Kintetsu", utc(tuesday, 2h), utc(tuesday, 3h),
                                  "Marunouchi, Tokyo",
                                  Kintetsu)); // 11:00-12:00 in Tokyo

    plan::TripPlan tp;
    tp.trip.id = "trip-2024-04-15-manila";
    tp.trip.start = monday;
    tp.trip.end = date(2024, 4, 17);
    tp.trip.destinations = {{"Manila", GeoPoint{14.6, 121.0}, "Asia/Manila"},
                            {"Tokyo", GeoPoint{35.68, 139.76}, "Asia/Tokyo"}};
    tp.trip.events = {0, 1, 2, 3, 4};
    tp.trip.days = {{monday, "Asia/Manila", GeoPoint{14.6, 121.0}, "Manila", {0, 1}},
                    {tuesday, "Asia/Tokyo", GeoPoint{35.68, 139.76}, "Tokyo", {4}}};
    tp.meetups.push_back(meetup("ana-reyes", "Ana Reyes", plan::MeetupKind::Lunch, utc(monday, 4h),
                                utc(monday, 5h), "Asia/Manila", AnaVenue)); // 12:00-13:00 in Manila
    tp.meetups.push_back(meetup("bo-tan", "Bo Tan", plan::MeetupKind::Dinner, utc(tuesday, 10h),
                                utc(tuesday, 11h, 30min), "Asia/Tokyo", BoVenue)); // 19:00-20:30 in Tokyo
    p.trips.push_back(tp);
    return p;
}

/// A folder of its own under /tmp, removed at the end of the test.
struct TempFolder {
    std::filesystem::path path;
    explicit TempFolder(const std::string& name)
        : path(std::filesystem::temp_directory_path() /
               ("sidetrip-map-" + std::to_string(::getpid()) + "-" + name)) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

/// One feature as read back by OGR.
struct ReadFeature {
    std::string layer;
    std::map<std::string, std::string> fields; ///< every set field, as text
    OGRFeatureUniquePtr feature;
    std::vector<GeoPoint> points; ///< the point, or the line's vertices
};

std::vector<ReadFeature> read_back(const std::filesystem::path& path, const char* driver) {
    GDALAllRegister();
    const char* drivers[] = {driver, nullptr};
    // Times as written, not as GDAL's own date-time text.
    const char* options[] = {"DATE_AS_STRING=YES", nullptr};
    GDALDatasetUniquePtr dataset(GDALDataset::Open(
        path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, driver != nullptr ? drivers : nullptr,
        driver != nullptr && driver == std::string("GeoJSON") ? options : nullptr));
    REQUIRE(dataset);
    std::vector<ReadFeature> out;
    for (OGRLayer* layer : dataset->GetLayers()) {
        for (auto& feature : *layer) {
            ReadFeature f;
            f.layer = layer->GetName();
            for (int i = 0; i < feature->GetFieldCount(); ++i) {
                if (feature->IsFieldSetAndNotNull(i)) {
                    f.fields[feature->GetFieldDefnRef(i)->GetNameRef()] = feature->GetFieldAsString(i);
                }
            }
            if (const OGRGeometry* g = feature->GetGeometryRef()) {
                if (wkbFlatten(g->getGeometryType()) == wkbPoint) {
                    f.points.push_back({g->toPoint()->getY(), g->toPoint()->getX()});
                } else if (wkbFlatten(g->getGeometryType()) == wkbLineString) {
                    for (const auto& p : *g->toLineString()) {
                        f.points.push_back({p.getY(), p.getX()});
                    }
                }
            }
            f.feature = std::move(feature);
            out.push_back(std::move(f));
        }
    }
    return out;
}

std::vector<const ReadFeature*> in_layer(const std::vector<ReadFeature>& features, const std::string& layer) {
    std::vector<const ReadFeature*> out;
    for (const auto& f : features) {
        if (f.layer == layer) {
            out.push_back(&f);
        }
    }
    return out;
}

/// The features of one layer of a GeoJSON map (its "layer" property).
std::vector<const ReadFeature*> with_layer_property(const std::vector<ReadFeature>& features,
                                                    const std::string& layer) {
    std::vector<const ReadFeature*> out;
    for (const auto& f : features) {
        if (const auto it = f.fields.find("layer"); it != f.fields.end() && it->second == layer) {
            out.push_back(&f);
        }
    }
    return out;
}

const ReadFeature* named(const std::vector<ReadFeature>& features, const std::string& name,
                         const char* name_field = "name") {
    for (const auto& f : features) {
        if (const auto it = f.fields.find(name_field); it != f.fields.end() && it->second == name) {
            return &f;
        }
    }
    return nullptr;
}

bool near(const GeoPoint& a, const GeoPoint& b) {
    return std::abs(a.lat - b.lat) < 1e-6 && std::abs(a.lon - b.lon) < 1e-6;
}

std::vector<std::string> files_in(const std::filesystem::path& folder) {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        out.push_back(entry.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE("the map format is chosen by the file name's extension, in any case", "[report]") {
    CHECK(report::map_format_for("plan.geojson") == report::MapFormat::GeoJson);
    CHECK(report::map_format_for("plan.JSON") == report::MapFormat::GeoJson);
    CHECK(report::map_format_for("out/plan.kml") == report::MapFormat::Kml);
    CHECK(report::map_format_for("plan.GPX") == report::MapFormat::Gpx);
    CHECK_FALSE(report::map_format_for("plan.shp"));
    CHECK_FALSE(report::map_format_for("plan"));
    CHECK(report::to_string(report::MapFormat::Kml) == "kml");
}

TEST_CASE("a plan as GeoJSON has its commitments, meetups and each day's route with times and names",
          "[report]") {
    TempFolder folder("geojson");
    const auto path = folder.path / "plan.geojson";
    report::write_map_layers(two_city_plan(), path);
    const auto features = read_back(path, "GeoJSON");
    REQUIRE(features.size() == 6);
    CHECK(with_layer_property(features, "commitments").size() == 2);
    CHECK(with_layer_property(features, "meetups").size() == 2);
    CHECK(with_layer_property(features, "routes").size() == 2);

    const auto* lunch = named(features, "Lunch with Ana Reyes");
    REQUIRE(lunch != nullptr);
    REQUIRE(lunch->points.size() == 1);
    CHECK(near(lunch->points[0], AnaVenue));
    CHECK(lunch->fields.at("start") == "2024-04-15T12:00:00+08:00");
    CHECK(lunch->fields.at("end") == "2024-04-15T13:00:00+08:00");
    CHECK(lunch->fields.at("kind") == "lunch");
    CHECK(lunch->fields.at("contact") == "Ana Reyes");
    CHECK(lunch->fields.at("contact_id") == "ana-reyes");
    CHECK(lunch->fields.at("venue") == "near Ana Reyes");
    CHECK(lunch->feature->GetFieldAsDouble("value") == Approx(3.5));
    CHECK(lunch->fields.at("reasons") == "last met 14 months ago; 9 minutes from your client");

    const auto* dinner = named(features, "Dinner with Bo Tan");
    REQUIRE(dinner != nullptr);
    CHECK(dinner->fields.at("start") == "2024-04-16T19:00:00+09:00");

    const auto* client = named(features, "Client meeting: Acme");
    REQUIRE(client != nullptr);
    CHECK(near(client->points.at(0), Acme));
    CHECK(client->fields.at("kind") == "meeting");
    CHECK(client->fields.at("start") == "2024-04-15T09:00:00+08:00");
    CHECK(client->fields.at("venue") == "Ayala Center, Makati");
    CHECK(client->fields.count("contact") == 0);
}

TEST_CASE("GeoJSON coordinates are longitude first, as RFC 7946 says", "[report]") {
    TempFolder folder("order");
    const auto path = folder.path / "plan.json";
    report::write_map_layers(two_city_plan(), path);
    std::ifstream in(path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("[ 121.0301, 14.5565 ]") != std::string::npos);
    CHECK(text.find("\"crs\"") == std::string::npos);
}

TEST_CASE("a day's route runs from last night's hotel through its stops in time order to tonight's",
          "[report]") {
    TempFolder folder("routes");
    const auto path = folder.path / "plan.geojson";
    report::write_map_layers(two_city_plan(), path);
    const auto features = read_back(path, "GeoJSON");
    const auto routes = with_layer_property(features, "routes");
    REQUIRE(routes.size() == 2);
    const auto& monday = *routes[0];
    CHECK(monday.fields.at("date") == "2024-04-15");
    CHECK(monday.fields.at("stops") == "2");
    // The first night: the day starts where the bags are dropped.
    REQUIRE(monday.points.size() == 4);
    CHECK(near(monday.points[0], ManilaHotel));
    CHECK(near(monday.points[1], Acme));
    CHECK(near(monday.points[2], AnaVenue));
    CHECK(near(monday.points[3], ManilaHotel));
    const auto& tuesday = *routes[1];
    REQUIRE(tuesday.points.size() == 4);
    CHECK(near(tuesday.points[0], ManilaHotel));
    CHECK(near(tuesday.points[1], Kintetsu));
    CHECK(near(tuesday.points[2], BoVenue));
    CHECK(near(tuesday.points[3], TokyoHotel));
    CHECK(tuesday.fields.at("start") == "2024-04-16T11:00:00+09:00");
    CHECK(tuesday.fields.at("end") == "2024-04-16T20:30:00+09:00");
}

TEST_CASE("a plan as KML has a folder each for commitments, meetups and routes", "[report]") {
    TempFolder folder("kml");
    const auto path = folder.path / "plan.kml";
    report::write_map_layers(two_city_plan(), path);
    // LIBKML reads the ExtendedData too; the KML driver only name and description.
    const auto features = read_back(path, "LIBKML");
    CHECK(in_layer(features, "commitments").size() == 2);
    CHECK(in_layer(features, "meetups").size() == 2);
    CHECK(in_layer(features, "routes").size() == 2);
    const auto* lunch = named(features, "Lunch with Ana Reyes", "Name");
    REQUIRE(lunch != nullptr);
    CHECK(lunch->layer == "meetups");
    CHECK(near(lunch->points.at(0), AnaVenue));
    CHECK(lunch->fields.at("start") == "2024-04-15T12:00:00+08:00");
    CHECK(lunch->fields.at("contact") == "Ana Reyes");
    CHECK(lunch->fields.at("description").find("2024-04-15 12:00") != std::string::npos);
    CHECK(lunch->fields.at("description").find("last met 14 months ago") != std::string::npos);
    const auto routes = in_layer(features, "routes");
    CHECK(routes.at(0)->points.size() == 4);
}

TEST_CASE("a plan as GPX has a waypoint per commitment and meetup with its time and a route per day",
          "[report]") {
    TempFolder folder("gpx");
    const auto path = folder.path / "plan.gpx";
    report::write_map_layers(two_city_plan(), path);
    const auto features = read_back(path, "GPX");
    const auto waypoints = in_layer(features, "waypoints");
    CHECK(waypoints.size() == 4);
    CHECK(in_layer(features, "routes").size() == 2);
    CHECK(in_layer(features, "route_points").size() == 8);

    const auto* dinner = named(features, "Dinner with Bo Tan");
    REQUIRE(dinner != nullptr);
    CHECK(dinner->layer == "waypoints");
    CHECK(near(dinner->points.at(0), BoVenue));
    CHECK(dinner->fields.at("type") == "meetup: dinner");
    CHECK(dinner->fields.at("desc").find("Bo Tan") != std::string::npos);
    CHECK(dinner->fields.at("desc").find("Starts 2024-04-16T19:00:00+09:00") != std::string::npos);
    int y = 0, m = 0, d = 0, h = 0, min = 0, tz = 0;
    float s = 0;
    REQUIRE(dinner->feature->GetFieldAsDateTime(dinner->feature->GetFieldIndex("time"), &y, &m, &d, &h, &min,
                                                &s, &tz));
    CHECK(y == 2024);
    CHECK(m == 4);
    CHECK(d == 16);
    CHECK(h == 19);
    CHECK(min == 0);
    CHECK(tz == 100 + 9 * 4); // +09:00 in GDAL's quarter hours
    const auto* fixed = named(features, "Partner visit: Kintetsu");
    REQUIRE(fixed != nullptr);
    CHECK(fixed->fields.at("type") == "fixed: meeting");
}

TEST_CASE("a commitment without GEO is placed through the geocoder, and left off the map without one",
          "[report]") {
    struct OneCity : geo::Geocoder {
        geo::GeocodeResult geocode(const geo::GeocodeRequest& request) override {
            geo::GeocodeResult r;
            r.query = request.query;
            if (request.query == "Ayala Center, Makati") {
                r.status = geo::GeocodeStatus::Ok;
                r.point = GeoPoint{14.5510, 121.0250};
                r.confidence = 0.9;
            }
            return r;
        }
    };
    auto p = two_city_plan();
    p.occurrences[0].geo.reset();
    TempFolder folder("geocoder");
    const auto without = folder.path / "without.geojson";
    report::write_map_layers(p, without);
    CHECK(named(read_back(without, "GeoJSON"), "Client meeting: Acme") == nullptr);

    OneCity geocoder;
    report::MapOptions options;
    options.geocoder = &geocoder;
    const auto with = folder.path / "with.geojson";
    report::write_map_layers(p, with, options);
    const auto features = read_back(with, "GeoJSON");
    const auto* client = named(features, "Client meeting: Acme");
    REQUIRE(client != nullptr);
    CHECK(near(client->points.at(0), GeoPoint{14.5510, 121.0250}));
}

TEST_CASE("an unknown map extension is an input error naming the allowed ones, and writes nothing",
          "[report]") {
    TempFolder folder("unknown");
    const auto path = folder.path / "plan.shp";
    CHECK_THROWS_AS(report::write_map_layers(two_city_plan(), path), InputError);
    CHECK_THROWS_WITH(report::write_map_layers(two_city_plan(), path),
                      Catch::Matchers::Contains("plan.shp") && Catch::Matchers::Contains(".geojson") &&
                          Catch::Matchers::Contains(".kml") && Catch::Matchers::Contains(".gpx"));
    CHECK(files_in(folder.path).empty());
}

TEST_CASE("a map that cannot be put in place leaves no file behind, not even a temporary one", "[report]") {
    TempFolder folder("failing");
    // The names are taken by folders that are not empty: the rename at the end fails.
    for (const char* name : {"taken.geojson", "taken.kml", "taken.gpx"}) {
        INFO(name);
        std::filesystem::create_directories(folder.path / name);
        std::ofstream(folder.path / name / "keep.txt") << "mine\n";
        CHECK_THROWS_AS(report::write_map_layers(two_city_plan(), folder.path / name), InputError);
        CHECK_THROWS_WITH(report::write_map_layers(two_city_plan(), folder.path / name),
                          Catch::Matchers::Contains(name));
    }
    CHECK(files_in(folder.path) == std::vector<std::string>{"taken.geojson", "taken.gpx", "taken.kml"});
    CHECK(files_in(folder.path / "taken.geojson") == std::vector<std::string>{"keep.txt"});

    const auto nowhere = folder.path / "no-such-folder" / "plan.geojson";
    CHECK_THROWS_WITH(report::write_map_layers(two_city_plan(), nowhere),
                      Catch::Matchers::Contains("no-such-folder") &&
                          Catch::Matchers::Contains("does not exist"));
}

TEST_CASE("writing a map over an older one replaces it whole", "[report]") {
    TempFolder folder("replace");
    const auto path = folder.path / "plan.geojson";
    std::ofstream(path) << "old";
    report::write_map_layers(two_city_plan(), path);
    CHECK(read_back(path, "GeoJSON").size() == 6);
    CHECK(files_in(folder.path) == std::vector<std::string>{"plan.geojson"});
}

TEST_CASE("an empty plan is an empty map, not an error", "[report]") {
    TempFolder folder("empty");
    for (const char* name : {"empty.geojson", "empty.kml", "empty.gpx"}) {
        INFO(name);
        report::write_map_layers(plan::Plan{}, folder.path / name);
        CHECK(read_back(folder.path / name, name == std::string("empty.kml") ? "KML" : nullptr).empty());
    }
}
