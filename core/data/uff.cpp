// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/uff.h"

#include "io/atomic_file.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>

namespace dtop::data {

namespace {

// ---------------------------------------------------------------- reading helpers

struct ParseFailure {
    std::size_t line;
    std::string message;
};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool isDelimiter(std::string_view line)
{
    return trim(line) == "-1";
}

// Lines of a byte buffer; binary blocks are taken by length.
class Lines {
public:
    explicit Lines(std::string_view text) : m_text(text) {}
    bool atEnd() const { return m_pos >= m_text.size(); }
    std::size_t lineNumber() const { return m_line; }

    std::optional<std::string_view> next()
    {
        if (atEnd())
            return std::nullopt;
        const std::size_t nl = m_text.find('\n', m_pos);
        std::string_view line = m_text.substr(
            m_pos, nl == std::string_view::npos ? std::string_view::npos : nl - m_pos);
        m_pos = nl == std::string_view::npos ? m_text.size() : nl + 1;
        ++m_line;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        return line;
    }

    std::string_view expect(const std::string& what)
    {
        const auto line = next();
        if (!line)
            throw ParseFailure{m_line, "the file ends where " + what + " was expected"};
        return *line;
    }

    std::optional<std::string_view> bytes(std::size_t n)
    {
        if (m_text.size() - m_pos < n)
            return std::nullopt;
        const std::string_view b = m_text.substr(m_pos, n);
        m_pos += n;
        return b;
    }

    // After a binary block: an optional line break before the closing delimiter.
    void skipLineBreak()
    {
        if (m_text.substr(m_pos, 2) == "\r\n")
            m_pos += 2;
        else if (m_text.substr(m_pos, 1) == "\n")
            m_pos += 1;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
    std::size_t m_line = 0;
};

// Fortran reads a blank field as zero.
bool parseInt(std::string_view field, int& v)
{
    field = trim(field);
    if (field.empty()) {
        v = 0;
        return true;
    }
    if (field.front() == '+')
        field.remove_prefix(1);
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
    return ec == std::errc() && end == field.data() + field.size();
}

bool parseReal(std::string_view field, double& v)
{
    field = trim(field);
    if (field.empty()) {
        v = 0.0;
        return true;
    }
    if (field.front() == '+')
        field.remove_prefix(1);
    std::string text(field);
    for (char& c : text)
        if (c == 'D' || c == 'd')
            c = 'E'; // Fortran double-precision exponent (dataset 2411)
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    return ec == std::errc() && end == text.data() + text.size() && std::isfinite(v);
}

// The fields of a fixed-width record; a missing tail gives empty fields.
std::vector<std::string_view> fixedFields(std::string_view line, std::initializer_list<int> widths)
{
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    for (int w : widths) {
        out.push_back(pos < line.size() ? line.substr(pos, static_cast<std::size_t>(w))
                                        : std::string_view{});
        pos += static_cast<std::size_t>(w);
    }
    return out;
}

std::vector<std::string_view> splitBlanks(std::string_view line)
{
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        if (i > start)
            out.push_back(line.substr(start, i - start));
    }
    return out;
}

// Integers of a record in I-fields of `width`; a record that does not parse in its columns is
// read as blank-separated numbers (some writers ignore the widths).
std::vector<int> integers(std::string_view line, int width, std::size_t count, std::size_t lineNo,
                          const std::string& what)
{
    std::vector<int> out;
    bool ok = true;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t pos = i * static_cast<std::size_t>(width);
        int v = 0;
        if (!parseInt(pos < line.size() ? line.substr(pos, static_cast<std::size_t>(width))
                                        : std::string_view{},
                      v)) {
            ok = false;
            break;
        }
        out.push_back(v);
    }
    if (ok)
        return out;
    out.clear();
    const auto tokens = splitBlanks(line);
    for (std::size_t i = 0; i < count; ++i) {
        int v = 0;
        if (i >= tokens.size() || !parseInt(tokens[i], v))
            throw ParseFailure{lineNo, what + ": expected " + std::to_string(count) +
                                           " integers, found '" + std::string(trim(line)) + "'"};
        out.push_back(v);
    }
    return out;
}

// Reals of one line in fields of the given widths (repeated pattern), at most `count`.
std::size_t realsOfLine(std::string_view line, const std::vector<int>& pattern, std::size_t count,
                        std::vector<double>& out, std::size_t lineNo, const std::string& what)
{
    std::size_t pos = 0, taken = 0;
    std::vector<double> values;
    bool fixedOk = true;
    for (std::size_t i = 0; taken < count && pos < line.size(); ++i) {
        const auto w = static_cast<std::size_t>(pattern[i % pattern.size()]);
        const std::string_view f = line.substr(pos, w);
        pos += w;
        if (trim(f).empty())
            break;
        double v = 0.0;
        if (!parseReal(f, v)) {
            fixedOk = false;
            break;
        }
        values.push_back(v);
        ++taken;
    }
    if (!fixedOk) {
        values.clear();
        for (std::string_view t : splitBlanks(line)) {
            if (values.size() == count)
                break;
            double v = 0.0;
            if (!parseReal(t, v))
                throw ParseFailure{lineNo, what + ": '" + std::string(t) + "' is not a number"};
            values.push_back(v);
        }
    }
    if (values.empty() && !trim(line).empty())
        throw ParseFailure{lineNo, what + ": no number in '" + std::string(trim(line)) + "'"};
    out.insert(out.end(), values.begin(), values.end());
    return values.size();
}

// `count` reals over as many lines as needed.
std::vector<double> reals(Lines& lines, const std::vector<int>& pattern, std::size_t count,
                          const std::string& what)
{
    std::vector<double> out;
    // `count` comes from the file: a few bytes may claim millions of points, so memory grows
    // with the numbers actually read, not with the claim.
    out.reserve(std::min<std::size_t>(count, 1 << 16));
    while (out.size() < count) {
        const std::string_view line = lines.expect(what);
        if (isDelimiter(line))
            throw ParseFailure{lines.lineNumber(), what + ": the dataset ends after " +
                                                       std::to_string(out.size()) + " of " +
                                                       std::to_string(count) + " values"};
        if (realsOfLine(line, pattern, count - out.size(), out, lines.lineNumber(), what) == 0)
            throw ParseFailure{lines.lineNumber(), what + ": expected numbers, found a blank line"};
    }
    return out;
}

void expectDelimiter(Lines& lines, const std::string& dataset)
{
    while (true) {
        const std::string_view line = lines.expect("the closing '    -1' of dataset " + dataset);
        if (isDelimiter(line))
            return;
        if (!trim(line).empty())
            throw ParseFailure{lines.lineNumber(), "dataset " + dataset +
                                                       ": expected the closing '    -1', found '" +
                                                       std::string(trim(line)) + "'"};
    }
}

UffAxis parseAxis(std::string_view line, std::size_t lineNo, const std::string& what)
{
    const auto f = fixedFields(line, {10, 5, 5, 5, 1, 20, 1, 20});
    UffAxis a;
    int* ints[4] = {&a.specificDataType, &a.lengthExponent, &a.forceExponent,
                    &a.temperatureExponent};
    for (int i = 0; i < 4; ++i)
        if (!parseInt(f[static_cast<std::size_t>(i)], *ints[i]))
            throw ParseFailure{lineNo, what + ": field " + std::to_string(i + 1) +
                                           " must be an integer, found '" +
                                           std::string(trim(f[static_cast<std::size_t>(i)])) + "'"};
    a.label = std::string(trim(f[5]));
    a.unitsLabel = std::string(trim(f[7]));
    return a;
}

double toDouble(std::string_view bytes, std::size_t offset, bool single, bool bigEndian)
{
    if (single) {
        std::uint32_t u;
        std::memcpy(&u, bytes.data() + offset, 4);
        if (bigEndian != (std::endian::native == std::endian::big))
            u = ((u & 0xFFu) << 24) | ((u & 0xFF00u) << 8) | ((u >> 8) & 0xFF00u) | (u >> 24);
        return static_cast<double>(std::bit_cast<float>(u));
    }
    std::uint64_t u;
    std::memcpy(&u, bytes.data() + offset, 8);
    if (bigEndian != (std::endian::native == std::endian::big)) {
        std::uint64_t r = 0;
        for (int i = 0; i < 8; ++i)
            r |= ((u >> (8 * i)) & 0xFFu) << (8 * (7 - i));
        u = r;
    }
    return std::bit_cast<double>(u);
}

// Values per point and the ASCII field pattern of record 12 (the standard's eight cases).
std::size_t valuesPerPoint(const Uff58& d)
{
    return (d.isComplex() ? 2 : 1) + (d.evenSpacing ? 0 : 1);
}

std::vector<int> dataPattern(const Uff58& d)
{
    if (!d.isDouble())
        return {13, 13, 13, 13, 13, 13};
    if (d.evenSpacing)
        return {20, 20, 20, 20};
    return d.isComplex() ? std::vector<int>{13, 20, 20} : std::vector<int>{13, 20, 13, 20};
}

void assign58Values(Uff58& d, const std::vector<double>& raw, std::size_t points)
{
    const std::size_t per = valuesPerPoint(d);
    d.x.resize(points);
    d.values.resize(points);
    for (std::size_t i = 0; i < points; ++i) {
        const double* p = raw.data() + i * per;
        if (d.evenSpacing) {
            d.x[i] = d.abscissaMin + static_cast<double>(i) * d.abscissaIncrement;
        } else {
            d.x[i] = *p++;
        }
        d.values[i] =
            d.isComplex() ? std::complex<double>(p[0], p[1]) : std::complex<double>(p[0], 0.0);
    }
}

Uff58 parse58(Lines& lines, std::string_view numberLine, bool binary, const UffReadOptions& options)
{
    Uff58 d;
    d.binary = binary;
    std::size_t nBytes = 0;
    if (binary) {
        const auto f = fixedFields(numberLine, {6, 1, 6, 6, 12, 12, 6, 6, 12, 12});
        int order = 0, fp = 0, asciiLines = 0;
        long long bytes = 0;
        std::string_view nb = trim(f[5]);
        const auto [end, ec] = std::from_chars(nb.data(), nb.data() + nb.size(), bytes);
        if (!parseInt(f[2], order) || !parseInt(f[3], fp) || !parseInt(f[4], asciiLines) ||
            ec != std::errc() || end != nb.data() + nb.size() || bytes < 0)
            throw ParseFailure{lines.lineNumber(),
                               "dataset 58b: the header line must give the byte ordering, the "
                               "floating-point format, the ASCII line count and the byte count, "
                               "found '" +
                                   std::string(trim(numberLine)) + "'"};
        if (order != 1 && order != 2)
            throw ParseFailure{lines.lineNumber(), "dataset 58b: byte ordering must be 1 "
                                                   "(little-endian) or 2 (big-endian), got " +
                                                       std::to_string(order)};
        if (fp != 2 && fp != 0)
            throw ParseFailure{lines.lineNumber(), "dataset 58b: floating-point format " +
                                                       std::to_string(fp) +
                                                       " is not supported (only 2, IEEE 754)"};
        if (asciiLines != 11)
            throw ParseFailure{lines.lineNumber(), "dataset 58b: expected 11 ASCII header lines, "
                                                   "the header announces " +
                                                       std::to_string(asciiLines)};
        d.byteOrdering = order;
        nBytes = static_cast<std::size_t>(bytes);
    }
    for (auto& id : d.idLines)
        id = std::string(lines.expect("an ID line of dataset 58"));
    {
        const std::string_view line = lines.expect("record 6 of dataset 58");
        const auto f = fixedFields(line, {5, 10, 5, 10, 1, 10, 10, 4, 1, 10, 10, 4});
        int* ints[] = {&d.functionType, &d.functionId, &d.versionNumber, &d.loadCaseId};
        bool ok = true;
        for (int i = 0; i < 4; ++i)
            ok = ok && parseInt(f[static_cast<std::size_t>(i)], *ints[i]);
        ok = ok && parseInt(f[6], d.responseNode) && parseInt(f[7], d.responseDirection) &&
             parseInt(f[10], d.referenceNode) && parseInt(f[11], d.referenceDirection);
        if (ok) {
            d.responseEntity = std::string(trim(f[5]));
            d.referenceEntity = std::string(trim(f[9]));
        } else {
            // Some writers ignore the columns: ten blank-separated fields then.
            const auto t = splitBlanks(line);
            ok = t.size() == 10;
            for (int i = 0; ok && i < 4; ++i)
                ok = parseInt(t[static_cast<std::size_t>(i)], *ints[i]);
            ok = ok && parseInt(t[5], d.responseNode) && parseInt(t[6], d.responseDirection) &&
                 parseInt(t[8], d.referenceNode) && parseInt(t[9], d.referenceDirection);
            if (ok) {
                d.responseEntity = std::string(t[4]);
                d.referenceEntity = std::string(t[7]);
            }
        }
        if (!ok)
            throw ParseFailure{lines.lineNumber(),
                               "record 6 of dataset 58 (Format(2(I5,I10),2(1X,10A1,I10,I4))): "
                               "found '" +
                                   std::string(trim(line)) + "'"};
    }
    int spacing = 0, points = 0;
    {
        const std::string_view line = lines.expect("record 7 of dataset 58");
        auto f = fixedFields(line, {10, 10, 10, 13, 13, 13});
        auto parse = [&] {
            return parseInt(f[0], d.ordinateDataType) && parseInt(f[1], points) &&
                   parseInt(f[2], spacing) && parseReal(f[3], d.abscissaMin) &&
                   parseReal(f[4], d.abscissaIncrement) && parseReal(f[5], d.zAxisValue);
        };
        bool ok = parse();
        if (!ok && splitBlanks(line).size() == 6) { // columns ignored by the writer
            f = splitBlanks(line);
            ok = parse();
        }
        if (!ok)
            throw ParseFailure{lines.lineNumber(), "record 7 of dataset 58 (Format(3I10,3E13.5)): "
                                                   "found '" +
                                                       std::string(trim(line)) + "'"};
        if (d.ordinateDataType != 2 && d.ordinateDataType != 4 && d.ordinateDataType != 5 &&
            d.ordinateDataType != 6)
            throw ParseFailure{lines.lineNumber(),
                               "record 7 of dataset 58: ordinate data type must be 2, 4, 5 or 6, "
                               "got " +
                                   std::to_string(d.ordinateDataType)};
        if (spacing != 0 && spacing != 1)
            throw ParseFailure{lines.lineNumber(), "record 7 of dataset 58: abscissa spacing must "
                                                   "be 0 (uneven) or 1 (even), got " +
                                                       std::to_string(spacing)};
        if (points < 0 || static_cast<std::size_t>(points) > options.maxPoints)
            throw ParseFailure{lines.lineNumber(),
                               "record 7 of dataset 58: " + std::to_string(points) +
                                   " points (at most " + std::to_string(options.maxPoints) + ")"};
        d.evenSpacing = spacing == 1;
    }
    d.abscissa = parseAxis(lines.expect("record 8 of dataset 58"), lines.lineNumber(),
                           "record 8 of dataset 58");
    d.ordinate = parseAxis(lines.expect("record 9 of dataset 58"), lines.lineNumber(),
                           "record 9 of dataset 58");
    d.denominator = parseAxis(lines.expect("record 10 of dataset 58"), lines.lineNumber(),
                              "record 10 of dataset 58");
    d.zAxis = parseAxis(lines.expect("record 11 of dataset 58"), lines.lineNumber(),
                        "record 11 of dataset 58");
    const std::size_t count = static_cast<std::size_t>(points) * valuesPerPoint(d);
    std::vector<double> raw;
    if (binary) {
        const std::size_t size = d.isDouble() ? 8 : 4;
        if (nBytes != count * size)
            throw ParseFailure{lines.lineNumber(), "dataset 58b: the header announces " +
                                                       std::to_string(nBytes) + " bytes, but " +
                                                       std::to_string(points) +
                                                       " points of this "
                                                       "type take " +
                                                       std::to_string(count * size)};
        const auto block = lines.bytes(nBytes);
        if (!block)
            throw ParseFailure{lines.lineNumber(), "dataset 58b: the file ends inside the " +
                                                       std::to_string(nBytes) +
                                                       "-byte binary block"};
        raw.resize(count);
        for (std::size_t i = 0; i < count; ++i) {
            raw[i] = toDouble(*block, i * size, size == 4, d.byteOrdering == 2);
            if (!std::isfinite(raw[i]))
                throw ParseFailure{lines.lineNumber(), "dataset 58b: value " +
                                                           std::to_string(i + 1) +
                                                           " of the binary block is not finite"};
        }
        lines.skipLineBreak();
    } else {
        raw = reals(lines, dataPattern(d), count, "dataset 58 data (record 12)");
    }
    assign58Values(d, raw, static_cast<std::size_t>(points));
    expectDelimiter(lines, binary ? "58b" : "58");
    return d;
}

Uff55 parse55(Lines& lines, const UffReadOptions& options)
{
    Uff55 d;
    for (auto& id : d.idLines)
        id = std::string(lines.expect("an ID line of dataset 55"));
    const auto r6 = integers(lines.expect("record 6 of dataset 55"), 10, 6, lines.lineNumber(),
                             "record 6 of dataset 55 (6I10)");
    d.modelType = r6[0];
    d.analysisType = r6[1];
    d.dataCharacteristic = r6[2];
    d.specificDataType = r6[3];
    d.dataType = r6[4];
    d.valuesPerNode = r6[5];
    if (d.dataType != 2 && d.dataType != 5)
        throw ParseFailure{lines.lineNumber(), "record 6 of dataset 55: data type must be 2 (real) "
                                               "or 5 (complex), got " +
                                                   std::to_string(d.dataType)};
    if (d.valuesPerNode < 1 || d.valuesPerNode > 1000)
        throw ParseFailure{lines.lineNumber(), "record 6 of dataset 55: values per node must be "
                                               "between 1 and 1000, got " +
                                                   std::to_string(d.valuesPerNode)};
    // Record 7: two counts, then that many integers, 8 per line.
    std::vector<int> r7;
    std::size_t needed = 2;
    while (r7.size() < needed) {
        const std::string_view line = lines.expect("record 7 of dataset 55");
        const std::size_t onLine = std::min<std::size_t>(8, splitBlanks(line).size());
        if (onLine == 0)
            throw ParseFailure{lines.lineNumber(), "record 7 of dataset 55: expected integers, "
                                                   "found a blank line"};
        const std::size_t want = r7.empty() ? 8 : needed - r7.size();
        const auto v = integers(line, 10, std::min(onLine, want), lines.lineNumber(),
                                "record 7 of dataset 55 (8I10)");
        r7.insert(r7.end(), v.begin(), v.end());
        if (r7.size() >= 2) {
            if (r7[0] < 0 || r7[0] > 1000 || r7[1] < 0 || r7[1] > 1000)
                throw ParseFailure{lines.lineNumber(), "record 7 of dataset 55: parameter counts "
                                                       "must be between 0 and 1000"};
            needed = 2 + static_cast<std::size_t>(r7[0]);
        }
    }
    if (r7.size() != needed)
        throw ParseFailure{lines.lineNumber(),
                           "record 7 of dataset 55: announces " + std::to_string(needed - 2) +
                               " integer parameters, found " + std::to_string(r7.size() - 2)};
    d.integerParameters.assign(r7.begin() + 2, r7.end());
    d.realParameters = reals(lines, {13, 13, 13, 13, 13, 13}, static_cast<std::size_t>(r7[1]),
                             "record 8 of dataset 55 (6E13.5)");
    const std::size_t perNode = static_cast<std::size_t>(d.valuesPerNode) * (d.isComplex() ? 2 : 1);
    while (true) {
        const std::string_view line = lines.expect("a node of dataset 55 or its closing '    -1'");
        if (isDelimiter(line))
            break;
        if (trim(line).empty())
            continue;
        if (d.nodes.size() >= options.maxPoints)
            throw ParseFailure{lines.lineNumber(), "dataset 55: more than " +
                                                       std::to_string(options.maxPoints) +
                                                       " nodes"};
        Uff55::Node node;
        // Record 9 is the node label alone. A label below 1 is refused: "        -1" would be
        // the dataset's closing delimiter, so such a node could never be written back.
        const auto label = splitBlanks(line);
        if (label.size() != 1 || !parseInt(label[0], node.label) || node.label < 1)
            throw ParseFailure{lines.lineNumber(), "record 9 of dataset 55 (I10): expected a "
                                                   "node label (a positive integer), found '" +
                                                       std::string(trim(line)) + "'"};
        const auto v =
            reals(lines, {13, 13, 13, 13, 13, 13}, perNode, "record 10 of dataset 55 (6E13.5)");
        for (int k = 0; k < d.valuesPerNode; ++k)
            node.values.push_back(d.isComplex() ? std::complex<double>(v[2 * k], v[2 * k + 1])
                                                : std::complex<double>(v[k], 0.0));
        d.nodes.push_back(std::move(node));
    }
    return d;
}

UffNode nodeFrom(const std::vector<int>& ints, const std::vector<double>& xyz)
{
    UffNode n;
    n.label = ints[0];
    n.definitionSystem = ints[1];
    n.displacementSystem = ints[2];
    n.color = ints[3];
    n.x = xyz[0];
    n.y = xyz[1];
    n.z = xyz[2];
    return n;
}

std::vector<UffNode> parseNodes(Lines& lines, bool doublePrecision, const UffReadOptions& options)
{
    const std::string what = doublePrecision ? "dataset 2411" : "dataset 15";
    std::vector<UffNode> nodes;
    while (true) {
        const std::string_view line = lines.expect("a node of " + what);
        if (isDelimiter(line))
            return nodes;
        if (trim(line).empty())
            continue;
        if (nodes.size() >= options.maxPoints)
            throw ParseFailure{lines.lineNumber(), what + ": more than " +
                                                       std::to_string(options.maxPoints) +
                                                       " nodes"};
        if (doublePrecision) {
            const auto ints =
                integers(line, 10, 4, lines.lineNumber(), "record 1 of " + what + " (4I10)");
            std::vector<double> xyz;
            realsOfLine(lines.expect("record 2 of " + what), {25, 25, 25}, 3, xyz,
                        lines.lineNumber(), "record 2 of " + what + " (1P3D25.16)");
            if (xyz.size() != 3)
                throw ParseFailure{lines.lineNumber(),
                                   "record 2 of " + what + ": expected 3 coordinates"};
            nodes.push_back(nodeFrom(ints, xyz));
        } else {
            const auto ints = integers(line.substr(0, std::min<std::size_t>(40, line.size())), 10,
                                       4, lines.lineNumber(), what + " (4I10,1P3E13.5)");
            std::vector<double> xyz;
            if (line.size() > 40)
                realsOfLine(line.substr(40), {13, 13, 13}, 3, xyz, lines.lineNumber(),
                            what + " (4I10,1P3E13.5)");
            if (xyz.size() != 3)
                throw ParseFailure{lines.lineNumber(), what + ": expected 4 integers and 3 "
                                                              "coordinates per node"};
            nodes.push_back(nodeFrom(ints, xyz));
        }
    }
}

// ---------------------------------------------------------------- writing helpers

std::string fmt(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char* format, ...)
{
    char buffer[256];
    va_list args;
    va_start(args, format);
    const int n = std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    return std::string(buffer, static_cast<std::size_t>(std::max(n, 0)));
}

std::string field(const std::string& s, std::size_t width)
{
    std::string t = s.substr(0, width);
    t.resize(width, ' ');
    return t;
}

std::string real(double v, int width, int precision, const std::string& where)
{
    if (!std::isfinite(v))
        throw std::invalid_argument("UFF: " + where + " holds a value that is not finite");
    return fmt("%*.*E", width, precision, v);
}

// 1P D25.16 with the shortest digits that read back to v, padded with zeros (so exact
// decimals such as 0.1533 print as 1.5330000000000000D-01, as a decimal-exact writer would).
std::string doubleField(double v, const std::string& where)
{
    if (!std::isfinite(v))
        throw std::invalid_argument("UFF: " + where + " holds a value that is not finite");
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::scientific);
    std::string s(buffer, r.ptr);
    const std::size_t e = s.find('e');
    std::string mantissa = s.substr(0, e);
    const int exponent = std::stoi(s.substr(e + 1));
    if (mantissa.find('.') == std::string::npos)
        mantissa += '.';
    const std::size_t decimals = mantissa.size() - mantissa.find('.') - 1;
    mantissa.append(16 - std::min<std::size_t>(16, decimals), '0');
    std::string text = mantissa + fmt("D%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    if (text.size() < 25)
        text.insert(0, 25 - text.size(), ' ');
    return text;
}

std::string axisLine(const UffAxis& a)
{
    return fmt("%10d%5d%5d%5d ", a.specificDataType, a.lengthExponent, a.forceExponent,
               a.temperatureExponent) +
           field(a.label, 20) + " " + field(a.unitsLabel, 20) + "\n";
}

void appendBinary(std::string& out, double v, bool single)
{
    if (single) {
        const auto u = std::bit_cast<std::uint32_t>(static_cast<float>(v));
        for (int i = 0; i < 4; ++i)
            out.push_back(static_cast<char>((u >> (8 * i)) & 0xFFu));
    } else {
        const auto u = std::bit_cast<std::uint64_t>(v);
        for (int i = 0; i < 8; ++i)
            out.push_back(static_cast<char>((u >> (8 * i)) & 0xFFu));
    }
}

void write58(std::string& out, const Uff58& d)
{
    if (d.ordinateDataType != 2 && d.ordinateDataType != 4 && d.ordinateDataType != 5 &&
        d.ordinateDataType != 6)
        throw std::invalid_argument("UFF 58: ordinate data type must be 2, 4, 5 or 6, got " +
                                    std::to_string(d.ordinateDataType));
    if (d.x.size() != d.values.size())
        throw std::invalid_argument("UFF 58: " + std::to_string(d.x.size()) + " abscissae but " +
                                    std::to_string(d.values.size()) + " values");
    const std::size_t points = d.values.size();
    std::vector<double> raw;
    raw.reserve(points * valuesPerPoint(d));
    for (std::size_t i = 0; i < points; ++i) {
        if (!d.evenSpacing)
            raw.push_back(d.x[i]);
        raw.push_back(d.values[i].real());
        if (d.isComplex())
            raw.push_back(d.values[i].imag());
    }
    const std::size_t size = d.isDouble() ? 8 : 4;
    out += "    -1\n";
    if (d.binary)
        out += fmt("%6d%c%6d%6d%12d%12zu%6d%6d%12d%12d\n", 58, 'b', 1, 2, 11, raw.size() * size, 0,
                   0, 0, 0);
    else
        out += "    58\n";
    for (const auto& id : d.idLines)
        out += id.substr(0, 80) + "\n";
    out += fmt("%5d%10d%5d%10d ", d.functionType, d.functionId, d.versionNumber, d.loadCaseId) +
           field(d.responseEntity, 10) + fmt("%10d%4d ", d.responseNode, d.responseDirection) +
           field(d.referenceEntity, 10) + fmt("%10d%4d\n", d.referenceNode, d.referenceDirection);
    out += fmt("%10d%10zu%10d", d.ordinateDataType, points, d.evenSpacing ? 1 : 0) +
           real(d.evenSpacing ? d.abscissaMin : 0.0, 13, 5, "record 7") +
           real(d.evenSpacing ? d.abscissaIncrement : 0.0, 13, 5, "record 7") +
           real(d.zAxisValue, 13, 5, "record 7") + "\n";
    out +=
        axisLine(d.abscissa) + axisLine(d.ordinate) + axisLine(d.denominator) + axisLine(d.zAxis);
    if (d.binary) {
        for (double v : raw) {
            if (!std::isfinite(v))
                throw std::invalid_argument("UFF 58b: a value is not finite");
            appendBinary(out, v, size == 4);
        }
    } else {
        const std::vector<int> pattern = dataPattern(d);
        std::size_t column = 0;
        for (double v : raw) {
            const int w = pattern[column];
            out += real(v, w, w == 13 ? 5 : 12, "record 12");
            if (++column == pattern.size()) {
                out += "\n";
                column = 0;
            }
        }
        if (column != 0)
            out += "\n";
    }
    out += "    -1\n";
}

void writeReals(std::string& out, const std::vector<double>& v, const std::string& where)
{
    for (std::size_t i = 0; i < v.size(); ++i) {
        out += real(v[i], 13, 5, where);
        if (i % 6 == 5 || i + 1 == v.size())
            out += "\n";
    }
}

void write55(std::string& out, const Uff55& d)
{
    out += "    -1\n    55\n";
    for (const auto& id : d.idLines)
        out += id.substr(0, 80) + "\n";
    out += fmt("%10d%10d%10d%10d%10d%10d\n", d.modelType, d.analysisType, d.dataCharacteristic,
               d.specificDataType, d.dataType, d.valuesPerNode);
    std::vector<int> r7 = {static_cast<int>(d.integerParameters.size()),
                           static_cast<int>(d.realParameters.size())};
    r7.insert(r7.end(), d.integerParameters.begin(), d.integerParameters.end());
    for (std::size_t i = 0; i < r7.size(); ++i) {
        out += fmt("%10d", r7[i]);
        if (i % 8 == 7 || i + 1 == r7.size())
            out += "\n";
    }
    writeReals(out, d.realParameters, "dataset 55 record 8");
    for (const auto& node : d.nodes) {
        if (node.values.size() != static_cast<std::size_t>(d.valuesPerNode))
            throw std::invalid_argument("UFF 55: node " + std::to_string(node.label) + " has " +
                                        std::to_string(node.values.size()) + " values, not " +
                                        std::to_string(d.valuesPerNode));
        if (node.label < 1) // "        -1" would read back as the closing delimiter
            throw std::invalid_argument("UFF 55: node label " + std::to_string(node.label) +
                                        " is not a positive integer");
        out += fmt("%10d\n", node.label);
        std::vector<double> v;
        for (const auto& c : node.values) {
            v.push_back(c.real());
            if (d.isComplex())
                v.push_back(c.imag());
        }
        writeReals(out, v, "dataset 55 record 10");
    }
    out += "    -1\n";
}

void writeNodes(std::string& out, const std::vector<UffNode>& nodes, bool doublePrecision)
{
    out += doublePrecision ? "    -1\n  2411\n" : "    -1\n    15\n";
    for (const UffNode& n : nodes) {
        const std::string ints =
            fmt("%10d%10d%10d%10d", n.label, n.definitionSystem, n.displacementSystem, n.color);
        if (doublePrecision) {
            out += ints + "\n" + doubleField(n.x, "dataset 2411") +
                   doubleField(n.y, "dataset 2411") + doubleField(n.z, "dataset 2411") + "\n";
        } else {
            out += ints + real(n.x, 13, 5, "dataset 15") + real(n.y, 13, 5, "dataset 15") +
                   real(n.z, 13, 5, "dataset 15") + "\n";
        }
    }
    out += "    -1\n";
}

} // namespace

bool looksLikeUff(std::string_view head)
{
    Lines lines(head);
    std::optional<std::string_view> line;
    while ((line = lines.next()) && trim(*line).empty()) {
    }
    if (!line || !isDelimiter(*line))
        return false;
    const auto number = lines.next();
    if (!number)
        return false;
    const std::string_view t = trim(*number);
    std::size_t digits = 0;
    while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9')
        ++digits;
    return digits > 0 && digits <= 6 &&
           (digits == t.size() || t[digits] == 'b' || t[digits] == 'B' || t[digits] == ' ');
}

io::ReadResult<UffFile> parseUff(std::string_view bytes, const std::string& name,
                                 const UffReadOptions& options)
{
    Lines lines(bytes);
    UffFile file;
    try {
        if (bytes.size() > options.maxFileBytes)
            throw ParseFailure{0, "the file has " + std::to_string(bytes.size()) +
                                      " bytes, more than the limit of " +
                                      std::to_string(options.maxFileBytes)};
        if (!looksLikeUff(bytes.substr(0, std::min<std::size_t>(bytes.size(), 4096))))
            throw ParseFailure{1, "not a Universal File: expected the delimiter '    -1' and a "
                                  "dataset number"};
        while (true) {
            std::optional<std::string_view> line;
            while ((line = lines.next()) && trim(*line).empty()) {
            }
            if (!line)
                break;
            if (!isDelimiter(*line))
                throw ParseFailure{lines.lineNumber(), "expected the delimiter '    -1' before a "
                                                       "dataset, found '" +
                                                           std::string(trim(*line)) + "'"};
            const std::string_view numberLine = lines.expect("a dataset number");
            const std::string_view head =
                trim(numberLine.substr(0, std::min<std::size_t>(6, numberLine.size())));
            int number = 0;
            const auto [end, ec] = std::from_chars(head.data(), head.data() + head.size(), number);
            if (head.empty() || ec != std::errc() || end != head.data() + head.size())
                throw ParseFailure{lines.lineNumber(), "expected a dataset number (I6), found '" +
                                                           std::string(trim(numberLine)) + "'"};
            const bool binary =
                numberLine.size() > 6 && (numberLine[6] == 'b' || numberLine[6] == 'B');
            switch (number) {
            case 58:
                file.datasets.emplace_back(parse58(lines, numberLine, binary, options));
                break;
            case 55:
            case 15:
            case 2411:
                if (binary)
                    throw ParseFailure{lines.lineNumber(), "dataset " + std::to_string(number) +
                                                               " in binary form is not supported"};
                if (number == 55)
                    file.datasets.emplace_back(parse55(lines, options));
                else if (number == 15)
                    file.datasets.emplace_back(Uff15{parseNodes(lines, false, options)});
                else
                    file.datasets.emplace_back(Uff2411{parseNodes(lines, true, options)});
                break;
            default: {
                if (binary)
                    throw ParseFailure{lines.lineNumber(), "binary dataset " +
                                                               std::to_string(number) +
                                                               " is not supported"};
                UffOther other;
                other.number = number;
                other.lines.emplace_back(numberLine);
                while (true) {
                    const std::string_view l =
                        lines.expect("the closing '    -1' of dataset " + std::to_string(number));
                    if (isDelimiter(l))
                        break;
                    other.lines.emplace_back(l);
                }
                file.datasets.emplace_back(std::move(other));
            }
            }
        }
    } catch (const ParseFailure& f) {
        return io::ReadError{name, f.line, f.message};
    }
    if (file.datasets.empty())
        return io::ReadError{name, 0, "the file holds no dataset"};
    return file;
}

io::ReadResult<UffFile> readUff(const std::string& path, const UffReadOptions& options)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > options.maxFileBytes)
        return io::ReadError{path, 0,
                             "the file has " + std::to_string(size) +
                                 " bytes, more than the limit of " +
                                 std::to_string(options.maxFileBytes)};
    std::string content, error;
    if (!io::readFile(path, content, error))
        return io::ReadError{path, 0, error};
    return parseUff(content, path, options);
}

std::string formatUff(const UffFile& file)
{
    std::string out;
    for (const UffDataset& d : file.datasets) {
        if (const auto* f = std::get_if<Uff58>(&d)) {
            write58(out, *f);
        } else if (const auto* m = std::get_if<Uff55>(&d)) {
            write55(out, *m);
        } else if (const auto* n15 = std::get_if<Uff15>(&d)) {
            writeNodes(out, n15->nodes, false);
        } else if (const auto* n2411 = std::get_if<Uff2411>(&d)) {
            writeNodes(out, n2411->nodes, true);
        } else {
            const auto& o = std::get<UffOther>(d);
            out += "    -1\n";
            for (const auto& l : o.lines)
                out += l + "\n";
            out += "    -1\n";
        }
    }
    return out;
}

bool writeUff(const UffFile& file, const std::string& path, std::string& error)
{
    std::string bytes;
    try {
        bytes = formatUff(file);
    } catch (const std::invalid_argument& e) {
        error = path + ": " + e.what();
        return false;
    }
    return io::writeFileAtomically(path, bytes, error);
}

} // namespace dtop::data
