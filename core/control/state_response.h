// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Dense>

#include <complex>
#include <vector>

namespace dtop::control {

// Frequency response y(jω) = C (jωI − A)⁻¹ b of a single-input state-space model, evaluated
// many times. The balanced model is diagonalised once (D⁻¹AD = V Λ V⁻¹, D powers of two) and
// each frequency costs one complex division per pole plus one multiply-add per pole and output
// (pole–residue form, Laub 1981, IEEE TAC 26:407 discusses the alternatives). When V is ill-conditioned (a nearly
// defective A, e.g. at a root-locus break-away point) every frequency is instead solved
// directly with a pivoted LU of (jωI − A), which is slower but exact to rounding.
class StateResponse {
public:
    StateResponse(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, const Eigen::MatrixXd& c);

    Eigen::Index outputs() const { return m_c.rows(); }
    Eigen::Index states() const { return m_a.rows(); }
    // Eigenvalues of A [rad/s] (unordered).
    const Eigen::VectorXcd& poles() const { return m_poles; }
    // True when the pole–residue form is used (well-conditioned eigenvectors).
    bool modal() const { return m_modal; }

    // All outputs at ω [rad/s] into y[0..outputs()-1].
    void evaluate(double omega, std::complex<double>* y) const;
    // Outputs 0..count−1 at ω = omegas[0..len): y_i(jω_k) = re(k, i) + j·im(k, i) (re and im
    // are resized to len × count). The pole–residue sums of a block of frequencies run together,
    // vectorised, in the same order as evaluate(), so both give the same numbers.
    void evaluateBlock(const double* omegas, Eigen::Index len, Eigen::Index count,
                       Eigen::ArrayXXd& re, Eigen::ArrayXXd& im) const;
    // A block length that keeps a block's sums in the first-level cache.
    static constexpr Eigen::Index kBlockLength = 256;
    std::vector<std::complex<double>> evaluate(double omega) const;
    // Output `row` at every ω.
    std::vector<std::complex<double>> output(Eigen::Index row,
                                             const std::vector<double>& omegas) const;
    // ¼ Σ_i w_i |y_i(jω)|² over the first weights.size() outputs, at every ω: the time-averaged
    // kinetic energy when the outputs are floor velocities and w the floor masses.
    std::vector<double> kineticEnergy(const std::vector<double>& omegas,
                                      const Eigen::VectorXd& weights) const;
    double kineticEnergy(double omega, const Eigen::VectorXd& weights) const;
    // ¼ Σ_i w_i |y_i|² of outputs already evaluated (the same sum as kineticEnergy).
    static double weightedEnergy(const std::complex<double>* y, const Eigen::VectorXd& weights);
    // The same for frequency k of an evaluateBlock() result.
    static double weightedEnergy(const Eigen::ArrayXXd& re, const Eigen::ArrayXXd& im,
                                 Eigen::Index k, const Eigen::VectorXd& weights);

private:
    // The first `count` outputs from the pole–residue sums (modal() only).
    void evaluateModal(double omega, Eigen::Index count, std::complex<double>* y) const;
    // All outputs by a pivoted LU of (jωI − A).
    void evaluateDirect(double omega, std::complex<double>* y) const;

    Eigen::MatrixXd m_a;
    Eigen::VectorXd m_b;
    Eigen::MatrixXd m_c;
    Eigen::VectorXcd m_poles;
    bool m_modal = false;
    // Residues R(i, r) = (C V)(i, r) · (V⁻¹ b)(r), split into real and imaginary parts.
    Eigen::MatrixXd m_residueRe, m_residueIm;
    std::vector<double> m_poleRe, m_poleIm;
};

} // namespace dtop::control
