#include "sidetrip/core/date.hpp"
#include "sidetrip/core/diagnostics.hpp"
#include "sidetrip/core/text.hpp"

#include <catch2/catch.hpp>

using namespace sidetrip;

TEST_CASE("folding removes accents and case so München and MUNCHEN meet", "[core]") {
    CHECK(text::fold("München") == "munchen");
    CHECK(text::fold("MUNCHEN") == "munchen");
    CHECK(text::fold("Kraków") == "krakow");
    CHECK(text::fold("São Paulo") == "sao paulo");
}

TEST_CASE("folding spells letters without a decomposition the keyboard way", "[core]") {
    CHECK(text::fold("Straße") == "strasse");
    CHECK(text::fold("Ærøskøbing") == "aeroskobing");
    CHECK(text::fold("Łódź") == "lodz");
}

TEST_CASE("folding turns punctuation into single spaces and drops apostrophes", "[core]") {
    CHECK(text::fold("Lapu-Lapu City") == "lapu lapu city");
    CHECK(text::fold("  St. Louis,  MO ") == "st louis mo");
    CHECK(text::fold("O'Hare") == "ohare");
    CHECK(text::fold("Xi’an") == "xian");
    CHECK(text::fold("...") == "");
}

TEST_CASE("folding skips invalid UTF-8 bytes instead of failing", "[core]") {
    const std::string bad = std::string("Ma") + '\xff' + "kati";
    CHECK(text::fold(bad) == "makati");
    CHECK_FALSE(text::is_valid_utf8(bad));
    CHECK(text::is_valid_utf8("Zürich"));
}

TEST_CASE("dates are read in ISO 8601 basic and extended forms and impossible ones are refused", "[core]") {
    using namespace std::chrono;
    CHECK(parse_date("2024-03-04") == Date{year{2024}, month{3}, day{4}});
    CHECK(parse_date("20240304") == Date{year{2024}, month{3}, day{4}});
    CHECK(parse_date("2024-03-04T10:00:00Z") == Date{year{2024}, month{3}, day{4}});
    CHECK_FALSE(parse_date("2023-02-30"));
    CHECK_FALSE(parse_date("--0304"));
    CHECK_FALSE(parse_date("March 4"));
    CHECK_FALSE(parse_date("2024-03-04x"));
    CHECK(format_date(Date{year{2024}, month{3}, day{4}}) == "2024-03-04");
}

TEST_CASE("a diagnostic names the file and line it is about", "[core]") {
    Diagnostics diagnostics;
    diagnostics.warn("contacts.csv", 12, "bad date");
    diagnostics.error("x.vcf", 0, "no name");
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics.items()[0].to_string() == "contacts.csv:12: warning: bad date");
    CHECK(diagnostics.items()[1].to_string() == "x.vcf: error: no name");
}

TEST_CASE("text helpers split, trim and compare ASCII case-insensitively", "[core]") {
    CHECK(text::split("a,,b", ',').size() == 3);
    CHECK(text::trim("  x y \r\n") == "x y");
    CHECK(text::iequals("BEGIN", "begin"));
    CHECK_FALSE(text::iequals("BEGIN", "begun"));
    CHECK(text::istarts_with("X-SIDETRIP-TIE", "x-sidetrip-"));
    CHECK(text::ascii_lower("MiXeD") == "mixed");
}
