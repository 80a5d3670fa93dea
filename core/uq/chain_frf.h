// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/profile.h"
#include "uq/chain_model.h"

#include <complex>
#include <cstddef>
#include <vector>

namespace dtop::uq {

// Receptances of a shear chain at one angular frequency for one parameter vector, by the ladder
// (continued-fraction) recursion: L_i, the dynamic stiffness of floors 1..i seen at floor i, and
// U_i, that of floors i..n with the storey below i removed. Every column of the receptance
// matrix then costs O(n), and dH_dj/dp = -y^T (dD/dp) x (x, y the columns j and d) is exact.
class ChainFrf {
public:
    using Complex = std::complex<double>;

    // An evaluator to be reused: evaluate() then column()/gradient(), no allocation per point.
    explicit ChainFrf(const ChainModel& model);
    ChainFrf(const ChainModel& model, const double* parameters, double omega);

    void evaluate(const double* parameters, double omega);
    std::size_t storeys() const { return m_n; }
    // Column `input` (0-based) of D(ω)^-1 into out[0..n-1] [m/N].
    void column(std::size_t input, Complex* out) const;
    // H_{output,input} and its derivatives with respect to all 3n parameters into grad[0..3n-1]
    // (units m/N per parameter unit). Uses the object's scratch columns.
    Complex gradient(std::size_t input, std::size_t output, Complex* grad);

private:
    ChainModel m_model;
    std::size_t m_n;
    double m_omega = 0.0;
    Complex m_massFactor;  // dμ_i/dm_i = -ω² + jωα
    Complex m_stiffFactor; // dz_i/dk_i = 1 + jωβ
    // μ_i, z_i, L_i, U_i, x_{i-1}/x_i, x_i/x_{i-1}, and two scratch columns.
    std::vector<Complex> m_mu, m_z, m_lower, m_upper, m_down, m_up, m_x, m_y;
};

} // namespace dtop::uq
