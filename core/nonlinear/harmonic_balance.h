// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nonlinear/cubic_chain.h"

#include <Eigen/Dense>

#include <cstddef>

namespace dtop::nonlinear {

// Harmonic balance of the forced cubic chain with the alternating frequency–time scheme
// (Cameron & Griffin, J. Appl. Mech. 56 (1989) 149–154). The cubic chain is odd-symmetric, so
// its symmetric periodic orbits contain odd harmonics only:
//   x(τ) = Σ_{j<H} a_j cos(h_j τ) + b_j sin(h_j τ),   h_j = 2j+1,   τ = ωt,
// and the residual R(q; ω, F) = L(ω) q + f̂_c(q) − F ê (force F cos ωt on the force floor)
// is evaluated exactly: f_c is a cubic, so N = 8H time samples project it without aliasing and
// the scheme is the exact Galerkin projection, not an approximation of it.
// Unknown layout: q[j·2n + 0·n + i] = a_j of floor i, q[j·2n + n + i] = b_j of floor i.
class HarmonicBalance {
public:
    // includeDamping = false drops C (conservative orbits of the backbone curves).
    HarmonicBalance(const CubicChain& chain, int harmonics, bool includeDamping = true);

    const CubicChain& chain() const { return m_chain; }
    int harmonics() const { return m_h; }
    int timeSamples() const { return m_samples; }
    Eigen::Index size() const { return 2 * m_n * m_h; }
    Eigen::Index dofs() const { return m_n; }
    static int order(int j) { return 2 * j + 1; }
    Eigen::Index index(int j, bool sine, Eigen::Index dof) const
    {
        return j * 2 * m_n + (sine ? m_n : 0) + dof;
    }

    // R(q; ω, F) into r (size() entries).
    void residual(const Eigen::VectorXd& q, double omega, double force, Eigen::VectorXd& r) const;
    // ∂R/∂q into jac (size()×size()).
    void jacobian(const Eigen::VectorXd& q, double omega, Eigen::MatrixXd& jac) const;
    // ∂R/∂ω and ∂R/∂F.
    Eigen::VectorXd omegaDerivative(const Eigen::VectorXd& q, double omega) const;
    Eigen::VectorXd forceDerivative() const;
    // ∂/∂q of (∂R/∂q · v): the exact second derivative of the cubic term contracted with v
    // (the linear part contributes nothing). Used by the fold (two-parameter) continuation.
    void secondDerivative(const Eigen::VectorXd& q, const Eigen::VectorXd& v,
                          Eigen::MatrixXd& out) const;
    // ∂/∂ω of (∂R/∂q · v).
    Eigen::VectorXd omegaJacobianProduct(const Eigen::VectorXd& v, double omega) const;

    // Displacements at `samples` equispaced instants of one period, floor by floor (n×samples).
    Eigen::MatrixXd displacements(const Eigen::VectorXd& q, int samples) const;
    // Velocities ẋ at the same instants.
    Eigen::MatrixXd velocities(const Eigen::VectorXd& q, double omega, int samples) const;
    // First-harmonic amplitude √(a_0² + b_0²) of every floor [m].
    Eigen::VectorXd firstHarmonicAmplitudes(const Eigen::VectorXd& q) const;
    // Amplitude of harmonic j (order 2j+1) of every floor [m].
    Eigen::VectorXd harmonicAmplitudes(const Eigen::VectorXd& q, int j) const;
    // max − min of each floor's displacement over one period [m] (dense sampling).
    Eigen::VectorXd peakToPeak(const Eigen::VectorXd& q) const;
    // Largest amplitude of the highest retained harmonic over all floors [m].
    double topHarmonicAmplitude(const Eigen::VectorXd& q) const;
    // State [x(0); ẋ(0)] of the orbit at τ = 0 (forcing phase 0).
    Eigen::VectorXd initialState(const Eigen::VectorXd& q, double omega) const;
    // The orbit's coefficients at another harmonic count (padded with zeros or truncated).
    Eigen::VectorXd resized(const Eigen::VectorXd& q, int harmonics) const;
    // The linear (kc = 0) steady state at (ω, F): the start of every branch.
    Eigen::VectorXd linearSolution(double omega, double force) const;

private:
    const CubicChain& m_chain;
    Eigen::Index m_n;
    int m_h;
    int m_samples;
    bool m_damped;
    Eigen::MatrixXd m_cos;   // H×N: cos(h_j τ_k)
    Eigen::MatrixXd m_sin;   // H×N
    Eigen::MatrixXd m_cosM;  // (4H−1)×N: cos(m τ_k), m = 0..4H−2
    Eigen::MatrixXd m_sinM;  // (4H−1)×N
    Eigen::MatrixXd m_cDamp; // C or zero

    Eigen::MatrixXd samplesOf(const Eigen::VectorXd& q) const; // n×N at the AFT instants
    void addStoreyBlocks(const Eigen::MatrixXd& storeySamples, Eigen::MatrixXd& out) const;
};

} // namespace dtop::nonlinear
