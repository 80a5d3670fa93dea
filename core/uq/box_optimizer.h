// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace dtop::uq {

struct BoxOptimizerOptions {
    int maxIterations = 60;
    int memory = 6;                  // L-BFGS correction pairs
    double gradientTolerance = 1e-9; // on the projected gradient, ∞-norm
    double valueTolerance = 1e-12;   // decrease of f in one iteration below which it stops
    double firstStep = 0.05;         // ∞-norm of the first step (a box of unit width is typical)
};

struct BoxOptimum {
    std::vector<double> x;
    double value = 0.0;
    int iterations = 0;
    int evaluations = 0;
};

// f(x, grad) returns f(x) and writes ∇f(x) into grad.
using BoxObjective = std::function<double(const double* x, double* grad)>;

// Minimises f over lo <= x <= hi from x0 by a projected limited-memory BFGS method (the idea of
// L-BFGS-B without its Cauchy-point machinery): variables at a bound whose gradient pushes
// outward are frozen, the quasi-Newton direction is built on the free ones, and a backtracking
// Armijo search runs along the projected path. A local method: it returns the best point found.
BoxOptimum minimizeInBox(const BoxObjective& f, std::vector<double> x0, const std::vector<double>& lo,
                         const std::vector<double>& hi, const BoxOptimizerOptions& options = {});

} // namespace dtop::uq
