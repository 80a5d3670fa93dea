// SPDX-License-Identifier: GPL-3.0-or-later
// Budgets (issue "Foundation"): FRF >= 2e6 frequency points/s for 3 storeys; modal <= 10 µs.
#include "dynamics/frf.h"
#include "dynamics/modal_analysis.h"
#include "model/presets.h"

#include <benchmark/benchmark.h>

#include <array>
#include <numbers>

using namespace dtop;

static void BM_UndampedModes3(benchmark::State& state)
{
    const dynamics::ShearBuilding b(*model::preset("southampton-lpm"));
    for (auto _ : state)
        benchmark::DoNotOptimize(dynamics::undampedModes(b));
}
BENCHMARK(BM_UndampedModes3);

static void BM_DampedModes3(benchmark::State& state)
{
    const dynamics::ShearBuilding b(*model::preset("southampton-lpm"));
    for (auto _ : state)
        benchmark::DoNotOptimize(dynamics::dampedModes(b));
}
BENCHMARK(BM_DampedModes3);

// The whole modal analysis as `dtop modal` runs it: assembly, undamped and damped modes.
static void BM_RunModal(benchmark::State& state)
{
    const dynamics::ModalInput input{*model::preset(state.range(0) ? "southampton-design"
                                                                  : "southampton-lpm")};
    for (auto _ : state)
        benchmark::DoNotOptimize(dynamics::runModal(input));
}
BENCHMARK(BM_RunModal)->Arg(0)->Arg(1);

// FRF points per second: the items/s column is the figure to compare with 2e6.
static void BM_FrfPoints3(benchmark::State& state)
{
    dynamics::FrfInput input;
    input.profile = *model::preset("southampton-lpm");
    input.fminHz = 0.0;
    input.fmaxHz = 50.0;
    input.points = static_cast<std::size_t>(state.range(0));
    for (auto _ : state)
        benchmark::DoNotOptimize(dynamics::runFrf(input));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_FrfPoints3)->Arg(360000)->Unit(benchmark::kMillisecond);

static void BM_FrfEvaluatorOnePoint(benchmark::State& state)
{
    const dynamics::ShearBuilding b(*model::preset("southampton-lpm"));
    const dynamics::FrfEvaluator e(b);
    std::array<std::complex<double>, 3> x;
    double omega = 1.0;
    for (auto _ : state) {
        e.receptance(omega, 1, x.data());
        benchmark::DoNotOptimize(x);
        omega += 1e-3;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FrfEvaluatorOnePoint);
