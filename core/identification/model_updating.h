// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "common/progress.h"
#include "model/profile.h"

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace dtop::identification {

// Sensitivity-based updating of a shear-building profile to identified modal data (Friswell &
// Mottershead, Finite Element Model Updating in Structural Dynamics, 1995; Mottershead, Link &
// Friswell, MSSP 25, 2011): Levenberg–Marquardt on the log-parameters x_i = ln(θ_i/θ_i⁰) with
// Tikhonov regularisation toward the starting profile (docs/tools/identify.md §6).
//
//   J(x) = Σ_r w_f ((f_r − f̃_r)/f̃_r)² + Σ_r w_φ ‖φ_r − φ̃_r‖²/‖φ̃_r‖²
//        + Σ_r w_ζ ((ζ_r − ζ̃_r)/ζ̃_r)² + τ ‖x‖²
//
// The shape term compares mass-normalised shapes when the target's are (then masses are
// identifiable), else unit-norm shapes (‖φ̂ − φ̃̂‖² ≈ 1 − MAC near 1). Model modes are paired with
// the targets by MAC once, at the start.
struct UpdateTarget {
    std::vector<int> floors;            // measured floors (1-based), the rows of the shapes
    std::vector<double> frequenciesHz;  // f̃_r (undamped natural frequencies)
    std::vector<double> dampingRatios;  // ζ̃_r
    std::vector<Eigen::VectorXd> shapes; // φ̃_r, real (realised), at `floors`
    bool shapesMassNormalised = false;  // [1/√kg]
    InputIssues validate() const;
};

struct UpdateOptions {
    bool stiffnesses = true;
    bool masses = true;  // used only when the target's shapes are mass-normalised
    bool damping = true; // storey dampers; only for a profile with storey dampers
    // Weights ∝ 1/variance: identified frequencies scatter ~1e-4 (relative) between methods and
    // excitation points, shapes ~1e-2, damping ratios ~1e-1 (docs/tools/identify.md §6).
    double frequencyWeight = 100.0;
    double shapeWeight = 1.0;
    double dampingWeight = 1.0;
    double tikhonov = 1e-6;
    int maxIterations = 100;
    double tolerance = 1e-12;
    InputIssues validate() const;
};

struct UpdateIteration {
    int iteration = 0;
    double objective = 0.0;
    std::vector<double> parameters; // physical values, in parameterNames order
};

struct UpdateResult {
    model::Profile before;
    model::Profile after;
    std::vector<std::string> parameterNames; // "k1" [N/m], "m2" [kg], "c3" [N·s/m], ...
    std::vector<std::string> parameterUnits;
    std::vector<double> initial;
    std::vector<double> final;
    std::vector<UpdateIteration> history; // iteration 0 = start
    double objectiveBefore = 0.0;
    double objectiveAfter = 0.0;
    std::vector<int> pairing; // model mode (0-based) paired with each target mode
    std::vector<double> frequenciesBeforeHz, frequenciesAfterHz; // paired model modes
    std::vector<double> dampingBefore, dampingAfter;
    std::vector<double> macBefore, macAfter;
    bool converged = false;
    std::string stopReason;
    std::vector<std::string> notes;
};

// Throws std::invalid_argument listing issues (profile, target, options); Cancelled.
UpdateResult updateProfile(const model::Profile& profile, const UpdateTarget& target,
                           const UpdateOptions& options, Progress& progress = Progress::none());

} // namespace dtop::identification
