// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "design/design_output.h"
#include "design/input_distribution.h"
#include "model/profile.h"
#include "uq/sampling.h"

#include <Eigen/Dense>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dtop::design {

inline constexpr std::size_t kMaxJointOutputs = 6;         // outputs of the joint Fisher information
inline constexpr std::size_t kMaxSamples = 1'000'000'000;  // main Monte Carlo sample size
inline constexpr std::size_t kMaxSobolRows = std::size_t{1} << 24;
inline constexpr std::size_t kMaxFisherCells = std::size_t{1} << 18;
inline constexpr std::size_t kMaxLegacySamples = 2'000'000; // legacy mode stores every sample
inline constexpr std::size_t kMaxLegacyNodes = 1'000'000;   // J^n of the prototype's grid
inline constexpr std::size_t kMaxFrfPoints = 1'000'000;
inline constexpr double kMaxWorkingBytes = 1024.0 * 1024.0 * 1024.0; // accumulators of one run

// The prototype's estimators (docs/tools/design.md, Legacy mode): binned empirical CDF on a J^n grid
// over the sample range, likelihood-ratio CDF sensitivities without baseline, mixed finite
// differences, trapezoidal FIM; threshold as a percentage of the sample range.
struct LegacyOptions {
    std::size_t samples = 1000;    // the prototype's default N (when no samples are given)
    std::size_t gridPoints = 10;   // J ("JPDFsize")
    double sliderPercent = 55.6;   // page-4 slider, % of [min, max] (the page's default for J = 10)
    std::size_t histogramBins = 20; // page-2 "Xsize"
    // The prototype's own input samples (N × 4n, columns f1..fn, k1..kn, c1..cn, m1..mn), e.g.
    // NumPy's seed-0 draws: when set they replace the tool's own sampling.
    std::optional<Eigen::MatrixXd> inputSamples;
};

// Input of the design-under-uncertainty analysis (tool id `design`).
struct DesignInput {
    // 4n physical inputs in the order f1..fn (floor forces [N]), k1..kn (storey stiffnesses
    // [N/m]), c1..cn (storey dampers [N·s/m]), m1..mn (floor masses [kg]). Default: the
    // sheffield-design means and spreads (two gamma dampers).
    std::vector<InputDistribution> inputs;
    double frequencyHz = 1.97; // analysis frequency [Hz]
    std::vector<OutputId> outputs = {{OutputKind::Displacement, 3}};
    ShearDefinition shear = ShearDefinition::Complex;

    uq::SamplingMethod sampling = uq::SamplingMethod::MonteCarlo; // or Sobol (QMC)
    // Main sample: statistics, Fisher information, probability. 10^7 makes every scaled
    // probability gradient's standard error <= 0.015 for the defaults.
    std::size_t samples = 10'000'000;
    std::uint64_t seed = 1;

    // Probability P(first output < threshold), threshold in the first output's unit; unset =
    // the first output's nominal value (the deterministic design's response).
    bool probability = true;
    std::optional<double> threshold;

    // Sobol' indices: base rows start at sobolSamples and double until every 95 % bootstrap
    // interval's half-width is <= sobolTolerance or sobolMaxSamples is reached.
    bool sobol = true;
    std::size_t sobolSamples = std::size_t{1} << 15;
    std::size_t sobolMaxSamples = std::size_t{1} << 20;
    double sobolTolerance = 0.01;
    std::size_t bootstrapResamples = 500;

    // Fisher information: cell budget of the finest partition, convergence tolerance.
    bool fisher = true;
    std::size_t fisherMaxCells = 16384;
    double fisherTolerance = 0.02;

    std::size_t frfPoints = 10000; // nominal FRF grid, 0 … 1.5·f_n,max
    unsigned threads = 0;          // 0 = all hardware threads (results do not depend on it)

    bool legacy = false;           // run the prototype's estimators instead (labelled)
    LegacyOptions legacyOptions;

    DesignInput(); // the sheffield-design defaults

    std::size_t storeys() const { return inputs.size() / 4; }
    // Input names "f1".."fn", "k1".., "c1".., "m1"..; units "N", "N/m", "N·s/m", "kg".
    static std::string inputName(std::size_t index, std::size_t storeys);
    static const char* inputUnit(std::size_t index, std::size_t storeys);
    static InputSign inputSign(std::size_t index, std::size_t storeys);
    // Index of the input called `name`, or -1.
    int findInput(const std::string& name) const;

    // Inputs for another building: means from the profile (storey dampers), normal with the
    // given coefficients of variation on k, c, m, and a normal force 1 N ± 10 % on floor 1.
    static std::vector<InputDistribution> inputsForProfile(const model::Profile& profile,
                                                           double cvStiffness = 0.02,
                                                           double cvDamper = 0.1,
                                                           double cvMass = 0.02);

    InputIssues validate() const;
};

// The sheffield-design inputs (docs/tools/design.md, Inputs and distributions).
std::vector<InputDistribution> sheffieldDesignInputs();

// Applies "NAME=TYPE:A:B" (e.g. "k1=normal:4203:84", "c2=gamma:0.6:0.0015",
// "k1=truncated-normal:4203:84[:LOWER[:UPPER]]", "f2=fixed:0") to `input`; the problems
// (unknown name, unknown type, not a number) are returned, field = the input name or "input".
InputIssues applyInputSpec(DesignInput& input, const std::string& spec);

// "x1,x3,s2" → outputs (issues name the bad entry).
InputIssues parseOutputList(const std::string& text, std::size_t storeys,
                            std::vector<OutputId>& outputs);

} // namespace dtop::design
