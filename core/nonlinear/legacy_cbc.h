// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "nonlinear/cubic_chain.h"

#include <string>
#include <vector>

namespace dtop::nonlinear {

// Compatibility mode: the prototype's default run (frequency sweep up/down, amplitude sweep
// up/down, control-based continuation), reproduced with its own algorithms, including what is
// wrong with them: fixed waiting times instead of steady states, the half peak-to-peak measure
// of the frequency sweep, the biased trapezoid "Fourier" coefficients over a window one sample
// short of a period, the state shared across the three runs, the fixed-point CBC with five
// harmonics and an absolute 1e-3 m tolerance. Its numbers are labelled as such
// (docs/tools/nonlinear.md §7); the accurate results come from the other analyses.
struct LegacyOptions {
    double sweepForceN = 10.0;        // F0
    double cbcFrequencyRadS = 16.0;   // om0 (the amplitude sweep always uses 16 rad/s)
    double kp = -120.0;               // prototype sign convention (negative = stabilising)
    double kd = -25.0;
    double omegaMin = 1.0, omegaMax = 50.0;
    double forceMin = 1.0, forceMax = 80.0;
    double amplitudeMax = 0.945;
    int sweepPeriods = 10, amplitudePeriods = 40, cbcPeriods = 20;
    int cbcMaxIterations = 10;
    double cbcTolerance = 1e-3;
    bool frequencySweep = true, amplitudeSweep = true, cbc = true;
};

// Rows [parameter, A_x1, A_x2, …] of each section of the prototype's download file.
struct LegacyRun {
    std::vector<std::vector<double>> frequencyUp, frequencyDown; // [ω rad/s, half p-p per floor]
    std::vector<std::vector<double>> amplitudeUp, amplitudeDown; // [Φ N, 1st harmonic per floor]
    std::vector<std::vector<double>> cbc;                        // [Φ N, 1st harmonic per floor]
    std::string label = "compatibility mode: the prototype's algorithms and defects reproduced";
};

LegacyRun runLegacy(const CubicChain& chain, const LegacyOptions& options = {},
                    Progress& progress = Progress::none());

// The prototype's download file (`data_download.txt`), byte for byte in its format: Python
// str(float) numbers, single spaces, the stray '*', no final newline.
std::string legacyDownloadText(const LegacyRun& run);
// Reads such a file (e.g. the bundled reference run). Throws std::invalid_argument naming the
// line on malformed content.
LegacyRun parseLegacyDownload(const std::string& text);
LegacyRun readLegacyDownload(const std::string& path);

// Python's repr() of a double: shortest round trip, "1.0" for integers, exponent form
// "1e-05" below 1e-4.
std::string pythonFloat(double value);

// Agreement of a run with a reference (the acceptance criteria of compatibility mode).
struct LegacyComparison {
    bool rowCountsMatch = false;
    double maxAmplitudeDifferenceM = 0.0; // over every section and floor
    double maxForceDifferenceN = 0.0;     // CBC Φ column
    std::vector<std::size_t> jumpIndices, referenceJumpIndices; // up, down, incr, decr
    std::size_t foldRowMax = 0, foldRowMin = 0, referenceFoldRowMax = 0, referenceFoldRowMin = 0;
};
LegacyComparison compareLegacy(const LegacyRun& run, const LegacyRun& reference);

} // namespace dtop::nonlinear
