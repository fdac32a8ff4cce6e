#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sidetrip {

/// A calendar date without a time or zone (a birthday, "last met on").
using Date = std::chrono::year_month_day;

/**
 * Reads an ISO 8601 calendar date: "2024-03-04", "20240304", or a date-time whose date part
 * is one of those ("2024-03-04T10:00:00Z"). Returns nullopt for anything else, including
 * impossible dates such as 2023-02-30.
 */
std::optional<Date> parse_date(std::string_view text);

/// "YYYY-MM-DD".
std::string format_date(const Date& date);

} // namespace sidetrip
