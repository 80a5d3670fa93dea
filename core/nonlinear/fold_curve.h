// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "nonlinear/branch_point.h"
#include "nonlinear/continuation.h"
#include "nonlinear/cubic_chain.h"
#include "nonlinear/harmonic_balance.h"

#include <functional>
#include <vector>

namespace dtop::nonlinear {

// One point of a fold (saddle-node) curve in the (frequency, force) plane.
struct FoldCurvePoint {
    double frequencyRadS = 0.0;
    double forceN = 0.0;
    double amplitudeM = 0.0; // floor 1's first harmonic
};

struct FoldCurve {
    std::vector<FoldCurvePoint> points; // in order along the curve
    bool hasCusp = false;
    FoldCurvePoint cusp;                // where the two fold branches meet
    int harmonics = 0;
};

// Two-parameter continuation of folds: unknowns y = [q; ω; F], equations R(q; ω, F) = 0 and
// the minimally augmented fold condition g(q, ω) = 0, where g is the last entry of the
// solution of the bordered system [R_q b; cᵀ 0][v; g] = [0; 1] (Govaerts, Numerical Methods
// for Bifurcations of Dynamical Equilibria, SIAM 2000, §4.3; Kuznetsov, Elements of Applied
// Bifurcation Theory, 3rd ed., §10.2). The derivatives of g use the exact second derivative of
// the cubic term (HarmonicBalance::secondDerivative).
class FoldProblem : public ContinuationProblem {
public:
    FoldProblem(const HarmonicBalance& hb, const Eigen::VectorXd& foldCoefficients,
                double omega, double coefficientScale, double omegaScale, double forceScale);
    Eigen::Index unknowns() const override { return m_hb.size() + 2; }
    void residual(const Eigen::VectorXd& y, Eigen::VectorXd& r) const override;
    void jacobian(const Eigen::VectorXd& y, Eigen::MatrixXd& jac) const override;
    Eigen::VectorXd scale() const override;

private:
    const HarmonicBalance& m_hb;
    Eigen::VectorXd m_b;
    Eigen::VectorXd m_c;
    double m_qScale, m_wScale, m_fScale;

    // g and the bordered solutions v (right) and w (left) at (q, ω).
    double foldFunction(const Eigen::VectorXd& q, double omega, Eigen::VectorXd* v,
                        Eigen::VectorXd* w) const;
};

struct FoldCurveOptions {
    double fromRadS = 8.0;    // frequency window of the curve
    double toRadS = 24.0;
    double forceLimitN = 200.0;
    double arcTolerance = 1e-9; // cusp localisation
    ContinuationSettings settings;
};

// Continues the fold `start` (found on a force curve at frequency start.frequencyRadS, with the
// coefficients `q` of harmonic count `harmonics`) in both directions until the curve leaves
// [fromRadS, toRadS] × (0, forceLimitN]. The cusp is the turning point of the frequency along
// the curve.
FoldCurve traceFoldCurve(const CubicChain& chain, const FoldPoint& start,
                         const Eigen::VectorXd& q, int harmonics, const FoldCurveOptions& options,
                         Progress& progress = Progress::none(),
                         const std::function<void(const FoldCurvePoint&)>& onPoint = {});

} // namespace dtop::nonlinear
