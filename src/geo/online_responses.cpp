// The answers of Nominatim and Photon read into GeocodeResults: pure functions of the text, so
// that they can be tested on hand-written answers and fuzzed. Anything the services may send,
// including garbage from a proxy or a truncated body, ends as a result or a ServiceError.
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/online_geocoder.hpp"
#include "sidetrip/net/http.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>

namespace sidetrip::geo {

namespace {

using nlohmann::json;

/// A string field of an object, or empty (numbers and other kinds are not names).
std::string field(const json& object, const char* key) {
    if (!object.is_object()) {
        return {};
    }
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) {
        return {};
    }
    return std::string(text::trim(it->get_ref<const std::string&>()));
}

/// The first non-empty string among `keys`.
std::string first_field(const json& object, std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
        if (auto value = field(object, key); !value.empty()) {
            return value;
        }
    }
    return {};
}

/// A number given as a JSON number or as a numeric string (Nominatim sends "lat": "14.55").
std::optional<double> number(const json& value) {
    if (value.is_number()) {
        const double d = value.get<double>();
        return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
    }
    if (value.is_string()) {
        const std::string_view s = text::trim(value.get_ref<const std::string&>());
        double d = 0.0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
        if (ec == std::errc() && end == s.data() + s.size() && std::isfinite(d)) {
            return d;
        }
    }
    return std::nullopt;
}

std::optional<double> number_field(const json& object, const char* key) {
    if (!object.is_object()) {
        return std::nullopt;
    }
    const auto it = object.find(key);
    return it == object.end() ? std::nullopt : number(*it);
}

/// A short, printable excerpt of what the service said, for a message.
std::string excerpt(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size() && out.size() < 160; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        out += (c < 0x20 || c == 0x7F) ? ' ' : static_cast<char>(c);
    }
    // Cut at a byte count: drop a character split at the end, but not text that is broken.
    for (int i = 0; i < 3 && !out.empty() && !text::is_valid_utf8(out); ++i) {
        out.pop_back();
    }
    return text::is_valid_utf8(out) ? out : std::string("(not UTF-8)");
}

[[noreturn]] void fail(std::string_view service, std::string_view url, const std::string& what) {
    throw ServiceError(std::string(service) + " at " + net::redact_url(url) + ": " + what +
                       "; check that the URL given with --geocoder (or [geocoder] url) points at a " +
                       std::string(service) + " server, or try again later");
}

json parse_json(std::string_view body, std::string_view service, std::string_view url) {
    json document;
    try {
        document = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    } catch (const std::exception&) {
        document = json(json::value_t::discarded);
    }
    if (document.is_discarded()) {
        fail(service, url,
             "the answer is not JSON (" + std::to_string(body.size()) + " bytes, starting \"" +
                 excerpt(body.substr(0, 60)) + "\")");
    }
    return document;
}

std::string locality_of(const json& address) {
    return first_field(address, {"city", "town", "village", "municipality", "hamlet", "suburb", "county"});
}

/// The precision of a Nominatim result, from its address type, class and rank.
std::string nominatim_level(const std::string& category, const std::string& type,
                            const std::string& addresstype, std::optional<double> rank) {
    if (category == "aeroway" && (type == "aerodrome" || type == "airport")) {
        return "airport";
    }
    const std::string& kind = addresstype.empty() ? type : addresstype;
    if (kind == "country") {
        return "country";
    }
    if (kind == "state" || kind == "province" || kind == "region" || kind == "state_district" ||
        kind == "county") {
        return "region";
    }
    if (kind == "city" || kind == "town" || kind == "village" || kind == "municipality" || kind == "hamlet") {
        return "city";
    }
    if (kind == "suburb" || kind == "neighbourhood" || kind == "quarter" || kind == "borough" ||
        kind == "city_district" || kind == "district" || kind == "city_block" || kind == "locality" ||
        kind == "isolated_dwelling" || kind == "postcode") {
        return "district";
    }
    if (kind == "road" || category == "highway") {
        return "street";
    }
    if (kind == "house" || kind == "building" || category == "building" || category == "amenity" ||
        category == "shop" || category == "tourism" || category == "office" || category == "leisure") {
        return "address";
    }
    if (rank) {
        // Nominatim's address ranks: 4 country, 5-12 regions, 13-19 towns, 20-25 parts of
        // towns, 26-27 streets, 28-30 houses and points of interest.
        if (*rank <= 4) {
            return "country";
        }
        if (*rank <= 12) {
            return "region";
        }
        if (*rank <= 19) {
            return "city";
        }
        if (*rank <= 25) {
            return "district";
        }
        return *rank <= 27 ? "street" : "address";
    }
    return "address";
}

/// The precision of a Photon result, from its type and OSM tag.
std::string photon_level(const std::string& type, const std::string& osm_key, const std::string& osm_value) {
    if (osm_key == "aeroway" && (osm_value == "aerodrome" || osm_value == "airport")) {
        return "airport";
    }
    if (type == "country") {
        return "country";
    }
    if (type == "state" || type == "county") {
        return "region";
    }
    if (type == "city") {
        return "city";
    }
    if (type == "district" || type == "locality") {
        return "district";
    }
    if (type == "street") {
        return "street";
    }
    if (type == "house") {
        return "address";
    }
    if (osm_key == "place") {
        if (osm_value == "city" || osm_value == "town" || osm_value == "village" || osm_value == "hamlet" ||
            osm_value == "municipality") {
            return "city";
        }
        if (osm_value == "country") {
            return "country";
        }
        if (osm_value == "state" || osm_value == "province" || osm_value == "region") {
            return "region";
        }
        return "district";
    }
    return osm_key == "highway" ? "street" : "address";
}

/// "Ayala Avenue, Makati" for a street or an address; the bare name for a town or larger.
std::string display_name(std::string name, const std::string& level, const std::string& locality) {
    if ((level == "street" || level == "address" || level == "district" || level == "airport") &&
        !locality.empty() && locality != name) {
        name = name.empty() ? locality : name + ", " + locality;
    }
    return name;
}

double rounded(double confidence) {
    return std::clamp(std::round(confidence * 100.0) / 100.0, 0.05, 0.99);
}

GeocodeResult ok_result(GeoPoint point) {
    GeocodeResult r;
    r.status = GeocodeStatus::Ok;
    r.point = point;
    r.source = "online";
    return r;
}

} // namespace

std::vector<GeocodeResult> parse_nominatim_response(std::string_view body, std::string_view url) {
    const json document = parse_json(body, "Nominatim", url);
    if (document.is_object() && document.contains("error")) {
        const json& error = document["error"];
        std::string message = error.is_string() ? error.get<std::string>() : field(error, "message");
        fail("Nominatim", url, "the service answered with an error: \"" + excerpt(message) + "\"");
    }
    if (!document.is_array()) {
        fail("Nominatim", url, "the answer is JSON but not the list of places /search returns");
    }
    std::vector<GeocodeResult> out;
    for (const json& place : document) {
        if (!place.is_object()) {
            continue;
        }
        const auto lat = number_field(place, "lat");
        const auto lon = number_field(place, "lon");
        if (!lat || !lon || !is_valid(GeoPoint{*lat, *lon})) {
            continue;
        }
        GeocodeResult r = ok_result({*lat, *lon});
        const json empty = json::object();
        const auto address_it = place.find("address");
        const json& address = address_it != place.end() && address_it->is_object() ? *address_it : empty;
        // format=json says "class", jsonv2 "category".
        const std::string category = first_field(place, {"category", "class"});
        const std::string type = field(place, "type");
        r.level =
            nominatim_level(category, type, field(place, "addresstype"), number_field(place, "place_rank"));
        std::string name = field(place, "name");
        if (name.empty()) {
            const std::string road = first_field(address, {"road", "pedestrian", "footway", "street"});
            const std::string house = field(address, "house_number");
            name = house.empty() ? road : road.empty() ? house : house + " " + road;
        }
        if (name.empty()) {
            const std::string whole = field(place, "display_name");
            name = std::string(text::trim(whole.substr(0, whole.find(','))));
        }
        r.name = display_name(name, r.level, locality_of(address));
        r.admin1 = first_field(address, {"state", "province", "region", "state_district"});
        if (r.admin1 == r.name) {
            r.admin1.clear();
        }
        const std::string code = field(address, "country_code");
        r.country = code.size() == 2 ? text::ascii_upper(code) : std::string();
        const auto importance = number_field(place, "importance");
        r.confidence = importance ? rounded(0.5 + 0.45 * std::clamp(*importance, 0.0, 1.0)) : 0.6;
        r.reason = "matched '" + excerpt(field(place, "display_name")) + "'";
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<GeocodeResult> parse_photon_response(std::string_view body, std::string_view url) {
    const json document = parse_json(body, "Photon", url);
    if (!document.is_object() || !document.contains("features") || !document["features"].is_array()) {
        if (document.is_object() && document.contains("message")) {
            fail("Photon", url,
                 "the service answered with an error: \"" + excerpt(field(document, "message")) + "\"");
        }
        fail("Photon", url, "the answer is JSON but not the GeoJSON FeatureCollection /api returns");
    }
    std::vector<GeocodeResult> out;
    for (const json& feature : document["features"]) {
        if (!feature.is_object()) {
            continue;
        }
        const auto geometry = feature.find("geometry");
        if (geometry == feature.end() || !geometry->is_object()) {
            continue;
        }
        const auto coordinates = geometry->find("coordinates");
        if (coordinates == geometry->end() || !coordinates->is_array() || coordinates->size() < 2) {
            continue;
        }
        // GeoJSON is [lon, lat].
        const auto lon = number((*coordinates)[0]);
        const auto lat = number((*coordinates)[1]);
        if (!lat || !lon || !is_valid(GeoPoint{*lat, *lon})) {
            continue;
        }
        const json empty = json::object();
        const auto properties_it = feature.find("properties");
        const json& p = properties_it != feature.end() && properties_it->is_object() ? *properties_it : empty;
        GeocodeResult r = ok_result({*lat, *lon});
        r.level = photon_level(field(p, "type"), field(p, "osm_key"), field(p, "osm_value"));
        std::string name = field(p, "name");
        if (name.empty()) {
            const std::string street = field(p, "street");
            const std::string house = field(p, "housenumber");
            name = house.empty() ? street : street.empty() ? house : house + " " + street;
        }
        r.name = display_name(name, r.level, first_field(p, {"city", "locality", "district", "county"}));
        r.admin1 = field(p, "state");
        if (r.admin1 == r.name) {
            r.admin1.clear();
        }
        const std::string code = field(p, "countrycode");
        r.country = code.size() == 2 ? text::ascii_upper(code) : std::string();
        // Photon gives no importance; its order is its ranking. The geocoder lowers this when
        // rivals elsewhere came back too.
        r.confidence = 0.7;
        std::string described = r.name;
        for (const char* key : {"city", "state", "country"}) {
            if (auto part = field(p, key); !part.empty() && described.find(part) == std::string::npos) {
                described += ", " + part;
            }
        }
        r.reason = "matched '" + excerpt(described) + "'";
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace sidetrip::geo
