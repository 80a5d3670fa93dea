// SPDX-License-Identifier: GPL-3.0-or-later
// Budgets (issue "Nonlinear dynamics tool"): the S-curve at 16 rad/s from 1 to 81 N with folds
// and stability <= 0.5 s; the frequency-response curve at 10 N from 1 to 50 rad/s <= 1 s; the
// simulated CBC S-curve (>= 100 points) <= 10 s.
#include "nonlinear/nonlinear_analysis.h"

#include <benchmark/benchmark.h>

using namespace dtop;

static void BM_NonlinearForceCurve(benchmark::State& state)
{
    nonlinear::NonlinearInput input; // cbc-demo, force curve at 16 rad/s, 1–81 N
    for (auto _ : state)
        benchmark::DoNotOptimize(nonlinear::runNonlinear(input));
}
BENCHMARK(BM_NonlinearForceCurve)->Unit(benchmark::kMillisecond);

// Arg 0: the frequency-response curve alone; arg 1: with the backbones of modes 1 and 2.
static void BM_NonlinearFrequencyCurve(benchmark::State& state)
{
    nonlinear::NonlinearInput input;
    input.analysis = nonlinear::NonlinearAnalysis::FrequencyCurve;
    input.backbonesWithFrequencyCurve = state.range(0) != 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(nonlinear::runNonlinear(input));
}
BENCHMARK(BM_NonlinearFrequencyCurve)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

static void BM_NonlinearCbc(benchmark::State& state)
{
    nonlinear::NonlinearInput input;
    input.analysis = nonlinear::NonlinearAnalysis::Cbc;
    std::size_t points = 0;
    for (auto _ : state) {
        const auto r = nonlinear::runNonlinear(input);
        points = r.cbc.size();
        benchmark::DoNotOptimize(r);
    }
    state.counters["points"] = static_cast<double>(points);
}
BENCHMARK(BM_NonlinearCbc)->Unit(benchmark::kMillisecond)->Iterations(1);

static void BM_NonlinearFoldCurve(benchmark::State& state)
{
    nonlinear::NonlinearInput input;
    input.analysis = nonlinear::NonlinearAnalysis::FoldCurve;
    for (auto _ : state)
        benchmark::DoNotOptimize(nonlinear::runNonlinear(input));
}
BENCHMARK(BM_NonlinearFoldCurve)->Unit(benchmark::kMillisecond)->Iterations(1);
