#include "detail/csv.hpp"

#include <limits>

namespace sidetrip::people::detail {

namespace {

/// Consumes one line break (CRLF, LF or CR) at `i` when there is one.
bool skip_line_break(std::string_view text, std::size_t& i) {
    if (text[i] == '\r') {
        ++i;
        if (i < text.size() && text[i] == '\n') {
            ++i;
        }
        return true;
    }
    if (text[i] == '\n') {
        ++i;
        return true;
    }
    return false;
}

} // namespace

CsvDocument parse_csv(std::string_view text, char separator) {
    return parse_csv(text, separator, std::numeric_limits<std::size_t>::max());
}

CsvDocument parse_csv(std::string_view text, char separator, std::size_t max_records) {
    CsvDocument document;
    std::size_t i = 0;
    int line = 1;
    std::size_t width = 0; // fields of the last record: most records have as many
    while (i < text.size() && document.records.size() < max_records) {
        CsvRecord record;
        record.line = line;
        record.fields.reserve(width);
        std::string field;
        bool any_quoted = false;
        bool record_done = false;
        while (!record_done) {
            // At the start of a field.
            if (i < text.size() && text[i] == '"') {
                any_quoted = true;
                ++i;
                bool closed = false;
                while (i < text.size()) {
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (skip_line_break(text, i)) {
                        field += '\n';
                        ++line;
                        continue;
                    }
                    std::size_t run_end = i + 1;
                    while (run_end < text.size() && text[run_end] != '"' && text[run_end] != '\r' &&
                           text[run_end] != '\n') {
                        ++run_end;
                    }
                    field.append(text.data() + i, run_end - i);
                    i = run_end;
                }
                if (!closed) {
                    document.unclosed_quote_line = record.line;
                    return document;
                }
            }
            // Unquoted text, or what follows a closing quote, up to the separator or line end
            // (appended as one run: a character at a time was a tenth of reading contacts).
            std::size_t end = i;
            while (end < text.size() && text[end] != separator && text[end] != '\r' && text[end] != '\n') {
                ++end;
            }
            field.append(text.data() + i, end - i);
            i = end;
            record.fields.push_back(std::move(field));
            field.clear();
            if (i >= text.size()) {
                record_done = true;
            } else if (text[i] == separator) {
                ++i;
                if (i >= text.size()) {
                    record.fields.emplace_back(); // "a,b," ends with an empty field
                    record_done = true;
                }
            } else {
                skip_line_break(text, i);
                ++line;
                record_done = true;
            }
        }
        record.blank = record.fields.size() == 1 && record.fields[0].empty() && !any_quoted;
        width = record.fields.size();
        document.records.push_back(std::move(record));
    }
    return document;
}

} // namespace sidetrip::people::detail
