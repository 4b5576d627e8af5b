// The CSV reader and writer (see csv.h). The reader makes one pass over the
// text, one record at a time, counting lines as it goes, including line
// breaks inside quoted fields, so the line of every record is the one a
// spreadsheet shows.
#include "csv.h"

#include <cstdint>

namespace outpost {

Result<std::vector<CsvRecord>> read_csv(std::string_view text) {
    std::vector<CsvRecord> out;
    size_t i = 0;
    int line = 1;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;  // spreadsheet byte-order mark
    while (i < text.size()) {
        CsvRecord rec;
        rec.line = line;
        std::string cell;
        bool quoted = false, end_of_record = false;
        while (i < text.size() && !end_of_record) {
            const char c = text[i];
            if (quoted) {
                if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                    cell += '"';
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') ++line;
                    cell += c;
                }
                ++i;
                continue;
            }
            // A quote opens quoting only at the start of a field; elsewhere
            // it is an ordinary character, as spreadsheets read it.
            if (c == '"' && cell.empty()) {
                quoted = true;
            } else if (c == ',') {
                rec.fields.push_back(cell);
                cell.clear();
            } else if (c == '\r') {
                // dropped: CRLF line ends
            } else if (c == '\n') {
                ++line;
                end_of_record = true;
            } else {
                cell += c;
            }
            ++i;
        }
        if (quoted)
            return Status::InvalidArgument("line " + std::to_string(rec.line) +
                                           ": a quoted field is never closed");
        rec.fields.push_back(cell);
        const bool blank =
            rec.fields.size() == 1 && rec.fields[0].find_first_not_of(" \t") == std::string::npos;
        if (!blank) out.push_back(std::move(rec));
    }
    return out;
}

std::string csv_field(std::string_view field) {
    const bool edge_space = !field.empty() && (field.front() == ' ' || field.front() == '\t' ||
                                               field.back() == ' ' || field.back() == '\t');
    if (!edge_space && field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
    std::string out = "\"";
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string write_csv(const std::vector<std::vector<std::string>>& records) {
    std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: spreadsheets then read accents right
    for (const auto& rec : records) {
        for (size_t i = 0; i < rec.size(); ++i) {
            if (i) out += ',';
            out += csv_field(rec[i]);
        }
        out += "\r\n";
    }
    return out;
}

Status check_csv_record(const CsvRecord& record, size_t header_fields) {
    const std::string at = "line " + std::to_string(record.line) + ": ";
    if (record.fields.size() != header_fields)
        return Status::InvalidArgument(at + "has " + std::to_string(record.fields.size()) +
                                       " fields, the header has " + std::to_string(header_fields) +
                                       " (a comma inside a field needs quotes)");
    for (const std::string& f : record.fields)
        if (!valid_utf8(f))
            return Status::InvalidArgument(
                at + "has characters that are not UTF-8; save the file as UTF-8 text");
    return Status::Ok();
}

// Found by fuzz_sync_csv: Latin-1 bytes made central's JSON writer throw.
bool valid_utf8(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        // n: continuation bytes that follow the lead byte; 9: not a lead byte.
        const size_t n = c < 0x80           ? 0
                         : (c >> 5) == 0x6  ? 1
                         : (c >> 4) == 0xE  ? 2
                         : (c >> 3) == 0x1E ? 3
                                            : 9;
        if (n == 9 || i + n >= text.size()) return false;
        uint32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k <= n; ++k) {
            const unsigned char cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        static const uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

}  // namespace outpost
