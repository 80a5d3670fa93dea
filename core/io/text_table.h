// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace dtop::io {

// A table of text cells written as CSV (RFC 4180: a cell with a comma, quote or line break is
// quoted, quotes doubled), for lists such as profiles or run records.
struct TextTable {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;

    void write(std::ostream& out) const;
};

} // namespace dtop::io
