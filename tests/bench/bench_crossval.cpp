// SPDX-License-Identifier: GPL-3.0-or-later
// Budgets (issue "Cross-validation and twin history"): one reference against three candidates
// over 3 floors on a 4000-line grid with modes and MAC <= 20 ms; profile diff and the history
// of 100 versions <= 50 ms; the inter-lab view <= 100 ms.
#include "crossval/crossval.h"
#include "crossval/interlab.h"
#include "crossval/profile_diff.h"
#include "crossval/profile_history.h"
#include "crossval/prototype_views.h"
#include "dynamics/frf.h"
#include "io/dataset_catalogue.h"
#include "model/presets.h"

#include <benchmark/benchmark.h>

using namespace dtop;
using namespace dtop::crossval;

namespace {

// A "measured" complex accelerance of `profile` on `lines` lines from 0.01 to 40 Hz.
io::Dataset measuredLike(const model::Profile& profile, const std::string& id, std::size_t lines)
{
    dynamics::FrfInput in;
    in.profile = profile;
    in.quantity = dynamics::FrfQuantity::Accelerance;
    in.fminHz = 0.01;
    in.fmaxHz = 40.0;
    in.points = lines;
    const dynamics::FrfResult r = dynamics::runFrf(in);
    io::Dataset d;
    d.info.id = id;
    d.info.quantity = dynamics::FrfQuantity::Accelerance;
    d.info.excitationFloor = 1;
    io::FrfData frf;
    for (std::size_t i = 0; i < r.floors.size(); ++i) {
        io::FrfChannel c;
        c.floor = static_cast<int>(i + 1);
        c.frequencyHz = r.frequencyHz;
        c.values = r.floors[i];
        for (const auto& v : c.values)
            c.magnitude.push_back(std::abs(v));
        frf.channels.push_back(std::move(c));
    }
    d.data = std::move(frf);
    return d;
}

} // namespace

// Reference: a 4000-line measured-like dataset; candidates: two profiles (exact FRFs on the
// grid, exact modes) and one dataset (interpolated, peak-picked modes).
static void BM_CrossvalThreeCandidates(benchmark::State& state)
{
    model::Profile rig = *model::preset("southampton-lpm");
    rig.stiffnesses[1] *= 1.03;
    CrossvalInput in;
    in.reference = CrossvalSource::fromDataset(measuredLike(rig, "rig", 4000));
    in.bandLoHz = 0.01;
    in.bandHiHz = 40.0;
    in.candidates = {
        CrossvalSource::fromProfile(*model::preset("southampton-lpm")),
        CrossvalSource::fromProfile(*model::preset("southampton-design")),
        CrossvalSource::fromDataset(measuredLike(*model::preset("southampton-lpm"), "twin", 3001))};
    for (auto _ : state)
        benchmark::DoNotOptimize(runCrossval(in));
}
BENCHMARK(BM_CrossvalThreeCandidates)->Unit(benchmark::kMillisecond);

static void BM_ProfileDiff(benchmark::State& state)
{
    const model::Profile a = *model::preset("southampton-lpm");
    model::Profile b = a;
    b.stiffnesses[1] *= 1.1;
    for (auto _ : state)
        benchmark::DoNotOptimize(diffProfiles(a, b));
}
BENCHMARK(BM_ProfileDiff)->Unit(benchmark::kMicrosecond);

static void BM_ProfileHistory100(benchmark::State& state)
{
    std::vector<io::ProfileVersion> versions(100);
    model::Profile p = *model::preset("southampton-lpm");
    p.name = "rig";
    for (int v = 0; v < 100; ++v) {
        versions[static_cast<std::size_t>(v)].profile = p;
        versions[static_cast<std::size_t>(v)].version = v + 1;
        versions[static_cast<std::size_t>(v)].note = v % 3 ? "edited" : "identified from x";
        p.stiffnesses[static_cast<std::size_t>(v % 3)] *= 1.001;
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(summariseHistory(versions));
}
BENCHMARK(BM_ProfileHistory100)->Unit(benchmark::kMillisecond);

// The inter-lab view's computation with the records already read (the panel keeps them).
static void BM_InterlabView(benchmark::State& state)
{
    const auto catalogue = io::loadBundledCatalogue(DTOP_DATA_DIR).value();
    const InterlabInput in = prototypeInterlabInput(catalogue);
    for (auto _ : state)
        benchmark::DoNotOptimize(prototypeViews(runInterlab(in)));
}
BENCHMARK(BM_InterlabView)->Unit(benchmark::kMillisecond);

// Opening the view from nothing: reading the six bundled records (14 MB of CSV) included.
static void BM_InterlabViewFromFiles(benchmark::State& state)
{
    const auto catalogue = io::loadBundledCatalogue(DTOP_DATA_DIR).value();
    for (auto _ : state)
        benchmark::DoNotOptimize(prototypeViews(runInterlab(prototypeInterlabInput(catalogue))));
}
BENCHMARK(BM_InterlabViewFromFiles)->Unit(benchmark::kMillisecond);
