// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "design/design_output.h"

#include <cstddef>
#include <vector>

namespace dtop::design {

// Steady-state harmonic response of many sampled shear buildings at one angular frequency:
// X = Z(ω)⁻¹F with the dynamic stiffness Z = K − ω²M + iωC (n×n, tridiagonal) and the real,
// in-phase floor forces F. Structure of arrays: the samples of each physical input are one
// contiguous array, in the tool's input order f1..fn, k1..kn, c1..cn, m1..mn. The elimination
// runs across a tile of samples at a time so the compiler vectorises it; a sample whose
// unpivoted elimination meets a small pivot is solved again with partial pivoting.
// Holds scratch space: one object per thread.
class ResponseBatch {
public:
    ResponseBatch(std::size_t storeys, double omega, ShearDefinition shear);

    std::size_t storeys() const { return m_n; }
    // inputs[j] points to `count` samples of physical input j (4n arrays); out[o] receives
    // `count` values of outputs[o].
    void evaluate(const double* const* inputs, std::size_t count,
                  const std::vector<OutputId>& outputs, double* const* out);

    // The complex amplitudes of one building (re, im per floor): the nominal response.
    void solveOne(const double* inputValues, double* re, double* im);

private:
    void solveTile(const double* const* inputs, std::size_t offset, std::size_t count);

    std::size_t m_n;
    double m_omega;
    ShearDefinition m_shear;
    // Tile scratch, [floor * kTile + sample].
    std::vector<double> m_sRe, m_sIm, m_dRe, m_dIm, m_bRe, m_bIm, m_xRe, m_xIm;
    std::vector<unsigned char> m_smallPivot;
};

} // namespace dtop::design
