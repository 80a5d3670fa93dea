// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/time_series_csv.h"

#include "io/atomic_file.h"
#include "io/number_format.h"

#include <cmath>

namespace dtop::io {

namespace {
std::string quoted(const std::string& s) {
    return "'" + (s.size() > 60 ? s.substr(0, 57) + "..." : s) + "'";
}

// Splits "a,b" into two numbers; false if the line is not exactly that.
bool parsePair(const std::string& line, double& a, double& b) {
    const std::size_t comma = line.find(',');
    if (comma == std::string::npos || line.find(',', comma + 1) != std::string::npos)
        return false;
    return parseNumber(line.substr(0, comma), a) && parseNumber(line.substr(comma + 1), b);
}
} // namespace

bool parseTimeSeriesCsv(const std::string& text, const std::string& name, TimeSeries& out,
                        std::string& error) {
    out = {};
    std::size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    std::size_t lineNo = 0;
    bool sawContent = false;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        const bool first = !sawContent;
        sawContent = true;
        double t = 0.0;
        double v = 0.0;
        if (!parsePair(line, t, v)) {
            if (first)
                continue; // header
            error = name + ":" + std::to_string(lineNo) +
                    ": expected two comma-separated numbers (time_s,value), got " + quoted(line);
            return false;
        }
        if (!std::isfinite(t) || !std::isfinite(v)) {
            error = name + ":" + std::to_string(lineNo) + ": expected finite numbers, got " +
                    quoted(line);
            return false;
        }
        if (!out.timeS.empty() && !(t > out.timeS.back())) {
            error = name + ":" + std::to_string(lineNo) + ": time " + formatNumber(t) +
                    " s does not increase after " + formatNumber(out.timeS.back()) + " s";
            return false;
        }
        out.timeS.push_back(t);
        out.values.push_back(v);
    }
    if (out.timeS.size() < 2) {
        error = name + ":" + std::to_string(lineNo) + ": expected at least 2 rows of " +
                "time_s,value, found " + std::to_string(out.timeS.size());
        return false;
    }
    return true;
}

bool readTimeSeriesCsv(const std::string& path, TimeSeries& out, std::string& error) {
    std::string text;
    if (!readFile(path, text, error))
        return false;
    return parseTimeSeriesCsv(text, path, out, error);
}

} // namespace dtop::io
