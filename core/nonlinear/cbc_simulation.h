// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "nonlinear/branch_point.h"
#include "nonlinear/cubic_chain.h"
#include "nonlinear/harmonic_balance.h"

#include <Eigen/Dense>

#include <functional>
#include <string>
#include <vector>

namespace dtop::nonlinear {

// One point of the simulated control-based continuation (the virtual experiment).
struct CbcPoint {
    double forceN = 0.0;              // fundamental of the total force on floor 1 (excitation + control)
    std::vector<double> amplitudeM;   // measured first-harmonic amplitude of every floor
    double targetAmplitudeM = 0.0;    // the control target's fundamental
    double residualControlN = 0.0;    // invasive control force: all harmonics except the first [N]
    double fundamentalControlN = 0.0; // the control's first harmonic (absorbed in forceN) [N]
    bool converged = false;           // settled and residualControlN ≤ tolerance
    int iterations = 0;               // Newton steps (and re-measurements)
    int periods = 0;                  // simulated forcing periods for this point
    bool stable = true;               // from the sign of dΦ/dA
    double modelForceN = 0.0;         // harmonic balance force at the measured amplitude
    double errorN = 0.0;              // forceN − modelForceN
};

struct CbcOptions {
    double frequencyRadS = 16.0;
    double kp = 120.0;                // PD gains, physical signs: u = kp(x* − x1) + kd(ẋ* − ẋ1)
    double kd = 25.0;
    double amplitudeFromM = 0.01;     // range of the target's fundamental (floor 1)
    double amplitudeToM = 0.9;
    std::size_t points = 120;         // about this many points (the step adapts to the curve)
    int samplesPerPeriod = 64;        // integer samples per period: the DFT is exact
    int targetHarmonics = 25;         // harmonics 0, 2..H of the target follow the response
    double toleranceN = 1e-3;         // invasive control force accepted as non-invasive [N]
    int maxIterations = 40;
    double settleTolerance = 1e-8;    // relative change of the Fourier coefficients per period
    int maxSettlePeriods = 400;
    int modelHarmonics = 15;          // harmonic count of the model comparison
    // Expected shape of Φ(A), for the step: the largest force and the length of the curve in
    // (A/range, Φ/forceScale) (from the model's branch when known; 0: estimated on the way).
    double forceScaleN = 0.0;
    double curveLength = 0.0;
};

struct CbcRun {
    std::vector<CbcPoint> points;
    std::vector<FoldPoint> folds;     // extrema of Φ along the CBC branch (parabola vertices)
    std::vector<FoldPoint> modelFolds;
    std::vector<std::string> warnings;
    double simulatedSeconds = 0.0;
    std::size_t simulatedPeriods = 0;
};

// Simplified control-based continuation at fixed frequency (Barton & Sieber, Phys. Rev. E 87
// (2013) 052916; Renson et al., JSV 367 (2016) 145–158), simulated: the chain with a PD
// controller on floor 1 tracking x*(t) = A cos ωt + Σ_{h≠1} (target harmonics), the excitation
// A_c cos ωt + A_s sin ωt. The unknowns (target harmonics 0, 2..H and the excitation) solve
// x = g(x), g = the settled response's harmonics and the excitation plus the control's
// fundamental, by Newton's method with a finite-difference Jacobian kept along the branch and
// corrected by Broyden updates. Each evaluation settles the closed loop period by period until
// the exact DFT of one period stops changing. A point is converged when the remaining
// (invasive) control force, every harmonic but the first, is below toleranceN.
CbcRun runCbcSimulation(const CubicChain& chain, const CbcOptions& options,
                        Progress& progress = Progress::none(),
                        const std::function<void(const CbcPoint&)>& onPoint = {});

// Harmonic balance with the response's phase fixed: x1's first harmonic = A cos ωt, force
// F_c cos ωt + F_s sin ωt free. Newton from q (updated; force components returned). This is
// the model's answer to "which force holds amplitude A", the quantity CBC measures.
bool solveAtAmplitude(const HarmonicBalance& hb, double omega, double amplitude,
                      Eigen::VectorXd& q, double& forceCos, double& forceSin);
// q with its time origin shifted so that floor `floor`'s first harmonic is a pure cosine.
Eigen::VectorXd phaseAligned(const HarmonicBalance& hb, const Eigen::VectorXd& q, int floor = 0);

} // namespace dtop::nonlinear
