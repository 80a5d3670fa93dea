// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/riccati.h"

#include "control/lyapunov.h"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <complex>
#include <stdexcept>

namespace dtop::control {

namespace {

using Complex = std::complex<double>;

// Swaps the adjacent diagonal entries k and k+1 of the upper triangular T (T ← Gᴴ T G,
// U ← U G with a 2×2 unitary G), as LAPACK's ztrexc does.
void swapAdjacent(Eigen::MatrixXcd& t, Eigen::MatrixXcd& u, Eigen::Index k)
{
    const Complex t11 = t(k, k);
    const Complex t22 = t(k + 1, k + 1);
    // First column of G: the eigenvector of the 2×2 block for t22.
    Complex x0 = t(k, k + 1);
    Complex x1 = t22 - t11;
    const double norm = std::hypot(std::abs(x0), std::abs(x1));
    if (norm == 0.0)
        return; // equal eigenvalues and no coupling: nothing to swap
    x0 /= norm;
    x1 /= norm;
    Eigen::Matrix2cd g;
    g << x0, -std::conj(x1), x1, std::conj(x0);
    t.middleRows(k, 2) = g.adjoint() * t.middleRows(k, 2);
    t.middleCols(k, 2) = t.middleCols(k, 2) * g;
    u.middleCols(k, 2) = u.middleCols(k, 2) * g;
    t(k + 1, k) = 0.0;
}

Eigen::MatrixXd schurSolution(const Eigen::MatrixXd& a, const Eigen::MatrixXd& g,
                              const Eigen::MatrixXd& q)
{
    const Eigen::Index n = a.rows();
    Eigen::MatrixXd h(2 * n, 2 * n);
    h << a, -g, -q, -a.transpose();
    Eigen::ComplexSchur<Eigen::MatrixXcd> schur(h.cast<Complex>());
    Eigen::MatrixXcd t = schur.matrixT();
    Eigen::MatrixXcd u = schur.matrixU();
    // Move the n stable eigenvalues to the leading positions.
    Eigen::Index placed = 0;
    for (Eigen::Index k = 0; k < 2 * n; ++k) {
        const double re = t(k, k).real();
        // Relative to |λ|, not to ‖H‖: a badly scaled Hamiltonian (tiny measurement noise) has
        // a huge norm, yet its lightly damped eigenvalues are computed accurately.
        if (std::abs(re) <= 1e-12 * std::abs(t(k, k)))
            throw std::domain_error("Riccati equation: the Hamiltonian matrix has eigenvalues on "
                                    "the imaginary axis (no stabilising solution)");
        if (re < 0.0) {
            for (Eigen::Index j = k; j > placed; --j)
                swapAdjacent(t, u, j - 1);
            ++placed;
        }
    }
    if (placed != n)
        throw std::domain_error("Riccati equation: the Hamiltonian matrix does not have n stable "
                                "eigenvalues");
    const Eigen::MatrixXcd u11 = u.topLeftCorner(n, n);
    const Eigen::MatrixXcd u21 = u.bottomLeftCorner(n, n);
    // X = U21 U11⁻¹  ⇔  U11ᵀ Xᵀ = U21ᵀ.
    const Eigen::MatrixXcd xt = u11.transpose().fullPivLu().solve(u21.transpose());
    Eigen::MatrixXd x = xt.transpose().real();
    return 0.5 * (x + x.transpose());
}

double residualOf(const Eigen::MatrixXd& a, const Eigen::MatrixXd& g, const Eigen::MatrixXd& q,
                  const Eigen::MatrixXd& x)
{
    return (a.transpose() * x + x * a - x * g * x + q).norm();
}

} // namespace

double careResidual(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::MatrixXd& q,
                    const Eigen::MatrixXd& r, const Eigen::MatrixXd& x)
{
    const Eigen::MatrixXd g = b * r.ldlt().solve(b.transpose());
    return residualOf(a, g, q, x);
}

Eigen::MatrixXd solveCare(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                          const Eigen::MatrixXd& q, const Eigen::MatrixXd& r)
{
    const Eigen::Index n = a.rows();
    if (a.cols() != n || b.rows() != n || q.rows() != n || q.cols() != n ||
        r.rows() != b.cols() || r.cols() != b.cols())
        throw std::invalid_argument("solveCare: matrix sizes do not agree");
    const Eigen::LDLT<Eigen::MatrixXd> rFactor(r);
    if (rFactor.info() != Eigen::Success || !rFactor.isPositive())
        throw std::invalid_argument("solveCare: R must be symmetric positive definite");
    const Eigen::MatrixXd rInvBt = rFactor.solve(b.transpose());
    const Eigen::MatrixXd g = b * rInvBt;
    Eigen::MatrixXd x = schurSolution(a, g, q);
    double residual = residualOf(a, g, q, x);
    // Newton–Kleinman: with K = R⁻¹BᵀX, solve (A − BK)ᵀ X⁺ + X⁺ (A − BK) + Q + Kᵀ R K = 0.
    for (int iteration = 0; iteration < 8 && residual > 0.0; ++iteration) {
        const Eigen::MatrixXd k = rInvBt * x;
        const Eigen::MatrixXd closed = a - b * k;
        Eigen::MatrixXd next;
        try {
            next = solveLyapunov(closed.transpose(), q + k.transpose() * r * k);
        } catch (const std::domain_error&) {
            break;
        }
        const double nextResidual = residualOf(a, g, q, next);
        if (!(nextResidual < residual))
            break;
        x = std::move(next);
        residual = nextResidual;
    }
    return x;
}

Eigen::MatrixXd lqrGain(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                        const Eigen::MatrixXd& q, const Eigen::MatrixXd& r)
{
    const Eigen::MatrixXd x = solveCare(a, b, q, r);
    return r.ldlt().solve(b.transpose() * x);
}

Eigen::MatrixXd kalmanGain(const Eigen::MatrixXd& a, const Eigen::MatrixXd& g,
                           const Eigen::MatrixXd& c, const Eigen::MatrixXd& qn,
                           const Eigen::MatrixXd& rn)
{
    const Eigen::MatrixXd p = solveCare(a.transpose(), c.transpose(), g * qn * g.transpose(), rn);
    return rn.ldlt().solve(c * p).transpose();
}

} // namespace dtop::control
