// SPDX-License-Identifier: GPL-3.0-or-later
// The FRF files of DTOP-Cristallo's LPM tool (dtApp/dtData/frfs): no header, ';'-separated
// Python complex numbers, the frequency first (as a complex with zero imaginary part), then
// one column per measured floor.
#include "io/dataset_format_readers.h"

namespace dtop::io::detail {

Dataset readCristalloComplex(TextLines& lines, const ReadOptions& options)
{
    std::vector<std::string_view> fields;
    std::size_t columns = 0;
    std::vector<double> frequency;
    std::vector<std::size_t> rowLines;
    std::vector<std::vector<std::complex<double>>> values;
    while (lines.nextNonBlank()) {
        const std::size_t line = lines.number();
        if (columns == 0) {
            splitRow(lines.line(), line, ';', 0, "complex numbers", options.maxColumns, fields);
            columns = fields.size();
            if (columns < 2)
                fail(line, "expected at least 2 semicolon-separated complex numbers (frequency "
                           "and one floor), found " +
                               std::to_string(columns));
            values.resize(columns - 1);
        } else {
            checkRowLimit(rowLines.size() + 1, line, options);
            splitRow(lines.line(), line, ';', columns, "complex numbers", options.maxColumns,
                     fields);
        }
        const std::complex<double> f = parseComplex(fields[0], line, 1);
        if (f.imag() != 0.0)
            fail(line, "the frequency " + quoted(trim(fields[0])) +
                           " in column 1 has a non-zero imaginary part");
        frequency.push_back(f.real());
        for (std::size_t c = 1; c < columns; ++c)
            values[c - 1].push_back(parseComplex(fields[c], line, c + 1));
        rowLines.push_back(line);
    }
    checkFrequencyAxis(frequency, rowLines, "frequency");

    FrfData frf;
    for (std::size_t c = 0; c < values.size(); ++c) {
        FrfChannel channel;
        channel.floor = static_cast<int>(c + 1);
        channel.frequencyHz = frequency;
        channel.magnitude.reserve(values[c].size());
        for (const auto& v : values[c])
            channel.magnitude.push_back(std::abs(v));
        channel.values = std::move(values[c]);
        frf.channels.push_back(std::move(channel));
    }
    Dataset dataset;
    dataset.data = std::move(frf);
    return dataset;
}

} // namespace dtop::io::detail
