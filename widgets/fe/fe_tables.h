// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fe/fe_analysis.h"
#include "fe/measured_sway.h"

#include <QStringList>

#include <optional>

class QTableWidget;

namespace dtop::widgets {

class PlotView;

// The tables and plots of the fe panel, drawn from a result.

// One row per mode: number, frequency, kind, effective masses, floors' energy share, floor shape.
void fillModeTable(QTableWidget& table, const fe::FrameModes& modes);
// One row per mesh: elements per span, DOFs, the lowest frequencies.
void fillConvergenceTable(QTableWidget& table, const fe::FeResult& result);
// Relative difference of each of the lowest modes from the finest mesh's, against the mesh.
void drawConvergence(PlotView& plot, const fe::FeResult& result);
// One row per measured mode: measured, model and calibrated frequencies, errors and MACs.
void fillComparisonTable(QTableWidget& table, const fe::FeResult& result);
// Frequency error against mode number, before and after calibration.
void drawComparison(PlotView& plot, const fe::FeResult& result);
// Storey masses and stiffnesses of the equivalent shear building, with its frequencies.
void fillEquivalentTable(QTableWidget& table, const fe::FeResult& result);
// Every part's count and mass, then each floor's rigid-body mass and the totals.
void fillMassTable(QTableWidget& table, const fe::FeResult& result);

// Sets up a read-only table with these column headers.
void setUpTable(QTableWidget& table, const QStringList& headers);

} // namespace dtop::widgets
