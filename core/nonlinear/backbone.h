// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "nonlinear/continuation.h"
#include "nonlinear/cubic_chain.h"
#include "nonlinear/harmonic_balance.h"

#include <functional>
#include <vector>

namespace dtop::nonlinear {

// One conservative periodic orbit of a backbone curve (nonlinear normal mode).
struct BackbonePoint {
    int mode = 1;                    // 1-based linear mode the curve starts from
    double frequencyRadS = 0.0;
    std::vector<double> amplitudeM;  // first-harmonic amplitude of every floor
    double energyJ = 0.0;            // total (conserved) energy of the orbit
    int harmonics = 0;
    std::vector<double> coefficients; // cos coefficients, harmonic-major: [j·n + floor]
};

struct BackboneOptions {
    int mode = 1;
    double maxFrequencyRadS = 0.0;   // stop above this (0: 1.25·ω_mode)
    double maxAmplitudeM = 10.0;     // stop when floor 1's first harmonic exceeds this
    int harmonics = 0;               // 0: automatic
    int startHarmonics = 2;
    int maxHarmonics = 40;
    double harmonicTolerance = 1e-7; // [m]
    ContinuationSettings settings;
};

// Backbone of a mode: the undamped, unforced orbits x(τ) = Σ a_j cos((2j+1)τ) (zero velocity
// at τ = 0, the symmetric NNMs of Kerschen et al., MSSP 23 (2009) 170–194) continued in
// (a, ω) from the linear mode at small amplitude. The frequency starts at ω_mode and follows
// the hardening of the cubic springs.
class BackboneProblem : public ContinuationProblem {
public:
    BackboneProblem(const HarmonicBalance& undamped, double coefficientScale, double omegaScale);
    Eigen::Index unknowns() const override { return m_cos + 1; }
    void residual(const Eigen::VectorXd& y, Eigen::VectorXd& r) const override;
    void jacobian(const Eigen::VectorXd& y, Eigen::MatrixXd& jac) const override;
    Eigen::VectorXd scale() const override;
    // Full harmonic-balance coefficient vector (sine terms zero) of y.
    Eigen::VectorXd fullCoefficients(const Eigen::VectorXd& y) const;

private:
    const HarmonicBalance& m_hb;
    Eigen::Index m_cos;
    double m_qScale;
    double m_wScale;
};

std::vector<BackbonePoint> traceBackbone(const CubicChain& chain, const BackboneOptions& options,
                                         Progress& progress = Progress::none(),
                                         const std::function<void(const BackbonePoint&)>& onPoint = {});

} // namespace dtop::nonlinear
