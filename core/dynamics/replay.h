// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "dynamics/excitation.h"
#include "dynamics/time_response.h"
#include "model/profile.h"
#include "signal/display_range.h"
#include "signal/welch.h"

#include <vector>

namespace dtop::dynamics {

// Normalised root-mean-square error of a simulated signal against a measured one:
//   NRMSE = sqrt(mean((sim − meas)²)) / sqrt(mean(meas²)),
// i.e. the RMS of the difference over the RMS of the measured signal (0 = identical, 1 = an
// error as large as the signal itself; a simulation of all zeros scores exactly 1).
// NaN when the lengths differ, the record is empty or the measured signal is all zero.
double nrmse(const std::vector<double>& simulated, const std::vector<double>& measured);

// Replay of a recorded test: the measured force drives the active profile from rest and the
// simulated floor velocities are compared with the measured ones.
struct ReplayInput {
    model::Profile profile;     // default: the southampton-lpm preset
    std::vector<double> timeS;  // uniform sample times [s] (within 0.1 % of the mean step)
    std::vector<double> forceN; // measured force [N] at timeS
    int forceFloor = 1;         // 1-based floor the force acted on
    SampleHold forceHold = SampleHold::Auto;             // how the force continues between samples
    std::vector<std::vector<double>> measuredVelocityMS; // [floor][sample], floors 1..m ≤ n
    IntegrationOptions integration;
    signal::WelchOptions welch;

    ReplayInput();
    InputIssues validate() const;
};

struct ReplayResult {
    TimeResponse simulated;                             // on the record's time grid
    std::vector<double> nrmse;                          // per measured floor, of the velocity
    std::vector<signal::Spectrum> simulatedVelocityPsd; // per measured floor [(m/s)²/Hz]
    std::vector<signal::Spectrum> measuredVelocityPsd;  // per measured floor [(m/s)²/Hz]
    signal::Spectrum forcePsd;                          // [N²/Hz]
    std::vector<double> naturalFrequenciesHz;           // undamped, of the profile
    signal::FrequencyRange displayRange;

    SampleHold forceHold = SampleHold::Linear; // the hold used (Auto resolved)
    double recordImpulseNs = 0.0;             // Δt·ΣF of the record [N·s]
    double heldImpulseNs = 0.0;               // the integral of the force as held [N·s]
    // True for a transient record (an impact) with automatic segments: the spectra are then
    // whole-record periodograms (signal::SpectralPlan) instead of Welch's Hann-windowed
    // segments, whose first window value of 0 erases an impulse at t = 0.
    bool transient = false;
    // What the user should know about how the record was treated (hold, spectra), one sentence
    // each.
    std::vector<std::string> notes;
};


// Throws std::invalid_argument listing every issue when validate() finds any; Cancelled when
// progress is cancelled.
ReplayResult runReplay(const ReplayInput& input, Progress& progress = Progress::none());

} // namespace dtop::dynamics
