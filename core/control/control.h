// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "common/progress.h"
#include "control/best_gain.h"
#include "control/compensator.h"
#include "control/control_design.h"
#include "control/control_time_response.h"
#include "control/inertial_actuator.h"
#include "control/kinetic_energy.h"
#include "control/legacy_metrics.h"
#include "control/stability_margins.h"
#include "control/tmd_tuning.h"
#include "dynamics/frf_quantity.h"
#include "model/profile.h"

#include <complex>
#include <optional>
#include <string>
#include <vector>

namespace dtop::control {

inline constexpr std::size_t kMaxRootLocusGains = 100'000;

// The `control` analysis (docs/tools/control.md): vibration control of the active profile by a
// passive TMD, velocity feedback through an inertial actuator (with or without the electronic
// compensator), LQG, or the ideal skyhook DVF, with the harmonic primary force on one floor.
// Fields map 1:1 to the command-line options (option names in comments). Defaults: the
// prototype's inputs (strategy tmd, device at floor 1, h = 5 A·s/m, the 6.5 Hz actuator).
struct ControlInput {
    model::Profile profile;               // default: the southampton-design preset
    Strategy strategy = Strategy::Tmd;    // --strategy
    int floor = 1;                        // --floor: device and sensor floor
    int forceFloor = 1;                   // --force-floor: primary force floor
    double gain = 5.0;                    // --gain h [A·s/m] (dvf, dvf-ec, ideal-dvf)
    InertialActuator actuator;            // --base-mass, --proof-mass, --suspension-stiffness,
                                          // --suspension-damping, --force-factor,
                                          // --coil-resistance
    CompensatorSettings compensator;      // --ec-estimate-hz, --ec-estimate-damping,
                                          // --ec-target-hz, --ec-target-damping (unset: derived)
    LqgWeights lqg;                       // --lqg-state-weight, --lqg-input-weight,
                                          // --lqg-process-noise, --lqg-measurement-noise
    TmdTuning tune = TmdTuning::None;     // --tune (tmd only): replaces k_p and c_p
    bool legacy = false;                  // --legacy: the prototype's metrics beside the truth

    FrequencyBand band;                   // --band-low-hz, --band-high-hz, --band-step-hz
    dynamics::FrfQuantity frfQuantity = dynamics::FrfQuantity::Mobility; // --frf-quantity
    bool rootLocus = true;                // root locus (feedback strategies)
    std::size_t rootLocusGains = 500;     // --root-locus-gains
    bool bestGain = true;                 // best stable gain (dvf, dvf-ec, ideal-dvf)
    TimeDomainOptions timeDomain;         // --time-response and the excitation options

    ControlInput();
    InputIssues validate() const;
};

// Kinetic-energy results of one structure (controlled or uncontrolled).
struct KineticEnergySummary {
    std::vector<double> ke;        // T(f) [J/N²] on the band grid
    std::vector<double> keDb;      // 10·log10(T / 1 J/N²) (20·log10 in legacy mode)
    double bandIntegral = 0.0;     // trapezoid over ω [J·rad/(s·N²)]
    std::optional<double> exactIntegral; // ∫₀^∞ by the Lyapunov equation (stable only)
    std::vector<KePeak> peaks;     // refined local maxima
};

// Open-loop frequency response κ L₀(jω) at the design gain, for Nyquist and Bode plots.
struct LoopResponse {
    std::vector<double> frequencyHz;             // > 0, ascending; ω < 0 is the mirror image
    std::vector<std::complex<double>> response;  // κ L₀(jω)
    std::vector<double> magnitudeDb;             // 20·log10|κ L₀|
    std::vector<double> phaseDeg;                // unwrapped
    // Nyquist axes that hold the whole curve (both signs of ω), −1 and the unit circle.
    double reMin = -1.0, reMax = 1.0, imMin = -1.0, imMax = 1.0;
};

// Per-floor FRF to the primary force, controlled and uncontrolled, of ControlInput::frfQuantity.
struct FloorFrf {
    std::vector<std::complex<double>> controlled;
    std::vector<std::complex<double>> uncontrolled;
};

struct ControlResult {
    Strategy strategy = Strategy::None;
    std::string label;
    bool legacy = false;
    int floor = 1;
    int forceFloor = 1;
    double gain = 0.0;            // on the loop's gain axis (h, or 1 for the LQG factor)
    std::string gainUnit;         // "A·s/m" or "1"
    InertialActuator actuator;    // effective (tuned suspension when --tune)
    double deviceFrequencyHz = 0.0;
    double deviceDampingRatio = 0.0;
    std::optional<Compensator> compensator; // dvf-ec: the effective compensator
    std::string keDbScale;        // what keDb and the peaks' dB are

    std::vector<double> frequencyHz;        // the band grid
    KineticEnergySummary controlled;
    KineticEnergySummary uncontrolled;
    std::vector<ClosedLoopPole> poles;      // closed-loop poles of the design
    std::vector<ClosedLoopPole> uncontrolledPoles;

    // Feedback strategies only (nullopt for none and tmd).
    std::optional<bool> stable;
    std::optional<StabilityMargins> margins;
    std::optional<LoopResponse> loop;
    std::optional<RootLocus> rootLocus;
    std::optional<BestGain> bestGain;

    // nullopt when the design is unstable (the steady state does not exist).
    std::optional<double> keReductionDb;      // −10·log10(band integral ratio)
    std::optional<double> keExactReductionDb; // −10·log10(exact integral ratio)
    // Mean electrical power R_e|i|²/2 for a 1 N harmonic primary force, averaged over the band
    // [W]; nullopt without feedback or when unstable.
    std::optional<double> controlEffortW;
    std::vector<double> effortSpectrumW;      // R_e|i(f)|²/2 [W] (feedback strategies)

    dynamics::FrfQuantity frfQuantity = dynamics::FrfQuantity::Mobility;
    std::vector<FloorFrf> floors;             // [floor]

    std::optional<TunedAbsorber> tuned;
    std::vector<double> lqrGain;              // LQG: K [A per state unit]
    std::vector<double> kalmanGain;           // LQG: L
    std::optional<ControlTimeResponse> timeResponse;
    std::optional<LegacyMetrics> legacyMetrics;
};

// Throws std::invalid_argument listing every issue when input.validate() finds any, and
// Cancelled when progress is cancelled.
ControlResult runControl(const ControlInput& input, Progress& progress = Progress::none());

// Several designs of one structure for an overlay: `input` with each strategy in turn.
std::vector<ControlResult> runControlComparison(const ControlInput& input,
                                                const std::vector<Strategy>& strategies,
                                                Progress& progress = Progress::none());

} // namespace dtop::control
