// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/table_csv.h" // tableCsv, addTableCsvActions: the tables' CSV

#include "identification/identify.h"

#include <QString>

#include <vector>

class QTableWidget;

namespace dtop::widgets {

// The tables of the `identify` panel; each sets its own columns (with units) and rows.

// One row per identified mode: f [Hz], ζ [%], complexity, MPD [°], best MAC to the profile.
void fillModesTable(QTableWidget& table, const identification::IdentifyResult& r);
// One row per method (circle, LSCF, global): f [Hz] / ζ [%] per mode and the masses [kg].
void fillMethodsTable(QTableWidget& table, const identification::IdentifyResult& r);
// One row per floor: identified m, k, c of the chain and, when updated, the updated profile's.
void fillPhysicalTable(QTableWidget& table, const identification::IdentifyResult& r);
// A MAC matrix as a heat map: one cell per pair with its value on white (0) to dark blue (1);
// rows "<rowName> k", columns "<colName> k" (with colFrequenciesHz [Hz] when given).
void fillMacTable(QTableWidget& table, const Eigen::MatrixXd& mac, const QString& rowName,
                  const QString& colName, const std::vector<double>& rowFrequenciesHz,
                  const std::vector<double>& colFrequenciesHz);
// One row per updated parameter: before, after, change [%]; then paired f and MAC before/after.
void fillUpdateTable(QTableWidget& table, const identification::IdentifyResult& r);

} // namespace dtop::widgets
