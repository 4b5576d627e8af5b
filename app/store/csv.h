// The one CSV room: the reader, RFC 4180 text as spreadsheets save it (the
// format of assets/catalogue.csv), used by central's catalogue import, the
// demo's embedded catalogue and the catalogue test; and the writer, used by
// every export (reports). Records keep the line they start on so every
// problem can be reported as "line N: ..." and the person fixing the
// spreadsheet can find it. Pure functions, no I/O, safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "status.h"

namespace outpost {

struct CsvRecord {
    int line = 0;  // line number where the record starts (the first line is 1)
    std::vector<std::string> fields;
};

// Splits text into records. Commas separate fields; a field that starts with
// a double quote may hold commas, line breaks and doubled quotes ("" is one
// "). CRLF and LF line ends are both accepted and the last line may end
// without one; a carriage return outside quotes is dropped. A leading UTF-8
// byte-order mark (spreadsheets write one) is skipped. Lines that are empty
// or hold only spaces and tabs are skipped, but still counted. Fields are
// returned as written: no trimming, no UTF-8 check (see check_csv_record).
// Fails with InvalidArgument "line N: a quoted field is never closed", N being
// the line where that record starts.
Result<std::vector<CsvRecord>> read_csv(std::string_view text);

// Checks one record against the header: the same number of fields, and every
// field well-formed UTF-8 (items travel as JSON, which must be; a catalogue
// saved as Latin-1 is refused with its line instead of breaking later).
// Fails with InvalidArgument, in this order:
//   "line N: has F fields, the header has H (a comma inside a field needs quotes)"
//   "line N: has characters that are not UTF-8; save the file as UTF-8 text"
Status check_csv_record(const CsvRecord& record, size_t header_fields);

// One field as RFC 4180 writes it: in double quotes, with each " doubled,
// when it holds a comma, a double quote, a carriage return or a line feed, or
// starts or ends with a space or tab (so no program trims it); as it is
// otherwise. Bytes are passed through unchanged (UTF-8 stays UTF-8).
std::string csv_field(std::string_view field);

// Records as a CSV file a spreadsheet opens with accents intact: a UTF-8
// byte-order mark, then each record's fields joined by commas, each record
// ending in CRLF (RFC 4180). read_csv() gives the same records back.
// Records may have different lengths; an empty record is written as an empty
// line (which read_csv skips).
std::string write_csv(const std::vector<std::vector<std::string>>& records);

// True when text is well-formed UTF-8: no stray continuation bytes, no
// truncated sequences, no overlong forms, no surrogates, nothing past U+10FFFF.
bool valid_utf8(std::string_view text);

}  // namespace outpost
