// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "identification/identify.h"

#include <QString>

#include <optional>

namespace dtop::widgets {

class PlotView;

// The plots of the `identify` panel (docs/tools/identify.md).

// Stabilisation diagram: model order against frequency, one marker series per stability class
// (o new, f frequency, d + damping, v + shape, s all), the picked poles, and the modal
// indicator Σ|H_o|/rms_o (log scale mapped onto the order axis) behind them.
void drawStabilisation(PlotView& plot, const identification::IdentifyResult& r);
// Series names of the pole classes of drawStabilisation (a click on them picks a pole).
bool isPoleSeries(const QString& series);

// Measured and resynthesised |H| per floor over the band (dB re 1 SI unit of the quantity).
void drawResynthesis(PlotView& plot, const identification::IdentifyResult& r);

// Nyquist plot of the mobility near mode `mode` (0-based) for every response: measured points,
// the resynthesised model, and the circle of the circle fit when it ran.
void drawModeNyquist(PlotView& plot, const identification::IdentifyResult& r, std::size_t mode);

// Objective per updating iteration (log axis).
void drawUpdateHistory(PlotView& plot, const std::optional<identification::UpdateResult>& u);

// Replay NRMSE per floor with the profile before and after updating.
void drawReplay(PlotView& plot, const std::optional<identification::ReplayComparison>& c);

} // namespace dtop::widgets
