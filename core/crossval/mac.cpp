// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/mac.h"

#include <limits>
#include <stdexcept>
#include <string>

namespace dtop::crossval {

Eigen::MatrixXd macMatrix(const Eigen::MatrixXcd& a, const Eigen::MatrixXcd& b)
{
    return weightedMacMatrix(a, b, Eigen::VectorXd::Ones(a.rows()));
}

Eigen::MatrixXd weightedMacMatrix(const Eigen::MatrixXcd& a, const Eigen::MatrixXcd& b,
                                  const Eigen::VectorXd& weights)
{
    if (a.rows() != b.rows() || weights.size() != a.rows())
        throw std::invalid_argument("MAC: shapes have " + std::to_string(a.rows()) + " and " +
                                    std::to_string(b.rows()) + " DOFs, weights " +
                                    std::to_string(weights.size()));
    if ((weights.array() <= 0.0).any() || !weights.allFinite())
        throw std::invalid_argument("MAC: every weight must be a finite number > 0");
    const Eigen::MatrixXcd wb = weights.cast<std::complex<double>>().asDiagonal() * b;
    const Eigen::MatrixXcd cross = a.adjoint() * wb; // a_iᴴ W b_j
    Eigen::VectorXd aa(a.cols()), bb(b.cols());
    for (Eigen::Index i = 0; i < a.cols(); ++i)
        aa(i) = (a.col(i).cwiseAbs2().array() * weights.array()).sum();
    for (Eigen::Index j = 0; j < b.cols(); ++j)
        bb(j) = (b.col(j).cwiseAbs2().array() * weights.array()).sum();
    Eigen::MatrixXd mac(a.cols(), b.cols());
    for (Eigen::Index i = 0; i < a.cols(); ++i)
        for (Eigen::Index j = 0; j < b.cols(); ++j)
            mac(i, j) = (aa(i) > 0.0 && bb(j) > 0.0) ? std::norm(cross(i, j)) / (aa(i) * bb(j))
                                                     : std::numeric_limits<double>::quiet_NaN();
    return mac;
}

} // namespace dtop::crossval
