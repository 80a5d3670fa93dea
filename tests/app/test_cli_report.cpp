// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop report structure` end to end, headless.
#include "../core/workspace_test_support.h"
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using dtop::test::runDtop;
using dtop::test::TempDir;
using nlohmann::json;

TEST_CASE("dtop report structure writes every plot as PNG and CSV plus the JSON", "[cli][report]")
{
    TempDir dir;
    const std::string out = (dir.path() / "report").string();
    const auto r = runDtop({"report", "structure", "--out", out, "--profile", "southampton-design",
                            "--quantity", "accelerance", "--input-floor", "2", "--measured",
                            "southampton-exp-force2", "--width", "800", "--height", "500"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    for (const char* f : {"frf_magnitude.png", "frf_magnitude.csv", "frf_phase.png",
                          "frf_phase.csv", "structure.json"}) {
        INFO(f);
        CHECK(std::filesystem::file_size(std::filesystem::path(out) / f) > 100);
    }
    // The PNG has the requested size (IHDR width and height, big-endian).
    const std::string png = dtop::test::readBytes(out + "/frf_magnitude.png");
    REQUIRE(png.size() > 24);
    auto be32 = [&](std::size_t at) {
        return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
               (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
    };
    CHECK(be32(16) == 800);
    CHECK(be32(20) == 500);

    const json j = json::parse(dtop::test::readBytes(out + "/structure.json"));
    CHECK(j["tool"] == "structure");
    CHECK(j.contains("version"));
    CHECK(j["input"]["profile"]["name"] == "southampton-design");
    CHECK(j["input"]["quantity"] == "accelerance");
    CHECK(j["input"]["input_floor"] == 2);
    CHECK(j["input"]["measured_dataset"] == "southampton-exp-force2");
    CHECK(j["result"]["modal"]["frequencies_hz"][0].get<double>() == Approx(7.113695).epsilon(1e-6));
    CHECK(j["files"].size() == 4);

    // The CSV holds model and measured series, in display units (dB).
    const std::string csv = dtop::test::readBytes(out + "/frf_magnitude.csv");
    CHECK_THAT(csv, Catch::Contains("Floor 1 measured") && Catch::Contains("dB"));
}

TEST_CASE("dtop report errors", "[cli][report]")
{
    TempDir dir;
    auto r = runDtop({"report"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("report needs a tool id"));
    r = runDtop({"report", "nosuch", "--out", dir.file("x")});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("unknown report tool 'nosuch'"));
    r = runDtop({"report", "structure"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("--out DIR is required"));
    r = runDtop({"report", "structure", "--out", dir.file("x"), "--quantity", "force"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("--quantity"));
    r = runDtop({"report", "structure", "--out", dir.file("x"), "--width", "10"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("--width/--height"));
    r = runDtop({"report", "structure", "--out", dir.file("x"), "--mass", "1,-1,1"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("mass m2 must be > 0 kg"));
    // A file where the folder should be: a file error naming it.
    dtop::test::writeBytes(dir.file("afile"), "x");
    r = runDtop({"report", "structure", "--out", dir.file("afile")});
    CHECK(r.exitCode == 3);
    CHECK_THAT(r.err, Catch::Contains("afile"));
    r = runDtop({"report", "structure", "--help"});
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("--measured"));
}

TEST_CASE("The window starts and draws headless", "[cli][gui]")
{
    TempDir dir;
    const auto r = runDtop({"--workspace", dir.file("ws.dtop"), "--startup-check"},
                           "QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME=" + dir.path().string());
    INFO(r.err);
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.err, Catch::Contains("window shown"));
    const auto bad = runDtop({"--size", "10x10", "--startup-check"}, "QT_QPA_PLATFORM=offscreen");
    CHECK(bad.exitCode == 2);
    CHECK_THAT(bad.err, Catch::Contains("--size"));
}
