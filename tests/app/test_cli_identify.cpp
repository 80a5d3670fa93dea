// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop identify` and `dtop report identify` (docs/tools/identify.md §8 for the reference values).
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
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
    return dtop::test::freshTempPath("dtop_identify", name);
}

// The mode of `modes` nearest to fHz.
const json& nearestMode(const json& modes, double fHz)
{
    std::size_t best = 0;
    for (std::size_t i = 1; i < modes.size(); ++i)
        if (std::abs(modes[i]["frequency_hz"].get<double>() - fHz) <
            std::abs(modes[best]["frequency_hz"].get<double>() - fHz))
            best = i;
    return modes[best];
}

struct Reference {
    double f[3];    // Hz
    double zeta[3]; // ratio
    double m[3];    // kg
};

void checkModes(const json& res, const Reference& ref)
{
    const json& modes = res["modes"];
    REQUIRE(modes.size() >= 3);
    double previous = 0.0;
    for (const auto& m : modes) {
        CHECK(m["frequency_hz"].get<double>() > previous);
        previous = m["frequency_hz"].get<double>();
        for (const char* key : {"damping_ratio", "mode_shape_re", "mode_shape_im", "complexity"})
            CHECK(m.contains(key));
        CHECK(m["mode_shape_re"].size() == 3);
    }
    for (int r = 0; r < 3; ++r) {
        const json& m = nearestMode(modes, ref.f[r]);
        INFO("mode " << r + 1);
        // The methods note gives f to 4 decimals and ζ to 3 significant digits.
        CHECK(m["frequency_hz"].get<double>() == Approx(ref.f[r]).margin(6e-5));
        CHECK(m["damping_ratio"].get<double>() == Approx(ref.zeta[r]).epsilon(0.004));
        CHECK(m["complexity"].get<double>() < 0.1);
        CHECK(res["physical"]["mass_kg"][r].get<double>() == Approx(ref.m[r]).margin(6e-4));
    }
    const std::size_t n = modes.size();
    REQUIRE(res["mac"].size() == n);
    for (std::size_t i = 0; i < n; ++i)
        CHECK(res["mac"][i][i].get<double>() == Approx(1.0).epsilon(1e-9));
    REQUIRE(res["resynthesis_error"].size() == 3);
    for (const auto& e : res["resynthesis_error"])
        CHECK(e.get<double>() < 0.06);
    for (const char* key : {"stiffness_n_m", "damping_ns_m"})
        CHECK(res["physical"][key].size() == 3);
    // The chain uses the three sway modes; any further pole is reported, flagged as left out
    // and named in the notes.
    int used = 0;
    for (const auto& m : modes) {
        const bool inChain = m["in_chain_model"].get<bool>();
        used += inChain ? 1 : 0;
        const double f = m["frequency_hz"].get<double>();
        const bool sway = std::abs(f - ref.f[0]) < 0.01 || std::abs(f - ref.f[1]) < 0.01 ||
                          std::abs(f - ref.f[2]) < 0.01;
        CHECK(inChain == sway);
        if (!inChain)
            CHECK(res["physical"]["notes"].get<std::string>().find("left out") != std::string::npos);
    }
    CHECK(used == 3);
}

} // namespace

TEST_CASE("dtop identify: the default global fit of force1 gives the methods note's modes",
          "[cli][identify]")
{
    const auto r = runDtop({"identify", "--dataset", "southampton-exp-force1"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(r.out);
    CHECK(j["tool"] == "identify");
    CHECK(j["input"]["method"] == "global");
    CHECK(j["input"]["band_hz"] == json({3.0, 35.0}));
    const json& res = j["result"];
    CHECK(res["method"] == "global");
    CHECK(res["driving_point"] == 1);
    checkModes(res, {{6.5135, 17.4624, 26.5048}, {0.00154, 0.00235, 0.00217}, {5.188, 5.137, 5.038}});
    // Circle, LSCF and global compared on the same screen.
    REQUIRE(res["comparison"].size() == 3);
    CHECK_FALSE(res.contains("updated_profile"));
}

TEST_CASE("dtop identify: circle fit and LSCF of force2 and force3", "[cli][identify]")
{
    const auto circle = runDtop({"identify", "--dataset", "southampton-exp-force2", "--method",
                                 "circle", "--no-compare"});
    INFO(circle.err);
    REQUIRE(circle.exitCode == 0);
    checkModes(json::parse(circle.out)["result"],
               {{6.5135, 17.4637, 26.5058}, {0.00154, 0.00229, 0.00214}, {5.154, 4.963, 4.854}});

    const auto lscf = runDtop({"identify", "--dataset", "southampton-exp-force3", "--method", "lscf"});
    INFO(lscf.err);
    REQUIRE(lscf.exitCode == 0);
    const json res = json::parse(lscf.out)["result"];
    checkModes(res, {{6.5120, 17.4610, 26.5039}, {0.00168, 0.00242, 0.00220}, {5.065, 4.968, 4.752}});
    REQUIRE(res.contains("stabilisation"));
    CHECK(res["stabilisation"]["orders"].size() == 20);

    // --modes 3 keeps the three sway modes (the weak 28.9 Hz mode is dropped).
    const auto three = runDtop({"identify", "--dataset", "southampton-exp-force3", "--modes", "3"});
    REQUIRE(three.exitCode == 0);
    CHECK(json::parse(three.out)["result"]["modes"].size() == 3);
}

TEST_CASE("dtop identify: picking poles by hand", "[cli][identify]")
{
    const auto r = runDtop({"identify", "--dataset", "southampton-exp-force1", "--pick",
                            "40:6.51,40:17.46"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json res = json::parse(r.out)["result"];
    REQUIRE(res["modes"].size() == 2);
    CHECK(res["modes"][0]["frequency_hz"].get<double>() == Approx(6.5135).margin(2e-3));
    CHECK(res["modes"][1]["frequency_hz"].get<double>() == Approx(17.4624).margin(5e-3));
    REQUIRE(res["stabilisation"]["picked"].size() == 2);
    CHECK(res["stabilisation"]["picked"][0]["order"] == 40);
}

TEST_CASE("dtop identify --update and --save-as store a new version of the profile",
          "[cli][identify]")
{
    const auto dir = freshDir("ws");
    fs::create_directories(dir);
    const std::string ws = (dir / "ws.sqlite").string();
    const auto r = runDtop({"identify", "--dataset", "southampton-exp-force2", "--save-as",
                            "rig-twin", "--workspace", ws});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json res = json::parse(r.out)["result"];
    REQUIRE(res.contains("updated_profile"));
    const json& up = res["updated_profile"];
    for (const char* key : {"mass_kg", "stiffness_n_m", "damping_ns_m"})
        CHECK(up[key].size() == 3);
    // The methods note: objective 20.6 → 0.006; k ≈ 39–40, 45–46, 40–41 kN/m.
    CHECK(res["objective_before"].get<double>() == Approx(20.6).margin(0.5));
    CHECK(res["objective_after"].get<double>() < 0.01);
    CHECK(up["stiffness_n_m"][0].get<double>() == Approx(39500).margin(1000));
    CHECK(up["stiffness_n_m"][1].get<double>() == Approx(45500).margin(1000));
    CHECK(up["stiffness_n_m"][2].get<double>() == Approx(40500).margin(1000));
    CHECK(up["provenance"].get<std::string>().find("southampton-exp-force2") != std::string::npos);
    CHECK(res["saved_profile"]["name"] == "rig-twin");
    CHECK(res["saved_profile"]["version"] == 1);

    // Saved again: version 2; the saved profile is usable as --profile.
    const auto again = runDtop({"identify", "--dataset", "southampton-exp-force3", "--profile",
                                "rig-twin", "--save-as", "rig-twin", "--workspace", ws});
    INFO(again.err);
    REQUIRE(again.exitCode == 0);
    CHECK(json::parse(again.out)["result"]["saved_profile"]["version"] == 2);
    const auto history = runDtop({"profile", "history", "rig-twin", "--workspace", ws});
    INFO(history.err);
    REQUIRE(history.exitCode == 0);
    CHECK(history.out.find("southampton-exp-force3") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("dtop identify --replay: the updated twin replays a recorded test better",
          "[cli][identify]")
{
    const auto r = runDtop({"identify", "--dataset", "th-impulse", "--modes", "3", "--replay",
                            "th-harmonic"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json res = json::parse(r.out)["result"];
    CHECK(res["quantity"] == "mobility");
    REQUIRE(res["replay"]["nrmse_before"].size() == 3);
    // The methods note §8: 0.34, 0.66, 0.35 → 0.0030, 0.0044, 0.0028.
    CHECK(res["replay"]["nrmse_before"][1].get<double>() == Approx(0.66).margin(0.01));
    for (const auto& e : res["replay"]["nrmse_after"])
        CHECK(e.get<double>() < 0.01);
    CHECK(res["replay"]["mean_nrmse_after"].get<double>() <
          0.1 * res["replay"]["mean_nrmse_before"].get<double>());
}

TEST_CASE("dtop identify --format csv writes one row per mode", "[cli][identify]")
{
    const auto r = runDtop({"identify", "--dataset", "southampton-exp-force1", "--modes", "3",
                            "--format", "csv"});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.rfind("mode,frequency_hz,damping_ratio,complexity,mpd_deg,floor1_shape_re,", 0) ==
          0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 4);
}

TEST_CASE("dtop identify: bad input exits 2 naming the option", "[cli][identify]")
{
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--method", "magic"}, "--method"},
        {{"--band-hz", "5"}, "--band-hz"},
        {{"--band-hz", "20,10"}, "--band-hz"},
        {{"--band-hz", "40,41"}, "--band-hz"},   // too few lines
        {{"--band-hz", "3,5"}, "--band-hz"},     // no mode in the band
        {{"--dataset", "nope"}, "--dataset"},
        {{"--dataset", "southampton-exp-db"}, "--dataset southampton-exp-db"}, // magnitudes only
        {{"--driving-point", "7"}, "--driving-point"},
        {{"--max-order", "1"}, "--max-order"},
        {{"--frequency-tolerance", "2"}, "--frequency-tolerance"},
        {{"--pick", "7:6.5"}, "--pick"},
        {{"--pick", "abc"}, "--pick"},
        {{"--modes", "-1"}, "--modes"},
        {{"--update-parameters", "k,x"}, "--update-parameters"},
        {{"--save-as", "southampton-lpm"}, "--save-as"},
        {{"--replay", "southampton-exp-force1"}, "--replay"},
        {{"--tikhonov", "-1", "--update"}, "--tikhonov"},
        {{"--profile", "southampton-lpm", "--mass", "5,5"}, "storeys"},
    };
    for (const auto& [args, option] : cases) {
        std::vector<std::string> a = {"identify"};
        a.insert(a.end(), args.begin(), args.end());
        const auto r = runDtop(a);
        INFO(args.front() << " " << args.back() << ": " << r.err);
        CHECK(r.exitCode == 2);
        CHECK(r.err.find(option) != std::string::npos);
        CHECK(r.err.find("internal error") == std::string::npos);
    }
}

TEST_CASE("dtop identify: an unreadable record or workspace exits 3 naming the file",
          "[cli][identify]")
{
    // A data folder whose force1 FRF holds a value that is not a number.
    const auto data = freshDir("data");
    fs::copy(DTOP_DATA_DIR, data, fs::copy_options::recursive);
    const auto file = data / "frf" / "southampton_exp_force1.csv";
    std::string text = slurp(file);
    const auto line = text.find("\n0.0625,");
    REQUIRE(line != std::string::npos);
    const auto start = line + 8, end = text.find(',', start);
    text.replace(start, end - start, "nan");
    std::ofstream(file, std::ios::trunc) << text;
    const auto bad = runDtop({"identify", "--dataset", "southampton-exp-force1"},
                             "DTOP_DATA_DIR=" + shellQuote(data.string()));
    INFO(bad.err);
    CHECK(bad.exitCode == 3);
    CHECK(bad.err.find("southampton_exp_force1.csv") != std::string::npos);
    CHECK(bad.err.find("line") != std::string::npos);
    fs::remove_all(data);

    const auto dir = freshDir("badws");
    fs::create_directories(dir);
    const auto ws = dir / "ws.sqlite";
    std::ofstream(ws) << "not a workspace";
    const auto r = runDtop({"identify", "--workspace", ws.string()});
    CHECK(r.exitCode == 3);
    CHECK(r.err.find(ws.string()) != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("dtop report identify writes the diagram, resynthesis and MAC plots", "[cli][identify]")
{
    const auto dir = freshDir("report");
    const auto r = runDtop({"report", "identify", "--out", dir.string(), "--dataset",
                            "southampton-exp-force1", "--update", "--width", "900", "--height",
                            "600"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    for (const char* stem : {"stabilisation", "resynthesis", "nyquist", "mac", "mac_profile",
                             "updating"}) {
        INFO(stem);
        CHECK(fs::file_size(dir / (std::string(stem) + ".png")) > 1000);
        CHECK(slurp(dir / (std::string(stem) + ".csv")).size() > 50);
    }
    const json j = json::parse(slurp(dir / "identify.json"));
    CHECK(j["tool"] == "identify");
    CHECK(j["input"]["dataset"] == "southampton-exp-force1");
    CHECK(j["result"]["modes"].size() >= 3);
    CHECK(j["result"].contains("updated_profile"));
    fs::remove_all(dir);

    const auto invalid = runDtop({"report", "identify", "--out", freshDir("x").string(),
                                  "--band-hz", "9"});
    CHECK(invalid.exitCode == 2);
    CHECK(invalid.err.find("--band-hz") != std::string::npos);
}
