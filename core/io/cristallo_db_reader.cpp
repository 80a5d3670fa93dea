// SPDX-License-Identifier: GPL-3.0-or-later
// The headerless dB CSVs of DTOP-Cristallo's cross-validation tool (dtLib/crossval/Data):
// 4 columns f, dB floor 1..3 on one axis, or 5 columns as in NumDataSw.csv/NumDataSh.csv
// where floor 2 has its own frequency axis in column 2 (the prototype plots it that way).
#include "io/dataset_format_readers.h"

namespace dtop::io::detail {

Dataset readCristalloDb(TextLines& lines, const ReadOptions& options)
{
    lines.nextNonBlank();
    std::vector<std::string_view> fields;
    splitRow(lines.line(), lines.number(), ',', 0, "numbers", options.maxColumns, fields);
    if (fields.size() != 4 && fields.size() != 5)
        fail(lines.number(), "expected 4 comma-separated numbers (f, dB floors 1-3) or 5 (f "
                             "floors 1 and 3, f floor 2, dB floors 1-3), found " +
                                 std::to_string(fields.size()));
    const bool twoAxes = fields.size() == 5;
    NumberRows rows = readNumberRows(lines, fields.size(), ',', options, true);

    checkFrequencyAxis(rows.columns[0], rows.lines, "frequency");
    if (twoAxes)
        checkFrequencyAxis(rows.columns[1], rows.lines, "floor-2 frequency (column 2)");
    FrfData frf;
    const std::size_t firstDb = twoAxes ? 2 : 1;
    for (int floor = 1; floor <= 3; ++floor) {
        const std::size_t axis = twoAxes && floor == 2 ? 1 : 0;
        const std::size_t column = firstDb + static_cast<std::size_t>(floor - 1);
        frf.channels.push_back(decibelChannel(floor, rows.columns[axis],
                                              std::move(rows.columns[column]), rows.lines,
                                              column + 1));
    }
    Dataset dataset;
    dataset.data = std::move(frf);
    return dataset;
}

} // namespace dtop::io::detail
