// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "nonlinear/branch_point.h"
#include "nonlinear/continuation.h"
#include "nonlinear/cubic_chain.h"
#include "nonlinear/harmonic_balance.h"

#include <Eigen/Dense>

#include <functional>
#include <string>
#include <vector>

namespace dtop::nonlinear {

enum class ContinuationParameter { Force, Frequency };

// R(q; λ) = 0 of the harmonic balance with λ the force [N] or the frequency [rad/s] and the
// other one fixed; unknowns y = [q; λ].
class HarmonicBalanceBranch : public ContinuationProblem {
public:
    HarmonicBalanceBranch(const HarmonicBalance& hb, ContinuationParameter parameter,
                          double fixedValue, double parameterScale, double coefficientScale);
    Eigen::Index unknowns() const override { return m_hb.size() + 1; }
    void residual(const Eigen::VectorXd& y, Eigen::VectorXd& r) const override;
    void jacobian(const Eigen::VectorXd& y, Eigen::MatrixXd& jac) const override;
    Eigen::VectorXd scale() const override;

    double omega(const Eigen::VectorXd& y) const;
    double force(const Eigen::VectorXd& y) const;

private:
    const HarmonicBalance& m_hb;
    ContinuationParameter m_parameter;
    double m_fixed;
    double m_parameterScale;
    double m_coefficientScale;
};

struct BranchOptions {
    ContinuationParameter parameter = ContinuationParameter::Force;
    double fixedValue = 16.0;  // the frequency [rad/s] of a force curve, the force [N] of an FRC
    double from = 1.0;         // range of the continued parameter
    double to = 81.0;
    int harmonics = 0;         // 0: automatic (grows while the top harmonic exceeds the tolerance)
    int startHarmonics = 2;
    int maxHarmonics = 40;
    double harmonicTolerance = 1e-7; // [m] bound on the top retained harmonic's amplitude
    double foldArcTolerance = 1e-9;  // scaled arclength bracket of the fold localisation
    bool stability = true;           // Floquet multipliers of every point
    double maxAmplitudeM = 1e3;      // safety stop
    ContinuationSettings settings;
};

struct TracedBranch {
    std::vector<BranchPoint> points;
    std::vector<FoldPoint> folds;
    std::vector<Bifurcation> bifurcations;
    int harmonics = 0;             // the largest count used
    std::string stopReason;        // "end of range", "step too small", "max points", ...
};

// Continues the branch over [from, to] (either order) from the orbit found at `from`: a
// Newton solve from the linear response (or, for a force curve, a continuation from a small
// force when that fails). Folds are located by the zero of the parameter component of the
// tangent; stability changes are classified from the multipliers. onPoint sees every
// accepted point as it is computed (and may throw Cancelled, as progress does).
TracedBranch traceBranch(const CubicChain& chain, const BranchOptions& options,
                         Progress& progress = Progress::none(),
                         const std::function<void(const BranchPoint&)>& onPoint = {});

// The BranchPoint of coefficients q at (ω, F): amplitudes, peak-to-peak, multipliers.
BranchPoint makeBranchPoint(const HarmonicBalance& hb, const Eigen::VectorXd& q, double omega,
                            double force, bool stability);

// Coefficients of a BranchPoint as a vector for harmonic balance at its harmonic count.
Eigen::VectorXd branchCoefficients(const BranchPoint& point);

// Floquet multipliers of a harmonic-balance orbit: monodromy of the full nonlinear flow
// (variational equations, Boost.Odeint) from the orbit's state at t = 0.
std::vector<std::complex<double>> orbitMultipliers(const CubicChain& chain,
                                                   const HarmonicBalance& hb,
                                                   const Eigen::VectorXd& q, double omega,
                                                   double force);

} // namespace dtop::nonlinear
