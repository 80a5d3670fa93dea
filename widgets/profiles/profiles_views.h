// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crossval/profile_diff.h"
#include "crossval/profile_history.h"
#include "io/workspace_records.h"
#include "model/profile.h"

#include <QString>

#include <vector>

class QTableWidget;

namespace dtop::widgets {

class PlotView;

// The twin history's tables and plots (ProfilesPanel), each drawn from one core result.

// One row per version: version, date, provenance, note, changed parameters, f1…fn.
void fillTimelineTable(QTableWidget& table, const crossval::ProfileHistory& history);
// Each modal frequency against the version number, one series per mode.
void drawModeEvolution(PlotView& plot, const crossval::ProfileHistory& history);
// Every parameter: field, unit, old, new, change [%]; changed rows in bold.
void fillParameterTable(QTableWidget& table, const crossval::ProfileDiff& diff);
// Every mode: old and new frequency, change [%], old and new damping ratio.
void fillModeTable(QTableWidget& table, const crossval::ProfileDiff& diff);
// Receptance magnitudes of every floor to a force on floor 1, the old profile solid and the
// new one dashed in the same colour per floor, over 0 to 1.4 × the highest mode of both.
void drawFrfOverlay(PlotView& plot, const model::Profile& older, const QString& oldLabel,
                    const model::Profile& newer, const QString& newLabel);
// One row per run: id, tool, time, profile version, seed, summary.
void fillRunsTable(QTableWidget& table, const std::vector<io::RunRecord>& runs);

} // namespace dtop::widgets
