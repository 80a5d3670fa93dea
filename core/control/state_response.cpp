// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/state_response.h"

#include <Eigen/Eigenvalues>

#include <stdexcept>

namespace dtop::control {

namespace {
// Below this reciprocal condition number of the eigenvector matrix the residues lose more than
// about 6 of their 16 digits; the direct solve is used instead.
constexpr double kMinEigenvectorRcond = 1e-10;
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
    const Eigen::EigenSolver<Eigen::MatrixXd> eig(a, true);
    if (eig.info() != Eigen::Success)
        throw std::runtime_error("StateResponse: eigenvalue decomposition failed");
    m_poles = eig.eigenvalues();
    const Eigen::MatrixXcd v = eig.eigenvectors();
    const Eigen::PartialPivLU<Eigen::MatrixXcd> lu(v);
    m_modal = lu.rcond() > kMinEigenvectorRcond;
    if (!m_modal)
        return;
    const Eigen::VectorXcd beta = lu.solve(b.cast<std::complex<double>>());
    const Eigen::MatrixXcd residues = (c.cast<std::complex<double>>() * v) * beta.asDiagonal();
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
    if (!m_modal) {
        evaluateDirect(omega, y);
        return;
    }
    const Eigen::Index n = m_a.rows();
    const Eigen::Index outputs = m_c.rows();
    for (Eigen::Index i = 0; i < outputs; ++i) {
        double re = 0.0, im = 0.0;
        for (Eigen::Index r = 0; r < n; ++r) {
            // 1/(jω − λ) = conj(d)/|d|² with d = −Re λ + j(ω − Im λ).
            const double dr = -m_poleRe[static_cast<std::size_t>(r)];
            const double di = omega - m_poleIm[static_cast<std::size_t>(r)];
            const double inv = 1.0 / (dr * dr + di * di);
            const double gr = dr * inv, gi = -di * inv;
            const double rr = m_residueRe(i, r), ri = m_residueIm(i, r);
            re += rr * gr - ri * gi;
            im += rr * gi + ri * gr;
        }
        y[i] = {re, im};
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

double StateResponse::kineticEnergy(double omega, const Eigen::VectorXd& weights) const
{
    std::vector<std::complex<double>> y(static_cast<std::size_t>(outputs()));
    evaluate(omega, y.data());
    double t = 0.0;
    for (Eigen::Index i = 0; i < weights.size(); ++i)
        t += weights[i] * std::norm(y[static_cast<std::size_t>(i)]);
    return 0.25 * t;
}

std::vector<double> StateResponse::kineticEnergy(const std::vector<double>& omegas,
                                                 const Eigen::VectorXd& weights) const
{
    if (weights.size() > outputs())
        throw std::invalid_argument("StateResponse::kineticEnergy: more weights than outputs");
    std::vector<double> out(omegas.size());
    if (!m_modal) {
        for (std::size_t k = 0; k < omegas.size(); ++k)
            out[k] = kineticEnergy(omegas[k], weights);
        return out;
    }
    const auto n = static_cast<std::size_t>(m_a.rows());
    const Eigen::Index m = weights.size();
    std::vector<double> gr(n), gi(n);
    // Residues of the weighted outputs, row-major per output for the inner loop.
    std::vector<double> rre(static_cast<std::size_t>(m) * n), rim(static_cast<std::size_t>(m) * n);
    for (Eigen::Index i = 0; i < m; ++i)
        for (std::size_t r = 0; r < n; ++r) {
            rre[static_cast<std::size_t>(i) * n + r] = m_residueRe(i, static_cast<Eigen::Index>(r));
            rim[static_cast<std::size_t>(i) * n + r] = m_residueIm(i, static_cast<Eigen::Index>(r));
        }
    for (std::size_t k = 0; k < omegas.size(); ++k) {
        const double omega = omegas[k];
        for (std::size_t r = 0; r < n; ++r) {
            const double dr = -m_poleRe[r];
            const double di = omega - m_poleIm[r];
            const double inv = 1.0 / (dr * dr + di * di);
            gr[r] = dr * inv;
            gi[r] = -di * inv;
        }
        double t = 0.0;
        for (Eigen::Index i = 0; i < m; ++i) {
            const double* pr = &rre[static_cast<std::size_t>(i) * n];
            const double* pi = &rim[static_cast<std::size_t>(i) * n];
            double re = 0.0, im = 0.0;
            for (std::size_t r = 0; r < n; ++r) {
                re += pr[r] * gr[r] - pi[r] * gi[r];
                im += pr[r] * gi[r] + pi[r] * gr[r];
            }
            t += weights[i] * (re * re + im * im);
        }
        out[k] = 0.25 * t;
    }
    return out;
}

} // namespace dtop::control
