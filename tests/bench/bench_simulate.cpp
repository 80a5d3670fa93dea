// SPDX-License-Identifier: GPL-3.0-or-later
// Budgets (issue 4, Release, one core): N = 50 random-force scenarios, T = 5 s, 2048 Hz,
// 3 storeys, with spectra <= 0.25 s; the same with N = 1000 <= 5 s; replay of a 60 s, 1 kHz
// record <= 0.1 s.
#include "dynamics/replay.h"
#include "dynamics/simulate.h"

#include <benchmark/benchmark.h>

using namespace dtop;

namespace {
dynamics::SimulateInput randomScenarios(std::size_t n)
{
    dynamics::SimulateInput in;
    in.excitation.kind = dynamics::ExcitationKind::Random;
    in.scenarios = n;
    in.scatter.mass.spread = 0.02;
    in.scatter.stiffness.spread = 0.05;
    in.scatter.damping.spread = 0.1;
    return in;
}
} // namespace

static void BM_SimulateRandomScenarios(benchmark::State& state)
{
    const auto in = randomScenarios(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(dynamics::runSimulate(in));
}
BENCHMARK(BM_SimulateRandomScenarios)->Arg(50)->Arg(1000)->Unit(benchmark::kMillisecond);

// The prototype's default hammer test, nominal structure only.
static void BM_SimulateDefaultHammer(benchmark::State& state)
{
    const dynamics::SimulateInput in;
    for (auto _ : state)
        benchmark::DoNotOptimize(dynamics::runSimulate(in));
}
BENCHMARK(BM_SimulateDefaultHammer)->Unit(benchmark::kMillisecond);

// A 60 s, 1 kHz record like data_th_noise: the force of a random test and its floor velocities.
static void BM_Replay60s(benchmark::State& state)
{
    dynamics::SimulateInput test;
    test.excitation.kind = dynamics::ExcitationKind::Random;
    test.excitation.random = {1.7, 0.5, 200.0, false};
    test.durationS = 60.0;
    test.sampleRateHz = 1000.0;
    test.spectra = false;
    const auto recorded = dynamics::runSimulate(test);
    dynamics::ReplayInput in;
    in.timeS = recorded.nominal.timeS;
    in.forceN = recorded.nominal.excitation;
    in.measuredVelocityMS = recorded.nominal.velocity;
    in.profile.stiffnesses[0] *= 1.05; // a twin that differs from the "rig"
    for (auto _ : state)
        benchmark::DoNotOptimize(dynamics::runReplay(in));
}
BENCHMARK(BM_Replay60s)->Unit(benchmark::kMillisecond);
