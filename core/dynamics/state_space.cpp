// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/state_space.h"

namespace dtop::dynamics {

Eigen::MatrixXd stateMatrix(const ShearBuilding& building)
{
    const Eigen::Index n = static_cast<Eigen::Index>(building.dofs());
    const Eigen::VectorXd invM = building.masses().cwiseInverse();
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(2 * n, 2 * n);
    a.topRightCorner(n, n).setIdentity();
    a.bottomLeftCorner(n, n) = -(invM.asDiagonal() * building.stiffnessMatrix());
    a.bottomRightCorner(n, n) = -(invM.asDiagonal() * building.dampingMatrix());
    return a;
}

StateSpace stateSpace(const ShearBuilding& building)
{
    const Eigen::Index n = static_cast<Eigen::Index>(building.dofs());
    StateSpace ss;
    ss.a = stateMatrix(building);
    ss.b = Eigen::MatrixXd::Zero(2 * n, n);
    ss.b.bottomRows(n) = building.masses().cwiseInverse().asDiagonal();
    return ss;
}

} // namespace dtop::dynamics
