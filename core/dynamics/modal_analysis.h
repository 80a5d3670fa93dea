// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/shear_building.h"

#include <Eigen/Dense>

#include <complex>
#include <vector>

namespace dtop::dynamics {

// Undamped modes of K φ = ω² M φ, sorted by ascending ω (sorted here, never left to the solver).
struct UndampedModes {
    Eigen::VectorXd angularFrequencies; // ω_r [rad/s]
    // Column r: mode r, mass-normalised (φᵀMφ = 1), sign fixed so the floor-1 entry is > 0.
    Eigen::MatrixXd shapes;

    std::vector<double> frequenciesHz() const;
};

// Modes of the damped (in general non-proportionally damped) system from the 2n×2n state
// matrix. One entry per eigenvalue with Im λ > 0, plus every real (overdamped) eigenvalue,
// sorted by ascending |λ|.
struct DampedModes {
    std::vector<std::complex<double>> eigenvalues; // λ_r [rad/s]
    std::vector<double> naturalFrequenciesHz;      // |λ_r| / 2π
    std::vector<double> dampedFrequenciesHz;       // Im λ_r / 2π
    std::vector<double> dampingRatios;             // −Re λ_r / |λ_r|
    // Column r: displacement part of the eigenvector, scaled so that its largest entry is 1.
    Eigen::MatrixXcd shapes;
};

UndampedModes undampedModes(const Eigen::VectorXd& masses, const SymmetricTridiagonal& stiffness);
UndampedModes undampedModes(const ShearBuilding& building);
DampedModes dampedModes(const ShearBuilding& building);

// The `modal` analysis: one input, one result (docs/architecture.md).
struct ModalInput {
    model::Profile profile;
    InputIssues validate() const { return profile.validate(); }
};

struct ModalResult {
    UndampedModes undamped;
    DampedModes damped;
    double rayleighAlpha = 0.0;
    double rayleighBeta = 0.0;
};

ModalResult runModal(const ModalInput& input);

} // namespace dtop::dynamics
