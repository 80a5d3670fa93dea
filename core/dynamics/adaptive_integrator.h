// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "dynamics/excitation_signal.h"
#include "dynamics/shear_building.h"
#include "dynamics/time_grid.h"

#include <Eigen/Dense>

namespace dtop::dynamics {

// Right-hand side of the (possibly nonlinear) equations of motion in first-order form,
// z = [x; ẋ]: M ẍ + C ẋ + K x + f_c(x) = e_j F(t), or = −M 1 a_g(t) for base motion
// (x relative to the ground). The cubic storey force kc_i·d_i³ acts on the drift
// d_i = x_i − x_{i−1} between floor i−1 and floor i, equal and opposite on both
// (prototype defect D11 applied β1 and β2 to one spring).
class EquationsOfMotion {
public:
    EquationsOfMotion(const ShearBuilding& building, const ExcitationSignal& signal);
    // dz/dt at time t into dz (2n entries).
    void derivative(const double* z, double t, double* dz) const;
    // Floor accelerations ẍ at state z and input value u (2n in, n out).
    void acceleration(const double* z, double u, double* out) const;
    std::size_t dofs() const { return m_n; }

private:
    std::size_t m_n;
    const ExcitationSignal& m_signal;
    std::vector<double> m_invMass, m_kDiag, m_kOff, m_cDiag, m_cOff, m_cubic;
    bool m_nonlinear;
};

// Dormand–Prince 5(4) (Boost.Odeint runge_kutta_dopri5, dense output) from z0 over the grid.
// The step never exceeds a quarter of a pulse's width or a sine's 1/(2πf), nor a record's
// sample spacing, so no pulse can be stepped over (prototype defect D1). Returns one state column
// per grid sample. Throws std::runtime_error if the solution stops being finite or the step size
// collapses.
Eigen::MatrixXd integrateAdaptive(const ShearBuilding& building, const ExcitationSignal& signal,
                                  const TimeGrid& grid, const Eigen::VectorXd& z0,
                                  double relativeTolerance, double absoluteTolerance,
                                  const Progress& progress, std::size_t& steps);

} // namespace dtop::dynamics
