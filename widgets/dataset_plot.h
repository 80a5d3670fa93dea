// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/dataset.h"

namespace dtop::widgets {

class PlotView;

// Draws a dataset as it is: FRF magnitudes per floor on log axes (in the dataset's quantity
// and units), a time history's floor responses and force, or mode shapes against the node.
void plotDataset(PlotView& plot, const io::Dataset& dataset);

} // namespace dtop::widgets
