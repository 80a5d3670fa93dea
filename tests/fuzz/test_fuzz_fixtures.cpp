// SPDX-License-Identifier: GPL-3.0-or-later
// Replays every regression fixture of tests/data/fuzz/<target>/ (inputs the fuzzers found to
// crash, hang or break an invariant, since fixed) and the generated seeds through the fuzz
// targets, in the regular build: none may throw what the target does not allow.
#include "fuzz_seeds.h"
#include "fuzz_targets.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(DTOP_TEST_DATA_DIR) / "fuzz";

std::string bytesOf(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("every folder of fuzz fixtures belongs to a fuzz target", "[fuzz]")
{
    REQUIRE(fs::is_directory(kFixtures));
    for (const auto& entry : fs::directory_iterator(kFixtures)) {
        INFO(entry.path());
        CHECK(entry.is_directory());
        CHECK(dtop::fuzz::findFuzzTarget(entry.path().filename().string()) != nullptr);
    }
}

TEST_CASE("the fuzz fixtures are refused or read, never a crash or an unexpected error", "[fuzz]")
{
    std::size_t replayed = 0;
    for (const auto& target : dtop::fuzz::fuzzTargets()) {
        const fs::path dir = kFixtures / target.name;
        if (!fs::is_directory(dir))
            continue;
        for (const auto& entry : fs::directory_iterator(dir)) {
            INFO(entry.path());
            const std::string bytes = bytesOf(entry.path());
            CHECK_NOTHROW(target.run(bytes));
            ++replayed;
        }
    }
    CHECK(replayed > 0);
}

TEST_CASE("the seeds the application writes pass their fuzz targets", "[fuzz]")
{
    std::size_t seeds = 0;
    for (const auto& target : dtop::fuzz::fuzzTargets())
        for (const auto& seed : dtop::fuzz::generatedSeeds(target.name)) {
            INFO(target.name);
            CHECK_NOTHROW(target.run(seed));
            ++seeds;
        }
    CHECK(seeds >= 12);
}
