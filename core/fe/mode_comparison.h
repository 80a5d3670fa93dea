// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fe/frame_modes.h"

#include <Eigen/Dense>

#include <vector>

namespace dtop::fe {

// Modal assurance criterion of two real shapes, |aᵀb|² / ((aᵀa)(bᵀb)) (Allemang & Brown, IMAC
// 1982); NaN if either is zero or the sizes differ.
double modalAssuranceCriterion(const std::vector<double>& a, const std::vector<double>& b);

// The model's sway-weak modes against measured sway modes, paired in order (the rig's measured
// modes are the first weak-direction sway modes).
struct ModeComparison {
    std::vector<double> measuredHz;
    std::vector<double> modelHz;   // NaN where the model has fewer sway-weak modes
    std::vector<double> errorsPct; // 100 (f_model − f_measured) / f_measured
    std::vector<double> mac;       // per pair; NaN without measured shapes
    Eigen::MatrixXd macMatrix;     // measured × model sway-weak modes; empty without shapes
    double rmsErrorPct = 0.0;
};

// measuredShapes: empty, or one shape per measured mode with one value per floor (floor 1 first).
ModeComparison compareSwayModes(const FrameModes& modes, const std::vector<double>& measuredHz,
                                const std::vector<std::vector<double>>& measuredShapes = {});

} // namespace dtop::fe
