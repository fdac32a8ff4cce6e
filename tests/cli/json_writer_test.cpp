// JsonWriter writes the text that write_json() writes for the same document built as
// nlohmann::ordered_json: `match --format json` depends on the two agreeing byte for byte.
#include "json_writer.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <limits>
#include <string>
#include <vector>

using sidetrip::cli::JsonWriter;
using ordered_json = nlohmann::ordered_json;

namespace {

/// What write_json() writes for `document`.
std::string nlohmann_text(const ordered_json& document) {
    return document.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace

TEST_CASE("JsonWriter escapes strings as nlohmann does, invalid UTF-8 and control characters included",
          "[cli]") {
    const std::vector<std::string> texts = {"",
                                            "Maria Santos",
                                            "say \"hi\"",
                                            "C:\\Users",
                                            "tab\tline\nreturn\r",
                                            "bell\x07 unit\x1f",
                                            "delete\x7f",
                                            "Mu\xc3\xb1oz \xf0\x9f\x98\x80",
                                            "bad \xff\xfe bytes",
                                            "cut \xc3",
                                            "surrogate \xed\xa0\x80",
                                            "overlong \xc0\xaf"};
    JsonWriter writer;
    ordered_json document = ordered_json::object();
    writer.begin_object();
    writer.key("texts");
    writer.value(texts);
    document["texts"] = texts;
    writer.key("odd \"key\"\x01 \xff");
    writer.value("x");
    document["odd \"key\"\x01 \xff"] = "x";
    writer.end_object();
    CHECK(writer.finish() == nlohmann_text(document));
}

TEST_CASE("JsonWriter writes numbers and nested, empty containers as nlohmann does", "[cli]") {
    const std::vector<double> numbers = {
        0.0, 0.86, 195.0, 1e-7, 1e21, 0.1 + 0.2, -0.5, 5e-324, std::numeric_limits<double>::quiet_NaN()};
    JsonWriter writer;
    ordered_json document = ordered_json::object();
    writer.begin_object();
    writer.key("numbers");
    writer.begin_array();
    for (const double number : numbers) {
        writer.value(number);
    }
    writer.end_array();
    document["numbers"] = numbers;
    writer.key("counts");
    writer.begin_array();
    writer.value(std::size_t{0});
    writer.value(std::numeric_limits<std::size_t>::max());
    writer.end_array();
    document["counts"] = {std::size_t{0}, std::numeric_limits<std::size_t>::max()};
    writer.key("integers and null");
    writer.begin_array();
    writer.integer(-3);
    writer.integer(0);
    writer.integer(std::numeric_limits<long long>::min());
    writer.null();
    writer.end_array();
    document["integers and null"] = {-3, 0, std::numeric_limits<long long>::min(), nullptr};
    writer.key("empty array");
    writer.value(std::vector<std::string>{});
    document["empty array"] = ordered_json::array();
    writer.key("nested");
    writer.begin_array();
    writer.begin_object();
    writer.key("inner");
    writer.begin_array();
    writer.begin_array();
    writer.end_array();
    writer.end_array();
    writer.end_object();
    writer.begin_object();
    writer.end_object();
    writer.end_array();
    document["nested"] = ordered_json::array(
        {ordered_json{{"inner", ordered_json::array({ordered_json::array()})}}, ordered_json::object()});
    writer.end_object();
    CHECK(writer.finish() == nlohmann_text(document));
}

TEST_CASE("JsonWriter writes an empty document on one line", "[cli]") {
    JsonWriter writer;
    writer.begin_object();
    writer.end_object();
    CHECK(writer.finish() == "{}\n");
}
