// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace dtop::io {

// A rectangular table of numbers with one header line of column names (units in the names,
// e.g. "frequency_hz"). Written with shortest round-trip numbers, so it reads back exactly.
struct CsvTable {
    std::vector<std::string> headers;
    std::vector<std::vector<double>> columns; // columns[c][row]; shorter columns leave blanks

    void addColumn(std::string header, std::vector<double> values);
    std::size_t rows() const;
    void write(std::ostream& out) const;
};

} // namespace dtop::io
