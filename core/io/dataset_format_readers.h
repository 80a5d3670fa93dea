// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to parseDataset(): one reader per format. Each reads `lines` from the start (the
// text is known not to be blank) and calls detail::fail() on the first problem.

#include "io/dataset_reader.h"
#include "io/dataset_text.h"

namespace dtop::io::detail {

Dataset readDtopCsv(TextLines& lines, const ReadOptions& options);
Dataset readCristalloComplex(TextLines& lines, const ReadOptions& options);
Dataset readCristalloDb(TextLines& lines, const ReadOptions& options);
Dataset readCristalloTimeHistory(TextLines& lines, const ReadOptions& options);

// Rows of numbers after the header: `columns` per line, `delimiter`-separated.
struct NumberRows {
    std::vector<std::vector<double>> columns; // [column][row]
    std::vector<std::size_t> lines;           // 1-based line of each row
};
// Reads every remaining line (and the current one first when `fromCurrent`); fails "header
// only, no data" when there is none.
NumberRows readNumberRows(TextLines& lines, std::size_t columns, char delimiter,
                          const ReadOptions& options, bool fromCurrent = false);

// An FRF channel of linear magnitudes given in dB.
FrfChannel decibelChannel(int floor, std::vector<double> frequencyHz, std::vector<double> db,
                          const std::vector<std::size_t>& lines, std::size_t column);

} // namespace dtop::io::detail
