// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "design/design_output.h"
#include "design/input_distribution.h"
#include "design/output_statistics.h"
#include "uq/sampling.h"

#include <Eigen/Dense>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dtop::design {

// One physical input as analysed.
struct InputSummary {
    std::string name; // "k1"
    std::string unit; // "N/m"
    InputDistribution distribution;
    bool random = false;
    double mean = 0.0; // nominal value
    double sd = 0.0;
};

// One distribution parameter b_j (the Fisher information and gradients are taken w.r.t. these).
// Order: the first parameters (μ or κ) of the random inputs in input order, then their second
// parameters (σ or θ), as the prototype did.
struct ParameterInfo {
    std::string name;  // "mu_k1", "sigma_k1", "kappa_c2", "theta_c2"
    std::size_t input = 0; // index into the inputs
    bool second = false;   // σ/θ rather than μ/κ
    double value = 0.0;    // b_j
    // s_j used for the scaled (relative) forms s_j·∂/∂b_j: |b_j|, or, when b_j = 0 (a zero-mean
    // random force), the input's standard deviation, so the parameter is never silently dropped.
    double scale = 0.0;
    bool scaleIsSpread = false;
    std::string unit;
};

struct OutputSummary {
    OutputId id;
    std::string name;  // "x3"
    std::string unit;  // "m"
    std::string label; // "displacement x3 [m]"
    double nominal = 0.0;
    SampleStatistics statistics;
};

// Nominal model at the input means: the FRF page of the tool.
struct NominalResponse {
    std::vector<double> inputValues;          // means of the 4n inputs
    std::vector<OutputId> outputIds;          // all 2n outputs, x1..xn, s1..sn
    std::vector<double> outputs;              // their nominal values at the analysis frequency
    double analysisFrequencyHz = 0.0;
    std::vector<double> naturalFrequenciesHz; // undamped, ascending
    std::vector<double> dampingRatios;        // of the damped modes (nominal dampers)
    std::vector<double> frequencyHz;          // FRF grid 0 … 1.5·f_n,max
    std::vector<std::vector<double>> floorsAbs; // [floor][frequency] |X| [m]
    std::vector<std::vector<double>> floorsDb;  // 20·log10|X| re 1 m
    std::string forcing; // "nominal force vector" or "unit force on floor 1" (all means 0)
};

struct SobolInputResult {
    std::string input; // "k1"
    bool random = false;
    double first = 0.0, total = 0.0;
    double firstLow = 0.0, firstHigh = 0.0, totalLow = 0.0, totalHigh = 0.0;
    double firstJansen = 0.0; // second estimator (cross-check)
    double totalHomma = 0.0;
};

struct SobolConvergence {
    std::vector<std::size_t> rows;              // base rows N_s of each step
    std::vector<std::vector<double>> first;     // [input][step]
    std::vector<std::vector<double>> total;     // [input][step]
    std::vector<std::vector<double>> firstHalfWidth;
    std::vector<std::vector<double>> totalHalfWidth;
};

struct SobolOutputResult {
    std::string output;
    double mean = 0.0, variance = 0.0;
    std::vector<SobolInputResult> inputs; // all 4n inputs (fixed ones are 0)
    double sumFirst = 0.0, sumFirstLow = 0.0, sumFirstHigh = 0.0;
    SobolConvergence convergence;
};

struct SobolResult {
    bool computed = false;
    std::size_t rows = 0;        // base rows N_s (matrices A and B)
    std::size_t evaluations = 0; // N_s·(d + 2)
    std::size_t resamples = 0;
    double level = 0.95;
    double tolerance = 0.0;
    double maxHalfWidth = 0.0;
    bool toleranceMet = false;
    std::string estimators;
    std::vector<SobolOutputResult> outputs;
};

struct FisherLevel {
    std::vector<std::size_t> binsPerAxis;
    std::size_t cells = 0;
    std::vector<double> eigenvaluesScaled; // leading, descending
    double traceScaled = 0.0;
};

struct FisherResult {
    bool computed = false;
    std::string method;
    std::string coordinates; // what was binned, e.g. "x3, x2/x3, x1/x3"
    std::vector<std::string> parameters;
    Eigen::MatrixXd matrix;       // F (raw parameter units)
    Eigen::MatrixXd matrixScaled; // F̃ = diag(s)·F·diag(s)
    Eigen::MatrixXd correlation;  // F̃_jk / √(F̃_jj F̃_kk)
    std::vector<double> eigenvaluesScaled; // descending
    std::vector<double> eigenvalueStdErrors; // jackknife over groups
    Eigen::MatrixXd eigenvectorsScaled;    // columns, unit norm, largest entry > 0
    std::vector<double> diagonalScaled;
    std::vector<double> diagonalStdErrors;
    // Upper bound: the scaled per-sample input information (data-processing inequality).
    Eigen::MatrixXd inputInformationScaled;
    std::vector<double> upperBoundDiagonal;
    double boundRatio = 0.0; // largest eigenvalue of F_in^{-1/2} F F_in^{-1/2}: <= 1 in theory
    bool withinBound = false;
    std::vector<double> halfSampleEigenvalues; // from half of the sample (convergence in N)
    std::vector<FisherLevel> levels;           // finest first, then coarser partitions
    std::size_t leading = 0;      // eigenvalues >= 5 % of the largest used for convergence
    double relativeChange = 0.0;  // largest relative change of a leading eigenvalue, finest vs next
    double relativeStdError = 0.0;
    double tolerance = 0.0;
    bool converged = false;
    std::vector<std::size_t> binsPerAxis;
    std::size_t cells = 0;
    std::size_t pilotSamples = 0;
    std::size_t groups = 0;
};

struct ProbabilityResult {
    bool computed = false;
    std::string output; // the first selected output
    std::string unit;
    double threshold = 0.0;
    bool thresholdFromNominal = false;
    double value = 0.0;    // P(output < threshold)
    double stdError = 0.0;
    std::vector<double> gradient;          // ∂P/∂b_j (raw units)
    std::vector<double> gradientScaled;    // s_j·∂P/∂b_j
    std::vector<double> gradientStdError;  // of the scaled gradient
    std::string method;
    // Information bound (Yang et al. 2022): |s_j ∂P/∂b_j| <= √(P(1−P)·F̃_jj) and, along each
    // eigenvector q_k of F̃, |∇̃P·q_k| <= √(P(1−P)·λ_k).
    std::vector<double> boundScaled;
    std::vector<double> projections;       // ∇̃P·q_k
    std::vector<double> projectionBounds;  // √(P(1−P)λ_k)
    double informationRatio = 0.0;         // Σ_k (∇̃P·q_k)²/λ_k / (P(1−P)) over resolved λ_k; <= 1
    bool withinBound = false;
};

// Local relative-entropy view: KL(p_b ‖ p_{b∘(1+ε)}) ≈ ½ εᵀF̃ε (Cover & Thomas 2006, §11.10).
struct KlView {
    bool computed = false;
    double relativeChange = 0.1;     // ε
    std::vector<double> perParameter;   // ½ F̃_jj ε²  [nats]
    std::vector<double> perEigenvector; // ½ λ_k ε²
};

// The prototype's estimators on the given (or own) samples, labelled as such.
struct LegacyResult {
    bool computed = false;
    std::string label;
    std::size_t samples = 0;
    std::size_t gridPoints = 0;
    double sliderPercent = 0.0;
    std::size_t gridIndex = 0;
    std::vector<double> thresholds;       // per selected output
    Eigen::MatrixXd matrixScaled;
    std::vector<double> eigenvaluesScaled;   // sorted descending
    std::vector<double> eigenvaluesUnscaled; // sorted descending
    std::vector<double> diagonalScaled;
    double probability = 0.0;
    std::vector<double> gradient;        // raw ∂P/∂b_j (no baseline)
    std::vector<double> gradientScaled;  // b_j·∂P/∂b_j
    std::vector<double> gradientStdError; // scaled, of the no-baseline estimator
    std::vector<double> deltaP;          // projections on the unscaled F's eigenvectors (sorted)
    std::vector<Histogram> histograms;   // per selected output, numpy-style
};

struct DesignResult {
    std::size_t storeys = 0;
    std::vector<InputSummary> inputs;
    std::vector<ParameterInfo> parameters;
    std::vector<OutputSummary> outputs; // the selected outputs, in the order given
    ShearDefinition shear = ShearDefinition::Complex;
    double frequencyHz = 0.0;
    uq::SamplingMethod sampling = uq::SamplingMethod::MonteCarlo;
    std::size_t samples = 0;
    std::uint64_t seed = 0;
    bool legacy = false;
    NominalResponse nominal;
    SobolResult sobol;
    FisherResult fisher;
    ProbabilityResult probability;
    KlView kl;
    LegacyResult legacyResult;
    double seconds = 0.0;
};

} // namespace dtop::design
