// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/text_table.h"

namespace dtop::io {

namespace {
void writeRow(std::ostream& out, const std::vector<std::string>& cells)
{
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0)
            out << ',';
        const std::string& cell = cells[i];
        if (cell.find_first_of(",\"\r\n") == std::string::npos) {
            out << cell;
            continue;
        }
        out << '"';
        for (char c : cell)
            out << (c == '"' ? "\"\"" : std::string(1, c));
        out << '"';
    }
    out << '\n';
}
} // namespace

void TextTable::write(std::ostream& out) const
{
    writeRow(out, headers);
    for (const auto& row : rows)
        writeRow(out, row);
}

} // namespace dtop::io
