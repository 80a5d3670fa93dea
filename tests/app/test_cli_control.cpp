// SPDX-License-Identifier: GPL-3.0-or-later
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using dtop::test::runDtop;
using nlohmann::json;

TEST_CASE("dtop control: DVF at floor 1 is stable below its critical gain", "[cli]")
{
    const auto r = runDtop({"control", "--strategy", "dvf", "--gain", "5", "--floor", "1"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json res = json::parse(r.out)["result"];
    CHECK(res["stable"] == true);
    // The critical gain of the default device at floor 1 (docs/tools/control.md).
    CHECK(res["critical_gain"].get<double>() == Approx(5.449226370350694).epsilon(1e-9));
    CHECK(res["gain_margin_db"].get<double>() ==
          Approx(20.0 * std::log10(5.449226370350694 / 5.0)).epsilon(1e-6));
    CHECK(res["ke_reduction_db"].get<double>() > 0.0);
    CHECK(res["control_effort_w"].get<double>() > 0.0);
    REQUIRE_FALSE(res["closed_loop_poles"].empty());
    double previous = 0.0;
    for (const auto& p : res["closed_loop_poles"]) {
        CHECK(p["frequency_hz"].get<double>() >= previous);
        previous = p["frequency_hz"].get<double>();
    }
    CHECK(res["ke_peaks"][0].contains("ke_db"));
}

TEST_CASE("dtop control: an unstable design has no reduction or effort", "[cli]")
{
    const auto r = runDtop({"control", "--strategy", "dvf", "--gain", "5", "--floor", "3",
                            "--no-best-gain", "--no-root-locus"});
    REQUIRE(r.exitCode == 0);
    const json res = json::parse(r.out)["result"];
    CHECK(res["stable"] == false);
    CHECK(res["critical_gain"].get<double>() == Approx(1.7946468781239353).epsilon(1e-9));
    CHECK(res["ke_reduction_db"].is_null());
    CHECK(res["control_effort_w"].is_null());
}

TEST_CASE("dtop control: Den Hartog tuning reports the tuned suspension", "[cli]")
{
    const auto r = runDtop({"control", "--strategy", "tmd", "--tune", "den-hartog"});
    REQUIRE(r.exitCode == 0);
    const json res = json::parse(r.out)["result"];
    CHECK(res["stable"].is_null());
    REQUIRE(res.contains("tuned"));
    for (const char* k : {"proof_stiffness_n_m", "proof_damping_ns_m", "frequency_hz", "damping_ratio"})
        CHECK(res["tuned"][k].get<double>() > 0.0);
}

TEST_CASE("dtop control: bad input exits 2 naming the option", "[cli]")
{
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--floor", "7"}, "--floor"},
        {{"--force-floor", "0"}, "--force-floor"},
        {{"--proof-mass", "0"}, "--proof-mass"},
        {{"--suspension-stiffness", "0"}, "--suspension-stiffness"},
        {{"--strategy", "pid"}, "--strategy"},
        {{"--tune", "magic"}, "--tune"},
        {{"--strategy", "dvf", "--tune", "den-hartog"}, "--tune"},
    };
    for (const auto& [args, option] : cases) {
        std::vector<std::string> a = {"control"};
        a.insert(a.end(), args.begin(), args.end());
        const auto r = runDtop(a);
        INFO(args.front() << ": " << r.err);
        CHECK(r.exitCode == 2);
        CHECK(r.err.find(option) != std::string::npos);
    }
}

TEST_CASE("dtop control: time response to a hammer blow, uncontrolled and controlled", "[cli]")
{
    const auto r = runDtop({"control", "--strategy", "dvf", "--gain", "2", "--time-response",
                            "--excitation", "hammer", "--time-duration", "2", "--no-root-locus",
                            "--no-best-gain"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json t = json::parse(r.out)["result"]["time_response"];
    CHECK(t["time_s"].size() == 2049); // 2 s at 1024 Hz
    CHECK(t["excitation_unit"] == "N");
    const json& c = t["controlled"]["indices"];
    const json& u = t["uncontrolled"]["indices"];
    CHECK(t["controlled"]["diverging"] == false);
    // DVF at a stable gain damps the structure: smaller RMS drift on every floor.
    for (int i = 0; i < 3; ++i)
        CHECK(c["rms_drift_m"][i].get<double>() < u["rms_drift_m"][i].get<double>());
    CHECK(c["peak_current_a"].get<double>() > 0.0);
    CHECK(c["peak_stroke_m"].get<double>() > 0.0);
    CHECK(u["peak_current_a"].get<double>() == 0.0);
}

TEST_CASE("dtop control: time response to a recorded ground acceleration", "[cli]")
{
    const auto csv = dtop::test::freshTempPath("control-base", "ground.csv");
    {
        std::ofstream out(csv);
        out << "time_s,acceleration_m_s2\n";
        for (int k = 0; k <= 2000; ++k) {
            const double t = k / 1000.0;
            out << t << "," << 2.0 * std::sin(2.0 * 3.141592653589793 * 6.2 * t) << "\n";
        }
    }
    const auto r = runDtop({"control", "--strategy", "dvf", "--gain", "2", "--time-response",
                            "--excitation", "base", "--base-record", csv.string(),
                            "--time-duration", "2", "--no-root-locus", "--no-best-gain"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json t = json::parse(r.out)["result"]["time_response"];
    CHECK(t["excitation_unit"] == "m/s²");
    const json& c = t["controlled"]["indices"];
    const json& u = t["uncontrolled"]["indices"];
    CHECK(t["controlled"]["diverging"] == false);
    for (int i = 0; i < 3; ++i) {
        CHECK(c["peak_drift_m"][i].get<double>() > 0.0);
        CHECK(u["peak_drift_m"][i].get<double>() > 0.0);
    }
    // The ground motion moves the sensor floor: the loop drives a current, the bare one none.
    CHECK(c["rms_current_a"].get<double>() > 0.0);
    CHECK(u["rms_current_a"].get<double>() == 0.0);

    const auto missing = runDtop({"control", "--strategy", "dvf", "--time-response",
                                  "--excitation", "base", "--base-record", csv.string() + ".none"});
    CHECK(missing.exitCode != 0);
    CHECK(missing.err.find("--base-record") != std::string::npos);
}

TEST_CASE("dtop control: --legacy prints the prototype's numbers beside the true ones", "[cli]")
{
    const auto r = runDtop({"control", "--strategy", "dvf", "--gain", "5", "--legacy",
                            "--no-root-locus", "--no-best-gain"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json res = json::parse(r.out)["result"];
    const json& l = res["legacy"];
    CHECK(l["label"] == "prototype metric (DTOP-Cristallo), not physical");
    // The prototype's printed DVF numbers at h = 5 A·s/m (docs/tools/control.md).
    CHECK(l["ke_band_integral"].get<double>() == Approx(1.6733849868e-02).epsilon(1e-9));
    CHECK(l["ke_reduction_db"].get<double>() == Approx(9.707025).epsilon(1e-6));
    CHECK(l["control_effort"].get<double>() == Approx(1.634110).epsilon(1e-6));
    CHECK(l["stable_shown"] == "Yes");
    CHECK(l["ke_db"].size() == 9901);
    // The true verdict and metrics are unchanged by --legacy.
    CHECK(res["stable"] == true);
    CHECK(res["critical_gain"].get<double>() == Approx(5.449226370350694).epsilon(1e-9));

    const auto banded = runDtop({"control", "--legacy", "--band-step-hz", "0.02"});
    CHECK(banded.exitCode == 2);
    CHECK(banded.err.find("--legacy") != std::string::npos);
}
