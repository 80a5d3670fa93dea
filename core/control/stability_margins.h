// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/feedback_loop.h"

#include <Eigen/Dense>

#include <complex>
#include <optional>
#include <vector>

namespace dtop::control {

// One closed-loop pole, or one complex-conjugate pair (the member with Im λ > 0).
struct ClosedLoopPole {
    std::complex<double> eigenvalue; // λ [rad/s]
    double frequencyHz = 0.0;        // |λ| / 2π
    double dampingRatio = 0.0;       // −Re λ / |λ| (1 for a stable real pole, < 0 if unstable)
};

// Poles of a real state matrix: one entry per conjugate pair and per real eigenvalue, sorted by
// ascending frequency.
std::vector<ClosedLoopPole> polesOf(const Eigen::MatrixXd& a);

// Stability and robustness of the loop of a FeedbackLoop at the gain κ actually applied.
// Stability is decided from the closed-loop eigenvalues only. The gain axis is split at 0 and
// at every gain where the root locus crosses the imaginary axis (axisCrossings); between two
// such gains the number of unstable poles cannot change, so one eigenvalue test per interval
// classifies the whole axis exactly.
struct StabilityMargins {
    bool stable = false;        // every eigenvalue of A − κ b c has Re λ < 0
    double abscissa = 0.0;      // max Re λ at κ [1/s]
    // Upper end of the stable gain range that contains κ (if stable), else of the first stable
    // range of positive gains: the gain at which a closed-loop pole crosses into the right
    // half-plane. nullopt: no finite gain destabilises.
    std::optional<double> criticalGain;
    std::optional<double> criticalFrequencyHz;   // where that pole crosses the axis
    std::optional<double> lowerCriticalGain;     // lower end of κ's stable range, when > 0
    std::optional<double> gainMarginDb;          // 20·log10(criticalGain/κ) (stable, κ > 0)
    std::optional<double> lowerGainMarginDb;     // 20·log10(lowerCriticalGain/κ) (≤ 0 dB)
    // Smallest over the gain crossovers |κ L₀(jω)| = 1 of 180° − |arg κL₀(jω)| (arg in
    // (−180°, 180°]): the least phase lag or lead that moves a crossover onto −1, in [0°, 180°].
    // nullopt: |κ L₀| < 1 at every frequency (no crossover) or κ = 0. Stability itself is
    // decided by the eigenvalues, never by this number.
    std::optional<double> phaseMarginDeg;
    std::optional<double> gainCrossoverHz;       // the crossover of phaseMarginDeg
    std::optional<double> phaseCrossoverHz;      // where κ L₀ = −κ/criticalGain (GM marker)
    std::vector<AxisCrossing> crossings;         // every axis crossing (all gains, both signs)
    std::vector<double> unitGainFrequenciesHz;   // every gain crossover
};

StabilityMargins stabilityMargins(const FeedbackLoop& loop, double gain);

// Closed-loop poles of A − κ b c against κ.
struct RootLocus {
    std::vector<double> gains;
    // poles[k][j]: branch j at gains[k]; branches are continued from one gain to the next by
    // nearest-neighbour matching, so a line through poles[.][j] follows one branch.
    std::vector<std::vector<std::complex<double>>> poles;
    std::vector<double> abscissa; // max Re λ at each gain
};

// `count` gains from 0 to maxGain, spaced quadratically (denser near 0, where the poles move
// fastest), plus the gains in `include` (e.g. the design gain and the critical gain), sorted.
std::vector<double> rootLocusGains(double maxGain, std::size_t count,
                                   const std::vector<double>& include);
RootLocus rootLocus(const FeedbackLoop& loop, const std::vector<double>& gains);

} // namespace dtop::control
