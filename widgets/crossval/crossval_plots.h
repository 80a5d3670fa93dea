// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crossval/crossval.h"
#include "crossval/interlab.h"
#include "crossval/prototype_views.h"

namespace dtop::widgets {

class HeatMap;
class PlotView;

// The plots of the `crossval` panel, each drawn from results alone (docs/tools/crossval.md).

// |H| of the reference (solid) and the candidate (dashed) per compared floor on the common grid,
// in the compared quantity, with the paired modes' frequencies marked.
void drawOverlay(PlotView& plot, const crossval::CrossvalResult& result,
                 const crossval::CrossvalPair& pair);
// CSAC (shape) and CSF (level) per frequency.
void drawSignature(PlotView& plot, const crossval::CrossvalPair& pair);
// The FDAC map (reference frequency rows, candidate frequency columns).
void drawFdac(HeatMap& map, const crossval::CrossvalPair& pair);
// The MAC matrix, reference modes as rows, candidate modes as columns.
void drawMac(HeatMap& map, const crossval::CrossvalPair& pair);
// Every rig's measured FRF of the chosen floor, each on its own axis, with the natural-frequency
// spread of each mode as a band from its minimum to its maximum and its mean dashed.
void drawInterlab(PlotView& plot, const crossval::InterlabResult& result);
// One panel of one of the prototype's four pages.
void drawViewPanel(PlotView& plot, const crossval::ViewPanel& panel);

} // namespace dtop::widgets
