// SPDX-License-Identifier: GPL-3.0-or-later
// Budgets (issue 13): LSCF stabilisation diagram to order 40 on a 3-response, 1000-line FRF
// <= 0.2 s; the whole default identification (diagram, pick, LSFD, global refinement, plus the
// circle-fit comparison) <= 0.5 s; updating a 3-storey profile <= 0.1 s.
#include "identification/identify.h"
#include "identification/lscf.h"
#include "identification/model_updating.h"
#include "io/dataset_catalogue.h"
#include "io/dataset_library.h"

#include <benchmark/benchmark.h>

#include <stdexcept>

using namespace dtop;
using namespace dtop::identification;

static io::Dataset southampton(const std::string& id)
{
    auto catalogue = io::loadBundledCatalogue(DTOP_DATA_DIR);
    if (!catalogue)
        throw std::runtime_error(catalogue.error().text());
    auto read = io::loadDataset(&catalogue.value(), nullptr, id);
    if (!read)
        throw std::runtime_error(read.error().text());
    return std::move(read).value();
}

static void BM_IdentifyLscfDiagram(benchmark::State& state)
{
    InputIssues issues;
    // 3.0-34.21875 Hz at 0.03125 Hz: 1000 lines, 3 responses.
    const MeasuredFrf band =
        frfFromFrfDataset(southampton("southampton-exp-force1"), issues).band(3.0, 34.21875);
    const LscfOptions options; // orders 2..40 step 2
    StabilisationDiagram d;
    for (auto _ : state)
        benchmark::DoNotOptimize(d = lscfStabilisation(band, options));
    state.counters["lines"] = double(band.lines());
    state.counters["poles"] = double(d.poles.size());
}
BENCHMARK(BM_IdentifyLscfDiagram)->Unit(benchmark::kMillisecond);

static void BM_IdentifyDefault(benchmark::State& state)
{
    IdentifyInput in;
    in.dataset = "southampton-exp-force1";
    in.data = southampton(in.dataset);
    IdentifyResult r;
    for (auto _ : state)
        benchmark::DoNotOptimize(r = runIdentify(in));
    state.counters["modes"] = double(r.modes.size());
    state.counters["global_iterations"] = double(r.global.iterations);
}
BENCHMARK(BM_IdentifyDefault)->Unit(benchmark::kMillisecond);

static void BM_IdentifyUpdate3Storey(benchmark::State& state)
{
    IdentifyInput in;
    in.dataset = "southampton-exp-force1";
    in.data = southampton(in.dataset);
    const IdentifyResult r = runIdentify(in);
    const UpdateTarget target = updateTargetOf(r.modes, r.measured.floors);
    UpdateResult u;
    for (auto _ : state)
        benchmark::DoNotOptimize(u = updateProfile(in.profile, target, in.updating));
    state.counters["iterations"] = double(u.history.size() - 1);
    state.counters["objective_after"] = u.objectiveAfter;
}
BENCHMARK(BM_IdentifyUpdate3Storey)->Unit(benchmark::kMillisecond);
