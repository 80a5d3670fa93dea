// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "signal/welch.h"

#include <complex>
#include <string>
#include <vector>

namespace dtop::signal {

// H1 estimate of the FRF from an input (force) to an output (response), H1 = Gfx / Gff, with
// the ordinary coherence γ² = |Gfx|² / (Gff·Gxx) (Bendat & Piersol, Random Data, §9.1).
// H1 is unbiased by output noise; with a single segment γ² is identically 1 and says nothing.
struct FrfEstimate {
    std::vector<double> frequencyHz;
    std::vector<std::complex<double>> h; // [unit]
    std::vector<double> coherence;       // [-], in [0, 1]
    std::string unit;                    // e.g. "(m/s²)/N"
    double resolutionHz = 0.0;
    std::size_t segments = 0;
};

// input/output sampled together at sampleRateHz; units name the FRF ("(m/s²)/N").
FrfEstimate h1Estimate(const std::vector<double>& input, const std::vector<double>& output,
                       double sampleRateHz, const WelchOptions& options,
                       const std::string& outputUnit, const std::string& inputUnit);

// The same with a prepared Welch plan (records of welch's length).
FrfEstimate h1Estimate(Welch& welch, const std::vector<double>& input,
                       const std::vector<double>& output, const std::string& outputUnit,
                       const std::string& inputUnit);

} // namespace dtop::signal
