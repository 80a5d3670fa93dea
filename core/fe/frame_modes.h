// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "fe/frame_model.h"
#include "fe/generalized_eigen_solver.h"

#include <Eigen/Dense>

#include <array>
#include <string>
#include <vector>

namespace dtop::fe {

// What a mode mostly does, from where its kinetic energy lies (docs/tools/fe.md §3).
enum class ModeKind {
    SwayWeak,   // floors sway along y (the columns' weak direction; the measured modes)
    SwayStrong, // floors sway along x
    Torsion,    // floors turn about z
    Local,      // the columns move, the floors hardly (also vertical/axial modes)
};
const char* modeKindName(ModeKind kind); // "sway-weak", "sway-strong", "torsion", "local"
bool parseModeKind(const std::string& text, ModeKind& kind);

struct FrameMode {
    double frequencyHz = 0.0;
    ModeKind kind = ModeKind::Local;
    // Per floor: ux uy uz [m] and rx ry rz [rad] of its centre of mass, in the mode's display
    // scaling: the largest translation of any view node (column nodes, floor corners) is 1.
    std::vector<std::array<double, 6>> floorDisplacements;
    // Per floor, the component that names the kind: uy (sway-weak, local), ux (sway-strong),
    // rz × floor half-diagonal (torsion). Sign: the first clearly non-zero floor is positive.
    std::vector<double> floorShape;
    double floorEnergyFraction = 0.0;        // share of the kinetic energy in the rigid floors
    std::array<double, 3> effectiveMassKg{}; // modal effective mass for base motion along x, y, z
    Eigen::MatrixX3d viewDisplacements;      // per FrameModel::viewNodes() node, same scaling
    Eigen::VectorXd vector;                  // reduced DOFs, mass-normalised (φᵀMφ = 1)
};

// All modes of one model below a frequency limit.
struct FrameModes {
    std::vector<FrameMode> modes; // ascending frequency
    int dofs = 0;
    std::string solver;        // "dense" or "sparse shift-invert Lanczos"
    bool truncated = false;    // more modes lay below the limit than maxModes
    long long belowLimit = -1; // count below the limit (inertia), −1 if not computed

    std::vector<const FrameMode*> ofKind(ModeKind kind) const;
};

inline constexpr std::size_t kMaxModes = 200;

// Modes of `model` with frequency below maxFrequencyHz (at least minCount, at most maxModes),
// for the model's own K or, if given, another stiffness matrix of the same DOFs (joint updates).
FrameModes solveFrameModes(const FrameModel& model, double maxFrequencyHz, std::size_t minCount = 0,
                           std::size_t maxModes = kMaxModes,
                           EigenSolverKind solver = EigenSolverKind::Auto,
                           Progress& progress = Progress::none(),
                           const Eigen::SparseMatrix<double>* stiffness = nullptr);

// As solveFrameModes, but widened until at least `swayModes` sway-weak modes are included.
FrameModes solveWithSwayModes(const FrameModel& model, double maxFrequencyHz, std::size_t swayModes,
                              EigenSolverKind solver = EigenSolverKind::Auto,
                              Progress& progress = Progress::none(),
                              const Eigen::SparseMatrix<double>* stiffness = nullptr);

} // namespace dtop::fe
