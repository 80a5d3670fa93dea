// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/frequency_grid.h"

#include <cmath>

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
