// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uq/uncertainty.h"
#include "widgets/plot_view.h"
#include "widgets/uncertainty/uq_method_key.h"

#include <QColor>
#include <QString>

#include <map>
#include <vector>

namespace dtop::widgets {

// Drawing the uncertainty result (tool `uncertainty`) with PlotView: one colour per method and
// per parameter, shared by the panel, its report and its tests.
QColor uqMethodColor(uq::UqMethod method);
// m = blues, k = oranges, c = greens; lighter for higher storeys.
QColor uqParameterColor(std::size_t index, std::size_t storeys);

struct UqPlotOptions {
    AxisScale magnitudeScale = AxisScale::Decibel;
    bool percentileBand = false; // the sampled envelope's outer percentile band
};

// Floor `floor` (0-based): a band per method (widest first, legend = the method's honest
// label), the sampled percentile band, the nominal line; magnitude in the quantity's unit.
// Returns the series id of each name.
std::map<QString, int> drawUqFloorBounds(PlotView& plot, const uq::UncertaintyResult& result,
                                         std::size_t floor, const UqPlotOptions& options);
// The key of what drawUqFloorBounds draws, in the same order and colours, guarantees as tips.
std::vector<UqMethodKey::Entry> uqBoundsKey(const uq::UncertaintyResult& result,
                                            const UqPlotOptions& options);
// Per frequency, each parameter's share of the first-order |H| swing, stacked to 100 %: the
// widest band is the parameter that moves |H| most there. Empty without the optimised method.
void drawUqImportance(PlotView& plot, const uq::UncertaintyResult& result, std::size_t floor);
// Relative gap between verified outer and optimised inner per floor [%], with the tolerance.
void drawUqGap(PlotView& plot, const uq::UncertaintyResult& result, double tolerance);

// "c1 at 6.2 Hz, k3 at 17.8 Hz, ...": the dominant parameter at the floor's nominal peak in
// each resonance band of the grid (empty without importance or bands).
QString uqDominantAtPeaks(const uq::UncertaintyResult& result, std::size_t floor);

} // namespace dtop::widgets
