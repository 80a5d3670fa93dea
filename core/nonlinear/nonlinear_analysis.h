// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "common/progress.h"
#include "model/profile.h"
#include "nonlinear/backbone.h"
#include "nonlinear/branch_point.h"
#include "nonlinear/cbc_simulation.h"
#include "nonlinear/fold_curve.h"
#include "nonlinear/legacy_cbc.h"
#include "nonlinear/open_loop_sweep.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dtop::nonlinear {

// The nonlinear tool (id `nonlinear`, docs/tools/nonlinear.md): periodic orbits of the forced
// cubic chain by harmonic balance, their continuation, folds, stability, backbones, the
// bistability map, open-loop sweeps and a simulated control-based continuation.
enum class NonlinearAnalysis {
    ForceCurve,     // S-curve: continuation in force at fixed frequency
    FrequencyCurve, // frequency-response curve at fixed force (with backbones)
    Backbone,       // backbone curve(s) of the undamped, unforced chain
    FoldCurve,      // two-parameter fold continuation: bistability region and cusp
    Sweep,          // quasi-static (and optional time-domain) open-loop sweep
    Cbc,            // simulated control-based continuation over the model's S-curve
};
const char* nonlinearAnalysisName(NonlinearAnalysis a); // "force-curve", "frequency-curve", ...
bool parseNonlinearAnalysis(const std::string& text, NonlinearAnalysis& a);

enum class SweepParameter { Frequency, Force };
const char* sweepParameterName(SweepParameter p); // "frequency", "force"
bool parseSweepParameter(const std::string& text, SweepParameter& p);

inline constexpr int kMaxHarmonics = 40;         // odd harmonics 1..79
inline constexpr std::size_t kMaxUnknowns = 1200; // 2·floors·harmonics
inline constexpr std::size_t kMaxSweepPoints = 20000;
inline constexpr std::size_t kMaxCbcPoints = 2000;

struct NonlinearInput {
    model::Profile profile;                 // default: the `cbc-demo` preset
    NonlinearAnalysis analysis = NonlinearAnalysis::ForceCurve;
    double frequencyRadS = 16.0;            // fixed frequency of a force curve, CBC, force sweep
    double forceN = 10.0;                   // fixed force of a frequency curve, frequency sweep
    // Range of the continued parameter (N for force curves and CBC, rad/s otherwise); empty =
    // the analysis's default (force 1–81 N, frequency 1–50 rad/s, backbone up to 1.25·ω_mode,
    // fold curve 0.5–1.5 × frequencyRadS).
    std::optional<double> from, to;
    int mode = 1;                           // backbone mode (0: every mode)
    int harmonics = 0;                      // odd harmonics retained; 0: automatic
    double kp = 120.0;                      // CBC proportional gain [N/m] (> 0 stabilises)
    double kd = 25.0;                       // CBC derivative gain [N·s/m]

    double harmonicToleranceM = 1e-7;       // automatic harmonics: bound on the top harmonic
    double foldArcTolerance = 1e-9;         // fold localisation bracket (scaled arclength)
    std::size_t maxPoints = 5000;           // per branch
    double forceLimitN = 200.0;             // fold curve: upper force bound
    bool backbonesWithFrequencyCurve = true;

    SweepParameter sweepParameter = SweepParameter::Frequency;
    std::size_t sweepPoints = 200;
    double sweepRate = 0.0;                 // time-domain sweep rate (rad/s² or N/s); 0: none

    std::size_t cbcPoints = 120;
    double cbcToleranceN = 1e-3;
    int cbcMaxIterations = 40;
    int cbcSamplesPerPeriod = 64;
    int cbcHarmonics = 25;

    bool legacy = false;                    // also run the prototype's default run (compat mode)

    NonlinearInput();
    InputIssues validate() const;
    double effectiveFrom() const;
    double effectiveTo() const;
};

struct NonlinearResult {
    NonlinearAnalysis analysis = NonlinearAnalysis::ForceCurve;
    std::vector<double> naturalFrequenciesRadS;
    std::vector<double> dampingRatios;
    double from = 0.0, to = 0.0;            // effective range

    std::vector<BranchPoint> branch;        // force/frequency curve; the model branch for sweep/CBC
    std::vector<FoldPoint> folds;           // of the branch (of the CBC branch for analysis CBC)
    std::vector<Bifurcation> bifurcations;  // every stability change met along the branch
    int harmonics = 0;                      // odd harmonics used
    double harmonicsCheckM = 0.0;           // amplitude change with two more harmonics
    std::string stopReason;

    std::vector<BackbonePoint> backbone;    // backbone analysis; overlay of the frequency curve
    FoldCurve foldCurve;
    OpenLoopSweep sweep;

    std::vector<CbcPoint> cbc;
    std::vector<FoldPoint> modelFolds;      // the model's folds for the CBC comparison
    double cbcSimulatedSeconds = 0.0;

    std::optional<LegacyRun> legacy;
    std::optional<LegacyComparison> legacyComparison; // against the bundled reference, if found

    std::vector<std::string> warnings;
    double seconds = 0.0;
};

// Called whenever a point is added (branch, backbone, fold-curve or CBC point) with the result
// so far, so that a caller can draw a branch while it grows. Cancel through Progress.
using NonlinearPointCallback = std::function<void(const NonlinearResult&)>;

NonlinearResult runNonlinear(const NonlinearInput& input, Progress& progress = Progress::none(),
                             const NonlinearPointCallback& onPoint = {});

// Where the bundled reference run is looked for by the legacy comparison (empty: not found).
// Set by the caller (the app knows its data directory); core holds no global state.
struct LegacyReference {
    std::string path;
};
NonlinearResult runNonlinear(const NonlinearInput& input, Progress& progress,
                             const NonlinearPointCallback& onPoint,
                             const LegacyReference& reference);

// Time response of branch point `point` over one period: rows time [s], then x of each floor,
// then ẋ of each floor ((1 + 2n)×samples). For the orbit and phase-portrait plots.
Eigen::MatrixXd orbitTimeResponse(const model::Profile& profile, const BranchPoint& point,
                                  int samples = 256);

} // namespace dtop::nonlinear
