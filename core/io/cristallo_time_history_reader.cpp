// SPDX-License-Identifier: GPL-3.0-or-later
// The time histories of DTOP-Cristallo (dtApp/dtData/data_th_*.csv): the header
// "t (s),dotx1 (m/s),dotx2 (m/s),dotx3 (m/s),fp (N)", then ','-separated numbers.
#include "io/dataset_format_readers.h"

namespace dtop::io::detail {

namespace {
std::string expectedHeader(std::size_t floors)
{
    std::string header = "t (s)";
    for (std::size_t i = 1; i <= floors; ++i)
        header += ",dotx" + std::to_string(i) + " (m/s)";
    return header + ",fp (N)";
}
} // namespace

Dataset readCristalloTimeHistory(TextLines& lines, const ReadOptions& options)
{
    lines.nextNonBlank();
    std::vector<std::string_view> fields;
    splitRow(lines.line(), lines.number(), ',', 0, "columns", options.maxColumns, fields);
    std::string header;
    for (std::size_t i = 0; i < fields.size(); ++i)
        header += (i ? "," : "") + std::string(trim(fields[i]));
    const std::size_t floors = fields.size() >= 3 ? fields.size() - 2 : 1;
    if (header != expectedHeader(floors))
        fail(lines.number(), "expected the header '" + expectedHeader(3) +
                                 "' (one dotxN column per floor), found " + quoted(header, 80));

    NumberRows rows = readNumberRows(lines, fields.size(), ',', options);
    TimeHistoryData th;
    th.samplingRateHz = checkTimeAxis(rows.columns[0], rows.lines);
    th.timeS = std::move(rows.columns[0]);
    th.forceN = std::move(rows.columns.back());
    th.response = ResponseQuantity::Velocity;
    for (std::size_t i = 1; i <= floors; ++i)
        th.channels.push_back({static_cast<int>(i), std::move(rows.columns[i])});
    Dataset dataset;
    dataset.info.kind = DatasetKind::TimeHistory;
    dataset.data = std::move(th);
    return dataset;
}

} // namespace dtop::io::detail
