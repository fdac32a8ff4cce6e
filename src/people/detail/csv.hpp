#pragma once

// RFC 4180 CSV, as spreadsheets and contact exports write it. Private to the people module.

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::people::detail {

/// One record of a CSV file with the physical line it starts on.
struct CsvRecord {
    std::vector<std::string> fields;
    int line = 0;       ///< 1-based physical line of the record's first character
    bool blank = false; ///< an empty line: one empty, unquoted field
};

struct CsvDocument {
    std::vector<CsvRecord> records;
    /// Line of a record whose quoted field is still open at the end of the file (0 when none);
    /// that record is not in `records`.
    int unclosed_quote_line = 0;
};

/**
 * Splits CSV text (UTF-8, no byte order mark) into records: fields in double quotes may hold
 * the separator, line breaks and doubled quotes; lines end in CRLF, LF or CR. Lenient where
 * RFC 4180 is strict: a quote inside an unquoted field is kept as a character, and text after a
 * closing quote is appended to the field.
 */
CsvDocument parse_csv(std::string_view text, char separator);

/// The first `max_records` records of parse_csv(text, separator), without reading further:
/// the parser never looks back, so they are the same records (for detecting a file's format
/// from its header without splitting all of a 100,000-row export).
CsvDocument parse_csv(std::string_view text, char separator, std::size_t max_records);

} // namespace sidetrip::people::detail
