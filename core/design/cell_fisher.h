// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dtop::design {

// Count and score sums per cell of a CellPartition, for one group of samples.
struct CellScoreSums {
    CellScoreSums() = default;
    CellScoreSums(std::size_t cells, std::size_t parameters);

    std::size_t cells = 0;
    std::size_t parameters = 0;
    std::vector<double> counts; // [cell]
    std::vector<double> sums;   // [cell * parameters + j]: Σ u_j over the cell's samples

    // scores[j] points to `count` values of score j; cell[i] is sample i's cell.
    void add(const std::uint32_t* cell, std::size_t count, const double* const* scores);
};

// The Fisher information of the output with respect to the distribution parameters b, from
// the score identity ∂ln p_Z(z)/∂b = E[u(Y) | Z = z] (Rubinstein & Shapiro 1993; Yang 2022,
// docs/tools/design.md): on a partition into cells c with probabilities P_c,
//   F_K = Σ_c (∂P_c/∂b)(∂P_c/∂b)ᵀ / P_c = Σ_c P_c g_c g_cᵀ,   g_c = E[u | Z ∈ c],
// which is the exact Fisher information of the cell-quantised output (≤ the output's, by the
// data-processing inequality, and rising to it as the cells are refined). Each g_c g_cᵀ is
// estimated without the noise bias of squaring a noisy mean by pairing samples from different
// groups only (cross-fitting, as a U-statistic over groups):
//   ĝĝᵀ_c = (S_c S_cᵀ − Σ_g S_gc S_gcᵀ) / (n_c² − Σ_g n_gc²),   S_gc = Σ_{i∈g,c} u_i,
// whose expectation is g_c g_cᵀ exactly; F̂ = Σ_c (n_c/N) ĝĝᵀ_c.
// `groups` selects the groups used (the others are left out: jackknife, half samples); `map`
// sends fine cells to coarse cells (empty = identity).
Eigen::MatrixXd crossFittedFisher(const std::vector<CellScoreSums>& groups,
                                  const std::vector<bool>& use,
                                  const std::vector<std::uint32_t>& map, std::size_t coarseCells);

} // namespace dtop::design
