// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the dataset readers: line and field scanning with messages that say where and
// what. A reader calls fail() and parseDataset() turns the ParseFailure into a ReadError.

#include "io/dataset_reader.h"

#include <complex>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dtop::io::detail {

struct ParseFailure {
    std::size_t line;
    std::string message;
};

[[noreturn]] void fail(std::size_t line, std::string message);

// Lines of a text: a leading UTF-8 byte-order mark is skipped, "\n" and "\r\n" both end a
// line, the last line needs no terminator. Lines are numbered from 1.
class TextLines {
public:
    explicit TextLines(std::string_view text);
    // Advances to the next line that is not blank; false at the end of the text.
    bool nextNonBlank();
    std::string_view line() const { return m_line; }
    std::size_t number() const { return m_number; }

private:
    bool next();

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::string_view m_line;
    std::size_t m_number = 0;
};

std::string_view trim(std::string_view s);
// 'text' for messages, cut to maxChars characters, control characters shown as '?'.
std::string quoted(std::string_view text, std::size_t maxChars = 40);
// "comma", "semicolon", "tab"
const char* delimiterName(char delimiter);
// The first of , ; and tab other than `delimiter` found in `line`, or '\0'.
char otherDelimiter(std::string_view line, char delimiter);

// Splits `line` at `delimiter` into exactly `expected` fields, or fails with "expected 4
// comma-separated numbers, found 3" (`what` = "numbers", "complex numbers", "columns"). A
// field count of 0 means any count up to options.maxColumns. Also refuses other delimiters
// in the line (mixed delimiters).
void splitRow(std::string_view line, std::size_t lineNumber, char delimiter, std::size_t expected,
              const char* what, std::size_t maxColumns, std::vector<std::string_view>& fields);

// A finite real number in 1-based `column`, or fails: "'abc' is not a number in column 2",
// "NaN is not allowed in column 3", "'1e400' is out of the range of a double in column 2", ...
double parseReal(std::string_view field, std::size_t lineNumber, std::size_t column);
// A Python complex literal ("-0.05+0.05j", "(1-2j)", "3j", "4") with finite parts.
std::complex<double> parseComplex(std::string_view field, std::size_t lineNumber,
                                  std::size_t column);
// Splits Python complex text into real and imaginary text; false if it is not of that form.
bool splitComplexText(std::string_view text, std::string_view& re, std::string_view& im);

// Fails unless the axis is >= 0 and strictly increasing; lines[i] is the line of axis[i].
void checkFrequencyAxis(const std::vector<double>& axis, const std::vector<std::size_t>& lines,
                        const std::string& what);
// Fails unless the time axis increases with one uniform step; returns the sampling rate [Hz].
double checkTimeAxis(const std::vector<double>& axis, const std::vector<std::size_t>& lines);

// Fails with "more than N data lines" once `rows` exceeds the limit.
void checkRowLimit(std::size_t rows, std::size_t lineNumber, const ReadOptions& options);

// Linear magnitude of a dB value (20·log10|H|), or fails if it overflows a double.
double magnitudeFromDecibels(double db, std::size_t lineNumber, std::size_t column);

} // namespace dtop::io::detail
