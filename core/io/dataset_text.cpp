// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/dataset_text.h"

#include "io/number_format.h"

#include <charconv>
#include <cmath>

namespace dtop::io::detail {

void fail(std::size_t line, std::string message)
{
    throw ParseFailure{line, std::move(message)};
}

TextLines::TextLines(std::string_view text) : m_text(text)
{
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
        m_pos = 3;
}

bool TextLines::next()
{
    if (m_pos >= m_text.size())
        return false;
    std::size_t end = m_text.find('\n', m_pos);
    if (end == std::string_view::npos)
        end = m_text.size();
    m_line = m_text.substr(m_pos, end - m_pos);
    if (!m_line.empty() && m_line.back() == '\r')
        m_line.remove_suffix(1);
    m_pos = end + 1;
    ++m_number;
    return true;
}

bool TextLines::nextNonBlank()
{
    while (next())
        if (!trim(m_line).empty())
            return true;
    return false;
}

std::string_view trim(std::string_view s)
{
    const std::size_t begin = s.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos)
        return {};
    return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

std::string quoted(std::string_view text, std::size_t maxChars)
{
    const std::size_t kMax = maxChars;
    std::string shown(text.substr(0, kMax));
    for (char& c : shown) // binary junk must not reach a terminal (non-ASCII included)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            c = '?';
    return "'" + shown + (text.size() > kMax ? "...'" : "'");
}

const char* delimiterName(char delimiter)
{
    switch (delimiter) {
    case ';':
        return "semicolon";
    case '\t':
        return "tab";
    default:
        return "comma";
    }
}

char otherDelimiter(std::string_view line, char delimiter)
{
    for (char c : {',', ';', '\t'})
        if (c != delimiter && line.find(c) != std::string_view::npos)
            return c;
    return '\0';
}

namespace {
std::string delimiterText(char c)
{
    return c == '\t' ? std::string("a tab") : "'" + std::string(1, c) + "'";
}
} // namespace

void splitRow(std::string_view line, std::size_t lineNumber, char delimiter, std::size_t expected,
              const char* what, std::size_t maxColumns, std::vector<std::string_view>& fields)
{
    fields.clear();
    std::size_t start = 0;
    while (true) {
        const std::size_t end = line.find(delimiter, start);
        fields.push_back(line.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
        if (fields.size() >= maxColumns) // stop early on a line of a million commas
            fail(lineNumber, "more than " + std::to_string(maxColumns) + " columns");
    }
    const char other = otherDelimiter(line, delimiter);
    if (expected != 0 && fields.size() != expected) {
        std::string message = "expected " + std::to_string(expected) + " " +
                              delimiterName(delimiter) + "-separated " + what + ", found " +
                              std::to_string(fields.size());
        if (other)
            message += " (the line also contains " + delimiterText(other) + ")";
        fail(lineNumber, message);
    }
    if (other)
        fail(lineNumber, "mixed delimiters: found " + delimiterText(other) + " in a " +
                             delimiterName(delimiter) + "-separated line");
}

namespace {
std::string columnText(std::size_t column)
{
    return " in column " + std::to_string(column);
}
} // namespace

double parseReal(std::string_view field, std::size_t lineNumber, std::size_t column)
{
    const std::string_view text = trim(field);
    if (text.empty())
        fail(lineNumber, "empty field" + columnText(column) + ", expected a number");
    double value = 0.0;
    if (!parseNumber(text, value)) {
        if (isOutOfRangeNumber(text))
            fail(lineNumber, quoted(text) + " is out of the range of a double" + columnText(column));
        fail(lineNumber, quoted(text) + " is not a number" + columnText(column));
    }
    if (std::isnan(value))
        fail(lineNumber, "NaN is not allowed" + columnText(column));
    if (std::isinf(value))
        fail(lineNumber, "infinity is not allowed" + columnText(column));
    return value;
}

bool splitComplexText(std::string_view text, std::string_view& re, std::string_view& im)
{
    if (text.size() >= 2 && text.front() == '(' && text.back() == ')')
        text = trim(text.substr(1, text.size() - 2));
    if (text.empty())
        return false;
    if (text.back() != 'j' && text.back() != 'J') {
        re = text;
        im = {};
        return true;
    }
    text.remove_suffix(1);
    // The imaginary part starts at the last sign that is not the first character and does
    // not follow an exponent 'e'.
    std::size_t split = std::string_view::npos;
    for (std::size_t i = text.size(); i-- > 1;)
        if ((text[i] == '+' || text[i] == '-') && text[i - 1] != 'e' && text[i - 1] != 'E') {
            split = i;
            break;
        }
    if (text.empty())
        return false;
    re = split == std::string_view::npos ? std::string_view() : text.substr(0, split);
    im = split == std::string_view::npos ? text : text.substr(split);
    return true;
}

std::complex<double> parseComplex(std::string_view field, std::size_t lineNumber,
                                  std::size_t column)
{
    const std::string_view text = trim(field);
    if (text.empty())
        fail(lineNumber, "empty field" + columnText(column) + ", expected a complex number");
    std::string_view reText, imText;
    const auto notComplex = [&] {
        fail(lineNumber, quoted(text) + " is not a complex number" + columnText(column) +
                             " (expected Python notation such as -0.05+0.04j)");
    };
    if (!splitComplexText(text, reText, imText))
        notComplex();
    const auto part = [&](std::string_view p) {
        if (p.empty())
            return 0.0;
        double v = 0.0;
        if (!parseNumber(p, v)) {
            if (isOutOfRangeNumber(p))
                fail(lineNumber,
                     quoted(text) + " is out of the range of a double" + columnText(column));
            notComplex();
        }
        if (std::isnan(v))
            fail(lineNumber, "NaN is not allowed" + columnText(column));
        if (std::isinf(v))
            fail(lineNumber, "infinity is not allowed" + columnText(column));
        return v;
    };
    return {part(reText), part(imText)};
}

void checkFrequencyAxis(const std::vector<double>& axis, const std::vector<std::size_t>& lines,
                        const std::string& what)
{
    for (std::size_t i = 0; i < axis.size(); ++i) {
        if (axis[i] < 0.0)
            fail(lines[i], what + " " + formatNumber(axis[i]) + " Hz is negative");
        if (i > 0 && !(axis[i] > axis[i - 1]))
            fail(lines[i], what + " " + formatNumber(axis[i]) + " Hz is not above the previous " +
                               "line's " + formatNumber(axis[i - 1]) +
                               " Hz; the axis must increase strictly");
    }
}

double checkTimeAxis(const std::vector<double>& axis, const std::vector<std::size_t>& lines)
{
    for (std::size_t i = 1; i < axis.size(); ++i)
        if (!(axis[i] > axis[i - 1]))
            fail(lines[i], "time " + formatNumber(axis[i]) + " s is not after the previous " +
                               "line's " + formatNumber(axis[i - 1]) +
                               " s; the time axis must increase strictly");
    if (axis.size() < 2)
        fail(lines.empty() ? 1 : lines.front(),
             "only one sample, expected at least two to know the sampling rate");
    // Printed times carry rounding (5 significant digits in the Cristallo files); a jitter
    // of 1 % of the step is rounding, more is a gap or a change of rate.
    const double first = axis[1] - axis[0];
    for (std::size_t i = 2; i < axis.size(); ++i) {
        const double d = axis[i] - axis[i - 1];
        if (std::abs(d - first) > 0.01 * first)
            fail(lines[i], "time step " + formatNumber(d) + " s from the previous line differs " +
                               "from the first step " + formatNumber(first) +
                               " s; the time axis must be uniformly sampled");
    }
    // Steps too small for a sampling rate (denormal) or a span beyond a double are no record
    // any analysis can use: both must be finite numbers.
    const double span = axis.back() - axis.front();
    const double rate = static_cast<double>(axis.size() - 1) / span;
    if (!std::isfinite(span) || !std::isfinite(rate) || !std::isfinite(1.0 / first))
        fail(lines.back(), "time axis from " + formatNumber(axis.front()) + " s to " +
                               formatNumber(axis.back()) + " s in steps of " +
                               formatNumber(first) +
                               " s has no finite sampling rate or duration");
    return rate;
}

void checkRowLimit(std::size_t rows, std::size_t lineNumber, const ReadOptions& options)
{
    if (rows > options.maxRows)
        fail(lineNumber, "more than " + std::to_string(options.maxRows) + " data lines");
}

double magnitudeFromDecibels(double db, std::size_t lineNumber, std::size_t column)
{
    const double magnitude = std::pow(10.0, db / 20.0);
    if (!std::isfinite(magnitude))
        fail(lineNumber, formatNumber(db) + " dB" + columnText(column) +
                             " is beyond the range of a double as a magnitude");
    return magnitude;
}

} // namespace dtop::io::detail
