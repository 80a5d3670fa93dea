// SPDX-License-Identifier: GPL-3.0-or-later
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using dtop::test::runDtop;
using nlohmann::json;

namespace {
std::string dataPath(const std::string& relative)
{
    return std::string(DTOP_TEST_DATA_DIR) + "/" + relative;
}

std::string writeTemp(const std::string& name, const std::string& content)
{
    const auto path = std::filesystem::temp_directory_path() /
                      ("dtop_simulate_" + std::to_string(::getpid()) + "_" + name);
    std::ofstream(path) << content;
    return path.string();
}
} // namespace

TEST_CASE("dtop simulate runs the prototype's default hammer test", "[cli]")
{
    const auto r = runDtop({"simulate"});
    REQUIRE(r.exitCode == 0);
    CHECK(r.err.empty());
    const json j = json::parse(r.out);
    CHECK(j["tool"] == "simulate");
    CHECK(j["input"]["excitation"]["kind"] == "hammer");
    CHECK(j["input"]["excitation"]["peak_n"] == 300.0);
    CHECK(j["input"]["excitation"]["centre_s"] == 0.5);
    CHECK(j["input"]["excitation"]["width_s"] == 0.01);
    CHECK(j["input"]["excitation"]["input_floor"] == 1);
    CHECK(j["input"]["profile"]["name"] == "southampton-lpm");
    const auto& res = j["result"];
    CHECK(res["seed"] == 1);
    CHECK(res["time_s"].size() == 10241);
    CHECK(res["time_s"][1].get<double>() == 1.0 / 2048.0);
    REQUIRE(res["floors"].size() == 3);
    for (const auto& f : res["floors"]) {
        CHECK(f["displacement_m"].size() == 10241);
        CHECK(f["velocity_m_s"].size() == 10241);
        CHECK(f["acceleration_m_s2"].size() == 10241);
    }
    const auto& peak = res["summary"]["peak_displacement_m"];
    CHECK(peak[0].get<double>() == Approx(7.3925e-3).epsilon(1e-3));
    CHECK(peak[2].get<double>() == Approx(1.26865e-2).epsilon(1e-3));
    CHECK(res["psd"]["unit"] == "m²/Hz");
    CHECK(res["psd"]["quantity"] == "displacement");
    CHECK(res["psd"]["resolution_hz"].get<double>() <= 0.25);
    CHECK(res["psd"]["floors"].size() == 3);
    CHECK(res["psd"]["floors"][0].size() == res["psd"]["frequency_hz"].size());
    CHECK(res["display_range_hz"][1] == 50.0);
    CHECK(res["h1"]["unit"] == "(m/s²)/N");
    CHECK_FALSE(res.contains("scenarios"));
}

TEST_CASE("dtop simulate with scenarios is reproducible from --seed", "[cli]")
{
    const std::vector<std::string> args = {"simulate", "--excitation", "random", "--duration", "1",
                                           "--sample-rate", "256", "--scenarios", "5",
                                           "--stiffness-cv", "0.05", "--damping-cv", "0.1",
                                           "--distribution", "lognormal", "--seed", "17",
                                           "--psd-quantity", "acceleration"};
    const auto a = runDtop(args);
    const auto b = runDtop(args);
    REQUIRE(a.exitCode == 0);
    CHECK(a.out == b.out);
    const json j = json::parse(a.out);
    CHECK(j["result"]["seed"] == 17);
    CHECK(j["input"]["scatter"]["stiffness"]["cv"] == 0.05);
    CHECK(j["result"]["psd"]["unit"] == "(m/s²)²/Hz");
    const auto& s = j["result"]["scenarios"];
    CHECK(s["count"] == 5);
    CHECK(s["parameters"].size() == 5);
    CHECK(s["envelopes"]["displacement_m"][2]["p95"].size() == 257);
    CHECK(s["psd_envelopes"]["unit"] == "(m/s²)²/Hz");
    auto other = args;
    other[other.size() - 3] = "18";
    CHECK(runDtop(other).out != a.out);
}

TEST_CASE("dtop simulate --format csv writes the time histories", "[cli]")
{
    const auto r = runDtop({"simulate", "--duration", "0.5", "--sample-rate", "100", "--format",
                            "csv", "--hammer-centre", "0.1"});
    REQUIRE(r.exitCode == 0);
    std::stringstream lines(r.out);
    std::string header;
    std::getline(lines, header);
    CHECK(header == "time_s,force_n,floor1_displacement_m,floor1_velocity_m_s,"
                    "floor1_acceleration_m_s2,floor2_displacement_m,floor2_velocity_m_s,"
                    "floor2_acceleration_m_s2,floor3_displacement_m,floor3_velocity_m_s,"
                    "floor3_acceleration_m_s2");
    int rows = 0;
    for (std::string line; std::getline(lines, line);)
        ++rows;
    CHECK(rows == 51);
}

TEST_CASE("dtop simulate --excitation base reads a ground acceleration CSV", "[cli]")
{
    const auto r = runDtop({"simulate", "--excitation", "base", "--base-record",
                            dataPath("simulate/ground_acceleration.csv"), "--duration", "2",
                            "--sample-rate", "512"});
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(r.out);
    CHECK(j["input"]["excitation"]["record"]["samples"] == 513);
    CHECK(j["result"]["relative_to_ground"] == true);
    CHECK(j["result"]["ground_acceleration_m_s2"].size() == 1025);
    CHECK(j["result"]["floors"][2].contains("absolute_acceleration_m_s2"));
    CHECK(j["result"]["summary"]["peak_displacement_m"][2].get<double>() > 1e-4);
    CHECK_FALSE(j["result"].contains("h1"));
}

TEST_CASE("dtop simulate --help lists the options with units and defaults", "[cli]")
{
    const auto r = runDtop({"simulate", "--help"});
    REQUIRE(r.exitCode == 0);
    for (const char* text : {"--excitation", "halfsine", "sweep", "record",
                             "--duration", "--sample-rate", "--scenarios", "--seed",
                             "--input-floor", "--hammer-peak", "(=300)", "[N]", "--hammer-width",
                             "--base-record", "--mass-cv", "--psd-segment", "--psd-window",
                             "NRMSE", "(m/s²)²/Hz"})
        CHECK_THAT(r.out, Catch::Contains(text));
}

TEST_CASE("dtop simulate errors name the option and exit 2 (3 for a bad file)", "[cli]")
{
    const std::pair<std::vector<std::string>, std::string> usage[] = {
        {{"--excitation", "shaker"}, "--excitation must be hammer, halfsine, random, sine, sweep, base or record, got 'shaker'"},
        {{"--hammer-width", "0"}, "--hammer-width: hammer pulse width sigma must be > 0 s, got 0"},
        {{"--duration", "-5"}, "--duration: duration must be > 0 s, got -5"},
        {{"--sample-rate", "abc"}, "sample-rate"},
        {{"--input-floor", "7"}, "--input-floor: input floor must be between 1 and 3, got 7"},
        {{"--scenarios", "-1"}, "--scenarios must be between 0 and 10000, got -1"},
        {{"--seed", "1.5"}, "--seed must be a whole number between 0 and 18446744073709551615, got '1.5'"},
        {{"--excitation", "random", "--random-f2", "5000"}, "--random-f2: random band upper edge f2 must be <= half the sample rate, 1024 Hz, got 5000"},
        {{"--excitation", "sweep", "--sweep-law", "cubic"}, "--sweep-law must be linear or log, got 'cubic'"},
        {{"--excitation", "base"}, "--excitation base needs --base-record FILE"},
        {{"--excitation", "record"}, "--excitation record needs --force-record FILE"},
        {{"--mass-cv", "0.1", "--mass-sd", "0.1"}, "--mass-cv and --mass-sd are alternatives"},
        {{"--stiffness-sd", "-3"}, "--stiffness-sd: stiffness standard deviation must be >= 0 N/m, got -3"},
        {{"--damping-cv", "0.1", "--profile", "southampton-design"}, "--damping-cv: damping scatter needs storey dampers"},
        {{"--distribution", "uniform"}, "--distribution must be normal, truncated-normal or lognormal, got 'uniform'"},
        {{"--distribution", "truncated-normal", "--mass-cv", "0.1", "--truncation", "0"}, "--truncation: mass truncation must be > 0 standard deviations, got 0"},
        {{"--keep-scenarios", "2"}, "--keep-scenarios: kept scenarios must be between 0 and 0"},
        {{"--x0", "0.01,0.02"}, "--x0: initial displacement needs 3 values (one per floor), got 2"},
        {{"--x0", "0.01,a,0"}, "--x0: item 2 ('a') is not a number"},
        {{"--psd-overlap", "1"}, "--psd-overlap: PSD overlap must be between 0 and 0.95"},
        {{"--psd-window", "kaiser"}, "--psd-window must be hann, hamming or rectangular, got 'kaiser'"},
        {{"--psd-quantity", "jerk"}, "--psd-quantity must be displacement, velocity or acceleration, got 'jerk'"},
        {{"--frf-quantity", "inertance"}, "--frf-quantity must be receptance, mobility or accelerance, got 'inertance'"},
        {{"--integrator", "euler"}, "--integrator must be auto, exact or adaptive, got 'euler'"},
        {{"--profile", "cbc-demo", "--integrator", "exact"}, "--integrator: the exact integrator needs a linear profile"},
        {{"--rtol", "0"}, "--rtol: relative tolerance must be in (0, 1), got 0"},
        {{"--stiffness", "1,2,-3"}, "stiffness k3 must be > 0 N/m, got -3"},
        {{"--scenarios", "3", "--stiffness-cv", "2"}, "--stiffness-cv: with seed 1, scenario 1 draws k1"},
    };
    for (const auto& [args, message] : usage) {
        std::vector<std::string> all = {"simulate"};
        all.insert(all.end(), args.begin(), args.end());
        const auto r = runDtop(all);
        INFO(args.front() << " -> " << r.err);
        CHECK(r.exitCode == 2);
        CHECK_THAT(r.err, Catch::Contains(message));
        CHECK(r.out.empty());
    }
    const auto missing = runDtop({"simulate", "--excitation", "base", "--base-record",
                                  dataPath("simulate/no_such_file.csv")});
    CHECK(missing.exitCode == 3);
    CHECK_THAT(missing.err, Catch::Contains("no_such_file.csv"));
    const std::string bad = writeTemp("bad.csv", "time_s,acceleration_m_s2\n0,0\n0.1,abc\n");
    const auto malformed = runDtop({"simulate", "--excitation", "base", "--base-record", bad});
    CHECK(malformed.exitCode == 3);
    CHECK_THAT(malformed.err, Catch::Contains("bad.csv:3: expected two comma-separated numbers"));
    std::filesystem::remove(bad);
}

TEST_CASE("dtop simulate --excitation record drives a floor with a force CSV", "[cli]")
{
    const std::string force = writeTemp("force.csv", "time_s,force_n\n0,0\n0.01,5\n0.02,0\n");
    const auto r = runDtop({"simulate", "--excitation", "record", "--force-record", force,
                            "--input-floor", "3", "--duration", "1", "--sample-rate", "100",
                            "--record-hold", "linear"});
    std::filesystem::remove(force);
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(r.out);
    CHECK(j["result"]["force_n"][1] == 5.0);
    CHECK(j["input"]["excitation"]["input_floor"] == 3);
    // The triangle delivers 0.05 N·s by t = 0.02 s; the ground spring has barely pulled back
    // yet, so the momentum of the floors is that impulse.
    const double masses[] = {5.0394, 4.9919, 4.9693};
    double momentum = 0.0;
    for (int i = 0; i < 3; ++i)
        momentum += masses[i] * j["result"]["floors"][i]["velocity_m_s"][2].get<double>();
    CHECK(momentum == Approx(0.05).epsilon(0.02));
}
