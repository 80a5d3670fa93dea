// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uq/box_optimizer.h"
#include "uq/chain_frf.h"
#include "uq/chain_model.h"
#include "uq/parameter_box.h"

#include <complex>
#include <cstddef>
#include <vector>

namespace dtop::uq {

// Local search for the largest or smallest receptance |H_{output,input}(ω)| over a parameter
// box, in unit coordinates t ∈ [0, 1]^p of its uncertain dimensions: minimises ∓log|H| with the
// analytic gradient ∂log|H|/∂t_i = Re((∂H/∂p_i)/H)·(hi_i − lo_i) by minimizeInBox. Used by the
// optimised inner bound and by the verified stage, whose branch and bound restarts it inside its
// most promising boxes. Not thread-safe (it keeps its scratch arrays).
class ExtremeSearch {
public:
    ExtremeSearch(const ChainModel& model, const ParameterBox& box, std::size_t input);

    std::size_t dimensions() const { return m_dims.size(); }
    // The problem the next calls work on: frequency [rad/s], output floor (0-based), side.
    void setProblem(double omega, std::size_t output, bool upper);

    // ∓log|H| at t (minus for the maximum), and its gradient with respect to t into grad.
    double objective(const double* t, double* grad);
    // The local search from `start` (clamped into the box). The optimum's value is ∓log|H|.
    BoxOptimum search(const std::vector<double>& start);
    // |H| (receptance) at t.
    double magnitudeAt(const double* t);
    // |H| (receptance) of an objective value.
    double magnitude(double objectiveValue) const;

private:
    void setPoint(const double* t);

    ChainFrf m_frf;
    const ParameterBox& m_box;
    std::size_t m_input;
    std::vector<std::size_t> m_dims;
    std::vector<double> m_point, m_zeros, m_ones;
    std::vector<std::complex<double>> m_grad, m_column;
    BoxObjective m_objective;
    double m_omega = 0.0;
    std::size_t m_output = 0;
    double m_sign = -1.0;
};

} // namespace dtop::uq
