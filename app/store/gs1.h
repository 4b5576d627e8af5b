// Reads what a barcode scanner sends from a medicine pack or carton: GS1 data
// (DataMatrix, GS1-128, GS1 QR, DataBar: AIs 01 GTIN, 17 expiry, 10 batch,
// 21 serial and the rest of gs1_ai.h's dictionary), the bracketed
// human-readable form "(01)...(17)...", and plain EAN-13 / UPC-A / EAN-8
// codes, which are GTINs. Pure: no I/O, no clock (today's date is passed in
// for the century rule), no global state; safe from any thread. Rules and
// examples: docs/barcodes.md.
//
// A code is either read completely or refused with a Status whose message
// says what is wrong in plain words. A reading the parser cannot be sure of
// (a batch or serial with no separator after it that may have swallowed the
// next fields) is returned with `needs_check` and a warning starting
// "check the batch": a screen must ask the person to confirm it.
#pragma once

#include <string>
#include <vector>

#include "status.h"

namespace outpost::gs1 {

constexpr char kGs = '\x1d';              // ASCII 29, the separator scanners send for FNC1
constexpr size_t kMaxInputBytes = 4096;   // longer text is refused (a DataMatrix holds < 2400)
constexpr size_t kMaxElements = 64;       // more AIs than this are refused

struct Element {
    std::string ai;     // "11", "3103"
    std::string value;  // as encoded (dates as YYMMDD)
};

struct Reading {
    std::string gtin;    // 14 digits with a valid check digit; "" when the code has none
    std::string expiry;  // AI 17 as YYYY-MM-DD (DD=00 already the month's last day); or ""
    std::string batch;   // AI 10; or ""
    std::string serial;  // AI 21; or ""
    std::vector<Element> other;  // every other AI, in the order scanned
    // "gs1-datamatrix", "gs1-128", "gs1-qr", "gs1-databar" (from the AIM prefix),
    // "datamatrix", "qr", "ean-13", "ean-8", "upc-a" (plain codes), "gs1" (element
    // string with no prefix), "gs1-text" (the bracketed form), or "aim ]Xn" for
    // another prefix.
    std::string symbology;
    bool gs1 = false;                 // the data was GS1 element strings (not a plain code)
    bool needs_check = false;  // a batch or serial may be wrong (see warnings): ask first
    std::vector<std::string> warnings;  // plain words; empty on a clean read
    Status error;                     // ok() when read; otherwise the code is refused and
                                      // gtin/expiry/batch/serial/other are empty
};

struct Options {
    // Today as "YYYY-MM-DD" (REQUIRED): the year decides the century of YYMMDD
    // dates. An invalid date refuses every code (InvalidArgument).
    std::string today;
    // Characters a scanner sends in place of GS (FNC1), e.g. "~" or "|". Letters
    // and digits cannot stand for GS: they refuse every code.
    std::string separator_substitutes;
};

// Reads one scan. Never throws; any bytes are accepted as input.
Reading parse(const std::string& text, const Options& options);

// The bare GTIN of a plain EAN-8, UPC-A or EAN-13 (8, 12 or 13 digits with a
// valid check digit), left-padded with zeros to 14; "" for anything else.
std::string gtin_from_plain_code(const std::string& digits);

}  // namespace outpost::gs1
