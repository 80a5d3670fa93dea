// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/profile.h"

#include <Eigen/Dense>

#include <cstddef>

namespace dtop::dynamics {

// A symmetric tridiagonal matrix: the shape of every shear-building K and C.
struct SymmetricTridiagonal {
    Eigen::VectorXd diagonal;    // n entries
    Eigen::VectorXd offDiagonal; // n-1 entries, (i, i+1) = (i+1, i)

    Eigen::MatrixXd dense() const;
    // Assembles the chain matrix of storey elements s_i joining floor i-1 to floor i.
    static SymmetricTridiagonal fromStoreys(const std::vector<double>& storeyValues);
};

// The linear (plus optional cubic storey springs) structural model of a validated Profile:
// M diagonal, K and C tridiagonal. Rayleigh damping from a target ratio is resolved here, from
// the undamped frequencies, so every consumer sees one explicit damping matrix.
class ShearBuilding {
public:
    // Throws std::invalid_argument listing every problem when profile.validate() finds any.
    explicit ShearBuilding(const model::Profile& profile);

    std::size_t dofs() const { return static_cast<std::size_t>(m_masses.size()); }
    const Eigen::VectorXd& masses() const { return m_masses; }
    const SymmetricTridiagonal& stiffness() const { return m_stiffness; }
    const SymmetricTridiagonal& damping() const { return m_damping; }
    // kc_i [N/m³] per storey, all zero for a linear profile.
    const Eigen::VectorXd& cubicStiffnesses() const { return m_cubic; }
    bool isNonlinear() const { return m_nonlinear; }

    // Effective Rayleigh coefficients (zero for storey dampers).
    double rayleighAlpha() const { return m_alpha; }
    double rayleighBeta() const { return m_beta; }

    Eigen::MatrixXd massMatrix() const;
    Eigen::MatrixXd stiffnessMatrix() const { return m_stiffness.dense(); }
    Eigen::MatrixXd dampingMatrix() const { return m_damping.dense(); }

private:
    Eigen::VectorXd m_masses;
    SymmetricTridiagonal m_stiffness;
    SymmetricTridiagonal m_damping;
    Eigen::VectorXd m_cubic;
    bool m_nonlinear = false;
    double m_alpha = 0.0;
    double m_beta = 0.0;
};

// alpha, beta giving damping ratio zeta at angular frequencies omegaA and omegaB (rad/s).
struct RayleighCoefficients {
    double alpha; // [1/s]
    double beta;  // [s]
};
RayleighCoefficients rayleighFromRatio(double zeta, double omegaA, double omegaB);

} // namespace dtop::dynamics
