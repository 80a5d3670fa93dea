// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Dense>

namespace dtop::control {

// Stabilising solution X of the continuous algebraic Riccati equation
//   Aᵀ X + X A − X B R⁻¹ Bᵀ X + Q = 0      (Q symmetric ≥ 0, R symmetric > 0),
// i.e. the X for which A − B R⁻¹ Bᵀ X is asymptotically stable. Schur method (Laub 1979,
// IEEE TAC 24:913): ordered complex Schur form of the Hamiltonian [[A, −B R⁻¹ Bᵀ], [−Q, −Aᵀ]],
// X = U₂₁ U₁₁⁻¹, then Newton–Kleinman steps (Kleinman 1968, IEEE TAC 13:114) while they reduce
// the residual, which restores the accuracy the Schur step loses on badly scaled problems
// (e.g. a Kalman filter with a very small measurement noise). Throws std::domain_error when
// the Hamiltonian has eigenvalues on the imaginary axis (no stabilising solution).
Eigen::MatrixXd solveCare(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                          const Eigen::MatrixXd& q, const Eigen::MatrixXd& r);

// ‖Aᵀ X + X A − X B R⁻¹ Bᵀ X + Q‖_F, for checks.
double careResidual(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::MatrixXd& q,
                    const Eigen::MatrixXd& r, const Eigen::MatrixXd& x);

// Linear–quadratic regulator gain K = R⁻¹ Bᵀ X for the control law u = −K x.
Eigen::MatrixXd lqrGain(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                        const Eigen::MatrixXd& q, const Eigen::MatrixXd& r);

// Kalman–Bucy filter gain L = P Cᵀ Rn⁻¹ for ẋ = A x + G w, y = C x + v with process noise
// intensity Qn and measurement noise intensity Rn (P from the dual Riccati equation).
Eigen::MatrixXd kalmanGain(const Eigen::MatrixXd& a, const Eigen::MatrixXd& g,
                           const Eigen::MatrixXd& c, const Eigen::MatrixXd& qn,
                           const Eigen::MatrixXd& rn);

} // namespace dtop::control
