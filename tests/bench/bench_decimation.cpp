// SPDX-License-Identifier: GPL-3.0-or-later
// Budget (issue 3, PlotView): a 10⁶-point series redraws in < 50 ms; decimating it to the
// pixel width is the part that grows with the data (the chart then draws ≤ 4 points a column).
#include "signal/min_max_decimation.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <vector>

static void BM_MinMaxDecimate(benchmark::State& state)
{
    const auto n = static_cast<std::size_t>(state.range(0));
    const std::size_t columns = 1200;
    std::vector<double> x(n), y(n);
    std::uint64_t s = 1;
    for (std::size_t i = 0; i < n; ++i) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        x[i] = 1e-3 * static_cast<double>(i);
        y[i] = std::sin(0.01 * static_cast<double>(i)) + static_cast<double>(s >> 11) * 0x1p-53;
    }
    // Whole range, then a 10 % zoom (binary search skips the rest).
    const double xMax = x.back() * (state.range(1) ? 0.1 : 1.0);
    for (auto _ : state)
        benchmark::DoNotOptimize(dtop::signal::minMaxDecimate(x, y, 0.0, xMax, columns));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_MinMaxDecimate)
    ->Args({1'000'000, 0})
    ->Args({1'000'000, 1})
    ->Unit(benchmark::kMillisecond);
