// SPDX-License-Identifier: GPL-3.0-or-later
// The dispatcher: options before the command, stray arguments, options that are not the
// command's, and the workspace option of every tool command.
#include "../core/workspace_test_support.h"
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using dtop::test::runDtop;
using dtop::test::TempDir;
using nlohmann::json;

TEST_CASE("dtop --workspace W before a command applies to the command", "[cli][dispatch]")
{
    TempDir dir;
    const std::string ws = dir.file("ws.dtop");
    const std::string file = std::string(DTOP_TEST_DATA_DIR) + "/good/dtop_frf.csv";
    const auto imported = runDtop({"--workspace", ws, "dataset", "import", file});
    INFO(imported.err);
    REQUIRE(imported.exitCode == 0);
    const std::string id = json::parse(imported.out)["id"];
    CHECK(std::filesystem::exists(ws));
    // The imported dataset is in that workspace; --workspace=W works as well.
    const auto shown = runDtop({"--workspace=" + ws, "dataset", "show", id});
    CHECK(shown.exitCode == 0);
    const auto listed = runDtop({"dataset", "list", "--workspace", ws, "--format", "csv"});
    CHECK_THAT(listed.out, Catch::Contains(id + ",imported"));
}

TEST_CASE("Every tool command takes --workspace once, so a saved profile can be used",
          "[cli][dispatch]")
{
    TempDir dir;
    const std::string ws = dir.file("ws.dtop");
    const std::string profile = dir.file("rig.json");
    REQUIRE(runDtop({"profile", "export", "southampton-lpm", "--out", profile}).exitCode == 0);
    json exported = json::parse(dtop::test::slurp(profile));
    exported["name"] = "my-rig";
    std::ofstream(profile) << exported.dump();
    const auto imported = runDtop({"profile", "import", profile, "--workspace", ws});
    INFO(imported.err);
    REQUIRE(imported.exitCode == 0);
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"modal"}, {"frf", "--points", "10"},
          {"simulate", "--duration", "1"},
          {"uncertainty", "--grid", "linear", "--points", "5", "--methods", "vertex"}}) {
        std::vector<std::string> args = command;
        args.insert(args.end(), {"--profile", "my-rig", "--workspace", ws});
        const auto r = runDtop(args);
        INFO(command.front() << ": " << r.err);
        CHECK(r.exitCode == 0);
        CHECK(json::parse(r.out)["input"]["profile"]["name"] == "my-rig");
    }
}

TEST_CASE("Arguments the dispatcher does not use are refused with exit 2", "[cli][dispatch]")
{
    struct Case {
        std::vector<std::string> args;
        const char* message;
    };
    const Case cases[] = {
        {{"--bogus"}, "unknown option '--bogus'"},
        {{"--workspace"}, "--workspace needs a value"},
        {{"--tool", "structure", "dataset", "list"}, "--tool is a window option"},
        {{"--size", "800x600", "modal"}, "--size is a window option"},
        {{"--workspace", "w.dtop", "nonsense"}, "unknown command 'nonsense'"},
        {{"modal", "stray"}, "unexpected argument 'stray'"},
    };
    for (const auto& c : cases) {
        const auto r = runDtop(c.args);
        INFO(c.args.front() << ": " << r.err);
        CHECK(r.exitCode == 2);
        CHECK_THAT(r.err, Catch::Contains(c.message));
        CHECK(r.out.empty());
    }
}

TEST_CASE("JSON is compact for programs and indented on request", "[cli][dispatch]")
{
    const auto compact = runDtop({"modal"});
    REQUIRE(compact.exitCode == 0);
    CHECK(std::count(compact.out.begin(), compact.out.end(), '\n') == 1);
    const auto pretty = runDtop({"modal", "--pretty"});
    REQUIRE(pretty.exitCode == 0);
    CHECK(std::count(pretty.out.begin(), pretty.out.end(), '\n') > 10);
    CHECK(json::parse(pretty.out) == json::parse(compact.out));
}
