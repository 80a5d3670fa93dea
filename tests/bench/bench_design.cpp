// SPDX-License-Identifier: GPL-3.0-or-later
// Budgets (issue 12): default run (one output x3, Sobol' indices to a CI half-width <= 0.01,
// the Fisher information converged to ~2 %, P and its gradient with 10^7 samples) <= 2 s;
// three outputs jointly <= 5 s; six outputs must run. Counters report the precision reached.
#include "design/design.h"

#include <benchmark/benchmark.h>

#include <algorithm>

using namespace dtop;

static void reportCounters(benchmark::State& state, const design::DesignResult& r)
{
    state.counters["samples"] = static_cast<double>(r.samples);
    state.counters["sobol_rows"] = static_cast<double>(r.sobol.rows);
    state.counters["sobol_max_half_width"] = r.sobol.maxHalfWidth;
    state.counters["fisher_lambda1"] = r.fisher.eigenvaluesScaled.empty() ? 0.0 : r.fisher.eigenvaluesScaled[0];
    state.counters["fisher_rel_change"] = r.fisher.relativeChange;
    state.counters["fisher_rel_se"] = r.fisher.relativeStdError;
    state.counters["fisher_converged"] = r.fisher.converged ? 1.0 : 0.0;
    state.counters["p"] = r.probability.value;
    state.counters["p_se"] = r.probability.stdError;
    double worst = 0.0;
    for (double s : r.probability.gradientStdError)
        worst = std::max(worst, s);
    state.counters["max_gradient_se"] = worst;
}

static void BM_DesignDefault(benchmark::State& state)
{
    const design::DesignInput input; // x3, 10^7 samples, all analyses
    design::DesignResult r;
    for (auto _ : state)
        benchmark::DoNotOptimize(r = design::runDesign(input));
    reportCounters(state, r);
}
BENCHMARK(BM_DesignDefault)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

static void BM_DesignThreeOutputs(benchmark::State& state)
{
    design::DesignInput input;
    design::parseOutputList("x1,x2,x3", 3, input.outputs);
    design::DesignResult r;
    for (auto _ : state)
        benchmark::DoNotOptimize(r = design::runDesign(input));
    reportCounters(state, r);
}
BENCHMARK(BM_DesignThreeOutputs)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

static void BM_DesignSixOutputs(benchmark::State& state)
{
    design::DesignInput input;
    design::parseOutputList("x1,x2,x3,s1,s2,s3", 3, input.outputs);
    design::DesignResult r;
    for (auto _ : state)
        benchmark::DoNotOptimize(r = design::runDesign(input));
    reportCounters(state, r);
}
BENCHMARK(BM_DesignSixOutputs)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

// The prototype's estimators on N = 1000 (legacy mode), {x3}.
static void BM_DesignLegacy(benchmark::State& state)
{
    design::DesignInput input;
    input.legacy = true;
    design::DesignResult r;
    for (auto _ : state)
        benchmark::DoNotOptimize(r = design::runDesign(input));
}
BENCHMARK(BM_DesignLegacy)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
