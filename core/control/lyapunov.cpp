// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/lyapunov.h"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <complex>
#include <limits>
#include <stdexcept>

namespace dtop::control {

Eigen::MatrixXd solveLyapunov(const Eigen::MatrixXd& a, const Eigen::MatrixXd& q)
{
    using Complex = std::complex<double>;
    const Eigen::Index n = a.rows();
    if (a.cols() != n || q.rows() != n || q.cols() != n)
        throw std::invalid_argument("solveLyapunov: A and Q must be square and of one size");
    if (n == 0)
        return Eigen::MatrixXd(0, 0);
    // A = U T Uᴴ; with Y = Uᴴ X U and F = Uᴴ Q U the equation becomes T Y + Y Tᴴ + F = 0,
    // solved entry by entry from the bottom-right corner (T is upper triangular).
    const Eigen::ComplexSchur<Eigen::MatrixXcd> schur(a.cast<Complex>());
    const Eigen::MatrixXcd& t = schur.matrixT();
    const Eigen::MatrixXcd& u = schur.matrixU();
    const Eigen::MatrixXcd f = u.adjoint() * q.cast<Complex>() * u;
    Eigen::MatrixXcd y = Eigen::MatrixXcd::Zero(n, n);
    const double scale = t.cwiseAbs().maxCoeff();
    for (Eigen::Index i = n - 1; i >= 0; --i)
        for (Eigen::Index j = n - 1; j >= 0; --j) {
            Complex s = f(i, j);
            for (Eigen::Index k = i + 1; k < n; ++k)
                s += t(i, k) * y(k, j);
            for (Eigen::Index k = j + 1; k < n; ++k)
                s += y(i, k) * std::conj(t(j, k));
            const Complex den = t(i, i) + std::conj(t(j, j));
            if (std::abs(den) <= 64.0 * std::numeric_limits<double>::epsilon() * scale)
                throw std::domain_error("solveLyapunov: A has eigenvalues symmetric about the "
                                        "imaginary axis (not asymptotically stable)");
            y(i, j) = -s / den;
        }
    Eigen::MatrixXd x = (u * y * u.adjoint()).real();
    return 0.5 * (x + x.transpose());
}

} // namespace dtop::control
