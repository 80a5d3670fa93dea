// SPDX-License-Identifier: GPL-3.0-or-later
// Budgets (issue 14): default model (12 elements per free span) to all modes below 100 Hz
// <= 20 ms; convergence table (1, 2, 4, 8, 12, 24 elements) <= 0.2 s; calibration to measured
// frequencies <= 0.5 s.
#include "fe/fe_analysis.h"
#include "fe/frame_model.h"
#include "fe/frame_modes.h"

#include <benchmark/benchmark.h>

using namespace dtop;

// Model assembly and the modes below 100 Hz, as the tool's main result.
static void BM_FeDefaultModes(benchmark::State& state) {
    fe::FeInput in;
    in.convergence = false;
    for (auto _ : state)
        benchmark::DoNotOptimize(fe::runFe(in));
}
BENCHMARK(BM_FeDefaultModes)->Unit(benchmark::kMillisecond);

// The six-mesh convergence table alone.
static void BM_FeConvergenceTable(benchmark::State& state) {
    fe::FeInput in;
    for (auto _ : state) {
        const fe::FeResult r = fe::runFe(in);
        benchmark::DoNotOptimize(r.convergence.data());
    }
    state.SetLabel("includes the default model");
}
BENCHMARK(BM_FeConvergenceTable)->Unit(benchmark::kMillisecond);

// Calibration of one joint stiffness (arg 0) or one per storey (arg 1) to the Southampton
// rig's measured 6.51 / 17.46 / 26.50 Hz.
static void BM_FeCalibration(benchmark::State& state) {
    int evaluations = 0;
    for (auto _ : state) {
        const auto c = fe::calibrateJointStiffness(
            fe::RigGeometry{}, fe::Material{}, fe::FrameOptions{}, {6.51, 17.46, 26.50},
            state.range(0) ? fe::JointCalibration::PerStorey : fe::JointCalibration::Single, {},
            100.0);
        evaluations = c.evaluations;
        benchmark::DoNotOptimize(c.jointStiffnessNmPerRad.data());
    }
    state.counters["evaluations"] = evaluations;
}
BENCHMARK(BM_FeCalibration)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
