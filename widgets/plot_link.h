// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace dtop::widgets {

class PlotView;

// Shares the x axis of plots stacked over one another (magnitude and phase of one FRF, the
// floors of one time response): a zoom, pan or reset the user makes in one is shown by all.
// The y ranges stay each plot's own. The connections end with the plots.
void linkXAxes(const std::vector<PlotView*>& plots);

} // namespace dtop::widgets
