// SPDX-License-Identifier: GPL-3.0-or-later
// Workspace: opening (with its integrity check), saving and listing profiles, recording runs.
// The files live in the system temp folder; saves include SQLite's fsync (synchronous=FULL).
#include "io/workspace.h"
#include "model/presets.h"

#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>

using namespace dtop;
namespace fs = std::filesystem;

namespace {

fs::path benchFolder()
{
    const fs::path folder =
        fs::temp_directory_path() / ("dtop_bench_ws_" + std::to_string(::getpid()));
    fs::create_directories(folder);
    return folder;
}

// Removes the benchmark's files when the program ends.
struct FolderCleanup {
    ~FolderCleanup()
    {
        std::error_code ec;
        fs::remove_all(benchFolder(), ec);
    }
} const kCleanup;

model::Profile rig(int i, int version)
{
    model::Profile p = *model::preset("southampton-lpm");
    p.name = "rig-" + std::to_string(i);
    p.stiffnesses[0] += version;
    return p;
}

// A lived-in workspace: `names` profiles with 5 versions each, 5 datasets of 200 kB, 200 runs.
std::string populatedWorkspace(int names)
{
    const std::string path = (benchFolder() / ("ws" + std::to_string(names) + ".dtop")).string();
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(path + suffix, ec);
    io::Workspace ws = io::Workspace::open(path);
    for (int i = 0; i < names; ++i)
        for (int v = 0; v < 5; ++v)
            ws.saveProfile(rig(i, v), "version " + std::to_string(v + 1));
    for (int d = 0; d < 5; ++d)
        ws.addDataset({"data-" + std::to_string(d), {{"rig", "southampton"}},
                       std::string(200000, '1'), "d.csv", {}});
    io::RunRecord run;
    run.tool = "frf";
    run.input = {{"points", 2001}, {"profile", "rig-0"}};
    run.summary = {{"peak_hz", 6.3}};
    for (int r = 0; r < 200; ++r)
        ws.recordRun(run);
    return path;
}

} // namespace

static void BM_WorkspaceCreate(benchmark::State& state)
{
    const std::string path = (benchFolder() / "new.dtop").string();
    for (auto _ : state) {
        state.PauseTiming();
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(path + suffix, ec);
        state.ResumeTiming();
        benchmark::DoNotOptimize(io::Workspace::open(path));
    }
}
BENCHMARK(BM_WorkspaceCreate)->Unit(benchmark::kMillisecond);

// Opening an existing workspace: header check, read-only inspection with quick_check, reopen.
static void BM_WorkspaceOpen(benchmark::State& state)
{
    const std::string path = populatedWorkspace(static_cast<int>(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(io::Workspace::open(path));
    state.counters["file_kB"] = static_cast<double>(fs::file_size(path)) / 1024.0;
}
BENCHMARK(BM_WorkspaceOpen)->Arg(10)->Arg(200)->Unit(benchmark::kMillisecond);

static void BM_SaveProfileVersion(benchmark::State& state)
{
    const std::string path = populatedWorkspace(10);
    io::Workspace ws = io::Workspace::open(path);
    int v = 100;
    for (auto _ : state)
        benchmark::DoNotOptimize(ws.saveProfile(rig(3, v++), "bench"));
}
BENCHMARK(BM_SaveProfileVersion)->Unit(benchmark::kMillisecond);

static void BM_ListSavedProfiles(benchmark::State& state)
{
    io::Workspace ws = io::Workspace::open(populatedWorkspace(static_cast<int>(state.range(0))));
    for (auto _ : state)
        benchmark::DoNotOptimize(ws.savedProfiles());
}
BENCHMARK(BM_ListSavedProfiles)->Arg(10)->Arg(200)->Unit(benchmark::kMicrosecond);

static void BM_LatestProfile(benchmark::State& state)
{
    io::Workspace ws = io::Workspace::open(populatedWorkspace(200));
    for (auto _ : state)
        benchmark::DoNotOptimize(ws.latestProfile("rig-150"));
}
BENCHMARK(BM_LatestProfile)->Unit(benchmark::kMicrosecond);

static void BM_RecordRun(benchmark::State& state)
{
    io::Workspace ws = io::Workspace::open(populatedWorkspace(10));
    io::RunRecord run;
    run.tool = "simulate";
    run.input = {{"points", 2001}, {"scenarios", 100}};
    run.seed = 42;
    run.summary = {{"rms", 0.1}};
    for (auto _ : state)
        benchmark::DoNotOptimize(ws.recordRun(run));
}
BENCHMARK(BM_RecordRun)->Unit(benchmark::kMillisecond);

static void BM_ListRuns(benchmark::State& state)
{
    io::Workspace ws = io::Workspace::open(populatedWorkspace(10));
    for (auto _ : state)
        benchmark::DoNotOptimize(ws.runs(std::nullopt, 50));
}
BENCHMARK(BM_ListRuns)->Unit(benchmark::kMicrosecond);
