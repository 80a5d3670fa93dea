// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/control.h"

#include <vector>

namespace dtop::widgets {

class PlotView;

// The plots of the `control` panel, each drawn from results alone (docs/tools/control.md
// explains what they show). Unstable designs are not drawn where a steady state is implied
// (kinetic energy, FRF): their curves would describe a response that does not exist.

// Kinetic-energy spectra of the uncontrolled structure and of every stable design in
// `designs` (the first is the panel's design), in the results' dB scale.
void drawKineticEnergy(PlotView& plot, const std::vector<control::ControlResult>& designs);
// |H| of every floor to the primary force, controlled (solid) and uncontrolled (dashed).
void drawFloorFrfs(PlotView& plot, const control::ControlResult& r);
// Nyquist plot of κL₀(jω) for ω > 0 and its mirror for ω < 0, the −1 point and the unit circle.
void drawNyquist(PlotView& plot, const control::ControlResult& r);
// Bode magnitude and phase of κL₀ with the gain- and phase-crossover frequencies marked.
void drawBode(PlotView& magnitude, PlotView& phase, const control::ControlResult& r);
// Closed-loop poles against the gain: branches, open-loop poles (κ = 0), the poles at the
// design gain and, in red, at the critical gain on the imaginary axis.
void drawRootLocus(PlotView& plot, const control::ControlResult& r);
// Storey drift at the device floor (uncontrolled and controlled) and the coil current.
void drawTimeResponse(PlotView& drift, PlotView& current, const control::ControlResult& r);

} // namespace dtop::widgets
