// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace dtop::io {

// A two-column record: strictly increasing times [s] and one value per time.
struct TimeSeries {
    std::vector<double> timeS;
    std::vector<double> values;
};

// Strict reader of a two-column CSV "time_s,value" (e.g. a ground acceleration in m/s²):
// an optional header line (a first line that is not two numbers), then one pair of finite
// numbers per line, times strictly increasing, at least 2 rows. A UTF-8 BOM, CRLF line ends
// and blank lines are accepted. On failure returns false and sets `error` to
// "FILE:LINE: what was expected, what was found".
bool readTimeSeriesCsv(const std::string& path, TimeSeries& out, std::string& error);

// The same on text already in memory; `name` stands for the file in messages.
bool parseTimeSeriesCsv(const std::string& text, const std::string& name, TimeSeries& out,
                        std::string& error);

} // namespace dtop::io
