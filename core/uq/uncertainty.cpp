// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/uncertainty.h"

#include "dynamics/frequency_grid.h"

#include "model/presets.h"
#include "uq/extreme_search.h"
#include "uq/chain_frf.h"
#include "uq/chain_frf_batch.h"
#include "uq/order_statistics.h"
#include "uq/verified_frf_bounds.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unordered_set>

namespace dtop::uq {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr std::size_t kMaxSamples = 10'000'000;
constexpr std::size_t kMaxVertexLimit = 1'000'000;
constexpr std::size_t kMaxBoxBudget = 10'000'000;
// Corners used to locate the resonance bands of the adaptive grid (a plotting aid).
constexpr Eigen::Index kGridCorners = 1024;

struct MethodInfo {
    UqMethod method;
    const char* name;
    const char* label;
};
constexpr MethodInfo kMethods[] = {
    {UqMethod::Sampled, "sampled", "sampled envelope (inner)"},
    {UqMethod::Vertex, "vertex", "vertex (inner)"},
    {UqMethod::Optimised, "optimised", "optimised (inner, best found)"},
    {UqMethod::Verified, "verified", "verified outer"},
    {UqMethod::Cartesian, "cartesian", "prototype Cartesian (inner)"},
};

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Extremes of |H_d|² over a batch of parameter sets at every frequency, with the set that
// attains them (the optimiser starts from those).
struct BatchExtremes {
    std::vector<FloorBounds> bounds;                 // |H| (quantity applied)
    std::vector<std::vector<std::size_t>> argMin;    // [floor][frequency] row of the set
    std::vector<std::vector<std::size_t>> argMax;
};

BatchExtremes batchExtremes(ChainFrfBatch& batch, std::size_t input,
                            const std::vector<double>& omegas, dynamics::FrfQuantity quantity,
                            Progress& progress, double p0, double p1,
                            const std::vector<double>* percentiles = nullptr,
                            SampledBands* bands = nullptr)
{
    const std::size_t n = batch.sets().cols() / 3;
    const std::size_t count = omegas.size();
    BatchExtremes e;
    e.bounds.resize(n);
    e.argMin.assign(n, std::vector<std::size_t>(count));
    e.argMax.assign(n, std::vector<std::size_t>(count));
    for (auto& b : e.bounds) {
        b.lower.resize(count);
        b.upper.resize(count);
    }
    if (bands) {
        bands->percentiles = *percentiles;
        bands->floors.assign(n, std::vector<std::vector<double>>(
                                    percentiles->size(), std::vector<double>(count)));
    }
    Eigen::MatrixXd h2;
    const std::size_t sets = batch.size();
    const std::size_t bandCount = percentiles ? percentiles->size() : 0;
    std::vector<std::size_t> ranks(2 * bandCount);
    std::vector<double> fractions(bandCount), selected(2 * bandCount);
    for (std::size_t w = 0; w < count; ++w) {
        if (w % 8 == 0)
            progress.report(p0 + (p1 - p0) * static_cast<double>(w) / static_cast<double>(count));
        batch.magnitudesSquared(omegas[w], input, h2);
        const double scale = std::abs(dynamics::fromReceptance(1.0, omegas[w], quantity));
        for (std::size_t d = 0; d < n; ++d) {
            double* v = h2.col(static_cast<Eigen::Index>(d)).data();
            std::size_t lo = 0, hi = 0;
            for (std::size_t s = 1; s < sets; ++s) {
                if (v[s] < v[lo])
                    lo = s;
                if (v[s] > v[hi])
                    hi = s;
            }
            e.argMin[d][w] = lo;
            e.argMax[d][w] = hi;
            e.bounds[d].lower[w] = std::sqrt(v[lo]) * scale;
            e.bounds[d].upper[w] = std::sqrt(v[hi]) * scale;
            if (!bands)
                continue;
            // Linear interpolation between order statistics (numpy's default).
            for (std::size_t q = 0; q < percentiles->size(); ++q) {
                percentileRanks((*percentiles)[q], sets, ranks[2 * q], ranks[2 * q + 1],
                                fractions[q]);
            }
            orderStatistics(v, sets, ranks, selected.data(), v[lo], v[hi]);
            for (std::size_t q = 0; q < percentiles->size(); ++q) {
                const double a = std::sqrt(selected[2 * q]);
                const double b = std::sqrt(selected[2 * q + 1]);
                bands->floors[d][q][w] = (a + fractions[q] * (b - a)) * scale;
            }
        }
    }
    return e;
}

// All 2^p corners of the uncertain dimensions when that is at most `limit`, else `limit`
// distinct corners drawn with a seeded generator.
Eigen::MatrixXd boxVertices(const ParameterBox& box, const std::vector<std::size_t>& dims,
                            std::size_t limit, std::uint64_t seed, bool& all)
{
    const std::size_t p = dims.size();
    std::vector<std::vector<char>> masks;
    all = p < 63 && (std::size_t{1} << p) <= limit;
    if (all) {
        const std::size_t count = std::size_t{1} << p;
        for (std::size_t v = 0; v < count; ++v) {
            std::vector<char> m(p);
            for (std::size_t i = 0; i < p; ++i)
                m[i] = static_cast<char>((v >> i) & 1U);
            masks.push_back(std::move(m));
        }
    } else {
        std::mt19937_64 rng(seed ^ 0x5DEECE66DULL);
        std::unordered_set<std::string> seen;
        while (masks.size() < limit) {
            std::string key(p, '0');
            std::vector<char> m(p);
            for (std::size_t i = 0; i < p; ++i) {
                m[i] = static_cast<char>(rng() >> 63);
                key[i] = static_cast<char>('0' + m[i]);
            }
            if (seen.insert(key).second)
                masks.push_back(std::move(m));
        }
    }
    Eigen::MatrixXd v(static_cast<Eigen::Index>(masks.size()), static_cast<Eigen::Index>(box.size()));
    for (std::size_t r = 0; r < masks.size(); ++r) {
        for (std::size_t j = 0; j < box.size(); ++j)
            v(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = box.nominal[j];
        for (std::size_t i = 0; i < p; ++i)
            v(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(dims[i])) =
                masks[r][i] ? box.upper[dims[i]] : box.lower[dims[i]];
    }
    return v;
}

std::string sampledStatement(std::size_t n, SamplingMethod method, std::uint64_t seed)
{
    std::ostringstream s;
    const double nd = static_cast<double>(n);
    s << "Sampled envelope (inner) of " << n << " " << samplingMethodName(method)
      << " parameter sets (seed " << seed << "), one common set for every frequency. The curves "
      << "are the extremes of these structures only, not bounds on the box. For independent "
      << "samples, the chance that one more structure drawn the same way lies above the sampled "
      << "maximum at a given frequency is 1/(N+1) = " << 1.0 / (nd + 1.0)
      << " (likewise below the minimum), and the sample maximum exceeds the 99th percentile of "
      << "|H| with probability 1 - 0.99^N = " << -std::expm1(nd * std::log(0.99))
      << " (Wilks 1941)";
    if (method != SamplingMethod::MonteCarlo)
        s << "; for Latin-hypercube and Sobol' points these figures hold approximately";
    s << ".";
    return s.str();
}

// A point of the box in unit coordinates of the uncertain dimensions.
using UnitPoint = std::vector<double>;

UnitPoint unitOfRow(const ParameterBox& box, const std::vector<std::size_t>& dims,
                    const Eigen::MatrixXd& sets, std::size_t row)
{
    UnitPoint t(dims.size());
    for (std::size_t i = 0; i < dims.size(); ++i) {
        const double v = sets(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(dims[i]));
        t[i] = std::clamp((v - box.lower[dims[i]]) / box.width(dims[i]), 0.0, 1.0);
    }
    return t;
}

// Sets the uncertain entries of p (the others keep their nominal values).
void setUnitPoint(const ParameterBox& box, const std::vector<std::size_t>& dims, const double* t,
                  std::vector<double>& p)
{
    for (std::size_t i = 0; i < dims.size(); ++i) {
        const std::size_t j = dims[i];
        p[j] = t[i] >= 1.0 ? box.upper[j] : box.lower[j] + t[i] * box.width(j);
    }
}
} // namespace

const char* uqMethodName(UqMethod method)
{
    for (const auto& m : kMethods)
        if (m.method == method)
            return m.name;
    return "sampled";
}

const char* uqMethodLabel(UqMethod method)
{
    for (const auto& m : kMethods)
        if (m.method == method)
            return m.label;
    return "";
}

bool parseUqMethod(const std::string& text, UqMethod& method)
{
    for (const auto& m : kMethods)
        if (text == m.name) {
            method = m.method;
            return true;
        }
    return false;
}

UncertaintyInput::UncertaintyInput()
    : profile(*model::preset("full-scale")), fminHz(5.0 / kTwoPi), fmaxHz(200.0 / kTwoPi)
{
    setUniformSpread(10.0);
}

void UncertaintyInput::setUniformSpread(double percent)
{
    parameters.assign(3 * profile.storeys(), ParameterSpread::relative(percent));
}

bool UncertaintyInput::uses(UqMethod method) const
{
    return std::find(methods.begin(), methods.end(), method) != methods.end();
}

InputIssues UncertaintyInput::validate() const
{
    InputIssues issues = profile.validate();
    if (!issues.empty())
        return issues;
    const int n = static_cast<int>(profile.storeys());
    if (inputFloor < 1 || inputFloor > n)
        issues.push_back({"input_floor", "input floor must be between 1 and " + std::to_string(n) +
                                             ", got " + std::to_string(inputFloor)});
    if (gridMode == UqGridMode::Explicit) {
        if (frequenciesHz.empty() || frequenciesHz.size() > kMaxUqGridPoints)
            issues.push_back({"frequencies", "between 1 and " + std::to_string(kMaxUqGridPoints) +
                                                 " frequencies are needed, got " +
                                                 std::to_string(frequenciesHz.size())});
        dynamics::checkFrequencyList(frequenciesHz, issues);
    } else {
        if (!std::isfinite(fminHz) || fminHz < 0.0)
            issues.push_back({"fmin", "fmin must be a finite number >= 0 Hz, got " +
                                          formatValue(fminHz)});
        if (!std::isfinite(fmaxHz) || !(fmaxHz > fminHz))
            issues.push_back({"fmax", "fmax must be a finite number > fmin (" +
                                          formatValue(fminHz) + " Hz), got " +
                                          formatValue(fmaxHz)});
        if (points < 2 || points > kMaxUqGridPoints)
            issues.push_back({"points", "points must be between 2 and " +
                                            std::to_string(kMaxUqGridPoints) + ", got " +
                                            std::to_string(points)});
    }
    if (methods.empty())
        issues.push_back({"methods", "at least one method is needed (sampled, vertex, optimised, "
                                     "verified, cartesian)"});
    if (uses(UqMethod::Sampled)) {
        if (samples < 1 || samples > kMaxSamples)
            issues.push_back({"samples", "samples must be between 1 and " +
                                             std::to_string(kMaxSamples) + ", got " +
                                             std::to_string(samples)});
        for (double q : percentiles)
            if (!std::isfinite(q) || q < 0.0 || q > 100.0) {
                issues.push_back({"percentiles", "percentiles must lie in [0, 100] %, got " +
                                                     formatValue(q)});
                break;
            }
    }
    if (maxVertices < 1 || maxVertices > kMaxVertexLimit)
        issues.push_back({"max_vertices", "max vertices must be between 1 and " +
                                              std::to_string(kMaxVertexLimit) + ", got " +
                                              std::to_string(maxVertices)});
    if (!std::isfinite(verifiedTolerance) || !(verifiedTolerance > 0.0) || verifiedTolerance >= 1.0)
        issues.push_back({"tolerance", "verified tolerance must be > 0 and < 1 (relative), got " +
                                           formatValue(verifiedTolerance)});
    if (maxBoxesPerBound < 1 || maxBoxesPerBound > kMaxBoxBudget)
        issues.push_back({"max_boxes", "max boxes per bound must be between 1 and " +
                                           std::to_string(kMaxBoxBudget) + ", got " +
                                           std::to_string(maxBoxesPerBound)});
    ParameterBox::build(ChainModel::nominalParameters(profile), profile.storeys(), parameters,
                        scaleAll, sdsPerHalfWidth, issues);
    return issues;
}

ParameterBox UncertaintyInput::box() const
{
    const InputIssues issues = validate();
    if (!issues.empty()) {
        std::string text = "invalid uncertainty input:";
        for (const auto& issue : issues)
            text += "\n  " + issue.message;
        throw std::invalid_argument(text);
    }
    InputIssues none;
    return ParameterBox::build(ChainModel::nominalParameters(profile), profile.storeys(),
                               parameters, scaleAll, sdsPerHalfWidth, none);
}

const MethodBounds* UncertaintyResult::find(UqMethod method) const
{
    for (const auto& m : methods)
        if (m.method == method)
            return &m;
    return nullptr;
}

UncertaintyResult runUncertainty(const UncertaintyInput& input, Progress& progress)
{
    return runUncertainty(input, progress, {});
}

namespace {

// One run's shared state: what the grid stage sets up and what each stage hands on to the
// next. The stages run in a fixed order (grid, vertex, sampled, optimised, cartesian,
// importance, verified); each is one function below.
struct UqRun {
    UqRun(const UncertaintyInput& source, Progress& sink)
        : input(source), progress(sink), box(source.box()),
          model(ChainModel::fromProfile(source.profile)), n(model.storeys),
          in(static_cast<std::size_t>(source.inputFloor - 1)), dims(box.uncertainIndices())
    {
    }

    const UncertaintyInput& input;
    Progress& progress;
    const ParameterBox box;
    const ChainModel model;
    const std::size_t n;                 // storeys
    const std::size_t in;                // 0-based floor of the force
    const std::vector<std::size_t> dims; // the uncertain parameters
    Eigen::MatrixXd vertices;            // corners used (all, or a seeded subset)
    std::vector<double> omegas;          // [rad/s]
    std::vector<double> scales;          // |H| of the quantity per unit receptance
    UncertaintyResult result;

    // Best inner points so far per [floor][frequency] in unit coordinates of `dims`: the best
    // corners and samples (the optimiser's starts), then the optima (for the importance).
    std::vector<std::vector<UnitPoint>> vertexMax, vertexMin, sampleMax, sampleMin;
    std::vector<std::vector<UnitPoint>> optimumMax, optimumMin;

    std::size_t count() const { return omegas.size(); }
    std::size_t p() const { return dims.size(); }
};

// Stage "grid": the vertices, the frequency grid (adaptive grids use the corners to find the
// resonance bands) and the nominal |H| of every floor.
void gridStage(UqRun& run)
{
    const std::size_t n = run.n;
    const std::size_t in = run.in;
    const UncertaintyInput& input = run.input;
    const ParameterBox& box = run.box;
    run.progress.report(0.0, "grid");

    UncertaintyResult& result = run.result;
    result.quantity = input.quantity;
    result.inputFloor = input.inputFloor;
    result.box = box;
    result.seed = input.seed;
    result.sampling = input.sampling;

    run.vertices = boxVertices(box, run.dims, input.maxVertices, input.seed, result.allVertices);
    result.vertices = static_cast<std::size_t>(run.vertices.rows());

    UqGridSpec spec{input.gridMode, input.fminHz, input.fmaxHz, input.points, input.frequenciesHz};
    result.grid = buildUqGrid(run.model, box, in, spec,
                              run.vertices.topRows(std::min(run.vertices.rows(), kGridCorners)));
    result.frequencyHz = result.grid.frequencyHz;
    const std::size_t count = result.frequencyHz.size();
    run.omegas.resize(count);
    run.scales.resize(count);
    for (std::size_t w = 0; w < count; ++w) {
        run.omegas[w] = kTwoPi * result.frequencyHz[w];
        run.scales[w] = std::abs(dynamics::fromReceptance(1.0, run.omegas[w], input.quantity));
    }

    result.nominal.assign(n, std::vector<double>(count));
    std::array<std::complex<double>, model::kMaxStoreys> x;
    for (std::size_t w = 0; w < count; ++w) {
        ChainFrf(run.model, box.nominal.data(), run.omegas[w]).column(in, x.data());
        for (std::size_t d = 0; d < n; ++d)
            result.nominal[d][w] = std::abs(x[d]) * run.scales[w];
    }
    const std::vector<std::vector<UnitPoint>> none(n, std::vector<UnitPoint>(count));
    run.vertexMax = none;
    run.vertexMin = none;
    run.sampleMax = none;
    run.sampleMin = none;
    run.optimumMax = none;
    run.optimumMin = none;
}

// Stage "vertex": extremes over the corners of the box; progress from p0 to p1.
MethodBounds vertexStage(UqRun& run, double p0, double p1)
{
    const auto start = Clock::now();
    run.progress.report(p0, "vertex");
    ChainFrfBatch batch(run.model, run.vertices);
    BatchExtremes e = batchExtremes(batch, run.in, run.omegas, run.input.quantity, run.progress,
                                    p0, p1);
    for (std::size_t d = 0; d < run.n; ++d)
        for (std::size_t w = 0; w < run.count(); ++w) {
            run.vertexMax[d][w] = unitOfRow(run.box, run.dims, run.vertices, e.argMax[d][w]);
            run.vertexMin[d][w] = unitOfRow(run.box, run.dims, run.vertices, e.argMin[d][w]);
        }
    const UncertaintyResult& result = run.result;
    MethodBounds m;
    m.method = UqMethod::Vertex;
    m.label = uqMethodLabel(m.method);
    m.guarantee = result.allVertices
                      ? "Extremes over all " + std::to_string(result.vertices) +
                            " corners of the box: exact only where |H| is monotone in every "
                            "parameter, inside the true range near resonances."
                      : "Extremes over " + std::to_string(result.vertices) +
                            " corners drawn at random (seed " + std::to_string(run.input.seed) +
                            ") out of 2^" + std::to_string(run.p()) + ": an inner approximation.";
    m.floors = std::move(e.bounds);
    m.seconds = secondsSince(start);
    return m;
}

// Stage "sampled": extremes and percentile bands over one common sample set; progress from
// p0 to p1.
MethodBounds sampledStage(UqRun& run, double p0, double p1)
{
    const UncertaintyInput& input = run.input;
    const auto start = Clock::now();
    run.progress.report(p0, "sampled");
    ChainFrfBatch batch(run.model, run.box.sample(input.samples, input.sampling, input.seed));
    std::vector<double> percentiles = input.percentiles;
    std::sort(percentiles.begin(), percentiles.end());
    BatchExtremes e = batchExtremes(batch, run.in, run.omegas, input.quantity, run.progress, p0,
                                    p1, &percentiles, &run.result.bands);
    for (std::size_t d = 0; d < run.n; ++d)
        for (std::size_t w = 0; w < run.count(); ++w) {
            run.sampleMax[d][w] = unitOfRow(run.box, run.dims, batch.sets(), e.argMax[d][w]);
            run.sampleMin[d][w] = unitOfRow(run.box, run.dims, batch.sets(), e.argMin[d][w]);
        }
    run.result.samples = input.samples;
    run.result.sampledStatement = sampledStatement(input.samples, input.sampling, input.seed);
    MethodBounds m;
    m.method = UqMethod::Sampled;
    m.label = uqMethodLabel(m.method);
    m.guarantee = run.result.sampledStatement;
    m.floors = std::move(e.bounds);
    m.seconds = secondsSince(start);
    return m;
}

// Stage "optimised": per frequency, floor and side, a bound-constrained local search from
// the neighbouring frequency's optimum and the best corner or sample; progress from p0 over
// `share`. Keeps the optima for the importance.
MethodBounds optimisedStage(UqRun& run, double p0, double share)
{
    const auto start = Clock::now();
    run.progress.report(p0, "optimised");
    const ParameterBox& box = run.box;
    const std::vector<double>& omegas = run.omegas;
    const std::size_t n = run.n;
    const std::size_t in = run.in;
    const std::size_t p = run.p();
    const std::size_t count = run.count();
    MethodBounds m;
    m.method = UqMethod::Optimised;
    m.label = uqMethodLabel(m.method);
    m.guarantee = "Per frequency, the largest and smallest |H| found by a bound-constrained "
                  "quasi-Newton search with analytic gradients, started from the best corners "
                  "and samples and from the optimum at the neighbouring frequency, and raised "
                  "by the verified stage's branch and bound where it runs: values attained by "
                  "structures in the box, so inside the true range; the true range may be "
                  "wider (by at most the gap, where the verified bound ran).";
    m.floors.resize(n);
    ExtremeSearch search(run.model, box, in);
    for (std::size_t d = 0; d < n; ++d) {
        m.floors[d].lower.resize(count);
        m.floors[d].upper.resize(count);
    }
    const UnitPoint centre(p, 0.5);
    std::vector<double> scratch(p);
    UnitPoint predicted(p);
    for (std::size_t w = 0; w < count; ++w) {
        if (w % 8 == 0)
            run.progress.report(p0 + share * static_cast<double>(w) / static_cast<double>(count));
        const double omega = omegas[w];
        for (std::size_t d = 0; d < n; ++d)
            for (int side = 0; side < 2; ++side) {
                // Minimise -log|H| for the maximum, log|H| for the minimum.
                search.setProblem(omega, d, side == 0);
                // Starts: the optimum at the neighbouring frequency, and the better of the
                // best corner and the best sample.
                auto& own = side == 0 ? run.optimumMax : run.optimumMin;
                std::vector<const UnitPoint*> starts;
                if (w > 1 && !own[d][w - 1].empty() && !own[d][w - 2].empty()) {
                    // The optimum moves smoothly with ω: extrapolate the last two linearly.
                    const double r = std::min(1.0, (omegas[w] - omegas[w - 1]) / (omegas[w - 1] - omegas[w - 2]));
                    for (std::size_t i = 0; i < p; ++i)
                        predicted[i] = std::clamp(own[d][w - 1][i] + r * (own[d][w - 1][i] - own[d][w - 2][i]), 0.0, 1.0);
                    starts.push_back(&predicted);
                } else if (w > 0 && !own[d][w - 1].empty()) {
                    starts.push_back(&own[d][w - 1]);
                }
                const UnitPoint* seed = nullptr;
                double seedValue = std::numeric_limits<double>::infinity();
                for (const UnitPoint* s : {side == 0 ? &run.vertexMax[d][w] : &run.vertexMin[d][w],
                                           side == 0 ? &run.sampleMax[d][w] : &run.sampleMin[d][w]}) {
                    if (s->empty())
                        continue;
                    const double v = search.objective(s->data(), scratch.data());
                    if (v < seedValue) {
                        seedValue = v;
                        seed = s;
                    }
                }
                if (seed && (starts.empty() || *seed != *starts.front()))
                    starts.push_back(seed);
                if (starts.empty())
                    starts.push_back(&centre);
                double best = std::numeric_limits<double>::infinity();
                for (const UnitPoint* s : starts) {
                    BoxOptimum opt = search.search(*s);
                    if (opt.value < best) {
                        best = opt.value;
                        own[d][w] = std::move(opt.x);
                    }
                }
                const double value = search.magnitude(best) * run.scales[w];
                (side == 0 ? m.floors[d].upper : m.floors[d].lower)[w] = value;
            }
    }
    m.seconds = secondsSince(start);
    return m;
}

// Stage "cartesian": the prototype's 2-D slice of the box, for comparison; progress from p0.
MethodBounds cartesianStage(UqRun& run, double p0)
{
    const auto start = Clock::now();
    run.progress.report(p0, "cartesian");
    MethodBounds m;
    m.method = UqMethod::Cartesian;
    m.label = uqMethodLabel(m.method);
    m.guarantee = "The prototype's method: masses along the box diagonal (30 values), "
                  "stiffnesses along theirs (30 values), dampers all-low or all-high. A 2-D "
                  "slice of the box, an inner approximation that can fall far inside the true "
                  "range.";
    m.floors = legacyCartesianBounds(run.model, run.box, run.in, run.omegas, run.input.quantity,
                                     run.progress);
    m.seconds = secondsSince(start);
    return m;
}

// After the optimised stage: first-order swing of every parameter at the nominal point and at
// the two optima; the largest of the three, as shares.
void importanceStage(UqRun& run)
{
    const std::size_t n = run.n;
    const std::size_t count = run.count();
    const ParameterBox& box = run.box;
    ParameterImportance& importance = run.result.importance;
    importance.dominant.assign(n, std::vector<int>(count, -1));
    importance.shares.assign(n, std::vector<std::vector<double>>(3 * n, std::vector<double>(count, 0.0)));
    std::vector<std::complex<double>> grad(3 * n);
    std::vector<double> point, swing(3 * n);
    ChainFrf frf(run.model);
    for (std::size_t w = 0; w < count; ++w)
        for (std::size_t d = 0; d < n; ++d) {
            std::fill(swing.begin(), swing.end(), 0.0);
            auto accumulate = [&](const std::vector<double>& pt) {
                frf.evaluate(pt.data(), run.omegas[w]);
                const std::complex<double> h = frf.gradient(run.in, d, grad.data());
                const double a = std::abs(h);
                for (std::size_t i = 0; i < 3 * n; ++i) {
                    const double g = a > 0.0 ? (std::conj(h) * grad[i]).real() / a : 0.0;
                    swing[i] = std::max(swing[i], std::abs(g) * box.width(i));
                }
            };
            accumulate(box.nominal);
            for (const auto* t : {&run.optimumMax[d][w], &run.optimumMin[d][w]})
                if (!t->empty()) {
                    point = box.nominal;
                    setUnitPoint(box, run.dims, t->data(), point);
                    accumulate(point);
                }
            double total = 0.0;
            for (double s : swing)
                total += s;
            if (!(total > 0.0))
                continue;
            std::size_t best = 0;
            for (std::size_t i = 0; i < 3 * n; ++i) {
                importance.shares[d][i][w] = swing[i] / total;
                if (swing[i] > swing[best])
                    best = i;
            }
            importance.dominant[d][w] = static_cast<int>(best);
        }
}

// Stage "verified": branch and bound with rigorous enclosures against the best inner values of
// the methods that ran (the optimised bounds improve with the points it finds); the gap
// between outer and inner. Progress from p0 to 1.
MethodBounds verifiedStage(UqRun& run, double p0)
{
    const auto start = Clock::now();
    run.progress.report(p0, "verified");
    const UncertaintyInput& input = run.input;
    const std::size_t n = run.n;
    const std::size_t count = run.count();
    UncertaintyResult& result = run.result;
    // Inner values to beat: the best of every inner method that ran, else the nominal.
    std::vector<FloorBounds> inner(n);
    for (std::size_t d = 0; d < n; ++d) {
        inner[d].lower = result.nominal[d];
        inner[d].upper = result.nominal[d];
        for (const auto& m : result.methods)
            for (std::size_t w = 0; w < count; ++w) {
                inner[d].lower[w] = std::min(inner[d].lower[w], m.floors[d].lower[w]);
                inner[d].upper[w] = std::max(inner[d].upper[w], m.floors[d].upper[w]);
            }
    }
    VerifiedFrfOptions options;
    options.tolerance = input.verifiedTolerance;
    options.maxBoxes = input.maxBoxesPerBound;
    VerifiedFrfBounds bounds = verifiedFrfBounds(run.model, run.box, run.in, run.omegas,
                                                 input.quantity, inner, options, run.progress,
                                                 p0, 1.0);
    result.verified = bounds.statistics;
    MethodBounds m;
    m.method = UqMethod::Verified;
    m.label = uqMethodLabel(m.method);
    std::ostringstream g;
    g << "Guaranteed enclosure: every structure in the box has |H| between these curves at "
         "each listed frequency (branch and bound over the box; H = N/Δ with the determinant "
         "and cofactor multilinear in the parameters, bounded exactly from their values at "
         "the corners of each sub-box up to the argument spread of one factor, with "
         "rigorous rounding-error radii; affine arithmetic when more than 12 parameters are "
         "uncertain), refined until within "
      << input.verifiedTolerance * 100.0 << " % of the best inner value or "
      << input.maxBoxesPerBound << " boxes per bound. Its corners, and local searches restarted "
         "from them and from the best corners of the most promising boxes, raise the optimised "
         "inner bound.";
    m.guarantee = g.str();
    m.floors = bounds.outer;
    // Points found by the branch and bound are attained values too: they improve the
    // optimised inner bound (its label is "best found").
    for (auto& om : result.methods)
        if (om.method == UqMethod::Optimised)
            for (std::size_t d = 0; d < n; ++d)
                for (std::size_t w = 0; w < count; ++w) {
                    om.floors[d].upper[w] = std::max(om.floors[d].upper[w], bounds.inner[d].upper[w]);
                    om.floors[d].lower[w] = std::min(om.floors[d].lower[w], bounds.inner[d].lower[w]);
                }
    result.gap.assign(n, std::vector<double>(count, 0.0));
    for (std::size_t d = 0; d < n; ++d)
        for (std::size_t w = 0; w < count; ++w) {
            const double up = (m.floors[d].upper[w] - bounds.inner[d].upper[w]) /
                              bounds.inner[d].upper[w];
            const double lo = (bounds.inner[d].lower[w] - m.floors[d].lower[w]) /
                              bounds.inner[d].lower[w];
            const double gap = std::max(up, lo);
            result.gap[d][w] = std::isfinite(gap) ? gap : std::numeric_limits<double>::infinity();
            result.worstGap = std::max(result.worstGap, result.gap[d][w]);
        }
    m.seconds = secondsSince(start);
    return m;
}

} // namespace

UncertaintyResult runUncertainty(const UncertaintyInput& input, Progress& progress,
                                 const UncertaintyStageCallback& onStage)
{
    UqRun run(input, progress);
    gridStage(run);
    if (onStage)
        onStage(run.result);
    // Records a finished method and shows the result so far.
    auto finish = [&](MethodBounds&& m) {
        run.result.methods.push_back(std::move(m));
        if (onStage)
            onStage(run.result);
    };

    // Progress shares of the stages: the cheap ones first, the verified bound last.
    const bool verified = input.uses(UqMethod::Verified);
    const double cheapEnd = verified ? 0.25 : 0.9;
    double stageStart = 0.02;
    const double stageShare = (cheapEnd - stageStart) / 4.0;

    if (input.uses(UqMethod::Vertex))
        finish(vertexStage(run, stageStart, stageStart + stageShare));
    stageStart += stageShare;
    if (input.uses(UqMethod::Sampled))
        finish(sampledStage(run, stageStart, stageStart + 2.0 * stageShare));
    stageStart += 2.0 * stageShare;
    if (input.uses(UqMethod::Optimised))
        finish(optimisedStage(run, stageStart, stageShare));
    stageStart += stageShare;
    if (input.uses(UqMethod::Cartesian))
        finish(cartesianStage(run, stageStart));
    if (input.uses(UqMethod::Optimised))
        importanceStage(run);
    if (verified)
        finish(verifiedStage(run, cheapEnd));
    progress.report(1.0, "done");
    return std::move(run.result);
}

} // namespace dtop::uq
