// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/nelder_mead.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dtop::control {

NelderMeadResult nelderMead(const std::function<double(const std::vector<double>&)>& f,
                            std::vector<double> x0, double step, double xTolerance,
                            double fTolerance, int maxEvaluations)
{
    const std::size_t n = x0.size();
    NelderMeadResult result;
    std::vector<std::vector<double>> simplex(n + 1, x0);
    std::vector<double> values(n + 1);
    for (std::size_t i = 0; i < n; ++i)
        simplex[i + 1][i] += step;
    auto eval = [&](const std::vector<double>& x) {
        ++result.evaluations;
        const double v = f(x);
        return std::isfinite(v) ? v : HUGE_VAL;
    };
    for (std::size_t i = 0; i <= n; ++i)
        values[i] = eval(simplex[i]);
    std::vector<std::size_t> order(n + 1);
    auto affine = [&](const std::vector<double>& c, const std::vector<double>& x, double t) {
        std::vector<double> out(n);
        for (std::size_t j = 0; j < n; ++j)
            out[j] = c[j] + t * (x[j] - c[j]);
        return out;
    };
    while (result.evaluations < maxEvaluations) {
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
        const std::size_t best = order.front(), worst = order.back(), second = order[n - 1];
        double size = 0.0;
        for (std::size_t i = 0; i <= n; ++i)
            for (std::size_t j = 0; j < n; ++j)
                size = std::max(size, std::abs(simplex[i][j] - simplex[best][j]));
        if (size <= xTolerance &&
            values[worst] - values[best] <= fTolerance * std::abs(values[best])) {
            result.converged = true;
            break;
        }
        std::vector<double> centroid(n, 0.0);
        for (std::size_t i = 0; i <= n; ++i)
            if (i != worst)
                for (std::size_t j = 0; j < n; ++j)
                    centroid[j] += simplex[i][j] / static_cast<double>(n);
        const std::vector<double> reflected = affine(centroid, simplex[worst], -1.0);
        const double fr = eval(reflected);
        if (fr < values[best]) {
            const std::vector<double> expanded = affine(centroid, simplex[worst], -2.0);
            const double fe = eval(expanded);
            if (fe < fr) {
                simplex[worst] = expanded;
                values[worst] = fe;
            } else {
                simplex[worst] = reflected;
                values[worst] = fr;
            }
            continue;
        }
        if (fr < values[second]) {
            simplex[worst] = reflected;
            values[worst] = fr;
            continue;
        }
        // Contraction: outside if the reflection improved on the worst, else inside.
        const bool outside = fr < values[worst];
        const std::vector<double> contracted =
            affine(centroid, outside ? reflected : simplex[worst], 0.5);
        const double fc = eval(contracted);
        if (fc < (outside ? fr : values[worst])) {
            simplex[worst] = contracted;
            values[worst] = fc;
            continue;
        }
        for (std::size_t i = 0; i <= n; ++i)
            if (i != best) {
                simplex[i] = affine(simplex[best], simplex[i], 0.5);
                values[i] = eval(simplex[i]);
            }
    }
    const auto best = static_cast<std::size_t>(
        std::min_element(values.begin(), values.end()) - values.begin());
    result.x = simplex[best];
    result.value = values[best];
    return result;
}

} // namespace dtop::control
