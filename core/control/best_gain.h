// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "control/control_design.h"
#include "control/kinetic_energy.h"

#include <optional>
#include <string>

namespace dtop::control {

// The velocity-feedback gain h with the largest KE reduction among the stable gains.
struct BestGain {
    double gain = 0.0;             // h [A·s/m]
    double keReductionDb = 0.0;    // −10·log10(I_band(h)/I_band,uncontrolled)
    double keBandIntegral = 0.0;   // I_band(h)
    double upperLimit = 0.0;       // the search range's upper end (critical gain, or the cap)
    // No critical gain and the reduction still grows at the top of the range: there is no
    // finite optimum (e.g. skyhook damping on the floor the force drives), gain = upperLimit.
    bool atSearchLimit = false;
    int evaluations = 0;
    std::string criterion;
};

// Maximises the band-integrated KE reduction over 0 < h < criticalGain (over a wide range,
// 10⁻⁴…10⁴ times the loop's gain scale 1/max|L₀|, when no finite gain destabilises): a scan of
// 48 gains, then Brent's method (boost::math) around the best of them. The design must have a
// loop with the gain axis h. Throws Cancelled when progress is cancelled.
BestGain bestStableGain(const ControlDesign& design, std::optional<double> criticalGain,
                        double uncontrolledBandIntegral, const FrequencyBand& band,
                        Progress& progress = Progress::none());

} // namespace dtop::control
