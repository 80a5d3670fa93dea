// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "identification/modal_pole.h"

#include <Eigen/Dense>

#include <vector>

namespace dtop::identification {

// One identified mode with its shape and shape-quality indicators.
struct IdentifiedMode {
    ModalPole pole;
    double frequencyHz = 0.0; // undamped natural frequency |λ|/2π
    double dampingRatio = 0.0;
    // Complex shape per response. Mass-normalised (ψ_pψ_o = 2jω_d R_o, Re ψ_p > 0, [1/√kg])
    // when the driving point was measured, else scaled so that its largest entry is 1.
    Eigen::VectorXcd shape;
    bool massNormalised = false;
    double mpc = 1.0;          // modal phase collinearity, 1 = real mode
    double mpdDeg = 0.0;       // mean phase deviation [deg]
    double complexity = 0.0;   // 1 − MPC: 0 for a real (monophase) mode
    Eigen::VectorXcd residues; // receptance residues R_o [m/(N·s)]
};

// Modes from poles and receptance residues [response][mode]; drivingResponse < 0 when the
// driving point is not among the responses.
std::vector<IdentifiedMode> modesFromResidues(const std::vector<ModalPole>& poles,
                                              const Eigen::MatrixXcd& residues,
                                              int drivingResponse);

// The shapes as the columns of one matrix.
Eigen::MatrixXcd shapeMatrix(const std::vector<IdentifiedMode>& modes);

} // namespace dtop::identification
