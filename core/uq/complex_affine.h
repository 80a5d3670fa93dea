// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/profile.h"

#include <array>
#include <complex>
#include <cstddef>

namespace dtop::uq {

// A complex affine form x = c + Σ t_i ε_i + e with noise symbols ε_i ∈ [-1, 1] (one per
// uncertain parameter, shared by every quantity so first-order correlations cancel) and a
// rectangular remainder |Re e| <= rRe, |Im e| <= rIm (de Figueiredo & Stolfi's affine
// arithmetic). The remainder is kept per component on purpose: near a resonance the dynamic
// stiffness is nearly real with a small imaginary (damping) part, and the large second-order
// terms of the stiffness–mass balance must not leak into the imaginary part that bounds |H|.
// Every operation adds to r a bound on its own floating-point rounding (a relative slack far
// above the few ulps each step can lose), so the form encloses the exact value rigorously.
// An operation that cannot bound its result (a reciprocal of a form that may contain 0)
// returns an invalid form; anything computed from it is invalid too.
struct ComplexAffine {
    static constexpr std::size_t kCapacity = 3 * model::kMaxStoreys;
    using Complex = std::complex<double>;

    Complex centre{};
    std::array<Complex, kCapacity> terms;
    double radiusRe = 0.0;
    double radiusIm = 0.0;
    std::size_t size = 0; // number of noise symbols in use
    bool valid = true;

    // Σ|t_i|: the first-order half-range; Σ|Re t_i| and Σ|Im t_i|.
    double termSum() const;
    double termSumRe() const;
    double termSumIm() const;
    // |c| + Σ|t_i| + rRe + rIm: a bound on |x|.
    double magnitudeBound() const { return std::abs(centre) + termSum() + radiusRe + radiusIm; }
};

// Relative slack added for rounding: far above the accumulated error of any one operation.
inline constexpr double kAffineSlack = 1e-13;

// A constant plus the given symbol terms (rounding of the inputs is covered by the slack).
void affineConstant(ComplexAffine& out, std::size_t symbols, std::complex<double> value);
void affineAdd(const ComplexAffine& a, const ComplexAffine& b, ComplexAffine& out);
void affineSub(const ComplexAffine& a, const ComplexAffine& b, ComplexAffine& out);
void affineMul(const ComplexAffine& a, const ComplexAffine& b, ComplexAffine& out);
void affineScale(const ComplexAffine& a, std::complex<double> w, ComplexAffine& out);
void affineAddConstant(ComplexAffine& a, std::complex<double> w);
// 1/a, linearised at the centre; the Taylor remainder δ²/(c²(c + δ)) is bounded by rectangle
// interval arithmetic (exact reciprocal of a rectangle); invalid if 0 may lie in a.
void affineReciprocal(const ComplexAffine& a, ComplexAffine& out);

// Rigorous bounds on |x| over all ε ∈ [-1, 1]^n and |e| <= r: the exact extremes of |·| over the
// zonotope c + Σ t_i [-1, 1], widened by the remainder and rounding. max = +inf if invalid.
struct ModulusRange {
    double min = 0.0;
    double max = 0.0;
};
ModulusRange affineModulusRange(const ComplexAffine& x);

} // namespace dtop::uq
