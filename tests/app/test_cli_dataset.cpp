// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop dataset ...` end to end through the built executable.
#include "../core/workspace_test_support.h"
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

using dtop::test::runDtop;
using dtop::test::TempDir;
using nlohmann::json;

namespace {
std::string fixture(const std::string& relative)
{
    return std::string(DTOP_TEST_DATA_DIR) + "/" + relative;
}
} // namespace

TEST_CASE("dtop dataset list shows the bundled data and what is unavailable", "[cli][dataset]")
{
    TempDir dir;
    const auto r = runDtop({"dataset", "list", "--workspace", dir.file("ws.dtop")});
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(r.out);
    std::vector<std::string> ids;
    for (const auto& d : j["datasets"])
        ids.push_back(d["id"]);
    CHECK(std::find(ids.begin(), ids.end(), "southampton-exp-force1") != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "th-impulse") != ids.end());
    std::string rigs;
    for (const auto& u : j["unavailable"])
        rigs += u["rig"].get<std::string>() + " ";
    CHECK_THAT(rigs, Catch::Contains("sheffield") && Catch::Contains("bristol"));
    // Listing never creates a workspace.
    CHECK_FALSE(std::filesystem::exists(dir.file("ws.dtop")));
}

TEST_CASE("dtop dataset show summarises and --data writes the samples", "[cli][dataset]")
{
    auto r = runDtop({"dataset", "show", "th-impulse"});
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(r.out);
    CHECK(j["kind"] == "time_history");
    CHECK(j["sampling_rate_hz"].get<double>() == Approx(1000.0));
    r = runDtop({"dataset", "show", "southampton-exp-force2", "--data"});
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("frequency_hz,floor1_re,floor1_im"));
    r = runDtop({"dataset", "show", "nope"});
    CHECK(r.exitCode == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains("no dataset with id 'nope'"));
}

TEST_CASE("dtop dataset lists, shows and writes the nonlinear reference run", "[cli][dataset]")
{
    // The prototype's data_download.txt (docs/tools/nonlinear.md §7) is a bundled dataset too.
    auto r = runDtop({"dataset", "list"});
    REQUIRE(r.exitCode == 0);
    const json list = json::parse(r.out);
    REQUIRE(list["other_files"].size() == 1);
    CHECK(list["other_files"][0]["id"] == "cbc-reference-run");
    CHECK(list["other_files"][0]["format"] == "cristallo-nonlinear-text");
    r = runDtop({"dataset", "list", "--format", "csv"});
    CHECK_THAT(r.out, Catch::Contains("\ncbc-reference-run,bundled,cristallo-nonlinear-text,"));
    r = runDtop({"dataset", "show", "cbc-reference-run"});
    REQUIRE(r.exitCode == 0);
    const json show = json::parse(r.out);
    REQUIRE(show["sections"].size() == 5);
    const std::size_t rows[5] = {200, 199, 40, 39, 101};
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(show["sections"][i]["rows"] == rows[i]);
        CHECK(show["sections"][i]["floors"] == 3);
    }
    CHECK(show["sections"][4]["section"] == "cbc");
    r = runDtop({"dataset", "show", "cbc-reference-run", "--data"});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.rfind("section,parameter,x1_m,x2_m,x3_m\nfrequency_sweep_up,1,", 0) == 0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1 + 200 + 199 + 40 + 39 + 101);
    TempDir dir;
    r = runDtop({"dataset", "export", "cbc-reference-run", "--out", dir.file("x.uff")});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("--data writes it as CSV"));
}

TEST_CASE("dtop dataset import stores a file in every original format", "[cli][dataset]")
{
    TempDir dir;
    const std::string ws = dir.file("ws.dtop");
    for (const char* good : {"good/cristallo_complex.csv", "good/cristallo_db4.csv",
                             "good/cristallo_time_history.csv", "good/dtop_frf.csv",
                             "quirks/cristallo_complex_bom_crlf.csv"}) {
        const auto r = runDtop({"dataset", "import", fixture(good), "--workspace", ws,
                                "--quantity", "accelerance", "--excitation-floor", "1"});
        INFO(good << ": " << r.err);
        REQUIRE(r.exitCode == 0);
        const json j = json::parse(r.out);
        const auto shown = runDtop({"dataset", "show", j["id"], "--workspace", ws});
        REQUIRE(shown.exitCode == 0);
        CHECK(json::parse(shown.out)["channels"] == j["channels"]);
    }
    const auto list = runDtop({"dataset", "list", "--workspace", ws, "--format", "csv"});
    CHECK_THAT(list.out, Catch::Contains("cristallo-complex,imported") &&
                             Catch::Contains("cristallo-complex-bom-crlf,imported"));
    // The same file twice gets a fresh id; a bundled id is refused.
    auto again = runDtop({"dataset", "import", fixture("good/cristallo_db4.csv"), "--workspace", ws});
    REQUIRE(again.exitCode == 0);
    CHECK(json::parse(again.out)["id"] == "cristallo-db4-2");
    again = runDtop({"dataset", "import", fixture("good/cristallo_db4.csv"), "--workspace", ws,
                     "--id", "th-impulse"});
    CHECK(again.exitCode == 2);
    CHECK_THAT(again.err, Catch::Contains("bundled dataset's id"));
}

TEST_CASE("dtop dataset import of a malformed file: exit 3 with file and line", "[cli][dataset]")
{
    TempDir dir;
    const std::string ws = dir.file("ws.dtop");
    REQUIRE(runDtop({"dataset", "import", fixture("good/cristallo_db4.csv"), "--workspace", ws})
                .exitCode == 0);
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(fixture("bad"))) {
        const std::string path = entry.path().string();
        const auto r = runDtop({"dataset", "import", path, "--workspace", ws});
        INFO(path << ": " << r.err);
        CHECK(r.exitCode == 3);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, Catch::Contains(entry.path().filename().string()));
        ++checked;
    }
    CHECK(checked >= 30);
    const auto list = runDtop({"dataset", "list", "--workspace", ws, "--format", "csv"});
    // Nothing of the failed imports was stored.
    std::size_t imported = 0;
    for (std::size_t at = 0; (at = list.out.find(",imported,", at)) != std::string::npos; ++at)
        ++imported;
    CHECK(imported == 1);
}

TEST_CASE("dtop dataset errors", "[cli][dataset]")
{
    auto r = runDtop({"dataset"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("missing sub-command: list, show, import or export"));
    r = runDtop({"dataset", "import"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("give the FILE"));
    r = runDtop({"dataset", "import", "/nonexistent/file.csv", "--workspace", "/tmp/x.dtop"});
    CHECK(r.exitCode == 3);
    CHECK_THAT(r.err, Catch::Contains("/nonexistent/file.csv"));
    r = runDtop({"dataset", "import", fixture("good/cristallo_db4.csv"), "--quantity", "speed"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("--quantity"));
    r = runDtop({"dataset", "import", fixture("good/cristallo_db4.csv"), "--input-format", "xls"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("--input-format"));
}
