// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nonlinear/cubic_chain.h"

#include <Eigen/Dense>

#include <complex>
#include <vector>

namespace dtop::nonlinear {

// Single shooting for the periodic orbits of the forced cubic chain (Seydel, Practical
// Bifurcation and Stability Analysis, 3rd ed., Springer 2010, §7.3; Peeters et al., MSSP 23
// (2009) 195–216): the flow over one forcing period T = 2π/ω and its monodromy matrix from the
// variational equations, integrated together with Boost.Odeint's Runge–Kutta–Fehlberg 7(8).
// The forcing is F·cos(ωt) on the force floor; the state is z = [x; ẋ].
class Shooting {
public:
    explicit Shooting(const CubicChain& chain, double relativeTolerance = 1e-10,
                      double absoluteTolerance = 1e-12);

    // z(T) from z(0) = z0; the monodromy ∂z(T)/∂z0 too when requested.
    Eigen::VectorXd flow(const Eigen::VectorXd& z0, double omega, double force,
                         Eigen::MatrixXd* monodromy = nullptr) const;
    // Newton on z(T) − z0 = 0 from z0 (updated in place). Returns true when the scaled update
    // falls below tolerance·(1 + ‖z0‖).
    bool solve(Eigen::VectorXd& z0, double omega, double force, int maxIterations = 30,
               double tolerance = 1e-11) const;
    // Floquet multipliers (eigenvalues of the monodromy matrix) of the orbit through z0,
    // sorted by decreasing modulus.
    std::vector<std::complex<double>> multipliers(const Eigen::VectorXd& z0, double omega,
                                                  double force) const;
    // States at `samples` equispaced instants of one period from z0 (2n×samples; column k at
    // t = kT/samples).
    Eigen::MatrixXd sample(const Eigen::VectorXd& z0, double omega, double force,
                           int samples) const;

private:
    const CubicChain& m_chain;
    double m_rtol;
    double m_atol;
};

// Eigenvalues of a real matrix sorted by decreasing modulus.
std::vector<std::complex<double>> sortedEigenvalues(const Eigen::MatrixXd& matrix);

} // namespace dtop::nonlinear
