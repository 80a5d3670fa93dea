// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/dataset_reader.h"

#include "io/dataset_format_readers.h"
#include "io/number_format.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>

namespace dtop::io {

const char* datasetFormatName(DatasetFormat format)
{
    switch (format) {
    case DatasetFormat::DtopCsv:
        return "dtop-csv";
    case DatasetFormat::CristalloComplex:
        return "cristallo-complex";
    case DatasetFormat::CristalloDb:
        return "cristallo-db";
    case DatasetFormat::CristalloTimeHistory:
        return "cristallo-time-history";
    case DatasetFormat::Auto:
        break;
    }
    return "auto";
}

bool parseDatasetFormat(const std::string& text, DatasetFormat& format)
{
    for (DatasetFormat f : {DatasetFormat::Auto, DatasetFormat::DtopCsv,
                            DatasetFormat::CristalloComplex, DatasetFormat::CristalloDb,
                            DatasetFormat::CristalloTimeHistory})
        if (text == datasetFormatName(f)) {
            format = f;
            return true;
        }
    return false;
}

namespace {

using namespace detail;

bool allFields(std::string_view line, char delimiter, bool (*test)(std::string_view))
{
    std::size_t start = 0;
    while (true) {
        const std::size_t end = line.find(delimiter, start);
        if (!test(trim(line.substr(start, end == std::string_view::npos ? end : end - start))))
            return false;
        if (end == std::string_view::npos)
            return true;
        start = end + 1;
    }
}

bool isRealText(std::string_view s)
{
    double v = 0.0;
    return parseNumber(s, v) || isOutOfRangeNumber(s);
}

bool isImaginaryText(std::string_view s)
{
    std::string_view re, im;
    return !s.empty() && (s.back() == 'j' || s.back() == 'J') && splitComplexText(s, re, im) &&
           (re.empty() || isRealText(re)) && isRealText(im);
}

DatasetFormat detectFormat(std::string_view text)
{
    TextLines lines(text);
    if (!lines.nextNonBlank())
        fail(1, "empty file");
    const std::string_view line = trim(lines.line());
    const std::string_view first = trim(line.substr(0, line.find(',')));
    if (line.front() == '#' || first == "frequency_hz" || first == "time_s")
        return DatasetFormat::DtopCsv;
    if (line.substr(0, 5) == "t (s)")
        return DatasetFormat::CristalloTimeHistory;
    if (line.find(';') != std::string_view::npos) {
        if (line.find('j') != std::string_view::npos || line.find('J') != std::string_view::npos)
            return DatasetFormat::CristalloComplex;
        fail(lines.number(), "';'-separated real numbers: the Cristallo dB format separates "
                             "them with ',', and the complex format writes complex numbers "
                             "such as 0.1+0.2j (force the format to read real values as complex)");
    }
    if (line.find(',') != std::string_view::npos) {
        if (allFields(line, ',', isRealText))
            return DatasetFormat::CristalloDb;
        if (allFields(line, ',', [](std::string_view s) { return isRealText(s) || isImaginaryText(s); }))
            fail(lines.number(), "complex numbers separated by ','; the Cristallo complex format "
                                 "separates them with ';'");
    }
    if (line.find('\t') != std::string_view::npos)
        fail(lines.number(), "tab-separated values; expected ',' or ';' between fields");
    fail(lines.number(),
         "unrecognised format: expected a header beginning 'frequency_hz' or 'time_s', the "
         "Cristallo time-history header 't (s),dotx1 (m/s),...', ';'-separated complex numbers "
         "or ','-separated numbers; found " +
             quoted(line));
}

Dataset readAs(DatasetFormat format, std::string_view text, const ReadOptions& options)
{
    TextLines lines(text);
    {
        TextLines probe(text);
        if (!probe.nextNonBlank())
            fail(1, "empty file");
    }
    switch (format) {
    case DatasetFormat::CristalloComplex:
        return readCristalloComplex(lines, options);
    case DatasetFormat::CristalloDb:
        return readCristalloDb(lines, options);
    case DatasetFormat::CristalloTimeHistory:
        return readCristalloTimeHistory(lines, options);
    case DatasetFormat::DtopCsv:
    case DatasetFormat::Auto:
        break;
    }
    return readDtopCsv(lines, options);
}

} // namespace

ReadResult<DatasetFormat> detectDatasetFormat(std::string_view text, const std::string& name)
{
    try {
        return detectFormat(text);
    } catch (const ParseFailure& f) {
        return ReadError{name, f.line, f.message};
    }
}

ReadResult<Dataset> parseDataset(std::string_view text, const std::string& name,
                                 const ReadOptions& options)
{
    try {
        if (text.size() > options.maxFileBytes)
            return ReadError{name, 0,
                             "the text is " + std::to_string(text.size()) +
                                 " bytes, more than the limit of " +
                                 std::to_string(options.maxFileBytes)};
        const DatasetFormat format =
            options.format == DatasetFormat::Auto ? detectFormat(text) : options.format;
        Dataset dataset = readAs(format, text, options);
        dataset.info.file = name;
        dataset.info.format = datasetFormatName(format);
        describeSampling(dataset);
        return dataset;
    } catch (const ParseFailure& f) {
        return ReadError{name, f.line, f.message};
    } catch (const std::bad_alloc&) {
        return ReadError{name, 0, "not enough memory to read the file"};
    }
}

ReadResult<Dataset> readDataset(const std::string& path, const ReadOptions& options)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return ReadError{path, 0, "is a directory, expected a file"};
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec)
        return ReadError{path, 0, "cannot read the file: " + ec.message()};
    if (size > options.maxFileBytes)
        return ReadError{path, 0,
                         "the file is " + std::to_string(size) + " bytes, more than the limit of " +
                             std::to_string(options.maxFileBytes)};
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return ReadError{path, 0, std::string("cannot open the file: ") + std::strerror(errno)};
    std::string text;
    try {
        text.resize(static_cast<std::size_t>(size));
        in.read(text.data(), static_cast<std::streamsize>(size));
        text.resize(static_cast<std::size_t>(in.gcount()));
    } catch (const std::bad_alloc&) {
        return ReadError{path, 0, "not enough memory to read the file"};
    }
    if (in.bad())
        return ReadError{path, 0, "read error"};
    return parseDataset(text, path, options);
}

namespace detail {

NumberRows readNumberRows(TextLines& lines, std::size_t columns, char delimiter,
                          const ReadOptions& options, bool fromCurrent)
{
    NumberRows rows;
    rows.columns.resize(columns);
    std::vector<std::string_view> fields;
    const std::size_t headerLine = lines.number();
    bool have = fromCurrent || lines.nextNonBlank();
    if (!have)
        fail(headerLine + 1, "header only, no data");
    for (; have; have = lines.nextNonBlank()) {
        const std::size_t line = lines.number();
        checkRowLimit(rows.lines.size() + 1, line, options);
        splitRow(lines.line(), line, delimiter, columns, "numbers", options.maxColumns, fields);
        for (std::size_t c = 0; c < columns; ++c)
            rows.columns[c].push_back(parseReal(fields[c], line, c + 1));
        rows.lines.push_back(line);
    }
    return rows;
}

FrfChannel decibelChannel(int floor, std::vector<double> frequencyHz, std::vector<double> db,
                          const std::vector<std::size_t>& lines, std::size_t column)
{
    FrfChannel channel;
    channel.floor = floor;
    channel.frequencyHz = std::move(frequencyHz);
    channel.magnitude.reserve(db.size());
    for (std::size_t i = 0; i < db.size(); ++i)
        channel.magnitude.push_back(magnitudeFromDecibels(db[i], lines[i], column));
    channel.decibels = std::move(db);
    return channel;
}

} // namespace detail

} // namespace dtop::io
