// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <complex>
#include <string>
#include <vector>

namespace dtop::nonlinear {

// One periodic orbit of a branch (a harmonic-balance solution at forcing F·cos ωt on floor 1).
struct BranchPoint {
    double forceN = 0.0;
    double frequencyRadS = 0.0;
    std::vector<double> amplitudeM;   // first-harmonic amplitude of every floor
    std::vector<double> peakToPeakM;  // max − min of every floor's displacement over a period
    bool stable = true;               // every Floquet multiplier inside the unit circle
    double multipliersAbsMax = 0.0;   // largest |μ|
    std::vector<std::complex<double>> multipliers; // all 2n, by decreasing modulus
    int harmonics = 0;                // odd harmonics retained (1, 3, …, 2H−1)
    // Harmonic-balance coefficients, floor-major per harmonic: for harmonic j (order 2j+1),
    // cos coefficients of floors 1..n then sin coefficients [m]. x(t) = Σ a cos + b sin.
    std::vector<double> coefficients;
};

// A saddle-node (fold, turning point) of a branch, localised on the curve.
struct FoldPoint {
    double forceN = 0.0;
    double frequencyRadS = 0.0;
    double amplitudeM = 0.0;          // floor 1's first-harmonic amplitude
    std::vector<double> amplitudesM;  // every floor
    std::size_t afterPoint = 0;       // index of the branch point just before the fold
    int harmonics = 0;                // harmonic-balance coefficients of the fold orbit
    std::vector<double> coefficients; // (empty for folds measured by CBC)
};

enum class BifurcationType {
    Fold,            // a multiplier through +1 at a turning point of the parameter
    PeriodDoubling,  // a real multiplier through −1
    NeimarkSacker,   // a complex pair through the unit circle (torus)
    SymmetryBreaking // a multiplier through +1 without a turning point (branch point)
};
const char* bifurcationTypeName(BifurcationType type); // "fold", "period-doubling", ...

// A change of stability along a branch, located between two points (linear interpolation of
// the crossing multiplier's modulus; folds are the localised FoldPoint values).
struct Bifurcation {
    BifurcationType type = BifurcationType::Fold;
    double forceN = 0.0;
    double frequencyRadS = 0.0;
    double amplitudeM = 0.0;
    std::size_t afterPoint = 0;
    bool becomesStable = false;
};

} // namespace dtop::nonlinear
