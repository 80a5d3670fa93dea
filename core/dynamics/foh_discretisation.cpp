// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/foh_discretisation.h"

#include <unsupported/Eigen/MatrixFunctions>

namespace dtop::dynamics {

FohDiscretisation discretiseFoh(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, double stepS) {
    const Eigen::Index n = a.rows();
    Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n + 2, n + 2);
    m.topLeftCorner(n, n) = a * stepS;
    m.block(0, n, n, 1) = b * stepS;
    m(n, n + 1) = 1.0;
    const Eigen::MatrixXd e = m.exp();
    FohDiscretisation d;
    d.phi = e.topLeftCorner(n, n);
    d.gamma0 = e.block(0, n, n, 1);
    d.gamma1 = e.block(0, n + 1, n, 1);
    d.stepS = stepS;
    return d;
}

} // namespace dtop::dynamics
