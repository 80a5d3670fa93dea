// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"

#include <cstddef>
#include <string>
#include <vector>

namespace dtop::model {

inline constexpr std::size_t kMinStoreys = 1;
inline constexpr std::size_t kMaxStoreys = 20;

// How the profile describes its damping.
enum class DampingModel {
    StoreyDampers,        // dashpot c_i between floor i-1 and floor i (c_1 to the ground)
    RayleighCoefficients, // C = alpha*M + beta*K with the given alpha [1/s] and beta [s]
    RayleighModalRatio,   // C = alpha*M + beta*K chosen to give ratio zeta on two modes
};

const char* dampingModelName(DampingModel model); // "dampers", "rayleigh", "rayleigh-ratio"
bool parseDampingModel(const std::string& text, DampingModel& model);

// The digital twin's state: a lumped n-storey shear building. Floor 1 is the lowest; storey i
// (spring k_i, damper c_i, cubic spring kc_i) joins floor i-1 to floor i, floor 0 being the
// ground. SI units throughout.
struct Profile {
    std::string name = "custom";
    std::string provenance;

    std::vector<double> masses;      // m_i [kg]
    std::vector<double> stiffnesses; // k_i [N/m]
    std::vector<double> dampers;     // c_i [N·s/m], used with DampingModel::StoreyDampers
    // kc_i [N/m³]: storey force k_i*d + kc_i*d³ for inter-storey drift d. Empty = linear.
    std::vector<double> cubicStiffnesses;

    DampingModel damping = DampingModel::StoreyDampers;
    double rayleighAlpha = 0.0;   // [1/s], RayleighCoefficients
    double rayleighBeta = 0.0;    // [s], RayleighCoefficients
    double targetDampingRatio = 0.0; // [-], RayleighModalRatio
    int targetModeA = 1;          // modes (1-based) that receive targetDampingRatio
    int targetModeB = 2;

    std::size_t storeys() const { return masses.size(); }
    bool isNonlinear() const;

    // Every problem, one per bad field, each naming the field, its unit and the bad value.
    InputIssues validate() const;
};

} // namespace dtop::model
