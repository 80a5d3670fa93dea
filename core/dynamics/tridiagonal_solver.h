// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <complex>
#include <cstddef>

namespace dtop::dynamics {

// |re| + |im|: LAPACK's cheap pivoting magnitude.
inline double pivotMagnitude(double x) { return std::abs(x); }
inline double pivotMagnitude(std::complex<double> x)
{
    return std::abs(x.real()) + std::abs(x.imag());
}

// Solves a general tridiagonal system in place by Gaussian elimination with partial pivoting
// (LAPACK xGTSV). Pivoting matters here: the dynamic stiffness K − ω²M + jωC of a lightly damped
// chain has near-zero leading pivots at some frequencies even though it is well conditioned.
// On entry: dl[0..n-2] sub-, d[0..n-1] main, du[0..n-2] super-diagonal, b[0..n-1] right side.
// On exit b holds the solution; dl, d, du are overwritten (dl becomes the second super-diagonal).
// Returns false if the matrix is exactly singular (b is then left partly solved).
template <typename T>
bool solveTridiagonal(std::size_t n, T* dl, T* d, T* du, T* b)
{
    if (n == 0)
        return true;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (pivotMagnitude(d[i]) >= pivotMagnitude(dl[i])) {
            if (d[i] == T(0))
                return false;
            const T fact = dl[i] / d[i];
            d[i + 1] -= fact * du[i];
            b[i + 1] -= fact * b[i];
            dl[i] = T(0);
        } else {
            // Swap rows i and i+1.
            const T fact = d[i] / dl[i];
            d[i] = dl[i];
            const T temp = d[i + 1];
            d[i + 1] = du[i] - fact * temp;
            if (i + 2 < n) {
                dl[i] = du[i + 1];
                du[i + 1] = -fact * dl[i];
            }
            du[i] = temp;
            const T bi = b[i];
            b[i] = b[i + 1];
            b[i + 1] = bi - fact * b[i + 1];
        }
    }
    if (d[n - 1] == T(0))
        return false;
    b[n - 1] /= d[n - 1];
    if (n == 1)
        return true;
    b[n - 2] = (b[n - 2] - du[n - 2] * b[n - 1]) / d[n - 2];
    for (std::size_t k = n - 2; k-- > 0;)
        b[k] = (b[k] - du[k] * b[k + 1] - dl[k] * b[k + 2]) / d[k];
    return true;
}

} // namespace dtop::dynamics
