// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/sample_matrix_csv.h"

#include "io/atomic_file.h"
#include "io/number_format.h"

#include <cmath>
#include <sstream>

namespace dtop::design {

namespace {

std::vector<std::string> splitFields(const std::string& line)
{
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ','))
        fields.push_back(field);
    if (!line.empty() && line.back() == ',')
        fields.emplace_back();
    for (auto& f : fields) {
        const auto first = f.find_first_not_of(" \t");
        const auto last = f.find_last_not_of(" \t");
        f = first == std::string::npos ? std::string() : f.substr(first, last - first + 1);
    }
    return fields;
}

std::string joined(const std::vector<std::string>& names)
{
    std::string s;
    for (const auto& n : names)
        s += (s.empty() ? "" : ",") + n;
    return s;
}

std::string quoted(const std::string& s)
{
    return "'" + (s.size() > 60 ? s.substr(0, 57) + "..." : s) + "'";
}

} // namespace

io::ReadResult<Eigen::MatrixXd> parseSampleMatrixCsv(const std::string& text,
                                                     const std::string& name,
                                                     const std::vector<std::string>& names)
{
    std::vector<std::vector<double>> rows;
    std::size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    std::size_t lineNo = 0;
    bool header = false;
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
        const std::vector<std::string> fields = splitFields(line);
        if (!header) {
            if (fields != names)
                return io::ReadError{name, lineNo,
                                     "expected the header " + joined(names) + ", found " +
                                         quoted(line)};
            header = true;
            continue;
        }
        if (fields.size() != names.size())
            return io::ReadError{name, lineNo,
                                 "expected " + std::to_string(names.size()) +
                                     " comma-separated numbers, found " +
                                     std::to_string(fields.size())};
        std::vector<double> row(fields.size());
        for (std::size_t k = 0; k < fields.size(); ++k)
            if (!io::parseNumber(fields[k], row[k]) || !std::isfinite(row[k]))
                return io::ReadError{name, lineNo,
                                     "field " + names[k] + ": expected a finite number, found " +
                                         quoted(fields[k])};
        rows.push_back(std::move(row));
    }
    if (!header)
        return io::ReadError{name, 0, "empty file: expected the header " + joined(names)};
    if (rows.size() < 2)
        return io::ReadError{name, lineNo,
                             "expected at least 2 sample rows, found " + std::to_string(rows.size())};
    Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(names.size()));
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t j = 0; j < names.size(); ++j)
            m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
    return m;
}

io::ReadResult<Eigen::MatrixXd> readSampleMatrixCsv(const std::string& path,
                                                    const std::vector<std::string>& names)
{
    std::string text, error;
    if (!io::readFile(path, text, error)) {
        // readFile names the path itself; ReadError::text() puts it in front once.
        const std::string cannot = "cannot read " + path + ": ", own = path + ": ";
        if (error.rfind(cannot, 0) == 0)
            error = "cannot read: " + error.substr(cannot.size());
        else if (error.rfind(own, 0) == 0)
            error = error.substr(own.size());
        return io::ReadError{path, 0, error};
    }
    return parseSampleMatrixCsv(text, path, names);
}

} // namespace dtop::design
