// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Dense>

namespace dtop::control {

// Solves the continuous Lyapunov equation A X + X Aᵀ + Q = 0 for X (Q symmetric; X is then
// symmetric and returned exactly symmetric). Bartels–Stewart on the complex Schur form of A
// (Bartels & Stewart 1972, Comm. ACM 15:820): O(n³), backward stable, no n²×n² system.
// Requires λ_i + conj(λ_j) ≠ 0 for every pair of eigenvalues of A (true whenever A is
// asymptotically stable); throws std::domain_error otherwise.
Eigen::MatrixXd solveLyapunov(const Eigen::MatrixXd& a, const Eigen::MatrixXd& q);

} // namespace dtop::control
