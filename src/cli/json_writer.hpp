#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::cli {

/**
 * Writes one JSON document as text while the command walks its results, byte for byte as
 * write_json() writes the same document built as nlohmann::ordered_json (dump(2), invalid UTF-8
 * replaced, a line break at the end). For outputs of tens of megabytes, building a node for
 * every value first and then walking the nodes took a tenth of `sidetrip match`.
 *
 * Calls nest as the JSON does: begin_object(), then key() and one value per member, then
 * end_object(); in an array, one value per element.
 */
class JsonWriter {
public:
    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    /// The name of the object member whose value comes next.
    void key(std::string_view name);
    /// A whole member: key(name), then value(v).
    template <typename T> void member(std::string_view name, const T& v) {
        key(name);
        value(v);
    }

    void value(std::string_view text);
    /// Not to be taken for a bool.
    void value(const char* text) { value(std::string_view(text)); }
    void value(std::size_t number);
    void value(double number);
    /// A signed integer (a name of its own: an int would not know which value() to take).
    void integer(long long number);
    void null();
    /// An array of strings.
    void value(const std::vector<std::string>& texts);

    /// The document, with the line break write_json() ends it with.
    std::string finish();

private:
    void open(char bracket);
    void close(char bracket);
    /// Starts an element of the array or member of the object open now: the separator and the
    /// indentation.
    void next_item();
    void write_string(std::string_view text);
    template <typename Integer> void write_integer(Integer number);

    std::string m_out;
    std::vector<bool> m_empty; ///< for each container open, outermost first: nothing in it yet
    bool m_after_key = false;  ///< a member's name is written, its value not yet
};

} // namespace sidetrip::cli
