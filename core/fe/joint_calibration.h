// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "fe/frame_model.h"
#include "fe/frame_modes.h"
#include "fe/mode_comparison.h"

#include <string>
#include <vector>

namespace dtop::fe {

enum class JointCalibration {
    Off,       // compare only
    Single,    // one joint stiffness for every column–clamp joint
    PerStorey, // one per storey (needs at least as many measured modes as storeys)
};
const char* jointCalibrationName(JointCalibration mode); // "off", "single", "per-storey"
bool parseJointCalibration(const std::string& text, JointCalibration& mode);

// Bounds of the search, as multiples of E·I_weak / L_free (the column's own rotational
// stiffness scale): 1e-3 is a nearly pinned joint, 1e5 is rigid for every practical purpose.
inline constexpr double kJointStiffnessLowerFactor = 1e-3;
inline constexpr double kJointStiffnessUpperFactor = 1e5;

struct JointCalibrationResult {
    JointCalibration mode = JointCalibration::Single;
    std::vector<double> jointStiffnessNmPerRad; // one value, or one per storey
    ModeComparison before;                      // the model as given
    ModeComparison after;                       // the calibrated model
    FrameModes modes;                           // all modes of the calibrated model below the limit
    int evaluations = 0;                        // model solves
    bool converged = false;                     // the least-squares solver met its tolerance
    bool atBound = false;                       // a stiffness ended on a search bound
    std::string note;                           // what the solver reported, in words
};

// Least-squares fit of the joint rotational stiffness so that the model's sway-weak
// frequencies match `measuredHz` (relative errors, equal weights): the log-stiffnesses are
// found by Levenberg–Marquardt (MINPACK lmder via Eigen) with the exact eigenvalue
// sensitivities dλ/dk = Σ_joints (φ_column − φ_clamp)² (Fox & Kapoor, AIAA J. 6(12), 1968),
// started from the best of a log-spaced scan (single value) or from the single-value fit
// (per storey). `options.jointStiffnessNmPerRad` gives the "before" model.
JointCalibrationResult calibrateJointStiffness(
    const RigGeometry& geometry, const Material& material, const FrameOptions& options,
    const std::vector<double>& measuredHz, JointCalibration mode,
    const std::vector<std::vector<double>>& measuredShapes, double maxFrequencyHz,
    EigenSolverKind solver = EigenSolverKind::Auto, Progress& progress = Progress::none());

} // namespace dtop::fe
