// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "design/design_input.h"
#include "design/design_result.h"
#include "design/input_sampler.h"

#include <Eigen/Dense>

#include <vector>

namespace dtop::design {

// The prototype's estimators, reproduced for comparison (docs/tools/design.md, Legacy mode). On the
// selected outputs z (prototype shears) of N input samples Y:
//  - grid g_d = linspace(min z_d, max z_d, J) per output;
//  - empirical joint CDF with a strict inequality, F̂(g) = #{z < g}/N, and likelihood-ratio CDF
//    sensitivities Ŝ_j(g) = Σ_{z<g} u_j/N without baseline;
//  - p̂ and ŝ_j by one numpy-style gradient per axis (central inside, one-sided at the ends),
//    p̂ := 1e-7 where |p̂| < 1e-10 and ŝ := 0 where |ŝ| < 1e-10;
//  - F_jk = trapezoidal integral of ŝ_j ŝ_k / p̂ over the grid, F̃ = diag(b) F diag(b);
//  - P and ∂P/∂b_j read at grid index round(slider/(100/(J−1))) on every axis, and the
//    projections of ∇P on the eigenvectors of the unscaled F.
// These estimators are biased (noise upwards, grid downwards) and not convergent: labelled.
// Samples: in.legacyOptions.inputSamples if set, else the tool's Monte Carlo with
// legacyOptions.samples draws. Fills outputs[o].statistics from the same samples.
LegacyResult runLegacyEstimators(const DesignInput& in, const InputSampler& sampler,
                                 const std::vector<ParameterInfo>& parameters,
                                 std::vector<OutputSummary>& outputs, Progress& progress);

// The prototype's binned FIM alone (for tests): z is N × n, U is N × P.
struct LegacyFisher {
    std::vector<std::vector<double>> grids;
    std::vector<double> cdf;               // J^n, row-major (axis 0 slowest)
    std::vector<std::vector<double>> cdfSensitivity; // [j][node]
    Eigen::MatrixXd fisher;                // unscaled
};
LegacyFisher legacyBinnedFisher(const Eigen::MatrixXd& z, const Eigen::MatrixXd& U, std::size_t J);

} // namespace dtop::design
