// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop profile diff` and `dtop runs list|show` (docs/tools/profiles.md).
#include "run_dtop.h"

#include "io/workspace.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using dtop::test::freshTempPath;
using dtop::test::runDtop;
using nlohmann::json;

namespace {

// A workspace with profile "rig": version 1 = southampton-lpm, version 2 = k2 raised by 10 %.
struct TwoVersions {
    std::filesystem::path dir = freshTempPath("cli_profiles", "ws");
    std::string workspace = (dir / "w.dtop").string();

    TwoVersions()
    {
        std::filesystem::create_directories(dir);
        const auto exported = runDtop({"profile", "export", "southampton-lpm"});
        REQUIRE(exported.exitCode == 0);
        json p = json::parse(exported.out);
        p["name"] = "rig";
        save(p, "v1.json", "identified from the Southampton rig");
        p["stiffnesses_n_m"][1] = p["stiffnesses_n_m"][1].get<double>() * 1.1;
        save(p, "v2.json", "k2 edited by hand");
    }
    ~TwoVersions() { std::filesystem::remove_all(dir); }

    void save(const json& profile, const std::string& file, const std::string& note)
    {
        std::ofstream(dir / file) << profile.dump();
        const auto r = runDtop(
            {"profile", "import", (dir / file).string(), "--note", note, "--workspace", workspace});
        INFO(r.err);
        REQUIRE(r.exitCode == 0);
    }
    dtop::test::ProcessResult run(std::vector<std::string> args) const
    {
        args.push_back("--workspace");
        args.push_back(workspace);
        return runDtop(args);
    }
};

const json& field(const json& parameters, const std::string& name)
{
    for (const auto& p : parameters)
        if (p["field"] == name)
            return p;
    FAIL("no field " << name);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("dtop profile diff: two versions after an edit of k2", "[cli][profiles]")
{
    TwoVersions w;
    const auto r = w.run({"profile", "diff", "rig@1", "rig@2"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const json j = json::parse(r.out);
    CHECK(j["tool"] == "profile diff");
    CHECK(j["input"]["old"] == "rig@1");
    CHECK(j["input"]["new"] == "rig@2");
    const json& res = j["result"];
    CHECK(res["changed_parameters"] == 1);
    const json& k2 = field(res["parameters"], "k2");
    CHECK(k2["unit"] == "N/m");
    CHECK(k2["old"].get<double>() == 43195.1237);
    CHECK(k2["new"].get<double>() == 43195.1237 * 1.1);
    CHECK(k2["changed"] == true);
    CHECK(k2["relative_change_pct"].get<double>() == Approx(10.0).epsilon(1e-12));
    CHECK(field(res["parameters"], "m1")["changed"] == false);
    CHECK(field(res["parameters"], "name")["old"] == "rig");
    // The modes of both versions (docs/tools/profiles.md: numpy state-space eigenvalues).
    REQUIRE(res["modes"].size() == 3);
    const double oldF[3] = {6.20357731, 17.80020243, 26.40217249};
    const double newF[3] = {6.289749259233, 17.933575487867, 27.108340319188};
    for (int m = 0; m < 3; ++m) {
        CHECK(res["modes"][m]["old_frequency_hz"].get<double>() == Approx(oldF[m]).epsilon(1e-8));
        CHECK(res["modes"][m]["new_frequency_hz"].get<double>() == Approx(newF[m]).epsilon(1e-10));
        CHECK(res["modes"][m]["frequency_change_pct"].get<double>() ==
              Approx(100.0 * (newF[m] - oldF[m]) / oldF[m]).epsilon(1e-6));
    }

    // NAME is the latest version; the reverse diff is −9.09 %.
    const auto latest = w.run({"profile", "diff", "rig", "rig@1"});
    REQUIRE(latest.exitCode == 0);
    const json back = json::parse(latest.out);
    CHECK(back["input"]["old"] == "rig@2");
    CHECK(field(back["result"]["parameters"], "k2")["relative_change_pct"].get<double>() ==
          Approx(-100.0 / 11.0).epsilon(1e-12));

    // A saved version against a preset, and identical versions.
    const auto preset = w.run({"profile", "diff", "southampton-lpm", "rig@1"});
    REQUIRE(preset.exitCode == 0);
    const json pj = json::parse(preset.out)["result"];
    CHECK(pj["changed_parameters"] == 1); // the name only
    CHECK(field(pj["parameters"], "name")["changed"] == true);
    const auto same = w.run({"profile", "diff", "rig@2", "rig@2"});
    REQUIRE(same.exitCode == 0);
    CHECK(json::parse(same.out)["result"]["changed_parameters"] == 0);
}

TEST_CASE("dtop profile diff --format csv lists parameters and modes", "[cli][profiles]")
{
    TwoVersions w;
    const auto r = w.run({"profile", "diff", "rig@1", "rig@2", "--format", "csv"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.rfind("field,unit,old,new,changed,relative_change_pct\n", 0) == 0);
    CHECK(r.out.find("\nk2,N/m,43195.1237,47514.63607,yes,10") != std::string::npos);
    CHECK(r.out.find("\nk1,N/m,") != std::string::npos);
    CHECK(r.out.find("\nf1,Hz,6.2035") != std::string::npos);
    CHECK(r.out.find("\nzeta3,,") != std::string::npos);
}

TEST_CASE("dtop profile diff: bad references exit 2 and say why", "[cli][profiles]")
{
    TwoVersions w;
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"rig@1", "rig@3"}, "has no version 3 (saved versions: 1, 2)"},
        {{"rig@0", "rig@1"}, "integer >= 1"},
        {{"rig@x", "rig@1"}, "integer >= 1"},
        {{"nobody", "rig@1"}, "no saved profile or built-in preset is named 'nobody'"},
        {{"southampton-lpm@1", "rig"}, "built-in preset"},
        {{"@2", "rig"}, "NAME or NAME@VERSION"},
        {{"rig@1"}, "give two profiles"},
        {{"rig@1", "rig@2", "rig@1"}, "too many arguments"},
        {{"rig@1", "rig@2", "--format", "xml"}, "--format"},
    };
    for (const auto& [args, message] : cases) {
        std::vector<std::string> a = {"profile", "diff"};
        a.insert(a.end(), args.begin(), args.end());
        const auto r = w.run(a);
        INFO(args.front() << ": " << r.err);
        CHECK(r.exitCode == 2);
        CHECK(r.err.find(message) != std::string::npos);
        CHECK(r.err.find("internal error") == std::string::npos);
    }
}

TEST_CASE("dtop runs list and show: the run records of the workspace", "[cli][profiles]")
{
    TwoVersions w;
    {
        auto ws = dtop::io::Workspace::open(w.workspace);
        dtop::io::RunRecord a;
        a.tool = "structure";
        a.input = {{"quantity", "mobility"}, {"input_floor", 2}};
        a.summary = {{"f1_hz", 6.2036}};
        a.profile = dtop::io::ProfileRef{"rig", 2};
        ws.recordRun(a);
        dtop::io::RunRecord b;
        b.tool = "simulate";
        b.input = {{"excitation", "hammer"}};
        b.seed = 42;
        ws.recordRun(b);
    }
    const auto list = w.run({"runs", "list"});
    INFO(list.err);
    REQUIRE(list.exitCode == 0);
    const json runs = json::parse(list.out)["result"]["runs"];
    REQUIRE(runs.size() == 2);
    CHECK(runs[0]["tool"] == "simulate"); // newest first
    CHECK(runs[0]["seed"] == 42);
    CHECK(runs[0]["profile"].is_null());
    CHECK(runs[1]["tool"] == "structure");
    CHECK(runs[1]["profile"] == "rig@2");
    CHECK(runs[1]["summary"]["f1_hz"] == 6.2036);
    CHECK_FALSE(runs[1].contains("input"));

    // Without a sub-command: the list.
    CHECK(json::parse(w.run({"runs"}).out)["result"]["runs"] == runs);
    const auto filtered = w.run({"runs", "list", "--tool", "structure"});
    REQUIRE(filtered.exitCode == 0);
    CHECK(json::parse(filtered.out)["result"]["runs"].size() == 1);
    const auto limited = w.run({"runs", "list", "--limit", "1"});
    REQUIRE(limited.exitCode == 0);
    CHECK(json::parse(limited.out)["result"]["runs"][0]["tool"] == "simulate");
    const auto csv = w.run({"runs", "list", "--format", "csv"});
    REQUIRE(csv.exitCode == 0);
    CHECK(csv.out.rfind("id,tool,created_utc,profile,seed,summary\n", 0) == 0);
    CHECK(csv.out.find(",structure,") != std::string::npos);
    CHECK(csv.out.find(",rig@2,,\"{\"\"f1_hz\"\":6.2036}\"") != std::string::npos);

    const long long id = runs[1]["id"].get<long long>();
    const auto show = w.run({"runs", "show", std::to_string(id)});
    INFO(show.err);
    REQUIRE(show.exitCode == 0);
    const json record = json::parse(show.out)["result"];
    CHECK(record["input"]["quantity"] == "mobility");
    CHECK(record["input"]["input_floor"] == 2);
    CHECK(record["profile"] == "rig@2");
    const auto inputOnly = w.run({"runs", "show", std::to_string(id), "--input-only"});
    REQUIRE(inputOnly.exitCode == 0);
    CHECK(json::parse(inputOnly.out) == json({{"quantity", "mobility"}, {"input_floor", 2}}));
}

TEST_CASE("dtop runs: bad input exits 2, a broken workspace 3", "[cli][profiles]")
{
    TwoVersions w;
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"runs", "show", "99"}, "has no run 99"},
        {{"runs", "show", "0"}, ">= 1"},
        {{"runs", "show", "abc"}, "abc"},
        {{"runs", "show"}, "give a run ID"},
        {{"runs", "list", "--limit", "-1"}, "--limit"},
        {{"runs", "list", "--tool", ""}, "--tool"},
        {{"runs", "rerun"}, "unknown sub-command 'rerun'"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = w.run(args);
        INFO(args[1] << ": " << r.err);
        CHECK(r.exitCode == 2);
        CHECK(r.err.find(message) != std::string::npos);
    }
    const auto missing = runDtop({"runs", "list", "--workspace", (w.dir / "none.dtop").string()});
    REQUIRE(missing.exitCode == 0);
    CHECK(json::parse(missing.out)["result"]["runs"].empty());

    const auto broken = w.dir / "broken.dtop";
    std::ofstream(broken) << "not a workspace";
    const auto r = runDtop({"runs", "list", "--workspace", broken.string()});
    CHECK(r.exitCode == 3);
    CHECK(r.err.find("broken.dtop") != std::string::npos);
}

TEST_CASE("dtop report records its run with the saved profile version it used",
          "[cli][profiles]")
{
    TwoVersions w;
    const std::string out = (w.dir / "report").string();
    auto report = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = {"report", "crossval", "--out", out, "--width", "400",
                                         "--height", "300"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = w.run(args);
        INFO(r.err);
        REQUIRE(r.exitCode == 0);
    };
    report({"--profile", "rig"});                       // the latest saved version: rig@2
    report({"--profile", "rig", "--mass", "2,2,2"});    // edited: no saved version
    report({"--profile", "southampton-lpm"});           // a preset: no saved version
    const auto list = w.run({"runs", "list", "--tool", "crossval"});
    INFO(list.err);
    REQUIRE(list.exitCode == 0);
    const json runs = json::parse(list.out)["result"]["runs"];
    REQUIRE(runs.size() == 3);
    CHECK(runs[2]["profile"] == "rig@2");
    CHECK(runs[1]["profile"].is_null());
    CHECK(runs[0]["profile"].is_null());
}
