// SPDX-License-Identifier: GPL-3.0-or-later
// Workspace round trips: profiles with append-only versions, datasets, run records.
#include "dtop/version.h"
#include "io/workspace.h"
#include "io/workspace_location.h"
#include "io/workspace_schema.h"
#include "model/presets.h"
#include "workspace_test_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <limits>
#include <regex>

using namespace dtop;
using dtop::io::Workspace;
using dtop::test::RawDb;
using dtop::test::TempDir;

namespace {

void requireSameProfile(const model::Profile& a, const model::Profile& b)
{
    CHECK(a.name == b.name);
    CHECK(a.provenance == b.provenance);
    CHECK(a.masses == b.masses); // exact: the JSON keeps 17 significant digits
    CHECK(a.stiffnesses == b.stiffnesses);
    CHECK(a.dampers == b.dampers);
    CHECK(a.cubicStiffnesses == b.cubicStiffnesses);
    CHECK(a.damping == b.damping);
    CHECK(a.rayleighAlpha == b.rayleighAlpha);
    CHECK(a.rayleighBeta == b.rayleighBeta);
    CHECK(a.targetDampingRatio == b.targetDampingRatio);
    CHECK(a.targetModeA == b.targetModeA);
    CHECK(a.targetModeB == b.targetModeB);
}

model::Profile rig(const std::string& name, double k1)
{
    model::Profile p = *model::preset("southampton-lpm");
    p.name = name;
    p.provenance = "test rig";
    p.stiffnesses[0] = k1;
    return p;
}

bool isIsoUtc(const std::string& text)
{
    static const std::regex pattern(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
    return std::regex_match(text, pattern);
}

} // namespace

TEST_CASE("A missing file becomes a new workspace with DTOP's id, WAL and the schema",
          "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("new.dtop");
    {
        Workspace ws = Workspace::open(path);
        CHECK(ws.path() == path);
        CHECK(ws.schemaVersion() == Workspace::currentSchemaVersion());
        CHECK(ws.savedProfiles().empty());
        CHECK(ws.datasets().empty());
        CHECK(ws.runs().empty());
    }
    REQUIRE(std::filesystem::is_regular_file(path));
    RawDb raw(path);
    CHECK(raw.integer("PRAGMA application_id") == io::workspace_schema::kApplicationId);
    CHECK(raw.integer("PRAGMA user_version") == io::workspace_schema::currentVersion());
    CHECK(raw.text("PRAGMA journal_mode") == "wal");
    CHECK(raw.text("PRAGMA integrity_check") == "ok");
    // The header spells "DTOP" at byte 68.
    CHECK(test::readBytes(path).substr(68, 4) == "DTOP");
}

TEST_CASE("A 0-byte file and an SQLite file without tables become new workspaces",
          "[workspace]")
{
    TempDir dir;
    const std::string empty = dir.file("empty.dtop");
    test::writeBytes(empty, "");
    {
        Workspace ws = Workspace::open(empty);
        ws.saveProfile(rig("a", 30000.0), "first");
    }
    CHECK(Workspace::open(empty).latestProfile("a").has_value());

    // Version 0: an SQLite database nobody has created a table in (migrated from 0 to current).
    const std::string v0 = dir.file("v0.dtop");
    {
        RawDb raw(v0);
        raw.exec("PRAGMA page_size = 4096; VACUUM;");
    }
    REQUIRE(std::filesystem::file_size(v0) > 0);
    {
        Workspace ws = Workspace::open(v0);
        CHECK(ws.schemaVersion() == io::workspace_schema::currentVersion());
        ws.saveProfile(rig("b", 30000.0), "first");
    }
    RawDb raw(v0);
    CHECK(raw.integer("PRAGMA user_version") == io::workspace_schema::currentVersion());
    CHECK(raw.integer("SELECT count(*) FROM profile_versions") == 1);
}

TEST_CASE("Profiles of every damping model round-trip exactly, across reopening", "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("ws.dtop");

    model::Profile dampers = rig("dampers-rig", 34958.3691);
    dampers.cubicStiffnesses = {1.5e7, 0.0, -2.25e6};
    dampers.masses = {5.0394, 4.9919, 0.1 + 0.2}; // 0.30000000000000004 survives
    model::Profile coefficients = rig("coefficients-rig", 40000.0);
    coefficients.damping = model::DampingModel::RayleighCoefficients;
    coefficients.rayleighAlpha = 0.123456789012345;
    coefficients.rayleighBeta = 1.0e-5 / 3.0;
    coefficients.dampers.clear(); // the JSON keeps dampers only for the dampers model
    model::Profile ratio = *model::preset("southampton-design");
    ratio.name = "Design-rig ünïcode 5 kg";
    ratio.targetModeA = 3;
    ratio.targetModeB = 1;
    model::Profile single;
    single.name = "one storey";
    single.masses = {2.0};
    single.stiffnesses = {1000.0};
    single.dampers = {0.0};

    const std::vector<model::Profile> all = {dampers, coefficients, ratio, single};
    {
        Workspace ws = Workspace::open(path);
        for (const auto& p : all) {
            const io::ProfileVersion saved = ws.saveProfile(p, "note for " + p.name);
            CHECK(saved.version == 1);
            CHECK(saved.appVersion == kVersion);
            CHECK(isIsoUtc(saved.createdUtc));
            requireSameProfile(saved.profile, p);
        }
    }
    Workspace ws = Workspace::open(path);
    for (const auto& p : all) {
        const auto latest = ws.latestProfile(p.name);
        REQUIRE(latest);
        requireSameProfile(latest->profile, p);
        CHECK(latest->version == 1);
        CHECK(latest->note == "note for " + p.name);
        CHECK(latest->appVersion == kVersion);
        CHECK(isIsoUtc(latest->createdUtc));
    }
    CHECK_FALSE(ws.latestProfile("nobody"));
    CHECK_FALSE(ws.latestProfile("DAMPERS-RIG")); // saved names are exact
    const auto list = ws.savedProfiles();
    REQUIRE(list.size() == 4);
    CHECK(list[0].name == "Design-rig ünïcode 5 kg"); // sorted by name (bytes)
    CHECK(list[1].name == "coefficients-rig");
    CHECK(list[3].name == "one storey");
}

TEST_CASE("Saving appends a version and never changes the older ones", "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("ws.dtop");
    Workspace ws = Workspace::open(path);
    for (int i = 1; i <= 5; ++i) {
        const auto saved = ws.saveProfile(rig("lab", 30000.0 + i), "edit " + std::to_string(i));
        CHECK(saved.version == i);
    }
    ws.saveProfile(rig("other", 1.0), "x");

    const auto history = ws.profileHistory("lab");
    REQUIRE(history.size() == 5);
    for (int i = 0; i < 5; ++i) {
        CHECK(history[i].version == i + 1); // oldest first
        CHECK(history[i].profile.stiffnesses[0] == 30000.0 + i + 1);
        CHECK(history[i].note == "edit " + std::to_string(i + 1));
        if (i > 0)
            CHECK(history[i].createdUtc >= history[i - 1].createdUtc);
    }
    const auto v2 = ws.profileVersion("lab", 2);
    REQUIRE(v2);
    CHECK(v2->profile.stiffnesses[0] == 30002.0);
    CHECK_FALSE(ws.profileVersion("lab", 6));
    CHECK_FALSE(ws.profileVersion("lab", 0));
    CHECK(ws.latestProfile("lab")->version == 5);
    CHECK(ws.profileHistory("nobody").empty());

    const auto list = ws.savedProfiles();
    REQUIRE(list.size() == 2);
    CHECK(list[0].name == "lab");
    CHECK(list[0].latestVersion == 5);
    CHECK(list[0].createdUtc == history.front().createdUtc);
    CHECK(list[0].updatedUtc == history.back().createdUtc);
    CHECK(list[1].name == "other");
    CHECK(list[1].latestVersion == 1);

    // Even raw SQL cannot rewrite history: the schema refuses UPDATE and DELETE.
    RawDb raw(path);
    std::string error;
    CHECK_FALSE(raw.tryExec("UPDATE profile_versions SET note = 'x'", error));
    CHECK_THAT(error, Catch::Contains("append-only"));
    CHECK_FALSE(raw.tryExec("DELETE FROM profile_versions WHERE version = 1", error));
    CHECK_THAT(error, Catch::Contains("append-only"));
    CHECK(ws.profileHistory("lab").size() == 5);
}

TEST_CASE("Preset names, bad names and invalid profiles are refused and nothing is written",
          "[workspace]")
{
    TempDir dir;
    Workspace ws = Workspace::open(dir.file("ws.dtop"));
    for (const auto& name : model::presetNames()) {
        model::Profile p = *model::preset(name);
        try {
            ws.saveProfile(p, "copy");
            FAIL("a preset's name was accepted: " << name);
        } catch (const io::WorkspaceInputError& e) {
            REQUIRE(e.issues().size() == 1);
            CHECK(e.issues()[0].field == "name");
            CHECK_THAT(e.issues()[0].message,
                       Catch::Contains("built-in preset '" + name + "'") &&
                           Catch::Contains("another name"));
        }
    }
    model::Profile upper = rig("Southampton-LPM", 1.0);
    CHECK_THROWS_AS(ws.saveProfile(upper, ""), io::WorkspaceInputError);
    CHECK_NOTHROW(ws.saveProfile(rig("my-southampton-lpm", 1.0), ""));

    CHECK_FALSE(Workspace::checkProfileName("").empty());
    CHECK_FALSE(Workspace::checkProfileName(" lab").empty());
    CHECK_FALSE(Workspace::checkProfileName("lab ").empty());
    CHECK_FALSE(Workspace::checkProfileName("la\nb").empty());
    CHECK_FALSE(Workspace::checkProfileName(std::string(101, 'x')).empty());
    CHECK(Workspace::checkProfileName(std::string(100, 'x')).empty());
    CHECK(Workspace::checkProfileName("lab rig 2 (after repair)").empty());

    model::Profile bad = rig("bad", -3.0);
    bad.masses[2] = 0.0;
    try {
        ws.saveProfile(bad, "");
        FAIL("an invalid profile was saved");
    } catch (const io::WorkspaceInputError& e) {
        REQUIRE(e.issues().size() == 2);
        CHECK(e.issues()[0].message == "mass m3 must be > 0 kg, got 0");
        CHECK(e.issues()[1].message == "stiffness k1 must be > 0 N/m, got -3");
    }
    CHECK_FALSE(ws.latestProfile("bad"));
    CHECK(ws.savedProfiles().size() == 1);
}

TEST_CASE("Datasets are stored opaquely and come back byte for byte", "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("ws.dtop");
    std::string content = "frequency_hz,re,im\r\n1.5,2e-3,-1\r\n\xC2\xB5m/N ;, \"quoted\"\n";
    content += std::string("nul\0inside", 10);
    const nlohmann::json metadata = {{"rig", "southampton"}, {"quantity", "accelerance"},
                                     {"units", "(m/s²)/N"}, {"excitation_floor", 1}};
    {
        Workspace ws = Workspace::open(path);
        CHECK(ws.uniqueDatasetId("frf") == "frf");
        const auto summary = ws.addDataset({"frf", metadata, content, "FRF run 3.csv", {}});
        CHECK(summary.contentBytes == content.size());
        CHECK(isIsoUtc(summary.importedUtc));
        CHECK(ws.uniqueDatasetId("frf") == "frf-2");
        ws.addDataset({"frf-2", nlohmann::json::object(), "", "empty.csv", {}});
        CHECK(ws.uniqueDatasetId("frf") == "frf-3");
        CHECK(ws.uniqueDatasetId("") == "dataset");
        ws.addDataset({"time history", {{"sampling_hz", 1024}}, "t,x\n0,1\n", "th.txt", {}});

        try {
            ws.addDataset({"frf", metadata, "other", "x.csv", {}});
            FAIL("duplicate dataset id accepted");
        } catch (const io::WorkspaceInputError& e) {
            CHECK_THAT(e.what(), Catch::Contains("'frf' is already") && Catch::Contains("frf-3"));
        }
        CHECK_THROWS_AS(ws.addDataset({"", metadata, "x", "x.csv", {}}), io::WorkspaceInputError);
        CHECK_THROWS_AS(ws.addDataset({"a\tb", metadata, "x", "x.csv", {}}),
                        io::WorkspaceInputError);
    }
    Workspace ws = Workspace::open(path);
    const auto list = ws.datasets();
    REQUIRE(list.size() == 3);
    CHECK(list[0].id == "frf"); // import order
    CHECK(list[1].id == "frf-2");
    CHECK(list[2].id == "time history");
    CHECK(list[0].metadata == metadata);
    CHECK(list[0].originalFileName == "FRF run 3.csv");
    CHECK(list[0].contentBytes == content.size());
    CHECK(list[1].contentBytes == 0);

    const auto frf = ws.dataset("frf");
    REQUIRE(frf);
    CHECK(frf->content == content);
    CHECK(frf->metadata == metadata);
    CHECK(frf->originalFileName == "FRF run 3.csv");
    CHECK(frf->importedUtc == list[0].importedUtc);
    CHECK_FALSE(ws.dataset("nothing"));

    CHECK(ws.removeDataset("frf-2"));
    CHECK_FALSE(ws.removeDataset("frf-2"));
    CHECK(ws.datasets().size() == 2);
    CHECK_FALSE(ws.dataset("frf-2"));
    CHECK(ws.uniqueDatasetId("frf") == "frf-2");
}

TEST_CASE("Run records keep input, seed and summary, newest first, tool filter", "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("ws.dtop");
    const nlohmann::json input = {{"profile", {{"name", "lab"}}}, {"fmax_hz", 50.0},
                                  {"points", 2001}};
    std::vector<long long> ids;
    {
        Workspace ws = Workspace::open(path);
        ws.saveProfile(rig("lab", 1.0), "");
        ws.saveProfile(rig("lab", 2.0), "");
        io::RunRecord run;
        run.tool = "frf";
        run.input = input;
        run.summary = {{"peak_hz", 6.34}};
        run.profile = io::ProfileRef{"lab", 2};
        ids.push_back(ws.recordRun(run));
        run.tool = "simulate";
        run.seed = std::numeric_limits<std::uint64_t>::max();
        run.profile.reset();
        ids.push_back(ws.recordRun(run));
        run.seed = 0;
        ids.push_back(ws.recordRun(run));
        run.tool = "modal";
        run.seed.reset();
        ids.push_back(ws.recordRun(run));

        io::RunRecord unknownProfile = run;
        unknownProfile.profile = io::ProfileRef{"lab", 3};
        CHECK_THROWS_AS(ws.recordRun(unknownProfile), io::WorkspaceInputError);
        io::RunRecord noTool = run;
        noTool.tool.clear();
        CHECK_THROWS_AS(ws.recordRun(noTool), io::WorkspaceInputError);
    }
    CHECK(ids[0] < ids[1]);
    CHECK(ids[1] < ids[2]);
    CHECK(ids[2] < ids[3]);

    Workspace ws = Workspace::open(path);
    const auto all = ws.runs();
    REQUIRE(all.size() == 4);
    CHECK(all[0].id == ids[3]);
    CHECK(all[0].tool == "modal");
    CHECK(all[3].id == ids[0]);
    CHECK(all[3].tool == "frf");
    CHECK(all[3].input == input);
    CHECK(all[3].summary == nlohmann::json{{"peak_hz", 6.34}});
    CHECK_FALSE(all[3].seed);
    REQUIRE(all[3].profile);
    CHECK(all[3].profile->name == "lab");
    CHECK(all[3].profile->version == 2);
    CHECK(all[3].appVersion == kVersion);
    CHECK(isIsoUtc(all[3].createdUtc));

    const auto simulate = ws.runs(std::string("simulate"));
    REQUIRE(simulate.size() == 2);
    CHECK(simulate[0].seed == std::uint64_t{0});
    CHECK(simulate[1].seed == std::numeric_limits<std::uint64_t>::max());
    CHECK(ws.runs(std::string("uncertainty")).empty());
    const auto newestTwo = ws.runs(std::nullopt, 2);
    REQUIRE(newestTwo.size() == 2);
    CHECK(newestTwo[1].id == ids[2]);

    const auto one = ws.run(ids[1]);
    REQUIRE(one);
    CHECK(one->tool == "simulate");
    CHECK(one->seed == std::numeric_limits<std::uint64_t>::max());
    CHECK_FALSE(ws.run(12345));
}

TEST_CASE("Two connections share a workspace (window and command line)", "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("shared.dtop");
    Workspace gui = Workspace::open(path);
    Workspace cli = Workspace::open(path);
    cli.saveProfile(rig("lab", 1.0), "from the command line");
    CHECK(gui.latestProfile("lab")->note == "from the command line");
    gui.saveProfile(rig("lab", 2.0), "from the window");
    CHECK(cli.latestProfile("lab")->version == 2);
}

TEST_CASE("Default workspace location follows the XDG base directories", "[workspace]")
{
    const char* oldXdg = std::getenv("XDG_DATA_HOME");
    const char* oldHome = std::getenv("HOME");
    const std::string savedXdg = oldXdg ? oldXdg : "";
    const std::string savedHome = oldHome ? oldHome : "";

    ::setenv("XDG_DATA_HOME", "/data/xdg", 1);
    ::setenv("HOME", "/home/someone", 1);
    CHECK(io::defaultWorkspacePath() == "/data/xdg/dtop/workspace.dtop");
    ::setenv("XDG_DATA_HOME", "relative/ignored", 1);
    CHECK(io::defaultWorkspacePath() == "/home/someone/.local/share/dtop/workspace.dtop");
    ::unsetenv("XDG_DATA_HOME");
    CHECK(io::defaultWorkspacePath() == "/home/someone/.local/share/dtop/workspace.dtop");
    ::unsetenv("HOME");
    CHECK_THROWS_AS(io::defaultWorkspacePath(), io::WorkspaceError);

    TempDir dir;
    ::setenv("XDG_DATA_HOME", dir.path().c_str(), 1);
    const std::string path = io::defaultWorkspacePath();
    CHECK(path == (dir.path() / "dtop" / "workspace.dtop").string());
    CHECK_THROWS_AS(Workspace::open(path), io::WorkspaceError); // no folder yet
    io::createWorkspaceFolder(path);
    CHECK(std::filesystem::is_directory(dir.path() / "dtop"));
    CHECK(Workspace::open(path).savedProfiles().empty());

    if (oldXdg)
        ::setenv("XDG_DATA_HOME", savedXdg.c_str(), 1);
    else
        ::unsetenv("XDG_DATA_HOME");
    if (oldHome)
        ::setenv("HOME", savedHome.c_str(), 1);
}

TEST_CASE("Workspace paths with spaces, '?', '#' and '%' work", "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("my lab? #1 100%20.dtop");
    Workspace::open(path).saveProfile(rig("lab", 1.0), "");
    const auto again = Workspace::open(path).latestProfile("lab"); // read via the file: URI
    REQUIRE(again);
    CHECK(again->profile.stiffnesses[0] == 1.0);
    CHECK(std::filesystem::exists(path));
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                        std::filesystem::directory_iterator()) == 1);
}
