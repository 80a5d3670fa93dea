// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/read_error.h"

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace dtop::design {

// Reads a matrix of input samples for legacy mode (e.g. the prototype's NumPy seed-0 draws):
// a header line naming the columns, which must be exactly `names` in that order
// ("f1,f2,f3,k1,…,m3"), then one row of finite numbers per sample. A UTF-8 BOM, CRLF line ends
// and blank lines are accepted. Errors name the file, the line and the field.
io::ReadResult<Eigen::MatrixXd> readSampleMatrixCsv(const std::string& path,
                                                    const std::vector<std::string>& names);
// The same on text in memory; `name` stands for the file in messages.
io::ReadResult<Eigen::MatrixXd> parseSampleMatrixCsv(const std::string& text,
                                                     const std::string& name,
                                                     const std::vector<std::string>& names);

} // namespace dtop::design
