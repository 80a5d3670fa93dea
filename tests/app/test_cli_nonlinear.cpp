// SPDX-License-Identifier: GPL-3.0-or-later
#include "run_dtop.h"

#include "dynamics/shear_building.h"
#include "model/presets.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <complex>
#include <fstream>

using dtop::test::runDtop;
using nlohmann::json;

namespace {

json resultOf(const std::vector<std::string>& args, const std::string& env = {})
{
    const auto r = runDtop(args, env);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return json::parse(r.out)["result"];
}

// Fold values of docs/tools/nonlinear.md §9 (independent Python shooting, DOP853 rtol 1e-12).
constexpr double kUpperFoldN = 57.321041, kLowerFoldN = 13.107389;

} // namespace

TEST_CASE("dtop nonlinear: the S-curve at 16 rad/s has both folds and an unstable middle",
          "[cli][nonlinear]")
{
    const json res = resultOf({"nonlinear", "--analysis", "force-curve", "--frequency-rad-s", "16",
                               "--from", "1", "--to", "81"});
    REQUIRE(res["folds"].size() == 2);
    CHECK(res["folds"][0]["force_n"].get<double>() == Approx(kUpperFoldN).margin(0.01));
    CHECK(res["folds"][1]["force_n"].get<double>() == Approx(kLowerFoldN).margin(0.01));
    CHECK(res["folds"][0]["amplitude_m"].get<double>() == Approx(0.558553).margin(1e-4));
    CHECK(res["folds"][1]["amplitude_m"].get<double>() == Approx(0.885433).margin(1e-4));
    for (const auto& f : res["folds"])
        CHECK(f["frequency_rad_s"].get<double>() == 16.0);
    // Harmonics chosen automatically (14 odd ones, docs §2) and converged.
    CHECK(res["harmonics"].get<int>() >= 10);
    CHECK(res["harmonics_check_m"].get<double>() < 1e-6);
    // Stable – unstable – stable along the branch; every point carries its multipliers.
    const auto& b = res["branch"];
    REQUIRE(b.size() > 20);
    CHECK(b.front()["stable"] == true);
    CHECK(b.back()["stable"] == true);
    int changes = 0;
    for (std::size_t i = 1; i < b.size(); ++i) {
        changes += b[i]["stable"] != b[i - 1]["stable"] ? 1 : 0;
        CHECK(b[i]["amplitude_m"].size() == 3);
        CHECK(b[i]["peak_to_peak_m"].size() == 3);
        CHECK((b[i]["multipliers_abs_max"].get<double>() < 1.0) == b[i]["stable"].get<bool>());
    }
    CHECK(changes == 2);
    CHECK(b.front()["force_n"].get<double>() == Approx(1.0));
    CHECK(b.back()["force_n"].get<double>() == Approx(81.0));
}

TEST_CASE("dtop nonlinear: frequency-response curve at 10 N has four folds and backbones",
          "[cli][nonlinear]")
{
    const json res = resultOf({"nonlinear", "--analysis", "frequency-curve", "--force-n", "10"});
    REQUIRE(res["folds"].size() == 4);
    std::vector<double> w;
    for (const auto& f : res["folds"])
        w.push_back(f["frequency_rad_s"].get<double>());
    std::sort(w.begin(), w.end());
    CHECK(w[0] == Approx(14.851118416).margin(0.002));
    CHECK(w[1] == Approx(15.818728014).margin(0.002));
    CHECK(w[2] == Approx(40.877263043).margin(0.002));
    CHECK(w[3] == Approx(41.905539180).margin(0.002));
    REQUIRE_FALSE(res["backbone"].empty());
    // The backbone of mode 1 starts at the linear frequency and hardens.
    const auto& bb = res["backbone"];
    CHECK(bb.front()["mode"] == 1);
    CHECK(bb.front()["frequency_rad_s"].get<double>() ==
          Approx(res["natural_frequencies_rad_s"][0].get<double>()).epsilon(1e-3));
}

TEST_CASE("dtop nonlinear: without cubic springs the force curve is the exact FRF",
          "[cli][nonlinear]")
{
    const json res = resultOf({"nonlinear", "--cubic", "0,0,0", "--frequency-rad-s", "16",
                               "--from", "1", "--to", "10", "--format", "json"});
    CHECK(res["folds"].empty());
    dtop::model::Profile p = *dtop::model::preset("cbc-demo");
    p.cubicStiffnesses = {0.0, 0.0, 0.0};
    const dtop::dynamics::ShearBuilding s(p);
    const double w = 16.0;
    using Complex = std::complex<double>;
    const Eigen::MatrixXcd z = (s.stiffnessMatrix() - w * w * s.massMatrix()).cast<Complex>() +
                               Complex(0.0, w) * s.dampingMatrix().cast<Complex>();
    Eigen::VectorXcd e = Eigen::VectorXcd::Zero(3);
    e(0) = 1.0;
    const Eigen::VectorXcd h = z.partialPivLu().solve(e);
    for (const auto& pt : res["branch"]) {
        const double f = pt["force_n"].get<double>();
        for (int i = 0; i < 3; ++i)
            CHECK(pt["amplitude_m"][i].get<double>() == Approx(f * std::abs(h(i))).epsilon(1e-9));
        CHECK(pt["stable"] == true);
    }
}

TEST_CASE("dtop nonlinear: backbone, fold curve, sweep and CSV output", "[cli][nonlinear]")
{
    const json bb = resultOf({"nonlinear", "--analysis", "backbone", "--mode", "1", "--to", "16"});
    REQUIRE(bb["backbone"].size() > 5);
    double previous = 0.0;
    for (const auto& p : bb["backbone"]) {
        CHECK(p["frequency_rad_s"].get<double>() >= previous - 1e-9); // hardening
        previous = p["frequency_rad_s"].get<double>();
    }
    // Traced up to --to: the last step ends just past it.
    CHECK(previous == Approx(16.0).margin(0.05));

    const json fc = resultOf({"nonlinear", "--analysis", "fold-curve", "--frequency-rad-s", "16",
                              "--from", "13", "--to", "20"});
    REQUIRE(fc.contains("fold_curve"));
    REQUIRE(fc["fold_curve"].contains("cusp"));
    CHECK(fc["fold_curve"]["cusp"]["frequency_rad_s"].get<double>() == Approx(14.1607).margin(2e-3));
    CHECK(fc["fold_curve"]["cusp"]["force_n"].get<double>() == Approx(0.440).margin(5e-3));

    const json sw = resultOf({"nonlinear", "--analysis", "sweep", "--force-n", "10", "--from", "10",
                              "--to", "20", "--sweep-points", "101"});
    REQUIRE(sw["sweep"]["jumps"].size() == 2);
    for (const auto& j : sw["sweep"]["jumps"]) {
        const double at = j["parameter"].get<double>();
        CHECK((std::abs(at - 15.818728) < 0.002 || std::abs(at - 14.851118) < 0.002));
    }

    const auto csv = runDtop({"nonlinear", "--to", "20", "--format", "csv"});
    REQUIRE(csv.exitCode == 0);
    CHECK(csv.out.rfind("force_n,frequency_rad_s,amplitude_x1_m", 0) == 0);
}

TEST_CASE("dtop nonlinear: --input FILE takes a tool input, options override it",
          "[cli][nonlinear]")
{
    const auto path = dtop::test::freshTempPath("nonlinear", "input.json");
    std::ofstream(path)
        << R"({"analysis": "force-curve", "frequency_rad_s": 16, "from": 1, "to": 81})";
    const json a = json::parse(runDtop({"nonlinear", "--input", path.string()}).out);
    CHECK(a["input"]["to"] == 81.0);
    REQUIRE(a["result"]["folds"].size() == 2);
    CHECK(a["result"]["folds"][1]["force_n"].get<double>() == Approx(kLowerFoldN).margin(0.01));
    // Below the upper fold the branch stays on its lower part: no fold.
    const json b = json::parse(runDtop({"nonlinear", "--input", path.string(), "--to", "30"}).out);
    CHECK(b["input"]["to"] == 30.0);
    CHECK(b["input"]["frequency_rad_s"] == 16.0);
    CHECK(b["result"]["folds"].empty());

    std::ofstream(path) << "{\n  \"force_n\": 10,\n  \"to\": oops\n}";
    auto r = runDtop({"nonlinear", "--input", path.string()});
    CHECK(r.exitCode == 3);
    CHECK(r.err.find("line 3") != std::string::npos);
    std::ofstream(path) << R"({"force_n": "ten"})";
    r = runDtop({"nonlinear", "--input", path.string()});
    CHECK(r.exitCode == 3);
    CHECK(r.err.find("force_n") != std::string::npos);
    r = runDtop({"nonlinear", "--input", (path.string() + ".missing")});
    CHECK(r.exitCode == 3);
    std::filesystem::remove(path);
}

TEST_CASE("dtop nonlinear: bad input exits 2 naming the option", "[cli][nonlinear]")
{
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--mass", "0.2,-0.2,0.2"}, "mass m2"},
        {{"--frequency-rad-s", "0"}, "--frequency-rad-s"},
        {{"--force-n", "-1", "--analysis", "frequency-curve"}, "--force-n"},
        {{"--from", "5", "--to", "5"}, "--to"},
        {{"--analysis", "chaos"}, "--analysis"},
        {{"--harmonics", "99"}, "--harmonics"},
        {{"--mode", "4", "--analysis", "backbone"}, "--mode"},
        {{"--analysis", "cbc", "--kp", "-120"}, "--kp"},
        {{"--sweep-parameter", "time", "--analysis", "sweep"}, "--sweep-parameter"},
        {{"--max-points", "-3"}, "--max-points"},
        // A range without a solution: no fold at 2 rad/s up to 20 N, so no bistability map.
        {{"--analysis", "fold-curve", "--frequency-rad-s", "2", "--force-limit-n", "20"},
         "no fold"},
    };
    for (const auto& [args, text] : cases) {
        std::vector<std::string> a = {"nonlinear"};
        a.insert(a.end(), args.begin(), args.end());
        const auto r = runDtop(a);
        INFO(args.front() << ": " << r.err);
        CHECK(r.exitCode == 2);
        CHECK(r.err.find(text) != std::string::npos);
        CHECK(r.err.find("internal error") == std::string::npos);
    }
}

TEST_CASE("dtop nonlinear: a bad --reference-run file exits 3 naming its line", "[cli][nonlinear]")
{
    const auto path = dtop::test::freshTempPath("nonlinear", "download.txt");
    std::ofstream(path) << "//RESULTS//\n/Increasing frequency/*\nf [Hz] A1 A2 A3\n1.0 0.1 0.2 x\n";
    const auto r = runDtop({"nonlinear", "--reference-run", path.string()});
    CHECK(r.exitCode == 3);
    CHECK(r.err.find("line 4") != std::string::npos);
    CHECK(r.err.find("--reference-run") != std::string::npos);
    std::filesystem::remove(path);
}

TEST_CASE("dtop nonlinear --legacy reproduces the bundled reference run", "[cli][nonlinear]")
{
    // Compatibility mode (docs/tools/nonlinear.md §7): acceptance 2e-4 m and 2e-4 N.
    const json res = resultOf({"nonlinear", "--to", "2", "--legacy"},
                              "DTOP_DATA_DIR=" + std::string(DTOP_DATA_DIR));
    REQUIRE(res.contains("legacy"));
    CHECK(res["legacy"]["label"].get<std::string>().find("compatibility mode") == 0);
    const auto& c = res["legacy"]["comparison"];
    CHECK(c["row_counts_match"] == true);
    CHECK(c["max_amplitude_difference_m"].get<double>() < 2e-4);
    CHECK(c["max_force_difference_n"].get<double>() < 2e-4);
    CHECK(c["jump_indices"] == c["reference_jump_indices"]);
    CHECK(c["fold_rows"] == c["reference_fold_rows"]);
}
