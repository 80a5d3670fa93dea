// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Dense>

namespace dtop::crossval {

// Modal assurance criterion (Allemang & Brown, IMAC 1982) between the columns of A and B
// (one shape per column, one row per measured DOF):
//   MAC_ij = |a_iᴴ b_j|² / ((a_iᴴ a_i)(b_jᴴ b_j))      in [0, 1]
// MAC compares shapes without weighting: mass-orthogonal modes of a structure with unequal
// masses have MAC_ij ≠ 0 (i ≠ j); weightedMacMatrix with the masses gives 0 for them. A zero
// column gives NaN entries. Rows of the result follow A's columns, columns B's.
Eigen::MatrixXd macMatrix(const Eigen::MatrixXcd& a, const Eigen::MatrixXcd& b);

// The same with a diagonal weighting W = diag(weights) (e.g. the floor masses):
//   |a_iᴴ W b_j|² / ((a_iᴴ W a_i)(b_jᴴ W b_j))
// Throws std::invalid_argument when the sizes disagree or a weight is not > 0.
Eigen::MatrixXd weightedMacMatrix(const Eigen::MatrixXcd& a, const Eigen::MatrixXcd& b,
                                  const Eigen::VectorXd& weights);

} // namespace dtop::crossval
