// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop crossval` end to end through the built executable: the numbers of docs/tools/crossval.md
// (checked there against a separate numpy implementation), the result keys, saved profile
// versions as sources, and bad input.
#include "../core/workspace_test_support.h"
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>

using dtop::test::runDtop;
using dtop::test::TempDir;
using nlohmann::json;

namespace {

std::vector<double> fracs(const json& pair)
{
    std::vector<double> out;
    for (const auto& r : pair["responses"])
        out.push_back(r["frac"].get<double>());
    return out;
}

} // namespace

TEST_CASE("dtop crossval: the Southampton rig against its twin", "[cli][crossval]")
{
    const auto r = runDtop({"crossval", "--reference", "southampton-exp-force1", "--candidate",
                            "profile:southampton-lpm"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(r.out);
    CHECK(j["tool"] == "crossval");
    const json& res = j["result"];
    CHECK(res["quantity"] == "accelerance");
    CHECK(res["input_floor"] == 1);
    REQUIRE(res["pairs"].size() == 1);
    const json& p = res["pairs"][0];
    CHECK(p["candidate"] == "profile:southampton-lpm");
    // docs/tools/crossval.md, "Verification": numpy gives 0.1505971202 / 0.3519291103 /
    // 0.1042256659 for the complex FRAC of the exact twin.
    const std::vector<double> expected = {0.1505971202, 0.3519291103, 0.1042256659};
    REQUIRE(p["responses"].size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        const json& resp = p["responses"][i];
        CHECK(resp["floor"] == static_cast<int>(i + 1));
        CHECK(resp["frac_basis"] == "complex");
        CHECK(resp["frac"].get<double>() == Approx(expected[i]).epsilon(1e-8));
        CHECK(resp["rms_db_difference"].get<double>() > 3.0);
        CHECK(resp["rms_db_difference"].get<double>() < 5.0);
    }
    // The per-frequency curves on the common grid, inside the default 2–40 Hz band.
    const auto& f = p["frequency_hz"];
    REQUIRE(f.size() > 100);
    CHECK(f.front().get<double>() >= 2.0);
    CHECK(f.back().get<double>() <= 40.0);
    CHECK(p["csac"].size() == f.size());
    CHECK(p["csf"].size() == f.size());
    for (const auto& v : p["csac"])
        if (!v.is_null())
            CHECK((v.get<double>() >= 0.0 && v.get<double>() <= 1.0 + 1e-12));
    // The twin's exact modes (an independent numpy state-space solution, docs/tools/crossval.md).
    const std::vector<double> twin = {6.20357731, 17.80020243, 26.40217249};
    const std::vector<double> errorPct = {-4.73, 1.92, -0.40};
    REQUIRE(p["modes"].size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        const json& m = p["modes"][i];
        const double fr = m["reference_frequency_hz"].get<double>();
        const double fc = m["candidate_frequency_hz"].get<double>();
        CHECK(fc == Approx(twin[i]).epsilon(1e-7));
        CHECK(m["frequency_error_pct"].get<double>() == Approx(100.0 * (fc - fr) / fr).epsilon(1e-12));
        CHECK(m["frequency_error_pct"].get<double>() == Approx(errorPct[i]).margin(0.005));
        CHECK(m["mac"].get<double>() > 0.999);
        CHECK(m["damping_difference"].is_number());
    }
    REQUIRE(p["mac_matrix"].size() == 3);
    CHECK(p["mac_matrix"][0].size() == 3);
    CHECK(p["mac_matrix"][1][1].get<double>() == Approx(p["modes"][1]["mac"].get<double>()));
}

TEST_CASE("dtop crossval: candidates in the order given, magnitude-only FRAC said so",
          "[cli][crossval]")
{
    const auto r = runDtop({"crossval", "--reference", "swansea-exp-db", "--candidate",
                            "swansea-num-db", "--candidate", "profile:southampton-lpm"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json res = json::parse(r.out)["result"];
    REQUIRE(res["pairs"].size() == 2);
    CHECK(res["pairs"][0]["candidate"] == "swansea-num-db");
    CHECK(res["pairs"][1]["candidate"] == "profile:southampton-lpm");
    // docs/tools/crossval.md: numpy's np.interp of linear magnitudes.
    const std::vector<double> expected = {0.3842345531, 0.0218117824, 0.1833917914};
    const auto got = fracs(res["pairs"][0]);
    REQUIRE(got.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(got[i] == Approx(expected[i]).epsilon(1e-8));
        CHECK(res["pairs"][0]["responses"][i]["frac_basis"] == "magnitude");
        CHECK(res["pairs"][1]["responses"][i]["frac_basis"] == "magnitude");
    }
}

TEST_CASE("dtop crossval: the Southampton model file is converted from mobility",
          "[cli][crossval]")
{
    const auto r = runDtop({"crossval", "--reference", "southampton-exp-db", "--candidate",
                            "southampton-num-db"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json res = json::parse(r.out)["result"];
    CHECK(res["quantity"] == "accelerance");
    const std::vector<double> expected = {0.2363970239, 0.6786788860, 0.1734915328};
    const auto got = fracs(res["pairs"][0]);
    REQUIRE(got.size() == 3);
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(got[i] == Approx(expected[i]).epsilon(1e-8));
    bool converted = false;
    for (const auto& n : res["pairs"][0]["notes"])
        converted = converted || n.get<std::string>().find("mobility") != std::string::npos;
    CHECK(converted);
}

TEST_CASE("dtop crossval: CSV output and the band option", "[cli][crossval]")
{
    const auto r = runDtop({"crossval", "--reference", "southampton-exp-force1", "--candidate",
                            "profile:southampton-lpm", "--band-hz", "5,10", "--format", "csv"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const std::string header = r.out.substr(0, r.out.find('\n'));
    CHECK(header.find("pair1_frequency_hz") != std::string::npos);
    CHECK(header.find("pair1_csac") != std::string::npos);
    CHECK(header.find("pair1_reference_floor3_db") != std::string::npos);

    const auto narrow = runDtop({"crossval", "--reference", "southampton-exp-force1",
                                 "--candidate", "profile:southampton-lpm", "--band-hz", "5,10"});
    REQUIRE(narrow.exitCode == 0);
    const json p = json::parse(narrow.out)["result"]["pairs"][0];
    CHECK(p["frequency_hz"].front().get<double>() >= 5.0);
    CHECK(p["frequency_hz"].back().get<double>() <= 10.0);
    // Only mode 1 (6.2 Hz) lies in 5–10 Hz.
    CHECK(p["modes"].size() == 1);
}

TEST_CASE("dtop crossval: saved profile versions as sources", "[cli][crossval]")
{
    TempDir dir;
    const std::string ws = dir.file("ws.dtop");
    const auto exported = runDtop({"profile", "export", "southampton-lpm"});
    REQUIRE(exported.exitCode == 0);
    json profile = json::parse(exported.out);
    profile["name"] = "twin";
    const std::string file = dir.file("twin.json");
    dtop::test::writeBytes(file, profile.dump());
    REQUIRE(runDtop({"profile", "import", file, "--workspace", ws}).exitCode == 0);
    profile["stiffnesses_n_m"][0] = profile["stiffnesses_n_m"][0].get<double>() * 1.1;
    dtop::test::writeBytes(file, profile.dump());
    REQUIRE(runDtop({"profile", "import", file, "--workspace", ws}).exitCode == 0);

    const auto r = runDtop({"crossval", "--reference", "southampton-exp-force1", "--candidate",
                            "profile:twin@1", "--candidate", "profile:twin", "--candidate",
                            "profile:southampton-lpm", "--workspace", ws});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json res = json::parse(r.out)["result"];
    REQUIRE(res["pairs"].size() == 3);
    CHECK(res["pairs"][0]["candidate"] == "profile:twin@1");
    CHECK(res["pairs"][1]["candidate"] == "profile:twin@2"); // the latest version
    // Version 1 is the preset saved unchanged: the same numbers by another route.
    CHECK(fracs(res["pairs"][0]) == fracs(res["pairs"][2]));
    // Version 2 is stiffer at storey 1: mode 1 moves up.
    CHECK(res["pairs"][1]["modes"][0]["candidate_frequency_hz"].get<double>() >
          res["pairs"][0]["modes"][0]["candidate_frequency_hz"].get<double>());

    const auto unknown = runDtop({"crossval", "--reference", "southampton-exp-force1",
                                  "--candidate", "profile:twin@3", "--workspace", ws});
    CHECK(unknown.exitCode == 2);
    CHECK_THAT(unknown.err, Catch::Contains("--candidate") && Catch::Contains("no version 3") &&
                                Catch::Contains("1, 2"));
}

TEST_CASE("dtop crossval: bad input exits 2 naming the option", "[cli][crossval]")
{
    const std::vector<std::string> base = {"crossval", "--reference", "southampton-exp-force1"};
    const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> cases = {
        // A band outside both grids.
        {{"--candidate", "southampton-num-db", "--band-hz", "200,300"}, {"--band-hz"}},
        {{"--candidate", "profile:southampton-lpm", "--band-hz", "40,2"}, {"--band-hz"}},
        {{"--candidate", "profile:southampton-lpm", "--band-hz", "2"}, {"--band-hz"}},
        {{"--candidate", "profile:southampton-lpm", "--band-hz", "2,x"}, {"--band-hz"}},
        // An unknown version, profile and dataset.
        {{"--candidate", "profile:southampton-lpm@2"}, {"--candidate", "built-in preset"}},
        {{"--candidate", "profile:no-such-profile"}, {"--candidate", "no-such-profile"}},
        {{"--candidate", "no-such-dataset"}, {"--candidate", "no-such-dataset"}},
        // A dataset without the requested floor.
        {{"--candidate", "profile:southampton-lpm", "--response-floors", "4"},
         {"--response-floors", "no response at floor 4"}},
        // Measured with the force at floor 2, compared at floor 1.
        {{"--candidate", "southampton-exp-force2"}, {"--input-floor", "floor 2"}},
        {{"--candidate", "th-impulse"}, {"--candidate", "time history"}},
        {{"--candidate", "profile:southampton-lpm", "--quantity", "velocity"}, {"--quantity"}},
        {{"--candidate", "profile:southampton-lpm", "--max-modes", "-1"}, {"--max-modes"}},
        {{"--candidate", "profile:southampton-lpm", "--fdac-points", "1"}, {"--fdac-points"}},
        {{"--candidate", "profile:southampton-lpm", "--min-prominence-db", "-3"},
         {"--min-prominence-db"}},
        {{}, {"--candidate"}},
    };
    for (const auto& [args, expected] : cases) {
        std::vector<std::string> a = base;
        a.insert(a.end(), args.begin(), args.end());
        const auto r = runDtop(a);
        INFO((args.empty() ? std::string("(no candidate)") : args.back()) << ": " << r.err);
        CHECK(r.exitCode == 2);
        for (const auto& text : expected)
            CHECK(r.err.find(text) != std::string::npos);
        CHECK(r.err.find("internal error") == std::string::npos);
    }
    const auto noReference = runDtop({"crossval", "--candidate", "profile:southampton-lpm"});
    CHECK(noReference.exitCode == 2);
    CHECK(noReference.err.find("--reference") != std::string::npos);
}

TEST_CASE("dtop crossval: a workspace that is not one is exit 3", "[cli][crossval]")
{
    TempDir dir;
    const std::string ws = dir.file("not-a-workspace.dtop");
    dtop::test::writeBytes(ws, "this is not an SQLite file\n");
    const auto r = runDtop({"crossval", "--reference", "southampton-exp-force1", "--candidate",
                            "profile:southampton-lpm", "--workspace", ws});
    CHECK(r.exitCode == 3);
    CHECK(r.err.find(ws) != std::string::npos);
}

TEST_CASE("dtop report crossval writes the FDAC and MAC heat maps beside the plots",
          "[cli][crossval]")
{
    const TempDir dir;
    const std::filesystem::path out = dir.file("report");
    const auto r = runDtop({"report", "crossval", "--out", out.string(), "--reference",
                            "southampton-exp-force1", "--candidate", "profile:southampton-lpm",
                            "--width", "640", "--height", "480"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    for (const char* stem : {"fdac", "mac", "frf_overlay"}) {
        INFO(stem);
        REQUIRE(std::filesystem::exists(out / (std::string(stem) + ".png")));
        CHECK(std::filesystem::file_size(out / (std::string(stem) + ".png")) > 1000);
        CHECK(std::filesystem::file_size(out / (std::string(stem) + ".csv")) > 20);
    }
}
