// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the bundled datasets: the largest file (NumDataSo, 100000 x 4, 4.2 MB), a 60 s
// time history at 1 kHz (2.6 MB), a complex FRF (0.5 MB) and the whole catalogue.
#include "io/dataset_catalogue.h"

#include <benchmark/benchmark.h>

namespace {

using namespace dtop::io;

void readById(benchmark::State& state, const char* id)
{
    const ReadResult<Catalogue> catalogue = loadBundledCatalogue(DTOP_DATA_DIR);
    if (!catalogue) {
        state.SkipWithError(catalogue.error().text().c_str());
        return;
    }
    for (auto _ : state) {
        ReadResult<Dataset> d = readCatalogueDataset(catalogue.value(), id);
        if (!d) {
            state.SkipWithError(d.error().text().c_str());
            return;
        }
        benchmark::DoNotOptimize(d);
    }
}

void BM_ReadLargestDataset(benchmark::State& state)
{
    readById(state, "southampton-num-db");
}
BENCHMARK(BM_ReadLargestDataset)->Unit(benchmark::kMillisecond);

void BM_ReadTimeHistory(benchmark::State& state)
{
    readById(state, "th-noise");
}
BENCHMARK(BM_ReadTimeHistory)->Unit(benchmark::kMillisecond);

void BM_ReadComplexFrf(benchmark::State& state)
{
    readById(state, "southampton-exp-force1");
}
BENCHMARK(BM_ReadComplexFrf)->Unit(benchmark::kMillisecond);

void BM_ReadWholeCatalogue(benchmark::State& state)
{
    for (auto _ : state) {
        const ReadResult<Catalogue> catalogue = loadBundledCatalogue(DTOP_DATA_DIR);
        for (const DatasetInfo& info : catalogue.value().datasets)
            benchmark::DoNotOptimize(readCatalogueDataset(catalogue.value(), info.id));
    }
}
BENCHMARK(BM_ReadWholeCatalogue)->Unit(benchmark::kMillisecond);

} // namespace
