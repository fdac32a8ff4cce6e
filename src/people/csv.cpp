#include "detail/csv.hpp"

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
    CsvDocument document;
    std::size_t i = 0;
    int line = 1;
    while (i < text.size()) {
        CsvRecord record;
        record.line = line;
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
                    field += text[i++];
                }
                if (!closed) {
                    document.unclosed_quote_line = record.line;
                    return document;
                }
            }
            // Unquoted text, or what follows a closing quote, up to the separator or line end.
            while (i < text.size() && text[i] != separator && text[i] != '\r' && text[i] != '\n') {
                field += text[i++];
            }
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
        document.records.push_back(std::move(record));
    }
    return document;
}

} // namespace sidetrip::people::detail
