// Contacts from GIS files: GeoJSON, CSV with X/Y and KML are fixtures; the binary formats
// (GeoPackage, Shapefile) are made here with OGR, each to show one behaviour.
#include "sidetrip/people/contacts_reader.hpp"

#include "sidetrip/core/error.hpp"

#include "people_fixtures.hpp"

#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace sidetrip;
using namespace sidetrip::people;
using namespace sidetrip::people::testing;

namespace {

/// A folder of its own under /tmp, removed at the end of the test.
struct TempFolder {
    std::filesystem::path path;
    explicit TempFolder(const std::string& name)
        : path(std::filesystem::temp_directory_path() /
               ("sidetrip-ogr-" + std::to_string(::getpid()) + "-" + name)) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

const Contact* find(const std::vector<Contact>& contacts, const std::string& name) {
    for (const auto& c : contacts) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

/// True when a diagnostic's source or message mentions both strings.
bool has_warning(const Diagnostics& diagnostics, const std::string& where, const std::string& what) {
    return std::any_of(diagnostics.items().begin(), diagnostics.items().end(), [&](const Diagnostic& d) {
        return (d.source + ": " + d.message).find(where) != std::string::npos &&
               d.message.find(what) != std::string::npos;
    });
}

OGRSpatialReference crs(int epsg) {
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

GDALDatasetUniquePtr create(const std::filesystem::path& path, const char* driver) {
    GDALAllRegister();
    GDALDriver* d = GetGDALDriverManager()->GetDriverByName(driver);
    REQUIRE(d != nullptr);
    GDALDatasetUniquePtr dataset(d->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(dataset);
    return dataset;
}

void add_fields(OGRLayer& layer, const std::vector<std::pair<const char*, OGRFieldType>>& fields) {
    for (const auto& [name, type] : fields) {
        OGRFieldDefn field(name, type);
        REQUIRE(layer.CreateField(&field) == OGRERR_NONE);
    }
}

/// Adds a feature: the fields by name (as text), and the geometry when there is one.
void add_feature(OGRLayer& layer, const std::vector<std::pair<const char*, std::string>>& values,
                 const OGRGeometry* geometry) {
    OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer.GetLayerDefn()));
    for (const auto& [name, value] : values) {
        const int index = feature->GetFieldIndex(name);
        REQUIRE(index >= 0);
        feature->SetField(index, value.c_str());
    }
    if (geometry != nullptr) {
        feature->SetGeometry(geometry);
    }
    REQUIRE(layer.CreateFeature(feature.get()) == OGRERR_NONE);
}

constexpr double AnaLon = 121.0244;
constexpr double AnaLat = 14.5547;

bool at_ana(const Contact& c) {
    return !c.places.empty() && c.places.front().point &&
           std::abs(c.places.front().point->lat - AnaLat) < 1e-7 &&
           std::abs(c.places.front().point->lon - AnaLon) < 1e-7;
}

} // namespace

TEST_CASE("a GeoJSON file gives contacts with the native fields and the point as their place", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("geojson_points_and_bad_features.geojson", diagnostics);
    REQUIRE(contacts.size() == 3);
    const Contact* ana = find(contacts, "Ana Reyes");
    REQUIRE(ana != nullptr);
    CHECK(ana->id.str() == "ana-reyes");
    CHECK(ana->emails == std::vector<std::string>{"ana@example.com"});
    CHECK(ana->organization == "Kalinaw Foods");
    CHECK(ana->title == "Art director");
    CHECK(ana->tie_strength == 4);
    CHECK(ana->cadence_days == 90);
    CHECK(ana->priority == 5);
    CHECK(ana->tags == std::vector<std::string>{"ex-colleagues", "design"});
    CHECK(ana->interests == std::vector<std::string>{"film photography", "bouldering"});
    CHECK(ana->notes == "met at the design convention");
    REQUIRE(ana->last_met);
    CHECK(format_date(*ana->last_met) == "2025-09-12");
    REQUIRE(ana->relationships.size() == 1);
    CHECK(ana->relationships[0].target == "bo-tan");
    REQUIRE(ana->places.size() == 1);
    CHECK(ana->places[0].label == "home");
    CHECK(ana->places[0].text == "Makati City");
    CHECK(at_ana(*ana));
    CHECK(ana->source.find("geojson_points_and_bad_features.geojson (feature 1)") != std::string::npos);
}

TEST_CASE("GeoJSON features without a name, a point or any geometry are diagnostics naming the feature",
          "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("geojson_points_and_bad_features.geojson", diagnostics);
    CHECK(std::none_of(contacts.begin(), contacts.end(), [](const Contact& c) {
        return !c.emails.empty() && c.emails.front() == "nobody@example.com";
    }));
    CHECK(has_warning(diagnostics, "(feature 2)", "no name"));
    // Not a point, or no geometry: the contact stays, placed from its text.
    const Contact* cy = find(contacts, "Cy Tan");
    REQUIRE(cy != nullptr);
    CHECK(has_warning(diagnostics, "(feature 3)", "Line String, not a point"));
    REQUIRE(cy->places.size() == 1);
    CHECK(cy->places[0].text == "Cebu City");
    CHECK_FALSE(cy->places[0].point);
    const Contact* dee = find(contacts, "Dee Klein");
    REQUIRE(dee != nullptr);
    CHECK(has_warning(diagnostics, "(feature 4)", "no geometry"));
    CHECK(dee->places.at(0).text == "Berlin");
    for (const auto& d : diagnostics.items()) {
        CHECK(d.source.find("geojson_points_and_bad_features.geojson") != std::string::npos);
    }
}

TEST_CASE("a .json file that is GeoJSON is read as GeoJSON, native JSON still natively", "[people]") {
    TempFolder folder("json");
    const auto path = folder.path / "people.json";
    std::filesystem::copy_file(fixture("geojson_points_and_bad_features.geojson"), path);
    Diagnostics diagnostics;
    const auto contacts = read_contacts_file(path, diagnostics);
    REQUIRE(find(contacts, "Ana Reyes") != nullptr);
    CHECK(at_ana(*find(contacts, "Ana Reyes")));

    Diagnostics native_diagnostics;
    const auto native = load("json_object_contacts.json", native_diagnostics);
    REQUIRE_FALSE(native.empty());
    CHECK(native.front().source.find("(feature") == std::string::npos);
}

TEST_CASE("a CSV with X and Y columns is read through OGR with the same column names", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("xy_columns_with_bad_rows.csv", diagnostics);
    REQUIRE(contacts.size() == 2);
    const Contact* ana = find(contacts, "Ana Reyes");
    REQUIRE(ana != nullptr);
    CHECK(ana->tie_strength == 4);
    CHECK(ana->emails == std::vector<std::string>{"ana@example.com"});
    CHECK(at_ana(*ana));
    const Contact* bo = find(contacts, "Bo Tan");
    REQUIRE(bo != nullptr);
    CHECK(bo->places.at(0).text == "Pasay");
    CHECK_FALSE(bo->places.at(0).point);
    CHECK(has_warning(diagnostics, "(feature 2)", "no geometry"));
    CHECK(has_warning(diagnostics, "(feature 3)", "no name"));
}

TEST_CASE("a CSV with lat and lon columns, or none, stays with the CSV readers", "[people]") {
    TempFolder folder("native-csv");
    const auto path = folder.path / "people.csv";
    std::ofstream(path) << "name,city,lat,lon\nAna Reyes,Makati City,14.5547,121.0244\n";
    Diagnostics diagnostics;
    const auto contacts = read_contacts_file(path, diagnostics);
    REQUIRE(contacts.size() == 1);
    CHECK(contacts[0].source == path.string() + ":2");
    CHECK(at_ana(contacts[0]));
    // The Google Contacts export has no X/Y columns and is not affected either.
    Diagnostics google;
    CHECK_FALSE(load("google_new_header.csv", google).empty());
}

TEST_CASE("a GeoPackage in Web Mercator gives contacts at their longitude and latitude", "[people]") {
    TempFolder folder("gpkg");
    const auto path = folder.path / "people.gpkg";
    {
        auto dataset = create(path, "GPKG");
        auto mercator = crs(3857);
        OGRLayer* layer = dataset->CreateLayer("people", &mercator, wkbUnknown, nullptr);
        REQUIRE(layer != nullptr);
        add_fields(*layer, {{"Full_Name", OFTString},
                            {"Email", OFTString},
                            {"Company", OFTString},
                            {"strength", OFTInteger},
                            {"last_met", OFTDate},
                            {"shoe_size", OFTInteger}});
        // Ana's point in metres, converted by OGR itself from her longitude and latitude.
        auto wgs84 = crs(4326);
        std::unique_ptr<OGRCoordinateTransformation> to_mercator(
            OGRCreateCoordinateTransformation(&wgs84, &mercator));
        REQUIRE(to_mercator);
        double x = AnaLon;
        double y = AnaLat;
        REQUIRE(to_mercator->Transform(1, &x, &y));
        CHECK(std::abs(x) > 1e6); // metres, not degrees
        const OGRPoint ana(x, y);
        add_feature(*layer,
                    {{"Full_Name", "Ana Reyes"},
                     {"Email", "ana@example.com"},
                     {"Company", "Kalinaw Foods"},
                     {"strength", "5"},
                     {"last_met", "2025-09-12"}},
                    &ana);
        const OGRPoint somewhere(x + 1000, y);
        add_feature(*layer, {{"Email", "nobody@example.com"}}, &somewhere);
        OGRPolygon area;
        OGRLinearRing ring;
        ring.addPoint(x, y);
        ring.addPoint(x + 100, y);
        ring.addPoint(x + 100, y + 100);
        ring.addPoint(x, y);
        area.addRing(&ring);
        add_feature(*layer, {{"Full_Name", "Polly Gon"}}, &area);
    }
    Diagnostics diagnostics;
    const auto contacts = read_contacts_file(path, diagnostics);
    REQUIRE(contacts.size() == 2);
    const Contact* ana = find(contacts, "Ana Reyes");
    REQUIRE(ana != nullptr);
    CHECK(at_ana(*ana));
    CHECK(ana->organization == "Kalinaw Foods");
    CHECK(ana->tie_strength == 5);
    REQUIRE(ana->last_met);
    CHECK(format_date(*ana->last_met) == "2025-09-12");
    CHECK(has_warning(diagnostics, "(feature 2)", "no name"));
    CHECK(has_warning(diagnostics, "(feature 3)", "Polygon, not a point"));
    CHECK(has_warning(diagnostics, "people.gpkg", "\"shoe_size\""));
    const Contact* polly = find(contacts, "Polly Gon");
    REQUIRE(polly != nullptr);
    CHECK(polly->places.empty());
}

TEST_CASE("a Shapefile's field names cut to ten characters are still understood", "[people]") {
    TempFolder folder("shp");
    const auto path = folder.path / "people.shp";
    {
        auto dataset = create(path, "ESRI Shapefile");
        auto wgs84 = crs(4326);
        OGRLayer* layer = dataset->CreateLayer("people", &wgs84, wkbPoint, nullptr);
        REQUIRE(layer != nullptr);
        CPLPushErrorHandler(CPLQuietErrorHandler); // the driver warns that it cuts the names
        add_fields(*layer, {{"name", OFTString},
                            {"email", OFTString},
                            {"tie_strength", OFTReal},
                            {"cadence_days", OFTInteger},
                            {"last_contact", OFTString}});
        CPLPopErrorHandler();
        CHECK(layer->GetLayerDefn()->GetFieldIndex("tie_streng") >= 0);
        const OGRPoint ana(AnaLon, AnaLat);
        add_feature(*layer,
                    {{"name", "Ana Reyes"},
                     {"email", "ana@example.com"},
                     {"tie_streng", "3"},
                     {"cadence_da", "45"},
                     {"last_conta", "2026-01-08"}},
                    &ana);
        add_feature(*layer, {{"name", "Bo Tan"}}, nullptr);
    }
    Diagnostics diagnostics;
    const auto contacts = read_contacts_file(path, diagnostics);
    REQUIRE(contacts.size() == 2);
    const Contact* ana = find(contacts, "Ana Reyes");
    REQUIRE(ana != nullptr);
    CHECK(ana->tie_strength == 3);
    CHECK(ana->cadence_days == 45);
    REQUIRE(ana->last_contact);
    CHECK(format_date(*ana->last_contact) == "2026-01-08");
    CHECK(at_ana(*ana));
    CHECK(has_warning(diagnostics, "(feature 1)", "no geometry"));
    CHECK_FALSE(has_warning(diagnostics, "people.shp", "unknown attribute"));
}

TEST_CASE("a KML file gives contacts from its placemarks' names and ExtendedData", "[people]") {
    Diagnostics diagnostics;
    const auto contacts = load("kml_placemarks_extended_data.kml", diagnostics);
    const Contact* ana = find(contacts, "Ana Reyes");
    REQUIRE(ana != nullptr);
    CHECK(ana->emails == std::vector<std::string>{"ana@example.com"});
    CHECK(ana->tie_strength == 4);
    CHECK(ana->notes == "met at the design convention");
    CHECK(at_ana(*ana));
    CHECK(has_warning(diagnostics, "kml_placemarks_extended_data.kml", "not a point"));
    // KML's own attributes (visibility, begin, end, ...) are not "unknown".
    CHECK_FALSE(has_warning(diagnostics, "kml_placemarks_extended_data.kml", "unknown attribute"));
}

TEST_CASE("a GIS file that cannot be read is an input error naming it", "[people]") {
    TempFolder folder("broken");
    const auto broken = folder.path / "broken.gpkg";
    std::ofstream(broken) << "this is not a GeoPackage\n";
    Diagnostics diagnostics;
    CHECK_THROWS_AS(read_contacts_file(broken, diagnostics), InputError);
    CHECK_THROWS_WITH(read_contacts_file(broken, diagnostics), Catch::Matchers::Contains("broken.gpkg"));
    CHECK_THROWS_WITH(read_contacts_file(folder.path / "missing.shp", diagnostics),
                      Catch::Matchers::Contains("missing.shp") && Catch::Matchers::Contains("no such file"));
    // A Shapefile without its .dbf and .shx.
    const auto lonely = folder.path / "lonely.shp";
    std::ofstream(lonely) << "not a shapefile";
    CHECK_THROWS_AS(read_contacts_file(lonely, diagnostics), InputError);
    CHECK(diagnostics.empty());
}
