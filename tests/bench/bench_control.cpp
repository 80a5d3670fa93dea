// SPDX-License-Identifier: GPL-3.0-or-later
// Budgets (issue "Vibration control tool"): one design (model, 9901-point KE curve, exact
// integral, poles, margins) <= 5 ms; root locus of 500 gains and the best stable gain
// <= 50 ms; KE-optimal TMD tuning <= 100 ms.
#include "control/control.h"
#include "control/stability_margins.h"
#include "control/tmd_tuning.h"
#include "model/presets.h"

#include <benchmark/benchmark.h>

using namespace dtop;

namespace {
control::ControlInput designOnly(control::Strategy s)
{
    control::ControlInput in;
    in.strategy = s;
    in.rootLocus = false;
    in.bestGain = false;
    return in;
}
} // namespace

// One design as the panel recomputes it when the gain moves: arg 0 = dvf, 1 = dvf-ec, 2 = lqg,
// 3 = tmd.
static void BM_ControlDesign(benchmark::State& state)
{
    const control::Strategy strategies[] = {control::Strategy::Dvf, control::Strategy::DvfEc,
                                            control::Strategy::Lqg, control::Strategy::Tmd};
    const auto in = designOnly(strategies[state.range(0)]);
    for (auto _ : state)
        benchmark::DoNotOptimize(control::runControl(in));
}
BENCHMARK(BM_ControlDesign)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

// Root locus of 500 gains plus the best stable gain, DVF at floor 1.
static void BM_ControlRootLocusAndBestGain(benchmark::State& state)
{
    const dynamics::ShearBuilding b(*model::preset("southampton-design"));
    control::DesignParameters p;
    p.strategy = control::Strategy::Dvf;
    const auto design = control::buildDesign(b, p);
    p.strategy = control::Strategy::None;
    const auto bare = control::buildDesign(b, p);
    const control::FrequencyBand band;
    const auto w = band.omegas();
    const double reference =
        control::trapezoid(w, control::primaryResponse(bare).kineticEnergy(w, bare.keMasses));
    for (auto _ : state) {
        const auto margins = control::stabilityMargins(design.loop, design.gain);
        const auto gains =
            control::rootLocusGains(2.0 * *margins.criticalGain, 500, {design.gain});
        benchmark::DoNotOptimize(control::rootLocus(design.loop, gains));
        benchmark::DoNotOptimize(
            control::bestStableGain(design, margins.criticalGain, reference, band));
    }
}
BENCHMARK(BM_ControlRootLocusAndBestGain)->Unit(benchmark::kMillisecond);

static void BM_ControlKeOptimalTmd(benchmark::State& state)
{
    const dynamics::ShearBuilding b(*model::preset("southampton-design"));
    const control::InertialActuator act;
    const control::FrequencyBand band;
    for (auto _ : state)
        benchmark::DoNotOptimize(control::keOptimalTuning(b, act, 1, 1, band));
}
BENCHMARK(BM_ControlKeOptimalTmd)->Unit(benchmark::kMillisecond);
