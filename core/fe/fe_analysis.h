// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "common/progress.h"
#include "fe/equivalent_shear_building.h"
#include "fe/frame_model.h"
#include "fe/frame_modes.h"
#include "fe/joint_calibration.h"
#include "fe/mode_comparison.h"
#include "fe/rig_geometry.h"

#include <optional>
#include <string>
#include <vector>

namespace dtop::fe {

// The frame finite-element analysis (tool id `fe`, docs/tools/fe.md): the rig's own 3-D
// Timoshenko-frame model, its modes, mesh convergence, comparison with and calibration to
// measured sway modes, and the equivalent shear building.
struct FeInput {
    RigGeometry geometry; // default: the rig of docs/tools/fe.md §1
    Material material;    // default: AL6082 of the prototype
    BaseClamp baseClamp = BaseClamp::TopOfClamp;
    int elementsPerColumn = 12;                 // Timoshenko elements per free column span
    double maxFrequencyHz = 100.0;              // modes below this are reported
    std::vector<double> jointStiffnessNmPerRad; // empty = rigid; one value; or one per storey
    EigenSolverKind solver = EigenSolverKind::Auto;

    bool convergence = true; // the mesh-convergence table
    std::vector<int> convergenceElements = {1, 2, 4, 8, 12, 24};

    // Against the rig: measured sway-weak frequencies (ascending) and, optionally, their shapes
    // (one per mode, one value per floor). Non-empty → comparison, and calibration unless Off.
    std::vector<double> calibrateToHz;
    std::vector<std::vector<double>> measuredModeShapes;
    JointCalibration calibration = JointCalibration::Single;

    bool equivalentProfile = false; // condense to a shear building (calibrated if calibrated)
    std::string profileName = "fe-equivalent";

    FrameOptions frameOptions() const;
    InputIssues validate() const;
};

// Limits checked by validate().
inline constexpr double kMaxFrequencyLimitHz = 5000.0;
inline constexpr int kMaxFeDofs = 100000;
inline constexpr std::size_t kMaxConvergenceMeshes = 12;

struct ConvergenceRow {
    int elementsPerColumn = 0;
    int dofs = 0;
    std::vector<double> frequenciesHz; // the lowest modes, as many as the main model reports
};

struct FeResult {
    // The model as built.
    std::vector<PartMass> parts;
    std::vector<double> floorMassKg; // each floor's rigid-body mass
    double totalMassKg = 0.0;        // every part of the rig, feet and base clamps included
    double movingMassKg = 0.0;       // floors and free column spans
    int elementsPerColumn = 0;
    BaseClamp baseClamp = BaseClamp::TopOfClamp;
    std::vector<double> jointStiffnessNmPerRad; // as given (empty = rigid)

    FrameModes modes; // below maxFrequencyHz, ascending
    double maxFrequencyHz = 0.0;
    std::vector<Eigen::Vector3d> viewNodes; // wire frame for the 3-D view [m]
    std::vector<ViewLine> viewLines;

    std::vector<ConvergenceRow> convergence;
    std::optional<ModeComparison> comparison; // model as given against calibrateToHz
    std::optional<JointCalibrationResult> calibration;
    std::optional<EquivalentShearBuilding> equivalent;
};

FeResult runFe(const FeInput& input, Progress& progress = Progress::none());

} // namespace dtop::fe
