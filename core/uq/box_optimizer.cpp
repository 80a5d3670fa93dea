// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/box_optimizer.h"

#include <algorithm>
#include <cmath>

namespace dtop::uq {


BoxOptimum minimizeInBox(const BoxObjective& f, std::vector<double> x, const std::vector<double>& lo,
                         const std::vector<double>& hi, const BoxOptimizerOptions& options)
{
    const std::size_t n = x.size();
    auto project = [&](std::vector<double>& v) {
        for (std::size_t i = 0; i < n; ++i)
            v[i] = std::clamp(v[i], lo[i], hi[i]);
    };
    project(x);
    BoxOptimum result;
    std::vector<double> g(n), gNew(n), d(n), xNew(n), q(n);
    double fx = f(x.data(), g.data());
    result.evaluations = 1;
    if (n == 0 || !std::isfinite(fx)) {
        result.x = x;
        result.value = fx;
        return result;
    }
    // Correction pairs in a ring: slot (first + m) % memory for m = 0 (oldest) .. used - 1.
    const auto slots = static_cast<std::size_t>(std::max(options.memory, 1));
    std::vector<double> sMem(slots * n), yMem(slots * n), rhoMem(slots), alpha(slots);
    std::size_t first = 0, used = 0;
    auto sOf = [&](std::size_t m) { return sMem.data() + ((first + m) % slots) * n; };
    auto yOf = [&](std::size_t m) { return yMem.data() + ((first + m) % slots) * n; };
    auto rhoOf = [&](std::size_t m) -> double& { return rhoMem[(first + m) % slots]; };
    std::vector<char> freeVar(n);
    for (int it = 0; it < options.maxIterations; ++it) {
        result.iterations = it + 1;
        // Free variables: not at a bound that the gradient pushes against.
        double pgNorm = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const bool atLo = x[i] <= lo[i] && g[i] > 0.0;
            const bool atHi = x[i] >= hi[i] && g[i] < 0.0;
            freeVar[i] = !(atLo || atHi) && hi[i] > lo[i];
            if (freeVar[i])
                pgNorm = std::max(pgNorm, std::abs(g[i]));
        }
        if (pgNorm <= options.gradientTolerance)
            break;
        // Two-loop recursion restricted to the free variables.
        for (std::size_t i = 0; i < n; ++i)
            q[i] = freeVar[i] ? g[i] : 0.0;
        for (std::size_t m = used; m-- > 0;) {
            const double* s = sOf(m);
            const double* y = yOf(m);
            double a = 0.0;
            for (std::size_t i = 0; i < n; ++i)
                a += s[i] * q[i];
            a *= rhoOf(m);
            alpha[m] = a;
            for (std::size_t i = 0; i < n; ++i)
                if (freeVar[i])
                    q[i] -= a * y[i];
        }
        double gamma = 0.0;
        if (used > 0) {
            const double* y = yOf(used - 1);
            double yy = 0.0;
            for (std::size_t i = 0; i < n; ++i)
                yy += y[i] * y[i];
            gamma = 1.0 / (rhoOf(used - 1) * yy);
        } else {
            gamma = options.firstStep / pgNorm;
        }
        for (std::size_t i = 0; i < n; ++i)
            q[i] *= gamma;
        for (std::size_t m = 0; m < used; ++m) {
            const double* s = sOf(m);
            const double* y = yOf(m);
            double b = 0.0;
            for (std::size_t i = 0; i < n; ++i)
                b += y[i] * q[i];
            b *= rhoOf(m);
            for (std::size_t i = 0; i < n; ++i)
                if (freeVar[i])
                    q[i] += (alpha[m] - b) * s[i];
        }
        double slope = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            d[i] = freeVar[i] ? -q[i] : 0.0;
            slope += d[i] * g[i];
        }
        if (!(slope < 0.0)) { // not a descent direction: steepest descent on the free variables
            used = 0;
            slope = 0.0;
            for (std::size_t i = 0; i < n; ++i) {
                d[i] = freeVar[i] ? -g[i] * options.firstStep / pgNorm : 0.0;
                slope += d[i] * g[i];
            }
        }
        // Backtracking along the projected path x(t) = P(x + t d), the next trial from the
        // minimiser of the quadratic through f(0), f'(0) and f(t), kept within [t/10, t/2].
        double t = 1.0;
        double fNew = fx;
        bool accepted = false;
        for (int ls = 0; ls < 30; ++ls) {
            double decrease = 0.0;
            for (std::size_t i = 0; i < n; ++i) {
                xNew[i] = std::clamp(x[i] + t * d[i], lo[i], hi[i]);
                decrease += g[i] * (xNew[i] - x[i]);
            }
            fNew = f(xNew.data(), gNew.data());
            ++result.evaluations;
            if (std::isfinite(fNew) && fNew <= fx + 1e-4 * decrease) {
                accepted = true;
                break;
            }
            double next = 0.5 * t;
            const double curvature = fNew - fx - slope * t;
            if (std::isfinite(fNew) && curvature > 0.0)
                next = std::clamp(-slope * t * t / (2.0 * curvature), 0.1 * t, 0.5 * t);
            t = next;
        }
        if (!accepted)
            break;
        // The new pair goes to the slot after the newest (overwriting the oldest when full).
        if (used == slots) {
            first = (first + 1) % slots;
            --used;
        }
        double* sNew = sOf(used);
        double* yNew = yOf(used);
        double sy = 0.0, ss = 0.0, yy = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            sNew[i] = xNew[i] - x[i];
            yNew[i] = gNew[i] - g[i];
            sy += sNew[i] * yNew[i];
            ss += sNew[i] * sNew[i];
            yy += yNew[i] * yNew[i];
        }
        const double previous = fx;
        x.swap(xNew);
        g.swap(gNew);
        fx = fNew;
        if (sy > 1e-12 * std::sqrt(ss * yy)) {
            rhoOf(used) = 1.0 / sy;
            ++used;
        }
        if (previous - fx <= options.valueTolerance)
            break;
    }
    result.x = std::move(x);
    result.value = fx;
    return result;
}

} // namespace dtop::uq
