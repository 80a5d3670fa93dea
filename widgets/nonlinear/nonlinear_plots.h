// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nonlinear/nonlinear_analysis.h"

#include <cstddef>

namespace dtop::widgets {

class PlotView;

// The plots of the `nonlinear` panel, each drawn from a result alone (docs/tools/nonlinear.md
// explains what they show). Branches: stable parts solid, unstable parts dashed, folds marked.

// Whether the result's branch is continued in force (S-curve, CBC, force sweep, fold curve's
// S-curve) rather than in frequency.
bool branchInForce(const nonlinear::NonlinearResult& r);

// Floor `floor`'s (0-based) first-harmonic amplitude along the branch, with what the analysis
// adds: the backbones (frequency curve, backbone), the quasi-static and time-domain sweeps
// with their jumps, the CBC points (non-converged ones in red) over the model's branch, the
// folds of the branch or of the CBC.
void drawBranch(PlotView& plot, const nonlinear::NonlinearResult& r, std::size_t floor = 0);
// Every floor's first-harmonic amplitude along the branch (one colour per floor).
void drawFloorAmplitudes(PlotView& plot, const nonlinear::NonlinearResult& r);
// Displacement of every floor over one period of branch point `point`, and floor `floor`'s
// phase portrait (velocity against displacement).
void drawOrbit(PlotView& time, PlotView& phase, const model::Profile& profile,
               const nonlinear::BranchPoint& point, std::size_t floor = 0);
// Amplitude of each odd harmonic of every floor for branch point `point` (log axis).
void drawHarmonicContent(PlotView& plot, const nonlinear::BranchPoint& point);
// Fold curve in the (frequency, force) plane: the bistable region's boundary, its cusp and the
// folds of the S-curve it started from.
void drawBistabilityMap(PlotView& plot, const nonlinear::NonlinearResult& r);
// CBC: measured force minus the model's force, and the invasive control force, per point.
void drawCbcErrors(PlotView& plot, const nonlinear::NonlinearResult& r);
// The prototype's default run: its frequency sweeps (half peak-to-peak of floor 1), amplitude
// sweeps and CBC (first harmonic of floor 1) as reproduced in compatibility mode (`run`, lines)
// and as the bundled reference file holds them (`reference`, markers); either may be null.
void drawLegacy(PlotView& frequency, PlotView& force, const nonlinear::LegacyRun* run,
                const nonlinear::LegacyRun* reference);

} // namespace dtop::widgets
