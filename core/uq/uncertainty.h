// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "common/progress.h"
#include "dynamics/frf_quantity.h"
#include "model/profile.h"
#include "uq/legacy_cartesian_bounds.h"
#include "uq/parameter_box.h"
#include "uq/sampling.h"
#include "uq/uq_frequency_grid.h"
#include "uq/verified_frf_bounds.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dtop::uq {

// The uncertainty-propagation analysis (tool id `uncertainty`, docs/tools/uncertainty.md):
// bounds on |H_d(f)| of every floor when the chain's m, k, c lie in a box (or scatter in it).
enum class UqMethod {
    Sampled,   // Monte Carlo / Latin hypercube / Sobol' envelope, one common sample set
    Vertex,    // all 2^p corners of the box (a seeded subset when p is large)
    Optimised, // per-frequency bound-constrained local optimisation, multistart, warm-started
    Verified,  // branch and bound with rigorous (outward-rounded) enclosures: an outer bound
    Cartesian, // the prototype's legacy method, for comparison
};

const char* uqMethodName(UqMethod method); // "sampled", "vertex", "optimised", "verified", "cartesian"
bool parseUqMethod(const std::string& text, UqMethod& method);
// "sampled envelope (inner)", "vertex (inner)", "optimised (inner, best found)",
// "verified outer", "prototype Cartesian (inner)".
const char* uqMethodLabel(UqMethod method);

struct UncertaintyInput {
    model::Profile profile;                 // default: the `full-scale` preset
    std::vector<ParameterSpread> parameters; // 3n: m1..mn, k1..kn, c1..cn; default ±10 % each
    double scaleAll = 1.0;                  // multiplies every half-width
    double sdsPerHalfWidth = 3.0;           // normal/lognormal shapes: sd = half-width / this

    int inputFloor = 2;                     // 1-based floor where the unit force acts
    dynamics::FrfQuantity quantity = dynamics::FrfQuantity::Receptance;
    UqGridMode gridMode = UqGridMode::Adaptive;
    double fminHz;                          // default 5 rad/s, the prototype's range
    double fmaxHz;                          // default 200 rad/s
    std::size_t points = 200;               // Linear grid size; Adaptive base grid size
    std::vector<double> frequenciesHz;      // Explicit grid

    std::vector<UqMethod> methods = {UqMethod::Sampled, UqMethod::Vertex, UqMethod::Optimised,
                                     UqMethod::Verified};
    SamplingMethod sampling = SamplingMethod::Sobol;
    std::size_t samples = 10000;
    std::uint64_t seed = 1;
    std::vector<double> percentiles = {5.0, 50.0, 95.0}; // bands of the sampled envelope [%]
    std::size_t maxVertices = 4096;    // all 2^p corners if 2^p <= this, else this many (seeded)
    // Target relative gap between the verified outer and the inner bound. 1 % by default: the
    // whole default run stays within seconds. At 0.1 % (--tolerance 0.001) and 1000 boxes the
    // default case has 4345 of its 4407 (frequency, floor) points within 0.1 % (worst 0.89 %,
    // median 0.001 %) but takes 17.9 s on 2 loaded cores; see docs/tools/uncertainty.md.
    // Whatever is reached is reported per point, so the gap is always stated.
    double verifiedTolerance = 0.01;
    // Branch-and-bound budget per frequency, floor and side.
    std::size_t maxBoxesPerBound = 1000;

    UncertaintyInput();
    // Sets ±percent (uniform) on all 3n parameters of the current profile.
    void setUniformSpread(double percent);
    bool uses(UqMethod method) const;
    InputIssues validate() const;
    // The effective box (throws std::invalid_argument if validate() reports problems).
    ParameterBox box() const;
};

// One method's bounds, all floors, on the common frequency grid.
struct MethodBounds {
    UqMethod method = UqMethod::Sampled;
    std::string label;     // uqMethodLabel
    std::string guarantee; // what the curves mean, one or two sentences
    std::vector<FloorBounds> floors;
    double seconds = 0.0;  // wall time of this method
};

struct SampledBands {
    std::vector<double> percentiles;                      // [%]
    std::vector<std::vector<std::vector<double>>> floors; // [floor][percentile][frequency]
};

// Which parameter moves |H_d| most at each frequency: the first-order swing
// |∂|H_d|/∂p_i|·(hi_i − lo_i) at the nominal point and at the optimised maximiser and minimiser,
// the largest of the three, normalised to shares that sum to 1.
struct ParameterImportance {
    std::vector<std::vector<int>> dominant;               // [floor][frequency] parameter index
    std::vector<std::vector<std::vector<double>>> shares; // [floor][parameter][frequency]
};

struct UncertaintyResult {
    dynamics::FrfQuantity quantity = dynamics::FrfQuantity::Receptance;
    int inputFloor = 2;
    ParameterBox box;
    UqGrid grid;
    std::vector<double> frequencyHz;
    std::vector<std::vector<double>> nominal; // [floor][frequency] |H_d| at the nominal point
    std::vector<MethodBounds> methods;       // in the order run
    SampledBands bands;
    std::string sampledStatement;            // the order-statistics meaning of the envelope
    SamplingMethod sampling = SamplingMethod::Sobol;
    std::size_t samples = 0;
    std::uint64_t seed = 0;
    std::size_t vertices = 0;
    bool allVertices = true;
    ParameterImportance importance;          // empty unless the optimised method ran
    // Relative gap between verified outer and optimised inner (max of the upper-side gap
    // (outer − inner)/inner and the lower-side gap (inner − outer)/inner), [floor][frequency].
    std::vector<std::vector<double>> gap;
    double worstGap = 0.0;
    VerifiedStatistics verified;

    const MethodBounds* find(UqMethod method) const;
};

// Called after each method with the result so far (the cheap methods come first).
using UncertaintyStageCallback = std::function<void(const UncertaintyResult&)>;

UncertaintyResult runUncertainty(const UncertaintyInput& input,
                                 Progress& progress = Progress::none());
UncertaintyResult runUncertainty(const UncertaintyInput& input, Progress& progress,
                                 const UncertaintyStageCallback& onStage);

} // namespace dtop::uq
