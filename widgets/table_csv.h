// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QTableWidget;

namespace dtop::widgets {

// The table as CSV text: the header line, then the cells as shown (row headers first when they
// are visible); cells with a comma or a quote are quoted, line breaks become spaces.
QString tableCsv(const QTableWidget& table);

// Right-click on the table: "Copy table as CSV" and "Export table as CSV…" (written atomically,
// `defaultFileName` offered). Every result table of every tool uses this.
void addTableCsvActions(QTableWidget& table, const QString& defaultFileName);

} // namespace dtop::widgets
