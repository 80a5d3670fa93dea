// SPDX-License-Identifier: GPL-3.0-or-later
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>

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
