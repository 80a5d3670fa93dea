// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/shear_building.h"

#include <Eigen/Dense>

namespace dtop::dynamics {

// First-order form ż = A z + B u of M ẍ + C ẋ + K x = u with the state z = [x; ẋ]
// (displacements of floors 1..n, then velocities) and u the n floor forces [N].
struct StateSpace {
    Eigen::MatrixXd a; // 2n × 2n
    Eigen::MatrixXd b; // 2n × n, column j: unit force on floor j+1
};

// A = [[0, I], [−M⁻¹K, −M⁻¹C]] (the linear part; cubic springs are not included).
Eigen::MatrixXd stateMatrix(const ShearBuilding& building);
StateSpace stateSpace(const ShearBuilding& building);

} // namespace dtop::dynamics
