// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <vector>

namespace dtop::control {

struct NelderMeadResult {
    std::vector<double> x;
    double value = 0.0;
    int evaluations = 0;
    bool converged = false;
};

// Derivative-free minimisation by the Nelder–Mead simplex method (Nelder & Mead 1965,
// Comput. J. 7:308) with the standard coefficients (reflection 1, expansion 2, contraction ½,
// shrink ½). The initial simplex is x0 and x0 + step·e_i. Stops when the simplex's largest
// vertex distance falls below xTolerance and its value spread below fTolerance·|f|, or after
// maxEvaluations. (Neither Eigen nor Boost 1.74 offers a derivative-free multivariate
// minimiser.) `f` may throw to abort (e.g. Cancelled).
NelderMeadResult nelderMead(const std::function<double(const std::vector<double>&)>& f,
                            std::vector<double> x0, double step, double xTolerance,
                            double fTolerance, int maxEvaluations);

} // namespace dtop::control
