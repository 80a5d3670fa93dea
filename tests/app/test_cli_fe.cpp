// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop fe` end to end: modes, masses, convergence, measured rig, calibration, equivalent
// profile saved to a workspace, CalculiX deck, bad input. Reference values: docs/tools/fe.md §1
// and §8 (computed by the core, checked there against closed forms).
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

using dtop::test::runDtop;
using dtop::test::slurp;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json runFe(std::vector<std::string> args)
{
    args.insert(args.begin(), "fe");
    const auto r = runDtop(args);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return json::parse(r.out);
}

std::vector<double> frequencies(const json& result)
{
    std::vector<double> f;
    for (const auto& m : result["modes"])
        f.push_back(m["frequency_hz"].get<double>());
    return f;
}

} // namespace

TEST_CASE("dtop fe: the default rig's modes, kinds and masses", "[cli][fe]")
{
    const json j = runFe({"--no-convergence"});
    CHECK(j["tool"] == "fe");
    CHECK(j["input"]["base_clamp"] == "top");
    CHECK(j["input"]["elements_per_column"] == 12);
    const json& r = j["result"];
    const std::vector<double> f = frequencies(r);
    REQUIRE(f.size() == 5);
    const double expected[] = {7.639, 21.427, 31.012, 55.225, 76.712};
    const char* kinds[] = {"sway-weak", "sway-weak", "sway-weak", "sway-strong", "torsion"};
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(f[i] == Approx(expected[i]).margin(6e-4));
        CHECK(r["modes"][i]["kind"] == kinds[i]);
        CHECK(r["modes"][i]["floor_displacements"].size() == 3);
    }
    // Floor rigid bodies of 122.5 in³ and the whole rig of 382.75 in³ of AL6082.
    REQUIRE(r["floor_mass_kg"].size() == 3);
    for (const auto& m : r["floor_mass_kg"])
        CHECK(m.get<double>() == Approx(5.42011).epsilon(1e-5));
    CHECK(r["total_mass_kg"].get<double>() == Approx(16.93508).epsilon(1e-6));
    CHECK(r["convergence"].empty());
}

TEST_CASE("dtop fe: the base-plate clamp lowers every sway mode", "[cli][fe]")
{
    const json r = runFe({"--base-clamp", "base", "--no-convergence"})["result"];
    const std::vector<double> f = frequencies(r);
    REQUIRE(f.size() == 5);
    const double expected[] = {6.628, 19.936, 30.464, 48.574, 67.000};
    for (std::size_t i = 0; i < 5; ++i)
        CHECK(f[i] == Approx(expected[i]).margin(6e-4));
    CHECK(r["moving_mass_kg"].get<double>() == Approx(16.6807).epsilon(1e-5));
}

TEST_CASE("dtop fe: inch inputs are converted exactly", "[cli][fe]")
{
    // The default rig given in the prototype's units gives the default rig's modes.
    const json si = runFe({"--no-convergence"})["result"];
    const json inch = runFe({"--no-convergence", "--units", "inch", "--storey-pitch", "7",
                             "--column-thickness", "0.125", "--youngs-modulus", "1.015e7",
                             "--density", "2.5265e-4"})["result"];
    CHECK(frequencies(inch) == frequencies(si));
    const json j = runFe({"--no-convergence", "--units", "inch", "--column-thickness", "0.25"});
    CHECK(j["input"]["geometry"]["column_thickness_m"].get<double>() == 0.00635);
    // Twice the thickness: eight times the bending stiffness, about 2.8 × the first frequency.
    CHECK(frequencies(j["result"])[0] > 2.5 * frequencies(si)[0]);
}

TEST_CASE("dtop fe: the convergence table has the six meshes", "[cli][fe]")
{
    const json r = runFe({})["result"];
    REQUIRE(r["convergence"].size() == 6);
    const int meshes[] = {1, 2, 4, 8, 12, 24};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(r["convergence"][i]["elements_per_column"] == meshes[i]);
        CHECK(r["convergence"][i]["frequencies_hz"].size() == 5);
    }
    // The sway modes are converged with one element per span (statically exact element).
    const double f1 = r["convergence"][0]["frequencies_hz"][0].get<double>();
    const double f24 = r["convergence"][5]["frequencies_hz"][0].get<double>();
    CHECK(std::abs(f1 - f24) / f24 < 1e-4);
}

TEST_CASE("dtop fe: joint springs soften the weak sway modes only", "[cli][fe]")
{
    const json rigid = runFe({"--no-convergence"})["result"];
    const json soft = runFe({"--no-convergence", "--joint-stiffness", "445"})["result"];
    CHECK(soft["modes"][0]["frequency_hz"].get<double>() <
          0.9 * rigid["modes"][0]["frequency_hz"].get<double>());
    CHECK(soft["modes"][0]["kind"] == "sway-weak");
    const json perStorey =
        runFe({"--no-convergence", "--joint-stiffness", "456,724,307"})["input"];
    CHECK(perStorey["joint_stiffness_nm_per_rad"].size() == 3);
}

TEST_CASE("dtop fe: calibration to the Southampton rig", "[cli][fe]")
{
    const json j = runFe({"--no-convergence", "--calibrate-to", "southampton-exp-force1",
                          "--equivalent-profile"});
    CHECK(j["input"]["measured_dataset"] == "southampton-exp-force1");
    const json& r = j["result"];
    REQUIRE(r["measured"]["frequencies_hz"].size() == 3);
    CHECK(r["measured"]["frequencies_hz"][0].get<double>() == Approx(6.5).margin(0.04));
    // The rigid model is 17 %, 23 % and 17 % too stiff (docs/tools/fe.md §8).
    const json& before = r["comparison"]["frequency_errors_pct"];
    CHECK(before[0].get<double>() == Approx(17.3).margin(0.5));
    CHECK(before[1].get<double>() == Approx(22.7).margin(0.5));
    CHECK(before[2].get<double>() == Approx(17.0).margin(0.5));
    for (const auto& mac : r["comparison"]["mac"])
        CHECK(mac.get<double>() > 0.95);
    // One joint stiffness of about 445 N·m/rad brings every error within a few per cent.
    const json& c = r["calibration"];
    REQUIRE(c["joint_stiffness_nm_per_rad"].size() == 1);
    CHECK(c["joint_stiffness_nm_per_rad"][0].get<double>() == Approx(445.0).epsilon(0.03));
    for (const auto& e : c["frequency_errors_pct"])
        CHECK(std::abs(e.get<double>()) < 4.0);
    CHECK(c["at_bound"] == false);
    // The equivalent shear building: about 5.5 kg floors on 45 kN/m storeys.
    const json& e = r["equivalent_profile"];
    REQUIRE(e["mass_kg"].size() == 3);
    for (const auto& k : e["stiffness_n_m"])
        CHECK(k.get<double>() == Approx(45.5e3).epsilon(0.03));
    for (const auto& m : e["mass_kg"])
        CHECK(m.get<double>() == Approx(5.54).epsilon(0.03));
}

TEST_CASE("dtop fe: measured frequencies given directly, per-storey calibration", "[cli][fe]")
{
    const json r = runFe({"--no-convergence", "--measured-hz", "6.51,17.46,26.50",
                          "--calibration", "per-storey"})["result"];
    const json& c = r["calibration"];
    REQUIRE(c["joint_stiffness_nm_per_rad"].size() == 3);
    for (const auto& e : c["frequency_errors_pct"])
        CHECK(std::abs(e.get<double>()) < 0.01);
}

TEST_CASE("dtop fe --save-as stores the equivalent profile in the workspace", "[cli][fe]")
{
    const fs::path dir = dtop::test::freshTempPath("dtop_fe", "save");
    fs::create_directories(dir);
    const std::string workspace = (dir / "w.dtop").string();
    const json j = runFe({"--no-convergence", "--measured-hz", "6.51,17.46,26.50", "--save-as",
                          "rig-fe", "--workspace", workspace});
    CHECK(j["result"]["saved_profile"]["name"] == "rig-fe");
    CHECK(j["result"]["saved_profile"]["version"] == 1);
    const auto shown = runDtop({"profile", "show", "rig-fe", "--workspace", workspace});
    INFO(shown.err);
    REQUIRE(shown.exitCode == 0);
    const json p = json::parse(shown.out)["profile"];
    REQUIRE(p["masses_kg"].size() == 3);
    CHECK(p["masses_kg"][0].get<double>() == Approx(5.54).epsilon(0.03));
    CHECK(p["stiffnesses_n_m"][0].get<double>() == Approx(45.5e3).epsilon(0.03));
    CHECK_THAT(p["provenance"].get<std::string>(), Catch::Contains("frame finite-element model"));
    fs::remove_all(dir);
}

TEST_CASE("dtop fe --export-ccx writes the CalculiX deck", "[cli][fe]")
{
    const fs::path dir = dtop::test::freshTempPath("dtop_fe", "ccx");
    fs::create_directories(dir);
    const std::string deck = (dir / "rig.inp").string();
    const json r = runFe({"--no-convergence", "--elements-per-column", "4", "--export-ccx", deck})
                       ["result"];
    CHECK(r["calculix"]["deck"] == deck);
    CHECK(r["calculix"]["nodes"].get<int>() > 0);
    const std::string text = slurp(deck);
    CHECK_THAT(text, Catch::Contains("*FREQUENCY") && Catch::Contains("B32R"));
    fs::remove_all(dir);
}

TEST_CASE("dtop fe: the CSV is the mode table", "[cli][fe]")
{
    const auto r = runDtop({"fe", "--no-convergence", "--format", "csv"});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.rfind("frequency_hz,kind,", 0) == 0);
}

TEST_CASE("dtop fe: bad input exits 2 naming the option", "[cli][fe]")
{
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--column-thickness", "0"}, "--column-thickness"},
        {{"--youngs-modulus=-7e10"}, "--youngs-modulus"},
        {{"--storeys", "4"}, "--storeys"},
        {{"--poisson-ratio", "0.5"}, "--poisson-ratio"},
        {{"--elements-per-column", "0"}, "--elements-per-column"},
        {{"--max-frequency-hz=-1"}, "--max-frequency-hz"},
        {{"--joint-stiffness", "1,2"}, "--joint-stiffness"},
        {{"--joint-stiffness=-5"}, "--joint-stiffness"},
        {{"--base-clamp", "middle"}, "--base-clamp"},
        {{"--units", "furlong"}, "--units"},
        {{"--calibration", "magic"}, "--calibration"},
        {{"--measured-hz", "20,10"}, "--measured-hz"},
        {{"--calibrate-to", "no-such-dataset"}, "--calibrate-to"},
        {{"--calibrate-to", "th-impulse"}, "--calibrate-to"},
        {{"--convergence-elements", "1,2.5"}, "--convergence-elements"},
        {{"--added-masses", "1,2"}, "--added-masses"},
        {{"--save-as", "southampton-lpm"}, "--save-as"},
        {{"--run-ccx"}, "--run-ccx"},
    };
    for (const auto& [args, option] : cases) {
        std::vector<std::string> a = {"fe", "--no-convergence"};
        a.insert(a.end(), args.begin(), args.end());
        const auto r = runDtop(a);
        INFO(args.front() << ": " << r.err);
        CHECK(r.exitCode == 2);
        CHECK(r.err.find(option) != std::string::npos);
    }
}

TEST_CASE("dtop fe: an unwritable deck is a file error", "[cli][fe]")
{
    const auto r = runDtop({"fe", "--no-convergence", "--export-ccx", "/nonexistent/dir/x.inp"});
    CHECK(r.exitCode == 3);
    CHECK_THAT(r.err, Catch::Contains("/nonexistent/dir/x.inp"));
}

TEST_CASE("dtop fe --run-ccx agrees with CalculiX when it is installed", "[cli][fe]")
{
    if (std::system("command -v ccx >/dev/null 2>&1") != 0) {
        WARN("ccx (CalculiX) is not installed: the cross-check is skipped");
        return;
    }
    const fs::path dir = dtop::test::freshTempPath("dtop_fe", "ccxrun");
    fs::create_directories(dir);
    const std::string deck = (dir / "rig.inp").string();
    // ccx expands its B32R beams into 20-node bricks with rigid end sections; with ν = 0.33
    // their Poisson coupling stiffens the wide, thin columns (docs/tools/fe.md §6), so the beam
    // models are compared at ν = 0, where both are beam theory.
    const json r = runFe({"--no-convergence", "--elements-per-column", "4", "--poisson-ratio",
                          "0", "--export-ccx", deck, "--run-ccx"})["result"];
    const json& run = r["calculix"]["run"];
    REQUIRE(run["frequencies_hz"].size() >= 5);
    for (std::size_t i = 0; i < 5; ++i) {
        INFO("mode " << i + 1);
        CHECK(std::abs(run["differences_pct"][i].get<double>()) < 1.0);
    }
    fs::remove_all(dir);
}

TEST_CASE("dtop report fe writes the 3-D mode view beside the plots", "[cli][fe]")
{
    const fs::path dir = fs::temp_directory_path() / "dtop-report-fe-mode-view";
    fs::remove_all(dir);
    const auto r = runDtop({"report", "fe", "--out", dir.string(), "--elements-per-column", "4",
                            "--width", "700", "--height", "700"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    REQUIRE(fs::exists(dir / "mode_view.png"));
    CHECK(fs::file_size(dir / "mode_view.png") > 5000);
    // The CSV holds every view node with the first mode's shape, scaled to 1 at its largest.
    const std::string csv = slurp(dir / "mode_view.csv");
    CHECK(csv.rfind("x_m,y_m,z_m,ux,uy,uz", 0) == 0);
    CHECK(std::count(csv.begin(), csv.end(), '\n') > 20);
    const json j = json::parse(slurp(dir / "fe.json"));
    CHECK(std::find(j["files"].begin(), j["files"].end(), "mode_view.png") != j["files"].end());
    fs::remove_all(dir);
}

TEST_CASE("dtop fe --calibrate-to profile: compares with a twin's modes and shapes", "[cli][fe]")
{
    const fs::path dir = dtop::test::freshTempPath("dtop_fe", "profile-source");
    fs::create_directories(dir);
    const std::string workspace = (dir / "w.dtop").string();
    // The frame's own equivalent shear building: its modes must match the frame's sway modes
    // (a second, independent path through the condensation and the chain's eigensolver).
    runFe({"--no-convergence", "--save-as", "fe-twin", "--workspace", workspace});
    const json r = runFe({"--no-convergence", "--calibrate-to", "profile:fe-twin@1",
                          "--calibration", "off", "--workspace", workspace})["result"];
    CHECK(r["measured"]["dataset"] == "profile:fe-twin@1");
    const json& c = r["comparison"];
    REQUIRE(c["mac"].size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(std::abs(c["frequency_errors_pct"][i].get<double>()) < 0.5);
        CHECK(c["mac"][i].get<double>() > 0.9999);
    }
    // Against the southampton-lpm twin: MAC near 1, frequencies 17–24 % high (the ideal frame).
    const json t = runFe({"--no-convergence", "--calibrate-to", "profile:southampton-lpm",
                          "--calibration", "off"})["result"]["comparison"];
    CHECK(t["mac"][0].get<double>() > 0.99);
    CHECK(t["frequency_errors_pct"][0].get<double>() == Approx(23.14).margin(0.05));
    // Bad sources name the option.
    const auto unknown = runDtop({"fe", "--calibrate-to", "profile:nosuch"});
    CHECK(unknown.exitCode == 2);
    CHECK_THAT(unknown.err, Catch::Contains("--calibrate-to: no saved profile or built-in preset"));
    const auto storeys = runDtop({"fe", "--calibrate-to", "profile:southampton-lpm", "--storeys", "2"});
    CHECK(storeys.exitCode == 2);
    CHECK_THAT(storeys.err, Catch::Contains("has 3 storeys, the frame 2"));
    fs::remove_all(dir);
}
