// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uq/chain_model.h"
#include "uq/parameter_box.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dtop::uq {

// A complex value computed in floating point with a bound on its distance from the exact value.
struct BoundedComplex {
    double re = 0.0;
    double im = 0.0;
    double error = 0.0; // |computed − exact| <= error
};

// Determinant Δ = det D(ω) of the chain's dynamic stiffness and the cofactors N_d of column
// `input` (H_{d,input} = N_d / Δ), evaluated at corners of sub-boxes of a parameter box, each
// with a rigorous bound on its rounding error.
//
// By the matrix-tree theorem Δ and every N_d are sums over spanning forests of products of
// the storey impedances z_i = k_i(1 + jωβ) + jωc_i and the floor terms μ_i = m_i(−ω² + jωα),
// each at most once per product: they are multilinear in the 3n real parameters. So every real
// linear functional of them takes its extremes over a box at the box's corners, and the image
// of the box lies in the convex hull of the corner images (see multilinear_ratio_bound.h).
//
// Evaluated by the continuants of the tridiagonal matrix: leading minors θ, trailing minors φ,
// N_d = θ_{l} φ_{h+1} Π_{l<k<=h} z_k with l = min(d, input), h = max(d, input). The rounding
// error of a division-free program of depth k is at most γ_k times the same program run on
// absolute values (Higham, Accuracy and Stability, §3.1); that shadow is carried along.
class ChainMinors {
public:
    ChainMinors(const ChainModel& model, const ParameterBox& box, std::size_t input, double omega);

    std::size_t storeys() const { return m_n; }
    std::size_t dimensions() const { return m_dims.size(); }
    const std::vector<std::size_t>& dims() const { return m_dims; }

    // The physical interval [lo, hi] of uncertain dimension s for the unit sub-interval [a, b]:
    // the same expression as ParameterBox::fromUnit, so neighbouring sub-boxes share faces
    // exactly and together cover the box.
    void interval(std::size_t s, double a, double b, double& lo, double& hi) const;

    // N_d is a product of factors in disjoint sets of parameters: θ_l (floors and storeys below
    // and at l), φ_{h+1} (above h) and Π_{l<k<=h} z_k; each is multilinear on its own.
    static constexpr std::size_t kFactors = 3;

    // Corners `vertices[j]` (bit s set = upper end of dimension s) of the physical box
    // [lo, hi] (per uncertain dimension): Δ into det[j] and the factors of N_d (d = `floor`)
    // into factors[f * count + j].
    void corners(const double* lo, const double* hi, const std::uint32_t* vertices,
                 std::size_t count, std::size_t floor, BoundedComplex* det,
                 BoundedComplex* factors);
    // All floors at once: factors[(d * kFactors + f) * count + j].
    void cornersAllFloors(const double* lo, const double* hi, const std::uint32_t* vertices,
                          std::size_t count, BoundedComplex* det, BoundedComplex* factors);

private:
    void evaluate(const double* lo, const double* hi, std::uint32_t vertex);
    void factors(std::size_t floor, BoundedComplex* out, std::size_t stride) const;

    std::size_t m_n;
    std::size_t m_input;
    double m_omega;
    const ParameterBox& m_box;
    std::vector<std::size_t> m_dims;
    std::vector<int> m_symbol; // per parameter: its uncertain dimension or -1
    double m_massRe, m_massIm, m_stiffIm; // μ = m (massRe + j massIm), Im z = k stiffIm + ω c
    double m_gamma;                       // error factor of the deepest program, 2 γ_k
    std::vector<double> m_p;              // the corner's parameters
    // z, shadow of z, leading θ_0..θ_n, trailing φ_0..φ_n (φ_n = 1), with shadows.
    std::vector<double> m_zr, m_zi, m_zs, m_ar, m_ai, m_as;
    std::vector<double> m_tr, m_ti, m_ts, m_fr, m_fi, m_fs;
};

} // namespace dtop::uq
