// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "uq/chain_model.h"
#include "uq/parameter_box.h"

#include <Eigen/Dense>

#include <cstddef>
#include <string>
#include <vector>

namespace dtop::uq {

enum class UqGridMode {
    Adaptive, // base grid plus every resonance band of the box refined to ζ·f/2, peaks added
    Linear,   // `points` evenly spaced frequencies
    Explicit, // exactly the given frequencies
};

const char* uqGridModeName(UqGridMode mode); // "adaptive", "linear", "explicit"

struct UqGridSpec {
    UqGridMode mode = UqGridMode::Adaptive;
    double fminHz = 0.0;
    double fmaxHz = 0.0;
    std::size_t points = 200; // Linear: all points; Adaptive: the base grid
    std::vector<double> frequenciesHz; // Explicit
};

// Where mode r of the structures in the box can resonate, and how finely it is sampled.
struct ResonanceBand {
    int mode = 0;                 // 1-based
    double loHz = 0.0;            // lowest natural frequency over the box, less a margin
    double hiHz = 0.0;            // highest, plus a margin
    double minDampingRatio = 0.0; // smallest ζ_r found over the box's corners and centre
    double maxStepRatio = 0.0;    // the grid's f_{i+1}/f_i - 1 inside the band (= ζ_min/2)
    std::size_t points = 0;       // grid points inside [loHz, hiHz]
};

struct UqGrid {
    std::vector<double> frequencyHz;     // ascending, distinct
    std::vector<ResonanceBand> bands;    // Adaptive only
    std::vector<double> peakFrequencyHz; // nominal |H_d| maxima inserted (Adaptive only)
    std::string description;             // one line for reports
};

inline constexpr std::size_t kMaxUqGridPoints = 200'000;

// Natural frequencies |λ_r| [rad/s] and damping ratios of the chain at one parameter set,
// from the 2n × 2n state matrix, ascending in |λ|.
struct ChainMode {
    double omega;
    double dampingRatio;
};
std::vector<ChainMode> chainModes(const ChainModel& model, const double* parameters);

// `corners`: parameter sets (rows) whose modes bound the bands, e.g. the box's vertices.
UqGrid buildUqGrid(const ChainModel& model, const ParameterBox& box, std::size_t inputFloor,
                   const UqGridSpec& spec, const Eigen::MatrixXd& corners);

} // namespace dtop::uq
