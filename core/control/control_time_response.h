// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "common/progress.h"
#include "control/control_design.h"
#include "dynamics/excitation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dtop::control {

inline constexpr std::size_t kMaxControlTimeSamples = 2'000'000;

// Time-domain comparison of the uncontrolled and controlled structure under one of the
// virtual-test excitations of the `simulate` tool (hammer, random force, ..., ground
// acceleration record). Forces act on the primary-force floor (the excitation's own floor is
// overridden); ground motion acts on every mass.
struct TimeDomainOptions {
    bool enabled = false;
    dynamics::Excitation excitation; // default: the 300 N hammer pulse at 0.5 s
    double durationS = 5.0;
    double sampleRateHz = 1024.0;
    std::uint64_t seed = 1; // random force realisation (as `simulate` draws it from its seed)

    // Field ids time_duration, time_sample_rate and the excitation's own ids.
    InputIssues validate(std::size_t storeys, int forceFloor) const;
};

// Peak and RMS indices of one run (Spencer, Dyke & Deoskar 1998, EESD 27:1127 report the
// same kind of indices for the active-mass-driver benchmark).
struct ResponseIndices {
    std::vector<double> peakDriftM, rmsDriftM;                 // per storey: x_i − x_{i−1}
    std::vector<double> peakAccelerationMS2, rmsAccelerationMS2; // per floor, absolute
    double peakStrokeM = 0.0, rmsStrokeM = 0.0;                // proof mass relative to its base
    double peakCurrentA = 0.0, rmsCurrentA = 0.0;              // coil current
};

struct ControlTimeHistory {
    std::vector<std::vector<double>> driftM;          // [storey][sample]
    std::vector<std::vector<double>> accelerationMS2; // [floor][sample], absolute
    std::vector<double> strokeM;                      // empty without the device
    std::vector<double> currentA;                     // empty without feedback
    ResponseIndices indices;
    bool diverging = false; // the closed loop is unstable: the response grows without bound
};

struct ControlTimeResponse {
    std::vector<double> timeS;
    std::vector<double> excitation; // force [N] or ground acceleration [m/s²]
    std::string excitationUnit;     // "N" or "m/s²"
    std::uint64_t seed = 0;
    std::string integrator;         // "exact-foh"
    ControlTimeHistory uncontrolled;
    ControlTimeHistory controlled;
};

// Integrates both closed loops exactly (first-order-hold discretisation, the `simulate` core's
// dynamics::integrateExact). Under ground motion the coordinates are relative to the ground and
// the sensor measures absolute velocity: the ground velocity is carried as one more state.
ControlTimeResponse simulateControl(const ControlDesign& controlled,
                                    const ControlDesign& uncontrolled,
                                    const TimeDomainOptions& options, int forceFloor,
                                    Progress& progress = Progress::none());

} // namespace dtop::control
