// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Dense>

#include <complex>
#include <vector>

namespace dtop::control {

// A single-input single-output feedback loop per unit gain: the open-loop transfer function
// L₀(s) = c (sI − A)⁻¹ b, closed by negative feedback with a real gain κ, so that the
// closed-loop state matrix is A − κ b c and the characteristic equation 1 + κ L₀(s) = 0.
// (For velocity feedback κ is the controller gain h; the plant, actuator, compensator or
// estimator are inside A, b, c.)
struct FeedbackLoop {
    Eigen::MatrixXd a;
    Eigen::VectorXd b;
    Eigen::RowVectorXd c;

    Eigen::Index states() const { return a.rows(); }
    Eigen::MatrixXd closedLoop(double gain) const { return a - gain * b * c; }
    // L₀(jω) by a direct solve.
    std::complex<double> response(double omega) const;
    // L₀(jω) and dL₀(jω)/dω.
    std::complex<double> response(double omega, std::complex<double>& derivative) const;
};

// Largest real part of the eigenvalues of A − κ b c (< 0 ⇔ asymptotically stable).
double maxRealPart(const Eigen::MatrixXd& a);
double closedLoopAbscissa(const FeedbackLoop& loop, double gain);

// A frequency ω ≥ 0 where L₀(jω) is real, and the gain κ = −1/L₀(jω) that puts a closed-loop
// pole at s = jω there (the root locus crosses the imaginary axis).
struct AxisCrossing {
    double omega = 0.0; // [rad/s]
    double gain = 0.0;  // κ (either sign)
};

// Every crossing, from the purely imaginary zeros of L₀(s) − L₀(−s), computed as generalised
// eigenvalues (QZ) of its Rosenbrock pencil and polished by Newton's method on Im L₀(jω) = 0;
// plus ω = 0 when L₀(0) ≠ 0. Sorted by ω.
std::vector<AxisCrossing> axisCrossings(const FeedbackLoop& loop);

// Frequencies ω > 0 where |κ L₀(jω)| = 1 (gain crossover), from the purely imaginary
// eigenvalues of the Hamiltonian-type matrix [[A, b c], [−κ² b c, −A]] (the zeros of
// κ² L₀(s) L₀(−s) − 1), polished by Newton's method on ln|κ L₀(jω)| = 0. Sorted.
std::vector<double> unitGainFrequencies(const FeedbackLoop& loop, double gain);

} // namespace dtop::control
