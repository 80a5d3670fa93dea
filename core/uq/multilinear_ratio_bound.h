// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uq/chain_minors.h"

#include <cmath>
#include <complex>
#include <limits>
#include <cstddef>
#include <vector>

namespace dtop::uq {

// |re + j im| without hypot's cost: sqrt(re² + im²) errs by under 2 ulps unless the squares
// over- or underflow, where hypot takes over.
inline double modulus(double re, double im)
{
    const double s = re * re + im * im;
    return s < 1e300 && s > 1e-300 ? std::sqrt(s) : std::hypot(re, im);
}

// A direction u for which min_v Re(conj(u) P_v) is (nearly) the distance from 0 to the convex
// hull of the points P_v: Gilbert–Johnson–Keerthi's min-norm-point iteration in the plane.
// Returns false if 0 lies in the hull (or on its boundary). Approximate: callers certify the
// bound with u themselves.
bool hullDirection(const std::complex<double>* points, std::size_t count, std::complex<double>& u);

// Rigorous upper bound on sup |A(p) / B(p)| over a box, where A = Π_f num_f and B = Π_g den_g
// are products of factors that are multilinear in disjoint sets of the box's coordinates (so A
// and B are multilinear too), given every factor at all 2^p corners with rounding radii.
//
// For directions u_g with d_g(p) = Re(conj(u_g) den_g(p)) > 0 on the box, |B| >= Π d_g / |u_g|,
// and d = Π d_g is multilinear and positive. Then
//   sup_p |A(p)| / d(p) = max_θ sup_p Re(e^{−jθ} A(p)) / d(p) = max_v |A_v| / d_v,
// because a ratio of two real multilinear functions with a positive denominator is
// linear-fractional, so monotone, in each coordinate separately: its supremum is at a corner.
// d_g > 0 on the box is itself checked at the corners (d_g is multilinear). So
//   sup |A/B| <= Π|u_g| max_v |A_v| / d_v,
// exact but for |den_g| >= d_g/|u_g|, which loses only where den_g's argument varies over the
// box; taking the factors one by one keeps the argument of one from spoiling the bound of a
// near-zero other. For one factor the best u maximises min_v Re(conj(u) den_v / |A_v|): the
// direction of the point nearest to 0 of the hull of {den_v / |A_v|}.
// Returns +inf if some den_g's hull may contain 0.
class MultilinearRatioBound {
public:
    // numModulus[v] >= |A| at corner v (rigorous upper bounds); den[g][v] the factors of B.
    double upper(const double* numModulus, const BoundedComplex* const* den,
                 std::size_t denFactors, std::size_t count);

private:
    std::vector<std::complex<double>> m_points, m_dirs; // per active factor: its direction
    std::vector<double> m_inverse;                      // 1 / |A| at the corners
    std::vector<double> m_low; // per active factor, per corner: d_g, certified lower bounds
    std::vector<std::size_t> m_active; // the factors that are not identically 1
};

} // namespace dtop::uq
