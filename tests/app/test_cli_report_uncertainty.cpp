// SPDX-License-Identifier: GPL-3.0-or-later
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using dtop::test::runDtop;
using dtop::test::slurp;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {
fs::path freshDir(const std::string& name)
{
    return dtop::test::freshTempPath("dtop_report_uq", name);
}
} // namespace

TEST_CASE("dtop report uncertainty writes every plot as PNG and CSV and the JSON", "[cli][report]")
{
    const fs::path dir = freshDir("ok");
    const auto r = runDtop({"report", "uncertainty", "--out", dir.string(), "--frequencies-hz",
                            "2,6.3,12,17.9", "--samples", "300", "--seed", "4", "--max-boxes",
                            "40", "--spread", "5", "--input-floor", "3", "--width", "800",
                            "--height", "500"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(slurp(dir / "uncertainty.json"));
    CHECK(j["tool"] == "uncertainty");
    CHECK(j["input"]["profile"]["name"] == "full-scale");
    CHECK(j["input"]["input_floor"] == 3);
    CHECK(j["input"]["parameters"][0]["percent"] == 5.0);
    CHECK(j["result"]["seed"] == 4);
    CHECK(j["result"]["input_floor"] == 3);
    REQUIRE(j["result"]["frequency_hz"].size() == 4);
    for (const char* m : {"sampled", "vertex", "optimised", "verified"})
        CHECK(j["result"]["methods"].contains(m));
    CHECK(j["result"]["complete"] == true);
    REQUIRE(j["files"].size() == 14);
    for (const auto& f : j["files"]) {
        const fs::path p = dir / f.get<std::string>();
        INFO(p);
        REQUIRE(fs::exists(p));
        CHECK(fs::file_size(p) > 100);
    }
    const std::string csv = slurp(dir / "floor3_bounds.csv");
    CHECK(csv.find("verified outer") != std::string::npos);
    CHECK(csv.find("sampled envelope (inner)") != std::string::npos);
    CHECK(slurp(dir / "floor3_bounds.png").rfind("\x89PNG", 0) == 0);
    // The same inputs through `dtop uncertainty` give the same numbers.
    const auto direct = runDtop({"uncertainty", "--frequencies-hz", "2,6.3,12,17.9", "--samples",
                                 "300", "--seed", "4", "--max-boxes", "40", "--spread", "5",
                                 "--input-floor", "3"});
    REQUIRE(direct.exitCode == 0);
    const json d = json::parse(direct.out);
    CHECK(d["result"]["methods"]["optimised"]["floors"] ==
          j["result"]["methods"]["optimised"]["floors"]);
    CHECK(d["result"]["methods"]["verified"]["floors"] == j["result"]["methods"]["verified"]["floors"]);
    fs::remove_all(dir);
}

TEST_CASE("dtop report uncertainty: bad options exit 2, an unwritable folder exits 3",
          "[cli][report]")
{
    const fs::path dir = freshDir("bad");
    auto check = [&](std::vector<std::string> args, int code, const std::string& text) {
        args.insert(args.begin(), {"report", "uncertainty"});
        const auto r = runDtop(args);
        INFO(r.err);
        CHECK(r.exitCode == code);
        CHECK(r.err.find(text) != std::string::npos);
    };
    check({"--out", dir.string(), "--spread", "-3"}, 2, "--spread");
    check({"--out", dir.string(), "--methods", "sampled,magic"}, 2, "magic");
    check({"--out", dir.string(), "--input-floor", "9"}, 2, "--input-floor");
    check({"--out", dir.string(), "--profile", "nope"}, 2, "nope");
    check({"--frequencies-hz", "1"}, 2, "--out");
    CHECK_FALSE(fs::exists(dir));
    // A file where the folder should be.
    fs::create_directories(dir);
    std::ofstream(dir / "file") << "x";
    check({"--out", (dir / "file" / "sub").string(), "--frequencies-hz", "1", "--methods",
           "vertex"},
          3, "file");
    const auto help = runDtop({"report", "uncertainty", "--help"});
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("--spread") != std::string::npos);
    CHECK(help.out.find("--max-boxes") != std::string::npos);
    fs::remove_all(dir);
}
