// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/dataset.h"
#include "io/read_error.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dtop::io {

// The file formats a dataset can be read from (data/README.md describes each).
enum class DatasetFormat {
    Auto,                 // detect from the first line (see detectDatasetFormat)
    DtopCsv,              // ours: optional "# key: value" lines, a header of column names
                          // with units (frequency_hz, floorN_re/_im/_abs/_db, ... or time_s,
                          // force_n, floorN_velocity_m_s, ...), then ','-separated numbers
    CristalloComplex,     // no header, ';'-separated Python complex numbers, f first
                          // (DTOP-Cristallo dtApp/dtData/frfs/*.csv)
    CristalloDb,          // no header, ','-separated f, dB floor 1..3 (4 columns) or
                          // f(floors 1, 3), f(floor 2), dB floor 1..3 (5 columns)
                          // (DTOP-Cristallo dtLib/crossval/Data/*.csv)
    CristalloTimeHistory, // header "t (s),dotx1 (m/s),...,dotxN (m/s),fp (N)"
                          // (DTOP-Cristallo dtApp/dtData/data_th_*.csv)
};

// "auto", "dtop-csv", "cristallo-complex", "cristallo-db", "cristallo-time-history"
const char* datasetFormatName(DatasetFormat format);
bool parseDatasetFormat(const std::string& text, DatasetFormat& format);

struct ReadOptions {
    DatasetFormat format = DatasetFormat::Auto; // force a format instead of detecting it
    std::uintmax_t maxFileBytes = std::uintmax_t(1) << 30; // larger files are refused
    std::size_t maxColumns = 1000;
    std::size_t maxRows = 50'000'000;
};

// The format of `text` when it is unambiguous from its first non-blank line: a '#' line or a
// header beginning "frequency_hz"/"time_s" → DtopCsv; "t (s)" → CristalloTimeHistory;
// ';'-separated → CristalloComplex; ','-separated numbers → CristalloDb. Otherwise an error
// saying what was found. `name` is used in messages (normally the path).
ReadResult<DatasetFormat> detectDatasetFormat(std::string_view text, const std::string& name);

// Reads a dataset. Never throws and never hangs: any problem (cannot open, too large, empty,
// header only, wrong column count, text in numbers, NaN, infinity, values out of the range of
// a double, mixed delimiters, negative, repeated or decreasing frequencies, non-uniform time
// steps, ...) gives a ReadError naming the file, the 1-based line and what was expected versus
// found. A UTF-8 byte-order mark and CRLF line endings are accepted. The result's info has
// format, file (= path), the sampling fields and, from "# key: value" lines of our format,
// the metadata; the caller fills in what the file cannot say (e.g. the FRF quantity).
ReadResult<Dataset> readDataset(const std::string& path, const ReadOptions& options = {});
// The same on text already in memory; `name` stands for the file in messages.
ReadResult<Dataset> parseDataset(std::string_view text, const std::string& name,
                                 const ReadOptions& options = {});

} // namespace dtop::io
