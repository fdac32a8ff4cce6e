#include "sidetrip/core/date.hpp"

#include <cstdio>

namespace sidetrip {

namespace {

bool read_digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > s.size()) {
        return false;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        value = value * 10 + (s[i] - '0');
    }
    out = value;
    return true;
}

} // namespace

std::optional<Date> parse_date(std::string_view text) {
    int y = 0, m = 0, d = 0;
    std::size_t end = 0;
    if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
        if (!read_digits(text, 0, 4, y) || !read_digits(text, 5, 2, m) || !read_digits(text, 8, 2, d)) {
            return std::nullopt;
        }
        end = 10;
    } else if (text.size() >= 8) {
        if (!read_digits(text, 0, 4, y) || !read_digits(text, 4, 2, m) || !read_digits(text, 6, 2, d)) {
            return std::nullopt;
        }
        end = 8;
    } else {
        return std::nullopt;
    }
    if (end < text.size() && text[end] != 'T' && text[end] != 't' && text[end] != ' ') {
        return std::nullopt;
    }
    Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return date;
}

std::string format_date(const Date& date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

} // namespace sidetrip
