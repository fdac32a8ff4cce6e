#include "json_writer.hpp"

#include "sidetrip/core/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <utility>

namespace sidetrip::cli {

void JsonWriter::key(std::string_view name) {
    next_item();
    write_string(name);
    m_out += ": ";
    m_after_key = true;
}

void JsonWriter::value(std::string_view text) {
    next_item();
    write_string(text);
}

void JsonWriter::value(std::size_t number) {
    next_item();
    write_integer(number);
}

void JsonWriter::integer(long long number) {
    next_item();
    write_integer(number);
}

void JsonWriter::null() {
    next_item();
    m_out += "null";
}

void JsonWriter::value(double number) {
    next_item();
    // nlohmann's own shortest round-trip form ("195.0", "0.86"): few numbers, and no second
    // opinion on how to print them.
    m_out += nlohmann::json(number).dump();
}

void JsonWriter::value(const std::vector<std::string>& texts) {
    begin_array();
    for (const auto& text : texts) {
        value(text);
    }
    end_array();
}

std::string JsonWriter::finish() {
    m_out += '\n';
    return std::move(m_out);
}

void JsonWriter::open(char bracket) {
    next_item();
    m_out += bracket;
    m_empty.push_back(true);
}

void JsonWriter::close(char bracket) {
    // Empty containers stay on one line ("[]"), as nlohmann writes them.
    const bool empty = m_empty.back();
    m_empty.pop_back();
    if (!empty) {
        m_out += '\n';
        m_out.append(2 * m_empty.size(), ' ');
    }
    m_out += bracket;
}

void JsonWriter::next_item() {
    if (m_after_key) { // the value of the member whose name was just written
        m_after_key = false;
        return;
    }
    if (m_empty.empty()) { // the document itself
        return;
    }
    m_out += m_empty.back() ? "\n" : ",\n";
    m_empty.back() = false;
    m_out.append(2 * m_empty.size(), ' ');
}

template <typename Integer> void JsonWriter::write_integer(Integer number) {
    char digits[24]; // the longest 64-bit integer, sign included, has 20 characters
    const char* end = std::to_chars(std::begin(digits), std::end(digits), number).ptr;
    m_out.append(digits, static_cast<std::size_t>(end - digits));
}

void JsonWriter::write_string(std::string_view text) {
    // Valid UTF-8 without control characters needs only its quotes and backslashes escaped.
    // Anything else goes to nlohmann itself, whose escapes and replacement of invalid bytes
    // are not to be imitated here.
    const bool plain =
        std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }) &&
        text::is_valid_utf8(text);
    if (!plain) {
        m_out +=
            nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    m_out += '"';
    std::size_t run = 0; // the start of the text not written yet
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '"' || text[i] == '\\') {
            m_out.append(text.substr(run, i - run));
            m_out += '\\';
            run = i; // the character itself starts the next run
        }
    }
    m_out.append(text.substr(run));
    m_out += '"';
}

} // namespace sidetrip::cli
