// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/profile.h"

#include <Eigen/Dense>

#include <cstddef>
#include <vector>

namespace dtop::nonlinear {

// The forced cubic chain of the nonlinear tool (docs/tools/nonlinear.md §1):
//   M ẍ + C ẋ + K x + f_c(x) = e_f·p(t),
// with f_c the cubic storey forces kc_i·d_i³ on the drifts d_i = x_i − x_{i−1} (x_0 = 0, the
// ground), equal and opposite on the two floors a storey joins. M, K, C come from
// dynamics::ShearBuilding, so any profile with (or without) cubic storey springs works.
class CubicChain {
public:
    // Throws std::invalid_argument listing every problem when profile.validate() finds any.
    // forceFloor is 1-based (the floor the excitation and the CBC controller act on).
    explicit CubicChain(const model::Profile& profile, int forceFloor = 1);

    std::size_t dofs() const { return static_cast<std::size_t>(m_mass.size()); }
    int forceIndex() const { return m_forceIndex; } // 0-based
    const Eigen::VectorXd& masses() const { return m_mass; }
    const Eigen::MatrixXd& stiffness() const { return m_k; }
    const Eigen::MatrixXd& damping() const { return m_c; }
    const Eigen::VectorXd& cubic() const { return m_kc; } // kc_i [N/m³] per storey
    bool isNonlinear() const { return m_nonlinear; }

    // f_c(x) added into f (n entries each).
    void addCubicForce(const double* x, double* f) const;
    // Storey tangent stiffnesses 3·kc_i·d_i² at x into s (n entries).
    void storeyTangent(const double* x, double* s) const;
    // The tangent matrix ∂f_c/∂x at x (n×n, tridiagonal).
    Eigen::MatrixXd cubicTangent(const Eigen::VectorXd& x) const;
    // Potential energy ½xᵀKx + Σ kc_i d_i⁴/4 [J].
    double potentialEnergy(const Eigen::VectorXd& x) const;
    double kineticEnergy(const Eigen::VectorXd& v) const { return 0.5 * v.dot(m_mass.cwiseProduct(v)); }

    // First-order right-hand side z = [x; v], forcing value p on the force floor plus an
    // extra force u on the same floor (the CBC controller): dz = [v; M⁻¹(e_f(p+u) − Cv − Kx − f_c)].
    void derivative(const double* z, double p, double* dz) const;

    // Undamped natural frequencies of the linearised chain [rad/s], ascending.
    Eigen::VectorXd naturalFrequencies() const;
    // Modal damping ratios of the linearised chain (from the damped eigenvalues, same order).
    Eigen::VectorXd dampingRatios() const;
    // Undamped mode shapes (columns, mass-normalised, floor-1 entry positive).
    Eigen::MatrixXd modeShapes() const;

private:
    Eigen::VectorXd m_mass;
    Eigen::MatrixXd m_k;
    Eigen::MatrixXd m_c;
    Eigen::VectorXd m_kc;
    Eigen::VectorXd m_omega;
    Eigen::MatrixXd m_shapes;
    Eigen::VectorXd m_zeta;
    int m_forceIndex = 0;
    bool m_nonlinear = false;
};

} // namespace dtop::nonlinear
