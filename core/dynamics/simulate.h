// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "dynamics/excitation.h"
#include "dynamics/frf_quantity.h"
#include "dynamics/time_grid.h"
#include "dynamics/time_response.h"
#include "model/profile.h"
#include "signal/display_range.h"
#include "signal/frf_estimate.h"
#include "signal/welch.h"
#include "uq/ensemble_statistics.h"
#include "uq/parameter_scatter.h"
#include "uq/sampling.h"

#include <array>
#include <complex>
#include <cstdint>
#include <vector>

namespace dtop::dynamics {

inline constexpr std::size_t kMaxScenarios = 10000;
inline constexpr std::size_t kMaxKeptScenarios = 100;
inline constexpr std::size_t kMaxSimulationSamples = 20'000'000; // per channel
inline constexpr double kMaxIntegrationSteps = 2e9;              // whole run
inline constexpr double kMaxWorkingMemoryBytes = 2e9;            // scenario statistics

// Scatter of the structure (and optionally of the initial state) across the scenarios. Each
// parameter of each storey is sampled independently (prototype defect D4 shared one normal
// draw between m, k and c).
struct ScenarioScatter {
    uq::ParameterScatter mass;           // about the profile's m_i [kg]
    uq::ParameterScatter stiffness;      // about k_i [N/m]
    uq::ParameterScatter damping;        // about c_i [N·s/m] (storey-damper profiles only)
    double initialDisplacementSdM = 0.0; // normal σ about the initial displacements [m]
    double initialVelocitySdMS = 0.0;    // normal σ about the initial velocities [m/s]

    bool any() const;
};

// One scenario's structure and initial state.
struct ScenarioSample {
    std::vector<double> masses;
    std::vector<double> stiffnesses;
    std::vector<double> dampers; // empty for Rayleigh profiles (damping not scattered)
    InitialState initial;
};

// The `simulate` analysis: a virtual test of the active profile. Defaults are the
// prototype's default hammer test: 300 N Gaussian pulse at 0.5 s, σ = 10 ms, on floor 1,
// T = 5 s, 2048 Hz, on southampton-lpm (the displayed S1 values, not the S1' of its form bug).
struct SimulateInput {
    model::Profile profile; // default: the southampton-lpm preset
    Excitation excitation;
    double durationS = 5.0;
    double sampleRateHz = 2048.0; // output grid t_k = k/fs, k = 0..floor(T·fs)
    InitialState initial;         // nominal initial state (empty = at rest)
    IntegrationOptions integration;

    std::size_t scenarios = 0; // Monte-Carlo scenarios besides the nominal run
    ScenarioScatter scatter;
    uq::SamplingMethod sampling = uq::SamplingMethod::MonteCarlo;
    std::uint64_t seed = 1;        // master seed of every random input (recorded in the result)
    std::size_t keptScenarios = 0; // the first k scenarios' full time histories are returned

    bool spectra = true;
    signal::WelchOptions welch;
    FrfQuantity frfQuantity = FrfQuantity::Accelerance; // H1 estimate and model FRF overlay

    SimulateInput();
    TimeGrid grid() const { return TimeGrid::fromDuration(durationS, sampleRateHz); }
    InputIssues validate() const;
};

// Samples of every scenario, reproducible from input.seed (columns m_i, k_i, c_i, x0_i, v0_i
// drawn independently by uq::sampleParameters).
std::vector<ScenarioSample> drawScenarios(const SimulateInput& input);

struct NominalSpectra {
    std::array<std::vector<signal::Spectrum>, 3> response; // [ResponseQuantity][floor]
    signal::Spectrum excitation;                           // force or ground acceleration
    // Force excitations: H1 from the force to each floor's frfQuantity response, and the
    // profile's exact FRF of the same quantity at the same frequencies, for the overlay.
    std::vector<signal::FrfEstimate> h1;                     // [floor]
    std::vector<std::vector<std::complex<double>>> modelFrf; // [floor][bin]
    FrfQuantity frfQuantity = FrfQuantity::Accelerance;
};

struct SimulateResult {
    std::uint64_t seed = 0;
    TimeGrid grid;
    TimeResponse nominal;
    std::vector<double> peakDisplacementM;    // per floor, max |x| of the nominal structure
    std::vector<double> naturalFrequenciesHz; // undamped, nominal structure
    signal::FrequencyRange displayRange;      // frames the modes (and a sine or sweep)

    bool hasSpectra = false;
    NominalSpectra spectra;
    std::string spectraMethod; // how the spectra were estimated (signal::SpectralPlan)
    bool transientSpectra = false; // whole-record periodograms of a transient input
    // What makes a result less meaningful than it looks, for the user; empty when nothing:
    // of the spectra (one average: a coherence of 1 that says nothing) and of the scenarios
    // (every spread 0: copies of the nominal structure).
    std::string spectraNote;
    std::string scenarioNote;

    std::size_t scenarios = 0;
    std::vector<ScenarioSample> samples;                        // [scenario]
    std::vector<std::vector<double>> scenarioPeakDisplacementM; // [scenario][floor]
    // Over the scenarios (nominal excluded): mean, sd, min–max and 5–95 % per point.
    std::array<std::vector<uq::Envelope>, 3> timeEnvelopes; // [ResponseQuantity][floor]
    std::array<std::vector<uq::Envelope>, 3> psdEnvelopes;  // [ResponseQuantity][floor]
    std::vector<TimeResponse> keptScenarios;
};

// Throws std::invalid_argument listing every issue when input.validate() finds any, and
// Cancelled when progress is cancelled (checked per scenario and every few thousand steps).
SimulateResult runSimulate(const SimulateInput& input, Progress& progress = Progress::none());

} // namespace dtop::dynamics
