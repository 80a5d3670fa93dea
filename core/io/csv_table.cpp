// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/csv_table.h"

#include "io/number_format.h"

#include <algorithm>

namespace dtop::io {

void CsvTable::addColumn(std::string header, std::vector<double> values)
{
    headers.push_back(std::move(header));
    columns.push_back(std::move(values));
}

std::size_t CsvTable::rows() const
{
    std::size_t n = 0;
    for (const auto& c : columns)
        n = std::max(n, c.size());
    return n;
}

void CsvTable::write(std::ostream& out) const
{
    for (std::size_t c = 0; c < headers.size(); ++c)
        out << (c ? "," : "") << headers[c];
    out << '\n';
    const std::size_t n = rows();
    std::string line;
    for (std::size_t r = 0; r < n; ++r) {
        line.clear();
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (c)
                line += ',';
            if (r < columns[c].size())
                line += formatNumber(columns[c][r]);
        }
        line += '\n';
        out << line;
    }
}

} // namespace dtop::io
