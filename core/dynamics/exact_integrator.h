// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "dynamics/excitation_signal.h"
#include "dynamics/time_grid.h"

#include <Eigen/Dense>

#include <vector>

namespace dtop::dynamics {

// Integrates ż = A z + b u(t) exactly for u piecewise linear (or constant, for a zero-order
// hold) on the integration grid: one matrix–vector product per step. Each output interval
// is split into the sub-steps signal.maxStep() asks for (one exponential per distinct count).
// Returns the states at the grid points, one column per sample; `input` receives u(t_k).
Eigen::MatrixXd integrateExact(const Eigen::MatrixXd& a, const Eigen::VectorXd& b,
                               const ExcitationSignal& signal, const TimeGrid& grid,
                               const Eigen::VectorXd& z0, const Progress& progress,
                               std::size_t& steps, std::vector<double>& input);

} // namespace dtop::dynamics
