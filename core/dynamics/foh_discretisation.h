// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Dense>

namespace dtop::dynamics {

// Exact discretisation of ż = A z + b u(t) over a step h for an input that is linear within
// the step (first-order hold): z₊ = Φ z + Γ₀ u₀ + Γ₁ (u₁ − u₀), with Φ = e^{Ah},
// Γ₀ = ∫₀ʰ e^{Aτ} dτ b and Γ₁ = (1/h) ∫₀ʰ e^{A(h−s)} s ds b. For a zero-order hold drop Γ₁.
struct FohDiscretisation {
    Eigen::MatrixXd phi;
    Eigen::VectorXd gamma0;
    Eigen::VectorXd gamma1;
    double stepS = 0.0;
};

// All three from one matrix exponential of [[A h, b h, 0], [0, 0, 1], [0, 0, 0]] (Van Loan 1978,
// IEEE TAC 23:395), computed by scaling and squaring with a Padé approximant (Higham 2005).
FohDiscretisation discretiseFoh(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, double stepS);

} // namespace dtop::dynamics
