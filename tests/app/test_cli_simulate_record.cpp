// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop simulate --record DATASET-ID` and `dtop report simulate`.
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using dtop::test::runDtop;
using dtop::test::shellQuote;
using dtop::test::slurp;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {
fs::path freshDir(const std::string& name)
{
    return dtop::test::freshTempPath("dtop_simrec", name);
}

bool isPng(const fs::path& p)
{
    const std::string bytes = slurp(p);
    return bytes.size() > 1000 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0;
}
} // namespace

TEST_CASE("dtop simulate --record th-harmonic replays the record against the twin", "[cli]")
{
    const auto r = runDtop({"simulate", "--record", "th-harmonic"});
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(r.out);
    CHECK(j["tool"] == "simulate");
    CHECK(j["input"]["record"]["dataset"] == "th-harmonic");
    CHECK(j["input"]["force_floor"] == 1);
    CHECK(j["input"]["samples"] == 60001);
    const auto& nrmse = j["result"]["replay"]["nrmse"];
    REQUIRE(nrmse.size() == 3);
    // The core's numbers (tests/core/test_simulate_replay_records.cpp) within rounding.
    CHECK(nrmse[0].get<double>() == Approx(0.33793).epsilon(1e-4));
    CHECK(nrmse[1].get<double>() == Approx(0.66002).epsilon(1e-4));
    CHECK(nrmse[2].get<double>() == Approx(0.34505).epsilon(1e-4));
    CHECK(j["result"]["floors"][2]["measured_velocity_m_s"].size() == 60001);
    CHECK(j["result"]["psd"]["unit"] == "(m/s)²/Hz");

    // An explicit floor moves the force; the record's own floor is the default.
    const auto moved = runDtop({"simulate", "--record", "th-harmonic", "--input-floor", "3"});
    REQUIRE(moved.exitCode == 0);
    CHECK(json::parse(moved.out)["input"]["force_floor"] == 3);

    const auto csv = runDtop({"simulate", "--record", "th-impulse", "--format", "csv"});
    REQUIRE(csv.exitCode == 0);
    CHECK(csv.out.rfind("time_s,force_n,floor1_displacement_m,floor1_velocity_m_s,"
                        "floor1_measured_velocity_m_s",
                        0) == 0);
}

TEST_CASE("dtop simulate --record errors: unknown id, wrong kind, unreadable data", "[cli]")
{
    const auto unknown = runDtop({"simulate", "--record", "th-nope"});
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.find("th-nope") != std::string::npos);

    const auto frf = runDtop({"simulate", "--record", "southampton-exp-force1"});
    CHECK(frf.exitCode == 2);
    CHECK(frf.err.find("'southampton-exp-force1' is an FRF") != std::string::npos);

    // A data folder whose harmonic record is cut short in the middle of a line.
    const auto data = freshDir("data");
    fs::copy(DTOP_DATA_DIR, data, fs::copy_options::recursive);
    const auto harmonic = data / "time-histories" / "harmonic.csv";
    const std::string text = slurp(harmonic);
    std::ofstream(harmonic, std::ios::trunc) << text.substr(0, text.size() / 2) << "0.5,abc\n";
    const auto bad = runDtop({"simulate", "--record", "th-harmonic"},
                             "DTOP_DATA_DIR=" + shellQuote(data.string()));
    CHECK(bad.exitCode == 3);
    CHECK(bad.err.find("harmonic.csv") != std::string::npos);
    fs::remove_all(data);

    const auto report = runDtop({"report", "simulate", "--out", freshDir("bad_report").string(),
                                 "--record", "th-nope"});
    CHECK(report.exitCode == 2);
}

TEST_CASE("dtop report simulate writes every plot, its data and the JSON", "[cli]")
{
    const auto dir = freshDir("report");
    const auto r = runDtop({"report", "simulate", "--out", dir.string(), "--excitation", "random",
                            "--scenarios", "5", "--stiffness-cv", "0.03", "--seed", "11",
                            "--width", "900", "--height", "600"});
    REQUIRE(r.exitCode == 0);
    for (const char* stem : {"force", "response", "psd", "excitation_psd", "h1_magnitude",
                             "h1_coherence"}) {
        INFO(stem);
        CHECK(isPng(dir / (std::string(stem) + ".png")));
        CHECK(slurp(dir / (std::string(stem) + ".csv")).size() > 100);
    }
    const json j = json::parse(slurp(dir / "simulate.json"));
    CHECK(j["tool"] == "simulate");
    CHECK(j.contains("version"));
    CHECK(j["input"]["excitation"]["kind"] == "random");
    CHECK(j["input"]["scenarios"] == 5);
    CHECK(j["input"]["seed"] == 11);
    CHECK(j["input"]["scatter"]["stiffness"]["cv"] == 0.03);
    CHECK(j["result"]["seed"] == 11);
    CHECK(j["result"]["scenarios"]["count"] == 5);
    // The same analysis as the command: identical peaks.
    const auto cli = runDtop({"simulate", "--excitation", "random", "--scenarios", "5",
                              "--stiffness-cv", "0.03", "--seed", "11"});
    REQUIRE(cli.exitCode == 0);
    CHECK(json::parse(cli.out)["result"]["summary"]["peak_displacement_m"] ==
          j["result"]["summary"]["peak_displacement_m"]);
    fs::remove_all(dir);

    const auto replay = freshDir("replay");
    const auto rr = runDtop({"report", "simulate", "--out", replay.string(), "--record",
                             "th-noise", "--width", "800", "--height", "500"});
    REQUIRE(rr.exitCode == 0);
    CHECK(isPng(replay / "replay_velocity_floor3.png"));
    CHECK(isPng(replay / "replay_psd_floor1.png"));
    CHECK(isPng(replay / "replay_force.png"));
    const json jr = json::parse(slurp(replay / "simulate.json"));
    CHECK(jr["input"]["mode"] == "replay");
    CHECK(jr["result"]["replay"]["nrmse"].size() == 3);
    CHECK(jr["result"]["replay"]["nrmse"][0].get<double>() == Approx(1.10038).epsilon(1e-4));
    fs::remove_all(replay);

    const auto invalid = runDtop({"report", "simulate", "--out", freshDir("x").string(),
                                  "--duration", "-1"});
    CHECK(invalid.exitCode == 2);
    CHECK(invalid.err.find("--duration: duration must be > 0 s, got -1") != std::string::npos);
}
