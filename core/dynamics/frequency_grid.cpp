// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/frequency_grid.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace dtop::dynamics {

std::vector<double> linearGrid(double fmin, double fmax, std::size_t points)
{
    std::vector<double> f(points);
    if (points == 1) {
        f[0] = fmin;
        return f;
    }
    const double step = (fmax - fmin) / static_cast<double>(points - 1);
    for (std::size_t i = 0; i < points; ++i)
        f[i] = fmin + step * static_cast<double>(i); // no accumulated rounding
    if (points > 1)
        f.back() = fmax;
    return f;
}

std::vector<double> logGrid(double fmin, double fmax, std::size_t points)
{
    std::vector<double> f(points);
    if (points == 1) {
        f[0] = fmin;
        return f;
    }
    const double a = std::log(fmin);
    const double step = (std::log(fmax) - a) / static_cast<double>(points - 1);
    for (std::size_t i = 0; i < points; ++i)
        f[i] = std::exp(a + step * static_cast<double>(i));
    f.front() = fmin;
    f.back() = fmax;
    return f;
}

} // namespace dtop::dynamics

namespace dtop::dynamics {

std::vector<double> resonanceRefinedGrid(double fmin, double fmax, std::size_t points,
                                         const std::vector<double>& resonancesHz,
                                         const std::vector<double>& dampingRatios)
{
    std::vector<double> f = linearGrid(fmin, fmax, points);
    for (std::size_t r = 0; r < resonancesHz.size() && r < dampingRatios.size(); ++r) {
        const double fr = resonancesHz[r];
        // Undamped modes still get a finite neighbourhood (the peak itself is infinite).
        const double zeta = std::max(dampingRatios[r], 1e-5);
        const double step = zeta * fr / 4.0;
        for (int i = -32; i <= 32; ++i) {
            const double x = fr + i * step;
            if (x >= fmin && x <= fmax)
                f.push_back(x);
        }
    }
    std::sort(f.begin(), f.end());
    f.erase(std::unique(f.begin(), f.end()), f.end());
    return f;
}

} // namespace dtop::dynamics

namespace dtop::dynamics {

void checkFrequencyList(const std::vector<double>& frequenciesHz, InputIssues& issues)
{
    for (std::size_t i = 0; i < frequenciesHz.size(); ++i)
        if (!std::isfinite(frequenciesHz[i]) || frequenciesHz[i] < 0.0) {
            issues.push_back({"frequencies", "frequency " + std::to_string(i + 1) +
                                                 " must be a finite number >= 0 Hz, got " +
                                                 formatValue(frequenciesHz[i])});
            return;
        }
}

} // namespace dtop::dynamics
