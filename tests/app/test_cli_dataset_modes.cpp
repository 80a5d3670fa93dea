// SPDX-License-Identifier: GPL-3.0-or-later
// Mode-shape datasets through the built executable: `dtop dataset import` of UFF dataset 55,
// list, show, `export --format uff55` and `dtop crossval` with them as a source
// (docs/tools/profiles.md, "Mode shapes"; docs/tools/crossval.md, "Mode-shape datasets").
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using dtop::test::freshTempPath;
using dtop::test::runDtop;
using nlohmann::json;

namespace {

struct TempWorkspace {
    std::filesystem::path dir = freshTempPath("cli_modes", "ws");
    std::string workspace = (dir / "w.dtop").string();
    TempWorkspace() { std::filesystem::create_directories(dir); }
    ~TempWorkspace() { std::filesystem::remove_all(dir); }
    dtop::test::ProcessResult run(std::vector<std::string> args) const
    {
        args.push_back("--workspace");
        args.push_back(workspace);
        return runDtop(args);
    }
};

const std::string kLab = std::string(DTOP_TEST_DATA_DIR) + "/crossval/lab_modes55.uff";

} // namespace

TEST_CASE("dtop dataset import list show and export uff55 of lab mode shapes", "[cli][uff-modes]")
{
    TempWorkspace w;
    const auto imported = w.run({"dataset", "import", kLab, "--rig", "southampton"});
    INFO(imported.err);
    REQUIRE(imported.exitCode == 0);
    const json j = json::parse(imported.out);
    CHECK(j["id"] == "lab-modes55");
    CHECK(j["kind"] == "mode_shapes");
    CHECK(j["rig"] == "southampton");
    CHECK(j["mode_count"] == 3);
    CHECK(j["direction"] == 1); // X: the translation with the largest values
    CHECK(j["nodes"] == json::array({101, 3, 1, 2}));
    CHECK(j["floors"] == json::array({3, 1, 2}));
    CHECK(j["modes"][1]["frequency_hz"] == 17.9);
    CHECK(j["modes"][1]["damping_ratio"] == 0.0079);
    CHECK(j["has_node_positions"] == true);

    const auto list = w.run({"dataset", "list", "--format", "csv"});
    REQUIRE(list.exitCode == 0);
    CHECK(list.out.find("lab-modes55,imported,mode_shapes,southampton,3 modes,0,") !=
          std::string::npos);
    const json listed = json::parse(w.run({"dataset", "list"}).out)["datasets"].back();
    CHECK(listed["frequency_range_hz"] == json::array({6.15, 26.2}));
    CHECK(listed["mode_count"] == 3);

    const auto show = w.run({"dataset", "show", "lab-modes55"});
    REQUIRE(show.exitCode == 0);
    CHECK(json::parse(show.out)["modes"][0]["frequency_hz"] == 6.15);
    const auto data = w.run({"dataset", "show", "lab-modes55", "--data"});
    REQUIRE(data.exitCode == 0);
    CHECK(data.out.find("mode,frequency_hz,damping_ratio,modal_mass,node101,node3,node1,node2\n"
                        "1,6.15,0.0041,5,0.002,1,0.51,0.83\n") != std::string::npos);

    // Export as UFF 55 (the default for mode shapes), import again: the same values.
    const std::string out = (w.dir / "again.unv").string();
    const auto exported = w.run({"dataset", "export", "lab-modes55", "--out", out});
    INFO(exported.err);
    REQUIRE(exported.exitCode == 0);
    CHECK(json::parse(exported.out)["format"] == "uff55");
    CHECK(json::parse(exported.out)["modes"] == 3);
    REQUIRE(w.run({"dataset", "import", out, "--id", "again"}).exitCode == 0);
    const auto second = w.run({"dataset", "show", "again", "--data"});
    auto samples = [](const std::string& csv) { return csv.substr(csv.find("mode,")); };
    CHECK(samples(second.out) == samples(data.out));

    // Wrong format for the kind: exit 2 naming it.
    const auto frf = w.run({"dataset", "export", "lab-modes55", "--format", "uff58", "--out", out});
    CHECK(frf.exitCode == 2);
    CHECK(frf.err.find("holds mode shapes: export them with --format uff55") != std::string::npos);
    const auto modes =
        w.run({"dataset", "export", "southampton-exp-force1", "--format", "uff55", "--out", out});
    CHECK(modes.exitCode == 2);
    CHECK(modes.err.find("not mode shapes") != std::string::npos);
}

TEST_CASE("dtop crossval with a mode-shape dataset compares the modes only", "[cli][uff-modes]")
{
    TempWorkspace w;
    const std::string file = (w.dir / "lpm.unv").string();
    REQUIRE(w.run({"profile", "export", "southampton-lpm", "--format", "uff", "--out", file})
                .exitCode == 0);
    REQUIRE(w.run({"dataset", "import", file}).exitCode == 0);
    for (bool reversed : {false, true}) {
        const std::string a = reversed ? "lpm" : "profile:southampton-lpm";
        const std::string b = reversed ? "profile:southampton-lpm" : "lpm";
        const auto r = w.run({"crossval", "--reference", a, "--candidate", b});
        INFO(r.err);
        REQUIRE(r.exitCode == 0);
        const json p = json::parse(r.out)["result"]["pairs"][0];
        CHECK(p["frf_compared"] == false);
        CHECK_FALSE(p.contains("responses"));
        CHECK_FALSE(p.contains("csac"));
        CHECK_FALSE(p.contains("fdac"));
        CHECK(p["pairing"] == "mac");
        REQUIRE(p["modes"].size() == 3);
        for (const json& m : p["modes"]) {
            CHECK(m["mac"].get<double>() > 1.0 - 1e-4);
            CHECK(std::abs(m["frequency_error_pct"].get<double>()) < 1e-2);
            CHECK(m.contains("damping_difference"));
        }
        CHECK(p["mac_matrix"].size() == 3);
        CHECK(p["notes"].dump().find("FRF metrics") != std::string::npos);
    }

    // No mode in the band, nodes that are no floor: exit 2 and 3 with what is wrong.
    const auto band = w.run({"crossval", "--reference", "profile:southampton-lpm", "--candidate",
                             "lpm", "--band-hz", "30,40"});
    CHECK(band.exitCode == 2);
    CHECK(band.err.find("--candidate: candidate 1 'lpm' has no mode between 30 and 40 Hz") !=
          std::string::npos);
    std::string text = dtop::test::slurp(kLab);
    for (const char* from : {"\n         1\n", "\n         2\n", "\n         3\n"}) {
        const std::string to = std::string("\n       20") + from[10] + "\n";
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at))
            text.replace(at, 12, to);
    }
    const std::string noFloor = (w.dir / "no_floor.uff").string();
    std::ofstream(noFloor) << text;
    const auto refused = w.run({"dataset", "import", noFloor});
    CHECK(refused.exitCode == 3);
    CHECK(refused.err.find("none of which is a floor: node k is floor k") != std::string::npos);
    const std::string empty = (w.dir / "nodes_only.uff").string();
    std::ofstream(empty) << text.substr(0, text.find("    -1\n    55"));
    const auto none = w.run({"dataset", "import", empty});
    CHECK(none.exitCode == 3);
    CHECK(none.err.find("no mode shape (dataset 55") != std::string::npos);
}
