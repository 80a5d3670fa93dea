// SPDX-License-Identifier: GPL-3.0-or-later
// One workspace shared by processes (the window and the command line) and processes killed at
// any moment of a write (issue #16, item 5): no "database is locked", no lost version, no damage.
#include "io/workspace.h"
#include "model/presets.h"
#include "workspace_test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <csignal>
#include <random>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

using namespace dtop;
using dtop::io::Workspace;
using dtop::test::RawDb;
using dtop::test::TempDir;

namespace {

// Runs `work` in a child process; the child exits 0 when it returns, 1 when it throws.
template <typename Work>
pid_t spawn(Work work)
{
    const pid_t child = ::fork();
    if (child == 0) {
        int code = 0;
        try {
            work();
        } catch (...) {
            code = 1;
        }
        ::_exit(code);
    }
    return child;
}

int exitCode(pid_t child)
{
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The content of dataset number i: large (several WAL pages) and recognisable.
std::string datasetContent(int i)
{
    return std::string(1'500'000, static_cast<char>('a' + i % 26)) + std::to_string(i);
}

} // namespace

// The suite saves 150 versions per process (the closing note of issue #16 gives a 500 + 500 run:
// DTOP_CONCURRENT_SAVES=500).
TEST_CASE("Two processes saving versions into one workspace at once lose nothing", "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("shared.dtop");
    Workspace::open(path); // created before the writers start, then closed
    const char* env = std::getenv("DTOP_CONCURRENT_SAVES");
    const int saves = env ? std::max(1, std::atoi(env)) : 150;
    auto writer = [&path, saves](const std::string& who) {
        return [&path, who, saves] {
            Workspace ws = Workspace::open(path);
            model::Profile p = *model::preset("southampton-lpm");
            p.name = "shared-rig";
            for (int i = 0; i < saves; ++i) {
                p.stiffnesses[0] = 30000.0 + i;
                ws.saveProfile(p, who + " " + std::to_string(i));
            }
        };
    };
    const pid_t a = spawn(writer("window"));
    const pid_t b = spawn(writer("command"));
    REQUIRE(a > 0);
    REQUIRE(b > 0);
    CHECK(exitCode(a) == 0); // no "database is locked", no other failure
    CHECK(exitCode(b) == 0);

    Workspace ws = Workspace::open(path);
    const auto history = ws.profileHistory("shared-rig");
    REQUIRE(history.size() == 2 * static_cast<std::size_t>(saves));
    int fromWindow = 0;
    for (std::size_t v = 0; v < history.size(); ++v) {
        CHECK(history[v].version == static_cast<int>(v) + 1); // 1…2N, no gap, no duplicate
        fromWindow += history[v].note.rfind("window", 0) == 0 ? 1 : 0;
    }
    CHECK(fromWindow == saves);
    RawDb raw(path);
    CHECK(raw.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("A dataset import killed at 50 random moments leaves the workspace intact",
          "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("killed.dtop");
    Workspace::open(path);
    std::mt19937 random(16); // fixed: the same moments on every run
    std::uniform_int_distribution<int> delayUs(0, 400'000);
    int next = 0; // the next dataset number to import
    for (int kill = 0; kill < 50; ++kill) {
        const int first = next;
        const pid_t child = spawn([&path, first] {
            Workspace ws = Workspace::open(path);
            for (int i = first;; ++i)
                ws.addDataset({"big-" + std::to_string(i), {{"n", i}}, datasetContent(i),
                               "big.csv", {}});
        });
        REQUIRE(child > 0);
        std::this_thread::sleep_for(std::chrono::microseconds(delayUs(random)));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        CHECK(WIFSIGNALED(status));

        // Every committed import is whole; nothing half-written is visible.
        Workspace ws = Workspace::open(path);
        const auto datasets = ws.datasets();
        for (const auto& d : datasets) {
            const int i = std::stoi(d.id.substr(4));
            CHECK(d.contentBytes == datasetContent(i).size());
        }
        next = static_cast<int>(datasets.size());
        if (!datasets.empty())
            CHECK(ws.dataset(datasets.back().id)->content == datasetContent(next - 1));
        RawDb raw(path);
        REQUIRE(raw.text("PRAGMA integrity_check") == "ok");
    }
    INFO(next << " imports committed across the kills");
    CHECK(next > 0);
}
