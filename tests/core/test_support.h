// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace dtop::test {

inline std::string testDataPath(const std::string& relative)
{
    return std::string(DTOP_TEST_DATA_DIR) + "/" + relative;
}

// Numeric CSV with one header line, as the reference files under tests/data/reference are.
inline std::vector<std::vector<double>> readNumericCsv(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    std::string line;
    std::getline(in, line); // header
    std::vector<std::vector<double>> rows;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        std::vector<double> row;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ','))
            row.push_back(std::stod(cell));
        rows.push_back(row);
    }
    return rows;
}

} // namespace dtop::test
