// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/design.h"

#include "design/cell_fisher.h"
#include "design/cell_partition.h"
#include "design/input_sampler.h"
#include "design/legacy_estimators.h"
#include "design/parallel_tasks.h"
#include "design/response_batch.h"
#include "design/sobol_indices.h"
#include "dynamics/frf.h"
#include "dynamics/modal_analysis.h"
#include "uq/seed_streams.h"

#include <algorithm>
#include <chrono>
#include <complex>
#include <limits>
#include <memory>
#include <cmath>
#include <numeric>

namespace dtop::design {

namespace {

constexpr std::size_t kChunk = 4096;  // samples per generation chunk (seed unit)
constexpr std::size_t kGroups = 8;    // independent sample groups: cross-fitting and jackknife
constexpr std::uint64_t kStreamPilot = 1ULL << 20;
constexpr std::uint64_t kStreamMain = 2ULL << 20;
constexpr std::uint64_t kStreamSobolA = 3ULL << 20;
constexpr std::uint64_t kStreamSobolB = 4ULL << 20;
constexpr std::uint64_t kStreamBootstrap = 5ULL << 20;
constexpr std::uint64_t kStreamQmc = 6ULL << 20;

double omegaOf(const DesignInput& in) { return 2.0 * M_PI * in.frequencyHz; }

std::vector<ParameterInfo> buildParameters(const DesignInput& in)
{
    const std::size_t n = in.storeys();
    std::vector<ParameterInfo> first, second;
    for (std::size_t i = 0; i < in.inputs.size(); ++i) {
        const InputDistribution& d = in.inputs[i];
        if (!d.isRandom())
            continue;
        const std::string name = DesignInput::inputName(i, n);
        const std::string unit = DesignInput::inputUnit(i, n);
        ParameterInfo a;
        a.name = std::string(d.firstSymbol()) + "_" + name;
        a.input = i;
        a.value = d.a;
        a.unit = d.kind == InputDistributionKind::Gamma ? "" : unit;
        a.scale = std::abs(d.a);
        if (a.scale == 0.0) {
            a.scale = d.standardDeviation();
            a.scaleIsSpread = true;
        }
        ParameterInfo b;
        b.name = std::string(d.secondSymbol()) + "_" + name;
        b.input = i;
        b.second = true;
        b.value = d.b;
        b.unit = unit;
        b.scale = std::abs(d.b);
        first.push_back(a);
        second.push_back(b);
    }
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

// Ratio coordinates (z1, z2/z1, …) when the first output is a magnitude (> 0 almost surely):
// the Fisher information is invariant to this reparametrisation, and near-comonotone outputs
// become nearly independent coordinates that a product of quantile bins resolves.
bool useRatios(const DesignInput& in)
{
    if (in.outputs.size() < 2)
        return false;
    const OutputId& o = in.outputs[0];
    return o.kind == OutputKind::Displacement || in.shear == ShearDefinition::Complex;
}

void toCoordinates(bool ratios, std::vector<double*>& z, std::size_t count)
{
    if (!ratios)
        return;
    for (std::size_t d = 1; d < z.size(); ++d)
        for (std::size_t i = 0; i < count; ++i)
            z[d][i] = z[0][i] != 0.0 ? z[d][i] / z[0][i] : 0.0;
}

// Bins per axis of the finest partition: 2^e_d with e = (4, 5, 5, …) reduced (largest first,
// later axes first among equals) to the cell budget; a single output gets up to 2^10 bins.
std::vector<std::size_t> finestBins(std::size_t dims, std::size_t maxCells, std::size_t samples)
{
    auto log2floor = [](std::size_t v) {
        int e = 0;
        while ((std::size_t{2} << e) <= v)
            ++e;
        return e;
    };
    // At least ~400 samples per cell on average keeps the cross-fitted noise small.
    const int budget = std::max(1, std::min(log2floor(maxCells), log2floor(std::max<std::size_t>(samples / 400, 2))));
    std::vector<int> e(dims, 5);
    if (dims == 1)
        e[0] = std::min(budget, 10);
    else
        e[0] = 4;
    auto total = [&] { return std::accumulate(e.begin(), e.end(), 0); };
    while (total() > budget) {
        std::size_t best = 0;
        for (std::size_t d = 0; d < dims; ++d)
            if (e[d] >= e[best])
                best = d;
        if (e[best] == 0)
            break;
        --e[best];
    }
    std::vector<std::size_t> bins(dims);
    for (std::size_t d = 0; d < dims; ++d)
        bins[d] = std::size_t{1} << e[d];
    return bins;
}

struct GroupAccumulators {
    std::vector<OutputAccumulator> outputs;
    CellScoreSums cells;
    double count = 0.0;
    double sumI = 0.0;
    std::vector<double> sumU, sumIU, sumIU2, sumU2;
};

Eigen::MatrixXd scaleMatrix(const Eigen::MatrixXd& F, const std::vector<ParameterInfo>& params)
{
    Eigen::VectorXd s(static_cast<Eigen::Index>(params.size()));
    for (std::size_t j = 0; j < params.size(); ++j)
        s(static_cast<Eigen::Index>(j)) = params[j].scale;
    return s.asDiagonal() * F * s.asDiagonal();
}

std::vector<double> sortedEigenvalues(const Eigen::MatrixXd& A)
{
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(A, Eigen::EigenvaluesOnly);
    std::vector<double> v(es.eigenvalues().data(), es.eigenvalues().data() + es.eigenvalues().size());
    std::sort(v.rbegin(), v.rend());
    return v;
}

} // namespace

NominalResponse nominalResponse(const DesignInput& in)
{
    NominalResponse r;
    const std::size_t n = in.storeys();
    for (const auto& d : in.inputs)
        r.inputValues.push_back(d.mean());
    r.analysisFrequencyHz = in.frequencyHz;
    r.outputIds = allOutputs(n);
    {
        ResponseBatch batch(n, omegaOf(in), in.shear);
        std::vector<const double*> cols;
        for (const double& v : r.inputValues)
            cols.push_back(&v);
        r.outputs.assign(r.outputIds.size(), 0.0);
        std::vector<double*> out;
        for (auto& v : r.outputs)
            out.push_back(&v);
        batch.evaluate(cols.data(), 1, r.outputIds, out.data());
    }
    // Modes of the nominal building.
    model::Profile profile;
    profile.name = "design-nominal";
    for (std::size_t j = 0; j < n; ++j) {
        profile.stiffnesses.push_back(r.inputValues[n + j]);
        profile.dampers.push_back(r.inputValues[2 * n + j]);
        profile.masses.push_back(r.inputValues[3 * n + j]);
    }
    double fmax = 0.0;
    if (profile.validate().empty()) {
        const dynamics::ShearBuilding building(profile);
        const auto undamped = dynamics::undampedModes(building);
        r.naturalFrequenciesHz = undamped.frequenciesHz();
        const auto damped = dynamics::dampedModes(building);
        r.dampingRatios = damped.dampingRatios;
        for (double f : r.naturalFrequenciesHz)
            fmax = std::max(fmax, f);
        // FRF for the nominal force vector (the prototype's page 1), or a unit force on
        // floor 1 when every force has mean 0 (the nominal response would be 0).
        std::vector<double> force(r.inputValues.begin(), r.inputValues.begin() + static_cast<std::ptrdiff_t>(n));
        r.forcing = "nominal force vector";
        if (std::all_of(force.begin(), force.end(), [](double f) { return f == 0.0; })) {
            force[0] = 1.0;
            r.forcing = "unit force on floor 1 (every force has mean 0)";
        }
        const dynamics::FrfEvaluator frf(building);
        const double top = fmax > 0.0 ? 1.5 * fmax : std::max(1.0, 2.0 * in.frequencyHz);
        r.floorsAbs.assign(n, std::vector<double>(in.frfPoints));
        r.floorsDb.assign(n, std::vector<double>(in.frfPoints));
        std::vector<std::complex<double>> h(n), x(n);
        for (std::size_t k = 0; k < in.frfPoints; ++k) {
            const double f = top * static_cast<double>(k) / static_cast<double>(in.frfPoints - 1);
            r.frequencyHz.push_back(f);
            std::fill(x.begin(), x.end(), std::complex<double>(0.0));
            for (std::size_t j = 0; j < n; ++j) {
                if (force[j] == 0.0)
                    continue;
                frf.receptance(2.0 * M_PI * f, j, h.data());
                for (std::size_t i = 0; i < n; ++i)
                    x[i] += force[j] * h[i];
            }
            for (std::size_t i = 0; i < n; ++i) {
                const double a = std::abs(x[i]);
                r.floorsAbs[i][k] = a;
                r.floorsDb[i][k] = a > 0.0 ? 20.0 * std::log10(a) : -std::numeric_limits<double>::infinity();
            }
        }
    }
    return r;
}

DesignResult runDesign(const DesignInput& in, Progress& progress)
{
    throwIfInvalid(in.validate(), "design input");
    const auto start = std::chrono::steady_clock::now();
    DesignResult res;
    const std::size_t n = in.storeys();
    res.storeys = n;
    res.shear = in.legacy ? ShearDefinition::Prototype : in.shear;
    res.frequencyHz = in.frequencyHz;
    res.sampling = in.sampling;
    res.samples = in.samples;
    res.seed = in.seed;
    res.legacy = in.legacy;
    for (std::size_t i = 0; i < in.inputs.size(); ++i) {
        InputSummary s;
        s.name = DesignInput::inputName(i, n);
        s.unit = DesignInput::inputUnit(i, n);
        s.distribution = in.inputs[i];
        s.random = in.inputs[i].isRandom();
        s.mean = in.inputs[i].mean();
        s.sd = in.inputs[i].standardDeviation();
        res.inputs.push_back(s);
    }
    res.parameters = buildParameters(in);
    const std::size_t P = res.parameters.size();

    DesignInput effective = in;
    effective.shear = res.shear;
    progress.report(0.0, "nominal response");
    res.nominal = nominalResponse(effective);
    for (const auto& o : in.outputs) {
        OutputSummary s;
        s.id = o;
        s.name = outputName(o);
        s.unit = outputUnit(o);
        s.label = outputLabel(o);
        for (std::size_t k = 0; k < res.nominal.outputIds.size(); ++k)
            if (res.nominal.outputIds[k] == o)
                s.nominal = res.nominal.outputs[k];
        res.outputs.push_back(s);
    }

    const InputSampler sampler(in.inputs);
    const auto& randomInputs = sampler.randomInputs();
    const std::size_t R = randomInputs.size();
    const std::size_t nOut = in.outputs.size();
    const std::size_t nIn = in.inputs.size();

    if (in.legacy) {
        res.samples = in.legacyOptions.inputSamples
                          ? static_cast<std::size_t>(in.legacyOptions.inputSamples->rows())
                          : in.legacyOptions.samples;
        res.legacyResult = runLegacyEstimators(effective, sampler, res.parameters, res.outputs, progress);
        res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return res;
    }

    const double omega = omegaOf(in);
    const bool ratios = useRatios(in);
    const double threshold = in.threshold ? *in.threshold : res.outputs[0].nominal;

    // ---- Pilot sample: partition edges and histogram ranges (independent of the main sample).
    progress.report(0.01, "pilot sample");
    const std::vector<std::size_t> bins = finestBins(nOut, in.fisherMaxCells, in.samples);
    const std::size_t cells = std::accumulate(bins.begin(), bins.end(), std::size_t{1}, std::multiplies<>());
    // Enough pilot points for ~32 per cell; 2^16 when only histogram ranges are needed.
    const std::size_t pilotSize = in.fisher ? std::clamp<std::size_t>(32 * cells, std::size_t{1} << 16, std::size_t{1} << 20)
                                            : std::size_t{1} << 16;
    std::vector<std::vector<double>> pilot(nOut, std::vector<double>(pilotSize));
    {
        std::vector<std::vector<double>> cols(nIn, std::vector<double>(kChunk));
        std::vector<double*> colPtr;
        for (auto& c : cols)
            colPtr.push_back(c.data());
        ResponseBatch batch(n, omega, in.shear);
        std::vector<double*> outPtr(nOut);
        for (std::size_t c = 0; c * kChunk < pilotSize; ++c) {
            const std::size_t count = std::min(kChunk, pilotSize - c * kChunk);
            sampler.monteCarlo(in.seed, kStreamPilot, c, count, colPtr.data());
            for (std::size_t o = 0; o < nOut; ++o)
                outPtr[o] = pilot[o].data() + c * kChunk;
            batch.evaluate(colPtr.data(), count, in.outputs, outPtr.data());
        }
    }
    std::vector<double> pilotLo(nOut), pilotHi(nOut), pilotMean(nOut);
    for (std::size_t o = 0; o < nOut; ++o) {
        const auto [mn, mx] = std::minmax_element(pilot[o].begin(), pilot[o].end());
        pilotLo[o] = *mn;
        pilotHi[o] = *mx;
        pilotMean[o] = std::accumulate(pilot[o].begin(), pilot[o].end(), 0.0) / static_cast<double>(pilotSize);
    }
    {
        std::vector<double*> zp;
        for (auto& p : pilot)
            zp.push_back(p.data());
        toCoordinates(ratios, zp, pilotSize);
    }
    const CellPartition partition(pilot, bins, in.probability ? std::optional<double>(threshold) : std::nullopt);
    pilot.clear();

    // ---- Main pass: groups of samples, each group on one thread, in chunks.
    const std::size_t groups = std::min<std::size_t>(kGroups, in.samples);
    std::vector<GroupAccumulators> acc(groups);
    std::vector<std::size_t> groupStart(groups + 1, 0);
    for (std::size_t g = 0; g < groups; ++g)
        groupStart[g + 1] = groupStart[g] + in.samples / groups + (g < in.samples % groups ? 1 : 0);
    const bool doFisher = in.fisher && P > 0;
    const bool doProbability = in.probability;
    std::unique_ptr<SobolPoints> qmc;
    if (in.sampling == uq::SamplingMethod::Sobol && R > 0)
        qmc = std::make_unique<SobolPoints>(R, uq::deriveSeed(in.seed, kStreamQmc));

    auto mainTask = [&](std::size_t g, ParallelControl& control) {
        GroupAccumulators& A = acc[g];
        for (std::size_t o = 0; o < nOut; ++o) {
            const double span = pilotHi[o] - pilotLo[o];
            const double lo = pilotLo[o] - 0.5 * span;
            const double hi = pilotHi[o] + 0.5 * span;
            A.outputs.emplace_back(lo, hi, 8192, pilotMean[o]);
        }
        if (doFisher)
            A.cells = CellScoreSums(cells, P);
        A.sumU.assign(P, 0.0);
        A.sumIU.assign(P, 0.0);
        A.sumIU2.assign(P, 0.0);
        A.sumU2.assign(P, 0.0);
        std::vector<std::vector<double>> cols(nIn, std::vector<double>(kChunk));
        std::vector<double*> colPtr;
        for (auto& c : cols)
            colPtr.push_back(c.data());
        std::vector<std::vector<double>> z(nOut, std::vector<double>(kChunk));
        std::vector<double*> zPtr;
        for (auto& v : z)
            zPtr.push_back(v.data());
        std::vector<std::vector<double>> u(P, std::vector<double>(kChunk));
        std::vector<const double*> uPtr;
        for (auto& v : u)
            uPtr.push_back(v.data());
        std::vector<double> indicator(kChunk);
        std::vector<std::uint32_t> cell(kChunk);
        std::vector<double> scratch;
        ResponseBatch batch(n, omega, in.shear);
        const std::size_t first = groupStart[g];
        const std::size_t size = groupStart[g + 1] - first;
        for (std::size_t c = 0; c * kChunk < size; ++c) {
            if (control.stop.load(std::memory_order_relaxed))
                return;
            const std::size_t count = std::min(kChunk, size - c * kChunk);
            if (qmc)
                sampler.quasiMonteCarlo(*qmc, 0, first + c * kChunk, count, colPtr.data(), scratch);
            else
                sampler.monteCarlo(in.seed, kStreamMain, (static_cast<std::uint64_t>(g) << 32) | c,
                                   count, colPtr.data());
            batch.evaluate(colPtr.data(), count, in.outputs, zPtr.data());
            for (std::size_t o = 0; o < nOut; ++o)
                A.outputs[o].add(z[o].data(), count);
            A.count += static_cast<double>(count);
            if (P > 0 && (doFisher || doProbability)) {
                for (std::size_t r = 0; r < R; ++r) {
                    const std::size_t j = randomInputs[r];
                    sampler.kernel(j).scores(cols[j].data(), count, u[r].data(), u[R + r].data());
                }
            }
            if (doProbability) {
                double sI = 0.0;
                for (std::size_t i = 0; i < count; ++i) {
                    indicator[i] = z[0][i] < threshold ? 1.0 : 0.0;
                    sI += indicator[i];
                }
                A.sumI += sI;
                for (std::size_t j = 0; j < P; ++j) {
                    const double* uj = u[j].data();
                    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                    for (std::size_t i = 0; i < count; ++i) {
                        const double v = uj[i];
                        const double v2 = v * v;
                        s0 += v;
                        s1 += indicator[i] * v;
                        s2 += indicator[i] * v2;
                        s3 += v2;
                    }
                    A.sumU[j] += s0;
                    A.sumIU[j] += s1;
                    A.sumIU2[j] += s2;
                    A.sumU2[j] += s3;
                }
            }
            if (doFisher) {
                toCoordinates(ratios, zPtr, count);
                partition.locate(zPtr.data(), count, cell.data());
                A.cells.add(cell.data(), count, uPtr.data());
            }
            control.unitsDone.fetch_add(count, std::memory_order_relaxed);
        }
    };
    runParallel(groups, in.threads, mainTask, progress, 0.03, 0.8, in.samples, "Monte Carlo propagation");

    // ---- Output statistics.
    for (std::size_t o = 0; o < nOut; ++o) {
        OutputAccumulator total = acc[0].outputs[o];
        for (std::size_t g = 1; g < groups; ++g)
            total.merge(acc[g].outputs[o]);
        res.outputs[o].statistics = total.finish();
    }

    // ---- Fisher information.
    if (doFisher) {
        progress.report(0.8, "Fisher information");
        FisherResult& F = res.fisher;
        F.computed = true;
        F.method = "cross-fitted conditional-mean score regression on equal-probability cells";
        F.binsPerAxis = bins;
        F.cells = cells;
        F.pilotSamples = pilotSize;
        F.groups = groups;
        F.tolerance = in.fisherTolerance;
        for (const auto& p : res.parameters)
            F.parameters.push_back(p.name);
        F.coordinates = res.outputs[0].name;
        for (std::size_t o = 1; o < nOut; ++o)
            F.coordinates += ", " + res.outputs[o].name + (ratios ? "/" + res.outputs[0].name : "");
        std::vector<CellScoreSums> sums;
        for (auto& a : acc)
            sums.push_back(std::move(a.cells));
        const std::vector<bool> all(groups, true);
        F.matrix = crossFittedFisher(sums, all, {}, cells);
        F.matrixScaled = scaleMatrix(F.matrix, res.parameters);
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(F.matrixScaled);
        const auto Pi = static_cast<Eigen::Index>(P);
        F.eigenvectorsScaled.resize(Pi, Pi);
        for (Eigen::Index k = 0; k < Pi; ++k) {
            F.eigenvaluesScaled.push_back(es.eigenvalues()(Pi - 1 - k));
            Eigen::VectorXd v = es.eigenvectors().col(Pi - 1 - k);
            Eigen::Index big;
            v.cwiseAbs().maxCoeff(&big);
            if (v(big) < 0.0)
                v = -v;
            F.eigenvectorsScaled.col(k) = v;
        }
        F.correlation = F.matrixScaled;
        for (Eigen::Index j = 0; j < Pi; ++j) {
            F.diagonalScaled.push_back(F.matrixScaled(j, j));
            for (Eigen::Index k = 0; k < Pi; ++k) {
                const double d = F.matrixScaled(j, j) * F.matrixScaled(k, k);
                F.correlation(j, k) = d > 0.0 ? F.matrixScaled(j, k) / std::sqrt(d) : 0.0;
            }
        }
        // Jackknife over groups (leave one group out).
        if (groups >= 3) {
            std::vector<std::vector<double>> jkEig(groups), jkDiag(groups);
            for (std::size_t h = 0; h < groups; ++h) {
                progress.report(0.8 + 0.04 * static_cast<double>(h) / static_cast<double>(groups),
                                "Fisher information: jackknife");
                std::vector<bool> use(groups, true);
                use[h] = false;
                const Eigen::MatrixXd Fs = scaleMatrix(crossFittedFisher(sums, use, {}, cells), res.parameters);
                jkEig[h] = sortedEigenvalues(Fs);
                for (Eigen::Index j = 0; j < Pi; ++j)
                    jkDiag[h].push_back(Fs(j, j));
            }
            auto jackknife = [&](const std::vector<std::vector<double>>& v, std::size_t k) {
                double mean = 0.0;
                for (const auto& x : v)
                    mean += x[k];
                mean /= static_cast<double>(groups);
                double ss = 0.0;
                for (const auto& x : v)
                    ss += (x[k] - mean) * (x[k] - mean);
                return std::sqrt(ss * static_cast<double>(groups - 1) / static_cast<double>(groups));
            };
            for (std::size_t k = 0; k < P; ++k) {
                F.eigenvalueStdErrors.push_back(jackknife(jkEig, k));
                F.diagonalStdErrors.push_back(jackknife(jkDiag, k));
            }
        } else {
            F.eigenvalueStdErrors.assign(P, 0.0);
            F.diagonalStdErrors.assign(P, 0.0);
        }
        // Half the sample (convergence in N).
        {
            std::vector<bool> half(groups, false);
            for (std::size_t g = 0; g < (groups + 1) / 2; ++g)
                half[g] = true;
            F.halfSampleEigenvalues = sortedEigenvalues(scaleMatrix(crossFittedFisher(sums, half, {}, cells), res.parameters));
        }
        // Refinement levels: the finest partition, then coarser ones (halving the axis with the
        // most bins, later axes first among equals).
        std::vector<std::size_t> factor(nOut, 1);
        const std::size_t lead = std::min<std::size_t>(P, 6);
        for (std::size_t level = 0; level < 6; ++level) {
            progress.report(0.84 + 0.01 * static_cast<double>(level), "Fisher information: refinement levels");
            FisherLevel L;
            std::size_t cc = 1;
            for (std::size_t d = 0; d < nOut; ++d) {
                L.binsPerAxis.push_back(bins[d] / factor[d]);
                cc *= bins[d] / factor[d];
            }
            L.cells = cc;
            const Eigen::MatrixXd Fs =
                level == 0 ? F.matrixScaled
                           : scaleMatrix(crossFittedFisher(sums, all, partition.coarseMap(factor), cc), res.parameters);
            auto eig = sortedEigenvalues(Fs);
            eig.resize(lead);
            L.eigenvaluesScaled = eig;
            L.traceScaled = Fs.trace();
            F.levels.push_back(L);
            std::size_t best = nOut;
            for (std::size_t d = 0; d < nOut; ++d)
                if (bins[d] / factor[d] > 1 && (best == nOut || bins[d] / factor[d] >= bins[best] / factor[best]))
                    best = d;
            if (best == nOut || cc <= 4)
                break;
            factor[best] *= 2;
        }
        // Convergence: leading eigenvalues (>= 5 % of the largest) change by at most the
        // tolerance from the next-coarser partition, and their standard errors are within it.
        const double l1 = F.eigenvaluesScaled.empty() ? 0.0 : F.eigenvaluesScaled[0];
        F.leading = 0;
        for (std::size_t k = 0; k < lead; ++k)
            if (l1 > 0.0 && F.eigenvaluesScaled[k] >= 0.05 * l1)
                ++F.leading;
        for (std::size_t k = 0; k < F.leading; ++k) {
            const double l = F.eigenvaluesScaled[k];
            if (F.levels.size() > 1)
                F.relativeChange = std::max(F.relativeChange, std::abs(l - F.levels[1].eigenvaluesScaled[k]) / l);
            F.relativeStdError = std::max(F.relativeStdError, F.eigenvalueStdErrors[k] / l);
        }
        F.converged = F.leading > 0 && F.levels.size() > 1 && F.relativeChange <= in.fisherTolerance &&
                      F.relativeStdError <= in.fisherTolerance;
        // Upper bound: per-sample input information, block-diagonal per input.
        F.inputInformationScaled = Eigen::MatrixXd::Zero(Pi, Pi);
        for (std::size_t r = 0; r < R; ++r) {
            const Eigen::Matrix2d I = sampler.kernel(randomInputs[r]).fisherInformation();
            const std::size_t a = r;
            const std::size_t b = R + r;
            const double sa = res.parameters[a].scale;
            const double sb = res.parameters[b].scale;
            F.inputInformationScaled(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(a)) = I(0, 0) * sa * sa;
            F.inputInformationScaled(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = I(0, 1) * sa * sb;
            F.inputInformationScaled(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(a)) = I(1, 0) * sa * sb;
            F.inputInformationScaled(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(b)) = I(1, 1) * sb * sb;
        }
        for (Eigen::Index j = 0; j < Pi; ++j)
            F.upperBoundDiagonal.push_back(F.inputInformationScaled(j, j));
        {
            Eigen::GeneralizedSelfAdjointEigenSolver<Eigen::MatrixXd> ge(F.matrixScaled, F.inputInformationScaled,
                                                                         Eigen::EigenvaluesOnly);
            F.boundRatio = ge.info() == Eigen::Success ? ge.eigenvalues().maxCoeff() : 0.0;
            F.withinBound = F.boundRatio <= 1.0;
        }
        res.kl.computed = true;
        res.kl.relativeChange = 0.1;
        for (double d : F.diagonalScaled)
            res.kl.perParameter.push_back(0.5 * d * 0.01);
        for (double l : F.eigenvaluesScaled)
            res.kl.perEigenvector.push_back(0.5 * l * 0.01);
    }

    // ---- Probability and its likelihood-ratio gradient with the baseline P̂.
    if (doProbability) {
        ProbabilityResult& Pr = res.probability;
        Pr.computed = true;
        Pr.output = res.outputs[0].name;
        Pr.unit = res.outputs[0].unit;
        Pr.threshold = threshold;
        Pr.thresholdFromNominal = !in.threshold.has_value();
        Pr.method = "likelihood ratio with baseline: mean((1{z<t} - P)·u)";
        double N = 0.0, sI = 0.0;
        std::vector<double> sU(P, 0.0), sIU(P, 0.0), sIU2(P, 0.0), sU2(P, 0.0);
        for (const auto& a : acc) {
            N += a.count;
            sI += a.sumI;
            for (std::size_t j = 0; j < P; ++j) {
                sU[j] += a.sumU[j];
                sIU[j] += a.sumIU[j];
                sIU2[j] += a.sumIU2[j];
                sU2[j] += a.sumU2[j];
            }
        }
        const double p = sI / N;
        Pr.value = p;
        Pr.stdError = std::sqrt(p * (1.0 - p) / N);
        for (std::size_t j = 0; j < P; ++j) {
            // mean((I − p)u) and its sample variance: Σ(I − p)²u² = ΣIu²(1 − 2p) + p²Σu².
            const double g = (sIU[j] - p * sU[j]) / N;
            const double m2 = (sIU2[j] * (1.0 - 2.0 * p) + p * p * sU2[j]) / N;
            const double var = std::max(0.0, m2 - g * g) * N / std::max(N - 1.0, 1.0);
            const double s = res.parameters[j].scale;
            Pr.gradient.push_back(g);
            Pr.gradientScaled.push_back(s * g);
            Pr.gradientStdError.push_back(s * std::sqrt(var / N));
        }
        if (res.fisher.computed) {
            const FisherResult& F = res.fisher;
            const double pq = p * (1.0 - p);
            bool ok = true;
            for (std::size_t j = 0; j < P; ++j) {
                Pr.boundScaled.push_back(std::sqrt(pq * std::max(0.0, F.diagonalScaled[j])));
                // Allow for the noise of both estimates (3 standard errors each).
                const double loose = std::sqrt(pq * std::max(0.0, F.diagonalScaled[j] + 3.0 * F.diagonalStdErrors[j]));
                ok = ok && std::abs(Pr.gradientScaled[j]) <= loose + 3.0 * Pr.gradientStdError[j];
            }
            double ratio = 0.0;
            for (std::size_t k = 0; k < P; ++k) {
                double proj = 0.0;
                for (std::size_t j = 0; j < P; ++j)
                    proj += Pr.gradientScaled[j] * F.eigenvectorsScaled(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(k));
                Pr.projections.push_back(proj);
                const double lk = std::max(0.0, F.eigenvaluesScaled[k]);
                Pr.projectionBounds.push_back(std::sqrt(pq * lk));
                // Only eigenvalues resolved above their noise enter the quadratic form.
                if (lk > 3.0 * F.eigenvalueStdErrors[k] && lk > 1e-12 * std::max(F.eigenvaluesScaled[0], 0.0))
                    ratio += proj * proj / lk;
            }
            Pr.informationRatio = pq > 0.0 ? ratio / pq : 0.0;
            Pr.withinBound = ok;
        }
    }
    acc.clear();

    // ---- Sobol' indices.
    if (in.sobol && R > 0) {
        SobolResult& S = res.sobol;
        S.computed = true;
        S.resamples = in.bootstrapResamples;
        S.tolerance = in.sobolTolerance;
        S.estimators = "first order: Saltelli 2010 (check: Jansen 1999); total: Jansen 1999 (check: Homma-Saltelli 1996)";
        std::vector<SobolAccumulator> accs(nOut, SobolAccumulator(R, 64));
        std::unique_ptr<SobolPoints> qmcAB;
        if (in.sampling == uq::SamplingMethod::Sobol)
            qmcAB = std::make_unique<SobolPoints>(2 * R, uq::deriveSeed(in.seed, kStreamQmc + 1));
        std::size_t rows = 0;
        std::size_t target = in.sobolSamples;
        std::vector<SobolIndices> estimates(nOut);
        for (;;) {
            // Rows [rows, target) in chunks; each chunk's sums are appended in chunk order.
            const std::size_t chunks = (target - rows + kChunk - 1) / kChunk;
            std::vector<std::vector<SobolAccumulator>> chunkAcc(chunks);
            auto sobolTask = [&](std::size_t k, ParallelControl& control) {
                if (control.stop.load())
                    return;
                const std::size_t firstRow = rows + k * kChunk;
                const std::size_t count = std::min(kChunk, target - firstRow);
                const std::uint64_t chunkId = firstRow / kChunk;
                std::vector<std::vector<double>> a(nIn, std::vector<double>(count)), b(nIn, std::vector<double>(count));
                std::vector<double*> aPtr, bPtr;
                for (std::size_t j = 0; j < nIn; ++j) {
                    aPtr.push_back(a[j].data());
                    bPtr.push_back(b[j].data());
                }
                std::vector<double> scratch;
                if (qmcAB) {
                    sampler.quasiMonteCarlo(*qmcAB, 0, firstRow, count, aPtr.data(), scratch);
                    sampler.quasiMonteCarlo(*qmcAB, R, firstRow, count, bPtr.data(), scratch);
                } else {
                    sampler.monteCarlo(in.seed, kStreamSobolA, chunkId, count, aPtr.data());
                    sampler.monteCarlo(in.seed, kStreamSobolB, chunkId, count, bPtr.data());
                }
                ResponseBatch batch(n, omega, in.shear);
                std::vector<std::vector<double>> fA(nOut, std::vector<double>(count)), fB(nOut, std::vector<double>(count));
                std::vector<std::vector<std::vector<double>>> fAB(nOut, std::vector<std::vector<double>>(R, std::vector<double>(count)));
                std::vector<double*> out(nOut);
                for (std::size_t o = 0; o < nOut; ++o)
                    out[o] = fA[o].data();
                batch.evaluate(aPtr.data(), count, in.outputs, out.data());
                for (std::size_t o = 0; o < nOut; ++o)
                    out[o] = fB[o].data();
                batch.evaluate(bPtr.data(), count, in.outputs, out.data());
                std::vector<const double*> mixed(aPtr.begin(), aPtr.end());
                for (std::size_t r = 0; r < R; ++r) {
                    const std::size_t j = randomInputs[r];
                    mixed[j] = bPtr[j];
                    for (std::size_t o = 0; o < nOut; ++o)
                        out[o] = fAB[o][r].data();
                    batch.evaluate(mixed.data(), count, in.outputs, out.data());
                    mixed[j] = aPtr[j];
                }
                std::vector<SobolAccumulator> local;
                for (std::size_t o = 0; o < nOut; ++o) {
                    local.emplace_back(R, 64);
                    std::vector<const double*> ab;
                    for (std::size_t r = 0; r < R; ++r)
                        ab.push_back(fAB[o][r].data());
                    local.back().add(fA[o].data(), fB[o].data(), ab.data(), count);
                }
                chunkAcc[k] = std::move(local);
                control.unitsDone.fetch_add(count);
            };
            const double f0 = 0.86 + 0.13 * (1.0 - static_cast<double>(in.sobolSamples) / static_cast<double>(target));
            runParallel(chunks, in.threads, sobolTask, progress, f0, std::min(0.99, f0 + 0.06), target - rows,
                        "Sobol' indices (" + std::to_string(target) + " rows)");
            for (std::size_t k = 0; k < chunks; ++k)
                for (std::size_t o = 0; o < nOut; ++o)
                    accs[o].append(chunkAcc[k][o]);
            rows = target;
            double worst = 0.0;
            for (std::size_t o = 0; o < nOut; ++o) {
                estimates[o] = accs[o].estimate(0, in.bootstrapResamples, 0.95,
                                                uq::deriveSeed(in.seed, kStreamBootstrap, o));
                worst = std::max(worst, estimates[o].maxHalfWidth());
            }
            S.maxHalfWidth = worst;
            S.toleranceMet = worst <= in.sobolTolerance;
            if (S.toleranceMet || in.bootstrapResamples == 0 || target >= in.sobolMaxSamples)
                break;
            target = std::min(2 * target, in.sobolMaxSamples);
        }
        S.rows = rows;
        S.evaluations = rows * (R + 2);
        progress.report(0.99, "Sobol' indices: convergence");
        for (std::size_t o = 0; o < nOut; ++o) {
            SobolOutputResult out;
            out.output = res.outputs[o].name;
            out.mean = estimates[o].mean;
            out.variance = estimates[o].variance;
            out.sumFirst = estimates[o].sumFirst;
            out.sumFirstLow = estimates[o].sumFirstLow;
            out.sumFirstHigh = estimates[o].sumFirstHigh;
            for (std::size_t i = 0; i < nIn; ++i) {
                SobolInputResult s;
                s.input = DesignInput::inputName(i, n);
                const auto it = std::find(randomInputs.begin(), randomInputs.end(), i);
                if (it != randomInputs.end()) {
                    const SobolIndex& x = estimates[o].inputs[static_cast<std::size_t>(it - randomInputs.begin())];
                    s.random = true;
                    s.first = x.first;
                    s.total = x.total;
                    s.firstLow = x.firstLow;
                    s.firstHigh = x.firstHigh;
                    s.totalLow = x.totalLow;
                    s.totalHigh = x.totalHigh;
                    s.firstJansen = x.firstJansen;
                    s.totalHomma = x.totalHomma;
                }
                out.inputs.push_back(s);
            }
            // Convergence against N: the first 1/2^k of the rows, k = 0 … while >= 2048 rows.
            SobolConvergence& C = out.convergence;
            std::vector<std::size_t> blockCounts;
            for (std::size_t b = accs[o].blocks(); b >= 32 && blockCounts.size() < 8; b /= 2)
                blockCounts.push_back(b);
            std::reverse(blockCounts.begin(), blockCounts.end());
            C.first.assign(nIn, {});
            C.total.assign(nIn, {});
            C.firstHalfWidth.assign(nIn, {});
            C.totalHalfWidth.assign(nIn, {});
            for (std::size_t b : blockCounts) {
                const SobolIndices e = accs[o].estimate(b, std::min<std::size_t>(in.bootstrapResamples, 200), 0.95,
                                                        uq::deriveSeed(in.seed, kStreamBootstrap + 1, b));
                C.rows.push_back(b * accs[o].blockRows());
                for (std::size_t i = 0; i < nIn; ++i) {
                    const auto it = std::find(randomInputs.begin(), randomInputs.end(), i);
                    if (it == randomInputs.end()) {
                        C.first[i].push_back(0.0);
                        C.total[i].push_back(0.0);
                        C.firstHalfWidth[i].push_back(0.0);
                        C.totalHalfWidth[i].push_back(0.0);
                        continue;
                    }
                    const SobolIndex& x = e.inputs[static_cast<std::size_t>(it - randomInputs.begin())];
                    C.first[i].push_back(x.first);
                    C.total[i].push_back(x.total);
                    C.firstHalfWidth[i].push_back(0.5 * (x.firstHigh - x.firstLow));
                    C.totalHalfWidth[i].push_back(0.5 * (x.totalHigh - x.totalLow));
                }
            }
            S.outputs.push_back(std::move(out));
        }
    }
    progress.report(1.0, "done");
    res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return res;
}

} // namespace dtop::design
