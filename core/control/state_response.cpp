// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/state_response.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dtop::control {

namespace {
// Below this reciprocal condition number of the eigenvector matrix the residues lose more than
// about 6 of their 16 digits; the direct solve is used instead.
constexpr double kMinEigenvectorRcond = 1e-10;

// Diagonal scaling d by powers of two (exact) such that D⁻¹ A D has rows and columns of
// comparable norm (Parlett & Reinsch 1969, the balancing of LAPACK's dgebal). A state matrix
// [[0, I], [−M⁻¹K, −M⁻¹C]] is badly scaled (1 against ω²); balanced, its lightly damped
// eigenvalues and eigenvectors are accurate to rounding, so the pole–residue form agrees with a
// direct solve to about 1e−13 even at a 0.2 %-damped resonance (1e−9 unbalanced).
Eigen::VectorXd balancingScale(Eigen::MatrixXd a)
{
    const Eigen::Index n = a.rows();
    Eigen::VectorXd d = Eigen::VectorXd::Ones(n);
    for (bool converged = false; !converged;) {
        converged = true;
        for (Eigen::Index i = 0; i < n; ++i) {
            double column = 0.0, row = 0.0;
            for (Eigen::Index j = 0; j < n; ++j)
                if (j != i) {
                    column += std::abs(a(j, i));
                    row += std::abs(a(i, j));
                }
            if (column == 0.0 || row == 0.0 || !std::isfinite(column + row))
                continue;
            const double sum = column + row;
            double f = 1.0;
            while (column < 0.5 * row) {
                f *= 2.0;
                column *= 4.0;
            }
            while (column >= 2.0 * row) {
                f *= 0.5;
                column *= 0.25;
            }
            if ((column + row) / f < 0.95 * sum) {
                converged = false;
                d[i] *= f;
                a.row(i) /= f;
                a.col(i) *= f;
            }
        }
    }
    return d;
}
} // namespace

StateResponse::StateResponse(const Eigen::MatrixXd& a, const Eigen::VectorXd& b,
                             const Eigen::MatrixXd& c)
    : m_a(a), m_b(b), m_c(c)
{
    const Eigen::Index n = a.rows();
    if (a.cols() != n || b.size() != n || c.cols() != n)
        throw std::invalid_argument("StateResponse: matrix sizes do not agree");
    if (n == 0) {
        m_modal = true;
        m_residueRe = m_residueIm = Eigen::MatrixXd::Zero(c.rows(), 0);
        return;
    }
    // Diagonalise the balanced D⁻¹AD = V Λ V⁻¹: the residues are (C D V)(i, r)·(V⁻¹ D⁻¹ b)(r).
    const Eigen::VectorXd d = balancingScale(a);
    const Eigen::MatrixXd balanced = d.cwiseInverse().asDiagonal() * a * d.asDiagonal();
    const Eigen::EigenSolver<Eigen::MatrixXd> eig(balanced, true);
    if (eig.info() != Eigen::Success)
        throw std::runtime_error("StateResponse: eigenvalue decomposition failed");
    m_poles = eig.eigenvalues();
    const Eigen::MatrixXcd v = eig.eigenvectors();
    const Eigen::PartialPivLU<Eigen::MatrixXcd> lu(v);
    m_modal = lu.rcond() > kMinEigenvectorRcond;
    if (!m_modal)
        return;
    const Eigen::VectorXd scaledB = d.cwiseInverse().cwiseProduct(b);
    const Eigen::MatrixXd scaledC = c * d.asDiagonal();
    const Eigen::VectorXcd beta = lu.solve(scaledB.cast<std::complex<double>>());
    const Eigen::MatrixXcd residues =
        (scaledC.cast<std::complex<double>>() * v) * beta.asDiagonal();
    m_residueRe = residues.real();
    m_residueIm = residues.imag();
    m_poleRe.resize(static_cast<std::size_t>(n));
    m_poleIm.resize(static_cast<std::size_t>(n));
    for (Eigen::Index r = 0; r < n; ++r) {
        m_poleRe[static_cast<std::size_t>(r)] = m_poles[r].real();
        m_poleIm[static_cast<std::size_t>(r)] = m_poles[r].imag();
    }
}

void StateResponse::evaluateDirect(double omega, std::complex<double>* y) const
{
    Eigen::MatrixXcd m = -m_a.cast<std::complex<double>>();
    m.diagonal().array() += std::complex<double>(0.0, omega);
    const Eigen::VectorXcd x = m.partialPivLu().solve(m_b.cast<std::complex<double>>());
    const Eigen::VectorXcd out = m_c.cast<std::complex<double>>() * x;
    for (Eigen::Index i = 0; i < out.size(); ++i)
        y[i] = out[i];
}

void StateResponse::evaluate(double omega, std::complex<double>* y) const
{
    if (m_modal)
        evaluateModal(omega, m_c.rows(), y);
    else
        evaluateDirect(omega, y);
}

void StateResponse::evaluateModal(double omega, Eigen::Index count, std::complex<double>* y) const
{
    const Eigen::Index n = m_a.rows();
    for (Eigen::Index i = 0; i < count; ++i)
        y[i] = {0.0, 0.0};
    // One division per pole; every output sums over the poles in the same order.
    for (Eigen::Index r = 0; r < n; ++r) {
        // 1/(jω − λ) = conj(d)/|d|² with d = −Re λ + j(ω − Im λ).
        const double dr = -m_poleRe[static_cast<std::size_t>(r)];
        const double di = omega - m_poleIm[static_cast<std::size_t>(r)];
        const double inv = 1.0 / (dr * dr + di * di);
        const double gr = dr * inv, gi = -di * inv;
        const double* pr = m_residueRe.col(r).data();
        const double* pi = m_residueIm.col(r).data();
        for (Eigen::Index i = 0; i < count; ++i) {
            const double re = y[i].real() + (pr[i] * gr - pi[i] * gi);
            const double im = y[i].imag() + (pr[i] * gi + pi[i] * gr);
            y[i] = {re, im};
        }
    }
}

void StateResponse::evaluateBlock(const double* omegas, Eigen::Index len, Eigen::Index count,
                                  Eigen::ArrayXXd& re, Eigen::ArrayXXd& im) const
{
    if (count > outputs())
        throw std::invalid_argument("StateResponse::evaluateBlock: more outputs than the model's");
    re.setZero(len, count);
    im.setZero(len, count);
    if (!m_modal) {
        std::vector<std::complex<double>> y(static_cast<std::size_t>(outputs()));
        for (Eigen::Index k = 0; k < len; ++k) {
            evaluateDirect(omegas[k], y.data());
            for (Eigen::Index i = 0; i < count; ++i) {
                re(k, i) = y[static_cast<std::size_t>(i)].real();
                im(k, i) = y[static_cast<std::size_t>(i)].imag();
            }
        }
        return;
    }
    const Eigen::Map<const Eigen::ArrayXd> omega(omegas, len);
    Eigen::ArrayXd di(len), inv(len), gr(len), gi(len);
    for (Eigen::Index r = 0; r < m_a.rows(); ++r) {
        // The operations of evaluateModal, one frequency per element.
        const double dr = -m_poleRe[static_cast<std::size_t>(r)];
        di = omega - m_poleIm[static_cast<std::size_t>(r)];
        inv = 1.0 / (dr * dr + di * di);
        gr = dr * inv;
        gi = -di * inv;
        for (Eigen::Index i = 0; i < count; ++i) {
            const double pr = m_residueRe(i, r), pi = m_residueIm(i, r);
            re.col(i) += pr * gr - pi * gi;
            im.col(i) += pr * gi + pi * gr;
        }
    }
}

std::vector<std::complex<double>> StateResponse::evaluate(double omega) const
{
    std::vector<std::complex<double>> y(static_cast<std::size_t>(outputs()));
    evaluate(omega, y.data());
    return y;
}

std::vector<std::complex<double>> StateResponse::output(Eigen::Index row,
                                                        const std::vector<double>& omegas) const
{
    std::vector<std::complex<double>> out(omegas.size());
    std::vector<std::complex<double>> y(static_cast<std::size_t>(outputs()));
    for (std::size_t k = 0; k < omegas.size(); ++k) {
        evaluate(omegas[k], y.data());
        out[k] = y[static_cast<std::size_t>(row)];
    }
    return out;
}

double StateResponse::weightedEnergy(const std::complex<double>* y, const Eigen::VectorXd& weights)
{
    double t = 0.0;
    for (Eigen::Index i = 0; i < weights.size(); ++i)
        t += weights[i] * std::norm(y[i]);
    return 0.25 * t;
}

double StateResponse::kineticEnergy(double omega, const Eigen::VectorXd& weights) const
{
    if (weights.size() > outputs())
        throw std::invalid_argument("StateResponse::kineticEnergy: more weights than outputs");
    std::vector<std::complex<double>> y(static_cast<std::size_t>(outputs()));
    evaluate(omega, y.data());
    return weightedEnergy(y.data(), weights);
}

std::vector<double> StateResponse::kineticEnergy(const std::vector<double>& omegas,
                                                 const Eigen::VectorXd& weights) const
{
    if (weights.size() > outputs())
        throw std::invalid_argument("StateResponse::kineticEnergy: more weights than outputs");
    std::vector<double> out(omegas.size());
    Eigen::ArrayXXd re, im;
    const auto total = static_cast<Eigen::Index>(omegas.size());
    for (Eigen::Index start = 0; start < total; start += kBlockLength) {
        const Eigen::Index len = std::min(kBlockLength, total - start);
        // Only the weighted outputs are needed.
        evaluateBlock(omegas.data() + start, len, weights.size(), re, im);
        for (Eigen::Index k = 0; k < len; ++k)
            out[static_cast<std::size_t>(start + k)] = weightedEnergy(re, im, k, weights);
    }
    return out;
}

double StateResponse::weightedEnergy(const Eigen::ArrayXXd& re, const Eigen::ArrayXXd& im,
                                     Eigen::Index k, const Eigen::VectorXd& weights)
{
    // The sum of weightedEnergy(y, weights), term by term.
    double t = 0.0;
    for (Eigen::Index i = 0; i < weights.size(); ++i)
        t += weights[i] * (re(k, i) * re(k, i) + im(k, i) * im(k, i));
    return 0.25 * t;
}

} // namespace dtop::control
