// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uq/uncertainty.h"
#include "widgets/plot_view.h"

#include <QColor>
#include <QString>

namespace dtop::widgets {

// Drawing the uncertainty result (tool `uncertainty`) with PlotView: one colour per method and
// per parameter, shared by the panel, its report and its tests.
QColor uqMethodColor(uq::UqMethod method);
// m = blues, k = oranges, c = greens; lighter for higher storeys.
QColor uqParameterColor(std::size_t index, std::size_t storeys);

struct UqPlotOptions {
    AxisScale magnitudeScale = AxisScale::Decibel;
    bool percentileBand = true; // the sampled envelope's outer percentile band
};

// Floor `floor` (0-based): a band per method (widest first, legend = the method's honest
// label), the sampled percentile band, the nominal line; magnitude in the quantity's unit.
void drawUqFloorBounds(PlotView& plot, const uq::UncertaintyResult& result, std::size_t floor,
                       const UqPlotOptions& options);
// Per frequency, each parameter's share of the first-order |H| swing, stacked to 100 %: the
// widest band is the parameter that moves |H| most there. Empty without the optimised method.
void drawUqImportance(PlotView& plot, const uq::UncertaintyResult& result, std::size_t floor);
// Relative gap between verified outer and optimised inner per floor [%], with the tolerance.
void drawUqGap(PlotView& plot, const uq::UncertaintyResult& result, double tolerance);

// "k1 near 6.32 Hz, m2 near 17.9 Hz, ...": the dominant parameter at each nominal peak.
QString uqDominantAtPeaks(const uq::UncertaintyResult& result, std::size_t floor);

} // namespace dtop::widgets
