// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "identification/lsfd.h"

#include <string>
#include <vector>

namespace dtop::identification {

// Global nonlinear least-squares refinement of the poles shared by all responses: the residues
// and residual terms are linear given the poles, so they are eliminated by LSFD at every step
// and only (ln ω_r, ln ζ_r) are iterated (variable projection, Golub & Pereyra, SIAM J. Numer.
// Anal. 10, 1973) with MINPACK's Levenberg–Marquardt (Eigen's port, finite-difference
// Jacobian). Each response is weighted by 1/rms so that all count equally.
struct GlobalFitOptions {
    int maxIterations = 200; // LM steps
    double tolerance = 1e-12; // relative reduction of the cost (ftol) and step (xtol)
};

struct GlobalFitResult {
    ModalFit fit;             // at the refined poles
    double costBefore = 0.0;  // weighted cost at the starting poles
    double costAfter = 0.0;
    int iterations = 0;
    int evaluations = 0;
    bool converged = false;
    std::string stopReason;
};

GlobalFitResult refinePoles(const MeasuredFrf& frf, const std::vector<ModalPole>& start,
                            const LsfdOptions& lsfdOptions = {},
                            const GlobalFitOptions& options = {},
                            Progress& progress = Progress::none());

} // namespace dtop::identification
