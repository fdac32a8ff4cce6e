// Contacts from GIS vector files through GDAL/OGR. Attributes are read as the native CSV columns
// (the same names and synonyms, through NativeContactBuilder), so a GeoPackage and a CSV of the
// same people give the same contacts; the geometry gives the point.
#include "detail/ogr_contacts.hpp"
#include "../common/gdal_session.hpp"

#include "detail/contact_fields.hpp"
#include "detail/csv.hpp"
#include "detail/csv_contacts.hpp"

#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace sidetrip::people::detail {

namespace {

std::string lower_extension(const std::filesystem::path& path) {
    return text::ascii_lower(path.extension().string());
}

using gdal::QuietGdal;
using gdal::register_drivers;

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

// The CSV driver's names for coordinate columns, tried in this order.
constexpr const char* XNames = "X_POSSIBLE_NAMES=x,lon,lng,long,longitude,easting";
constexpr const char* YNames = "Y_POSSIBLE_NAMES=y,lat,latitude,northing";
constexpr const char* WktNames = "GEOM_POSSIBLE_NAMES=wkt,geometry,geom,the_geom";

/// What a file with this extension is, and the drivers that may open it: no guessing among
/// GDAL's two hundred.
struct SourceKind {
    std::string what; ///< for messages: "a GeoPackage"
    std::vector<const char*> drivers;
};

SourceKind source_kind(const std::string& extension) {
    if (extension == ".gpkg") {
        return {"a GeoPackage", {"GPKG", nullptr}};
    }
    if (extension == ".geojson" || extension == ".json") {
        return {"GeoJSON", {"GeoJSON", nullptr}};
    }
    if (extension == ".shp") {
        return {"a Shapefile (check that its .dbf and .shx files are beside it)",
                {"ESRI Shapefile", nullptr}};
    }
    if (extension == ".kml") {
        // LIBKML reads ExtendedData; the KML driver only name and description.
        return {"KML", {"LIBKML", "KML", nullptr}};
    }
    return {"CSV with X/Y columns", {"CSV", nullptr}};
}

/// Attributes that KML drivers add to every layer, and ids GIS tools add: not the user's data.
bool is_driver_field(std::string_view name) {
    static constexpr std::array<std::string_view, 14> Names{
        "timestamp", "begin", "end",     "altitudemode", "tessellate", "extrude",  "visibility",
        "draworder", "icon",  "snippet", "fid",          "ogc_fid",    "objectid", "gid"};
    const std::string lower = text::ascii_lower(text::trim(name));
    return std::find(Names.begin(), Names.end(), lower) != Names.end();
}

/// The native field an attribute names: the native column names and synonyms, plus what GIS
/// files call things (KML's description, "strength"), plus the names Shapefiles cut to 10
/// characters ("tie_streng", "cadence_da").
std::optional<NativeField> attribute_field(std::string_view name) {
    if (auto field = native_field(name)) {
        return field;
    }
    const std::string lower = text::ascii_lower(text::trim(name));
    if (lower == "description" || lower == "desc") {
        return NativeField::Notes;
    }
    if (lower == "strength") {
        return NativeField::TieStrength;
    }
    if (lower.size() == 10) {
        for (int f = static_cast<int>(NativeField::Id); f <= static_cast<int>(NativeField::Kind); ++f) {
            const auto field = static_cast<NativeField>(f);
            const std::string_view documented = native_field_name(field);
            if (documented.size() > 10 && documented.substr(0, 10) == lower) {
                return field;
            }
        }
    }
    return std::nullopt;
}

bool is_list_field(NativeField field) {
    return field == NativeField::Emails || field == NativeField::Phones || field == NativeField::Tags ||
           field == NativeField::Interests || field == NativeField::Knows;
}

// Shortest text that reads back as the same double, so the contact is placed exactly on its point.
std::string exact_decimal(double value) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

/// An attribute's value as the text the native readers take.
std::string field_text(OGRFeature& feature, int index) {
    const OGRFieldDefn* defn = feature.GetFieldDefnRef(index);
    switch (defn->GetType()) {
    case OFTInteger:
    case OFTInteger64: return std::to_string(feature.GetFieldAsInteger64(index));
    case OFTReal: {
        // Shapefiles store numbers with a fixed precision ("4.000"): a whole number is written whole.
        const double value = feature.GetFieldAsDouble(index);
        if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
            return std::to_string(static_cast<long long>(value));
        }
        return exact_decimal(value);
    }
    case OFTDate:
    case OFTDateTime: {
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, zone = 0;
        float second = 0.0f;
        if (!feature.GetFieldAsDateTime(index, &year, &month, &day, &hour, &minute, &second, &zone)) {
            return {};
        }
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
        return buffer;
    }
    default: return feature.GetFieldAsString(index);
    }
}

/// Reads the layers of one open dataset.
class OgrContactReader {
public:
    OgrContactReader(GDALDataset& dataset, const std::string& source_name, Diagnostics& diagnostics)
        : m_dataset(dataset), m_source_name(source_name), m_diagnostics(diagnostics) {
        m_wgs84.importFromEPSG(4326);
        m_wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }

    std::vector<Contact> read() {
        std::vector<Contact> contacts;
        const int layers = m_dataset.GetLayerCount();
        for (int i = 0; i < layers; ++i) {
            if (OGRLayer* layer = m_dataset.GetLayer(i)) {
                read_layer(*layer, layers > 1, contacts);
            }
        }
        return contacts;
    }

private:
    void read_layer(OGRLayer& layer, bool name_the_layer, std::vector<Contact>& contacts) {
        const std::string layer_name = layer.GetName();
        OGRFeatureDefn* defn = layer.GetLayerDefn();
        std::vector<std::optional<NativeField>> fields;
        std::string unknown;
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            const std::string name = defn->GetFieldDefn(i)->GetNameRef();
            fields.push_back(attribute_field(name));
            if (!fields.back() && !is_driver_field(name) && !text::trim(name).empty()) {
                unknown += (unknown.empty() ? "\"" : ", \"") + name + "\"";
            }
        }
        if (!unknown.empty()) {
            m_diagnostics.warn(m_source_name, 0,
                               "layer " + layer_name + ": unknown attribute(s) " + unknown +
                                   " ignored (see docs/contacts.md for the names sidetrip reads)");
        }
        const TransformPtr transform = to_wgs84(layer);
        const bool has_crs = layer.GetSpatialRef() != nullptr;

        for (auto& feature : layer) {
            const std::string where = m_source_name + " (" +
                                      (name_the_layer ? "layer " + layer_name + ", " : "") + "feature " +
                                      std::to_string(feature->GetFID()) + ")";
            const RecordContext context{where, 0, m_diagnostics};
            NativeContactBuilder builder(context, "feature");
            for (int i = 0; i < feature->GetFieldCount(); ++i) {
                if (!fields[static_cast<std::size_t>(i)] || !feature->IsFieldSetAndNotNull(i)) {
                    continue;
                }
                const NativeField field = *fields[static_cast<std::size_t>(i)];
                const std::string column =
                    "attribute \"" + std::string(defn->GetFieldDefn(i)->GetNameRef()) + "\"";
                if (defn->GetFieldDefn(i)->GetType() == OFTStringList && is_list_field(field)) {
                    for (const char* const* item = feature->GetFieldAsStringList(i); item && *item; ++item) {
                        builder.add_item(field, checked_utf8(*item, column, context));
                    }
                } else {
                    builder.set(field, checked_utf8(field_text(*feature, i), column, context));
                }
            }
            // After the attributes: the geometry wins over lat/lon attributes.
            if (const auto point = feature_point(*feature, transform.get(), has_crs, context)) {
                builder.set(NativeField::Lat, exact_decimal(point->lat));
                builder.set(NativeField::Lon, exact_decimal(point->lon));
            }
            if (auto contact = builder.finish()) {
                contact->source = where;
                contacts.push_back(std::move(*contact));
            }
        }
    }

    /// From the layer's coordinate system to WGS 84 longitude/latitude; null when the layer has
    /// none (then the coordinates are taken as longitude/latitude, as GeoJSON and CSV have them).
    TransformPtr to_wgs84(OGRLayer& layer) {
        const OGRSpatialReference* crs = layer.GetSpatialRef();
        if (crs == nullptr) {
            return nullptr;
        }
        // OGR geometries hold x = easting/longitude whatever the CRS's official axis order says.
        std::unique_ptr<OGRSpatialReference, void (*)(OGRSpatialReference*)> source(
            crs->Clone(), [](OGRSpatialReference* s) { s->Release(); });
        source->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        CPLErrorReset();
        TransformPtr transform(OGRCreateCoordinateTransformation(source.get(), &m_wgs84));
        if (!transform) {
            const char* name = crs->GetName();
            throw InputError(m_source_name + ": layer " + layer.GetName() +
                             ": cannot convert its coordinates (" +
                             (name != nullptr ? name : "unknown coordinate system") +
                             ") to longitude/latitude: " + CPLGetLastErrorMsg());
        }
        return transform;
    }

    /// The feature's point in WGS 84, or nullopt after a warning saying why there is none.
    std::optional<GeoPoint> feature_point(OGRFeature& feature, OGRCoordinateTransformation* transform,
                                          bool has_crs, const RecordContext& context) {
        const OGRGeometry* geometry = feature.GetGeometryRef();
        if (geometry == nullptr || geometry->IsEmpty()) {
            context.warn(
                "feature has no geometry; it is placed from its address or lat/lon attributes, if any");
            return std::nullopt;
        }
        const auto type = wkbFlatten(geometry->getGeometryType());
        const OGRPoint* found = nullptr;
        if (type == wkbPoint) {
            found = geometry->toPoint();
        } else if (type == wkbMultiPoint && geometry->toMultiPoint()->getNumGeometries() == 1) {
            found = geometry->toMultiPoint()->getGeometryRef(0);
        } else {
            context.warn(
                std::string("feature is a ") + OGRGeometryTypeToName(geometry->getGeometryType()) +
                ", not a point; its geometry is ignored and it is placed from its address or lat/lon "
                "attributes, if any");
            return std::nullopt;
        }
        double x = found->getX();
        double y = found->getY();
        if (transform != nullptr && !transform->Transform(1, &x, &y)) {
            context.warn("feature's point (" + exact_decimal(found->getX()) + ", " +
                         exact_decimal(found->getY()) +
                         ") cannot be converted to longitude/latitude; its geometry is ignored");
            return std::nullopt;
        }
        const GeoPoint point{y, x};
        if (!std::isfinite(x) || !std::isfinite(y) || !is_valid(point)) {
            context.warn("feature's point (" + exact_decimal(x) + ", " + exact_decimal(y) +
                         ") is not a longitude and latitude in degrees" +
                         (has_crs ? std::string()
                                  : " (the layer has no coordinate system: give the file one, such as a .prj "
                                    "beside a Shapefile)") +
                         "; its geometry is ignored");
            return std::nullopt;
        }
        return point;
    }

    GDALDataset& m_dataset;
    const std::string& m_source_name;
    Diagnostics& m_diagnostics;
    OGRSpatialReference m_wgs84;
};

/// The header row of CSV text: its first non-blank line, split on the separator it uses.
std::vector<std::string> csv_header(std::string_view text) {
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = std::min(text.find_first_of("\r\n", start), text.size());
        const auto line = text.substr(start, end - start);
        if (!text::trim(line).empty()) {
            const char separator = line.find(',') != std::string_view::npos    ? ','
                                   : line.find(';') != std::string_view::npos  ? ';'
                                   : line.find('\t') != std::string_view::npos ? '\t'
                                                                               : ',';
            const auto document = parse_csv(line, separator);
            return document.records.empty() ? std::vector<std::string>{} : document.records.front().fields;
        }
        start = end + 1;
    }
    return {};
}

bool has_xy_columns(std::string_view text) {
    bool x = false;
    bool y = false;
    bool wkt = false;
    for (const auto& column : csv_header(text)) {
        const std::string name = text::ascii_lower(text::trim(column));
        x = x || name == "x" || name == "easting";
        y = y || name == "y" || name == "northing";
        wkt = wkt || name == "wkt";
    }
    return (x && y) || wkt;
}

} // namespace

bool is_ogr_contacts_extension(const std::filesystem::path& path) {
    const std::string extension = lower_extension(path);
    return extension == ".gpkg" || extension == ".geojson" || extension == ".shp" || extension == ".kml";
}

bool is_ogr_contacts_text(std::string_view content, const std::filesystem::path& path) {
    const std::string extension = lower_extension(path);
    if (extension == ".json") {
        std::string storage;
        const auto document = nlohmann::json::parse(decode_text(content, storage), nullptr, false);
        if (!document.is_object() || !document.contains("type") || !document["type"].is_string()) {
            return false;
        }
        const auto type = document["type"].get<std::string>();
        return type == "FeatureCollection" || type == "Feature";
    }
    if (extension == ".csv") {
        std::string storage;
        const std::string_view decoded = decode_text(content, storage);
        const auto flavour = detect_csv_format(decoded);
        return flavour != ContactFormat::GoogleCsv && flavour != ContactFormat::LinkedInCsv &&
               flavour != ContactFormat::OutlookCsv && has_xy_columns(decoded);
    }
    return false;
}

std::vector<Contact> read_ogr_contacts(const std::filesystem::path& path, Diagnostics& diagnostics) {
    const std::string name = path.string();
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        throw InputError(name + ": no such file: check the path");
    }
    if (std::filesystem::is_directory(status)) {
        throw InputError(name +
                         " is a directory: give a contacts file inside it (.gpkg, .geojson, .shp, .kml, "
                         ".vcf, .csv or .json)");
    }
    register_drivers();
    const QuietGdal quiet;
    const std::string extension = lower_extension(path);
    const SourceKind kind = source_kind(extension);
    CPLStringList open_options;
    if (extension == ".csv") {
        open_options.AddString(XNames);
        open_options.AddString(YNames);
        open_options.AddString(WktNames);
        open_options.AddString("KEEP_GEOM_COLUMNS=NO");
    }
    GDALDatasetUniquePtr dataset(GDALDataset::Open(name.c_str(),
                                                   GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                                   kind.drivers.data(), open_options.List(), nullptr));
    if (!dataset) {
        const std::string reason = CPLGetLastErrorMsg();
        throw InputError(name + " cannot be read as " + kind.what + ": " +
                         (reason.empty() ? std::string("GDAL does not recognise it") : reason));
    }
    return OgrContactReader(*dataset, name, diagnostics).read();
}

bool is_spreadsheet_extension(const std::filesystem::path& path) {
    const std::string extension = lower_extension(path);
    return extension == ".xlsx" || extension == ".ods";
}

CsvDocument read_spreadsheet(const std::filesystem::path& path) {
    const std::string name = path.string();
    register_drivers();
    const QuietGdal quiet;
    const char* const drivers[] = {"XLSX", "ODS", nullptr};
    CPLStringList open_options;
    // Every row as data, the first one too: the header is found as in a CSV file, and features
    // are then numbered as the sheet numbers its rows. Values stay text, so that a phone number
    // or a postcode keeps its leading zero.
    open_options.AddString("HEADERS=DISABLE");
    open_options.AddString("FIELD_TYPES=STRING");
    GDALDatasetUniquePtr dataset(GDALDataset::Open(name.c_str(),
                                                   GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                                   drivers, open_options.List(), nullptr));
    if (!dataset) {
        const std::string reason = CPLGetLastErrorMsg();
        throw InputError(name + " cannot be read as a spreadsheet: " +
                         (reason.empty() ? std::string("GDAL does not recognise it") : reason) +
                         " (save it again, or as CSV)");
    }
    OGRLayer* sheet = dataset->GetLayerCount() > 0 ? dataset->GetLayer(0) : nullptr;
    if (sheet == nullptr) {
        throw InputError(name + " has no sheet: give the spreadsheet with the attendee list");
    }
    CsvDocument document;
    for (auto& feature : *sheet) {
        CsvRecord record;
        // The XLSX and ODS drivers number features by their row, from 1.
        record.line = static_cast<int>(feature->GetFID());
        bool empty = true;
        for (int i = 0; i < feature->GetFieldCount(); ++i) {
            record.fields.emplace_back(feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "");
            empty = empty && record.fields.back().empty();
        }
        record.blank = empty;
        document.records.push_back(std::move(record));
    }
    return document;
}

} // namespace sidetrip::people::detail
