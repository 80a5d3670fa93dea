// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop profile ...` and `--workspace` end to end through the built executable.
#include "../core/workspace_test_support.h"
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using dtop::test::FileSnapshot;
using dtop::test::RawDb;
using dtop::test::runDtop;
using dtop::test::TempDir;
using nlohmann::json;

namespace {

// A valid 3-storey profile file named `name` (dampers model).
std::string profileText(const std::string& name, double k2 = 43195.1237)
{
    json j = {{"name", name},
              {"provenance", "lab test"},
              {"masses_kg", {5.0394, 4.9919, 4.9693}},
              {"stiffnesses_n_m", {34958.3691, k2, 43295.9086}},
              {"damping", {{"model", "dampers"}, {"dampers_n_s_m", {7.8963, 4.0129, 5.4905}}}}};
    return j.dump(2);
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::stringstream s(text);
    std::string line;
    while (std::getline(s, line))
        out.push_back(line);
    return out;
}

} // namespace

TEST_CASE("dtop profile help and sub-command errors", "[cli]")
{
    auto r = runDtop({"--help"});
    CHECK_THAT(r.out, Catch::Contains("profile"));
    r = runDtop({"profile", "--help"});
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("list") && Catch::Contains("show") &&
                          Catch::Contains("export") && Catch::Contains("import") &&
                          Catch::Contains("history") && Catch::Contains("--workspace"));
    r = runDtop({"profile", "import", "--help"});
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("--note") && Catch::Contains("--workspace"));
    r = runDtop({"modal", "--help"});
    CHECK_THAT(r.out, Catch::Contains("--workspace"));

    r = runDtop({"profile"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("missing sub-command"));
    r = runDtop({"profile", "remove", "x"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("unknown sub-command 'remove'"));
    r = runDtop({"profile", "show"});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("give a profile NAME"));
    r = runDtop({"profile", "show", "a", "b"});
    CHECK(r.exitCode == 2);
    r = runDtop({"profile", "list", "--format", "xml"});
    CHECK(r.exitCode == 2);
    CHECK(r.out.empty());
}

TEST_CASE("profile list shows the presets and creates no workspace", "[cli]")
{
    TempDir dir;
    const std::string ws = dir.file("ws.dtop");
    auto r = runDtop({"profile", "list", "--workspace", ws});
    REQUIRE(r.exitCode == 0);
    CHECK(r.err.empty());
    const json j = json::parse(r.out);
    CHECK(j["workspace"] == ws);
    REQUIRE(j["profiles"].size() == 5);
    CHECK(j["profiles"][0]["name"] == "southampton-lpm");
    CHECK(j["profiles"][0]["source"] == "preset");
    CHECK(j["profiles"][0]["latest_version"].is_null());
    CHECK_FALSE(std::filesystem::exists(ws));

    r = runDtop({"profile", "list", "--workspace", ws, "--format", "csv"});
    REQUIRE(r.exitCode == 0);
    const auto rows = lines(r.out);
    REQUIRE(rows.size() == 6);
    CHECK(rows[0] == "name,source,latest_version,updated_utc,description");
    CHECK(rows[5] == "cbc-demo,preset,,,0.2 kg chain with a cubic ground spring (nonlinear tool)");
    CHECK_FALSE(std::filesystem::exists(ws));
}

TEST_CASE("profile import, list, show, history and export round trip", "[cli]")
{
    TempDir dir;
    const std::string ws = dir.file("ws.dtop");
    const std::string file = dir.file("lab.json");
    dtop::test::writeBytes(file, profileText("lab"));

    auto r = runDtop({"profile", "import", file, "--workspace", ws});
    REQUIRE(r.exitCode == 0);
    CHECK(r.err.empty());
    json j = json::parse(r.out);
    CHECK(j["name"] == "lab");
    CHECK(j["version"] == 1);
    CHECK(j["note"] == "imported from lab.json");
    CHECK(j["workspace"] == ws);

    dtop::test::writeBytes(file, profileText("lab", 50000.0));
    r = runDtop({"profile", "import", file, "--workspace", ws, "--note", "after repair"});
    REQUIRE(r.exitCode == 0);
    CHECK(json::parse(r.out)["version"] == 2);

    r = runDtop({"profile", "list", "--workspace", ws});
    REQUIRE(r.exitCode == 0);
    j = json::parse(r.out);
    REQUIRE(j["profiles"].size() == 6);
    CHECK(j["profiles"][5]["name"] == "lab");
    CHECK(j["profiles"][5]["source"] == "saved");
    CHECK(j["profiles"][5]["latest_version"] == 2);
    r = runDtop({"profile", "list", "--workspace", ws, "--format", "csv"});
    REQUIRE(lines(r.out).size() == 7);
    CHECK_THAT(lines(r.out)[6], Catch::StartsWith("lab,saved,2,"));

    // show: the latest by default, --version for an older one; the older one is unchanged.
    r = runDtop({"profile", "show", "lab", "--workspace", ws});
    REQUIRE(r.exitCode == 0);
    j = json::parse(r.out);
    CHECK(j["source"] == "saved");
    CHECK(j["version"] == 2);
    CHECK(j["latest_version"] == 2);
    CHECK(j["note"] == "after repair");
    CHECK(j["profile"]["stiffnesses_n_m"][1] == 50000.0);
    r = runDtop({"profile", "show", "lab", "--version", "1", "--workspace", ws});
    REQUIRE(r.exitCode == 0);
    j = json::parse(r.out);
    CHECK(j["version"] == 1);
    CHECK(j["profile"]["stiffnesses_n_m"][1] == 43195.1237);
    CHECK(j["profile"] == json::parse(profileText("lab")));
    r = runDtop({"profile", "show", "lab", "--version", "3", "--workspace", ws});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("versions 1 to 2, not 3"));
    r = runDtop({"profile", "show", "lab", "--version", "0", "--workspace", ws});
    CHECK(r.exitCode == 2);
    r = runDtop({"profile", "show", "southampton-design", "--workspace", ws});
    REQUIRE(r.exitCode == 0);
    j = json::parse(r.out);
    CHECK(j["source"] == "preset");
    CHECK(j["profile"]["damping"]["model"] == "rayleigh-ratio");
    r = runDtop({"profile", "show", "nobody", "--workspace", ws});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("unknown profile 'nobody'") && Catch::Contains("lab"));

    // history, oldest first, JSON and CSV.
    r = runDtop({"profile", "history", "lab", "--workspace", ws});
    REQUIRE(r.exitCode == 0);
    j = json::parse(r.out);
    REQUIRE(j["versions"].size() == 2);
    CHECK(j["versions"][0]["version"] == 1);
    CHECK(j["versions"][0]["note"] == "imported from lab.json");
    CHECK(j["versions"][1]["version"] == 2);
    CHECK(j["versions"][1]["profile"]["stiffnesses_n_m"][1] == 50000.0);
    r = runDtop({"profile", "history", "lab", "--workspace", ws, "--format", "csv"});
    REQUIRE(r.exitCode == 0);
    const auto rows = lines(r.out);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == "version,created_utc,app_version,note");
    CHECK_THAT(rows[1], Catch::StartsWith("1,") && Catch::EndsWith(",imported from lab.json"));
    CHECK_THAT(rows[2], Catch::StartsWith("2,") && Catch::EndsWith(",after repair"));
    r = runDtop({"profile", "history", "southampton-lpm", "--workspace", ws});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("built-in preset"));

    // export to stdout and --out; the exported file imports again as version 3, identical.
    r = runDtop({"profile", "export", "lab", "--version", "1", "--workspace", ws});
    REQUIRE(r.exitCode == 0);
    CHECK(json::parse(r.out) == json::parse(profileText("lab")));
    const std::string exported = dir.file("exported.json");
    r = runDtop({"profile", "export", "lab", "--workspace", ws, "--out", exported});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.empty());
    r = runDtop({"profile", "import", exported, "--workspace", ws});
    REQUIRE(r.exitCode == 0);
    CHECK(json::parse(r.out)["version"] == 3);
    r = runDtop({"profile", "show", "lab", "--workspace", ws});
    CHECK(json::parse(r.out)["profile"] == json::parse(dtop::test::readBytes(exported)));
    r = runDtop({"profile", "export", "lab", "--workspace", ws, "--out", "/nonexistent/x.json"});
    CHECK(r.exitCode == 3);
    CHECK_THAT(r.err, Catch::Contains("/nonexistent/x.json"));
}

TEST_CASE("profile import errors: exit 3 for an unreadable or malformed file, exit 2 for bad "
          "values, and the workspace is unchanged",
          "[cli]")
{
    TempDir dir;
    const std::string ws = dir.file("ws.dtop");
    const std::string file = dir.file("p.json");

    SECTION("malformed JSON names the file, the line and the problem")
    {
        dtop::test::writeBytes(file, "{\n  \"name\": \"lab\",\n  \"masses_kg\": [1, 2,,3]\n}\n");
        const auto r = runDtop({"profile", "import", file, "--workspace", ws});
        CHECK(r.exitCode == 3);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, Catch::Contains(file + ", line 3, column 22: malformed JSON") &&
                              Catch::Contains("syntax error"));
    }
    SECTION("a number too large for a double is exit 3 naming the line and field (issue #16)")
    {
        dtop::test::writeBytes(file, "{\n  \"name\": \"lab\",\n  \"dampers_n_s_m\": [7.8963, " +
                                         std::string(400, '9') + ", 1]\n}\n");
        const auto r = runDtop({"profile", "import", file, "--workspace", ws});
        CHECK(r.exitCode == 3);
        CHECK_THAT(r.err, Catch::Contains(file + ", line 3, column 29") &&
                              Catch::Contains("too large for a double") &&
                              Catch::Contains("in field 'dampers_n_s_m'"));
        CHECK_THAT(r.err, !Catch::Contains("internal error"));
    }
    SECTION("an empty file, a missing file and a folder are file errors")
    {
        dtop::test::writeBytes(file, "");
        auto r = runDtop({"profile", "import", file, "--workspace", ws});
        CHECK(r.exitCode == 3);
        CHECK_THAT(r.err, Catch::Contains(file + ", line 1, column 1: malformed JSON"));
        r = runDtop({"profile", "import", dir.file("nothing.json"), "--workspace", ws});
        CHECK(r.exitCode == 3);
        CHECK_THAT(r.err, Catch::Contains("nothing.json"));
        r = runDtop({"profile", "import", dir.path().string(), "--workspace", ws});
        CHECK(r.exitCode == 3);
        CHECK_THAT(r.err, Catch::Contains("is a directory"));
    }
    SECTION("invalid values: one line per bad field, exit 2")
    {
        json j = json::parse(profileText("lab"));
        j["masses_kg"][1] = -2.0;
        j["stiffnesses_n_m"][2] = 0.0;
        dtop::test::writeBytes(file, j.dump());
        const auto r = runDtop({"profile", "import", file, "--workspace", ws});
        CHECK(r.exitCode == 2);
        CHECK(r.out.empty());
        const auto errors = lines(r.err);
        REQUIRE(errors.size() == 2);
        CHECK(errors[0] == "dtop profile: " + file + ": mass m2 must be > 0 kg, got -2");
        CHECK(errors[1] == "dtop profile: " + file + ": stiffness k3 must be > 0 N/m, got 0");
    }
    SECTION("missing keys and wrong types are named, exit 2")
    {
        dtop::test::writeBytes(file, R"({"name": "lab", "masses_kg": [1, "x", 3]})");
        const auto r = runDtop({"profile", "import", file, "--workspace", ws});
        CHECK(r.exitCode == 2);
        CHECK_THAT(r.err, Catch::Contains("'masses_kg' item 2 must be a number") &&
                              Catch::Contains("'stiffnesses_n_m'") &&
                              Catch::Contains("'damping'"));
    }
    SECTION("a preset's name is refused, exit 2")
    {
        const auto exported = runDtop({"profile", "export", "cbc-demo"});
        REQUIRE(exported.exitCode == 0);
        dtop::test::writeBytes(file, exported.out);
        const auto r = runDtop({"profile", "import", file, "--workspace", ws});
        CHECK(r.exitCode == 2);
        CHECK_THAT(r.err, Catch::Contains("built-in preset 'cbc-demo'"));
    }
    CHECK_FALSE(std::filesystem::exists(ws)); // nothing was created for a refused import
}

TEST_CASE("A file that is not a valid workspace gives exit 3 and is left untouched", "[cli]")
{
    TempDir dir;
    const std::string profileFile = dir.file("lab.json");
    dtop::test::writeBytes(profileFile, profileText("lab"));

    std::vector<std::pair<std::string, std::string>> bad; // path, expected words
    const std::string random = dir.file("random.dtop");
    std::string bytes(5000, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>((i * 2654435761u) >> 13);
    dtop::test::writeBytes(random, bytes);
    bad.push_back({random, "not an SQLite 3 database"});
    const std::string foreign = dir.file("foreign.sqlite");
    {
        RawDb raw(foreign);
        raw.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)");
    }
    bad.push_back({foreign, "not a DTOP workspace"});
    const std::string future = dir.file("future.dtop");
    REQUIRE(runDtop({"profile", "import", profileFile, "--workspace", future}).exitCode == 0);
    {
        RawDb raw(future);
        raw.exec("PRAGMA user_version = 7");
    }
    bad.push_back({future, "newer DTOP"});
    const std::string truncated = dir.file("truncated.dtop");
    dtop::test::writeBytes(truncated, dtop::test::readBytes(future).substr(0, 5000));
    bad.push_back({truncated, "truncated"});
    bad.push_back({dir.path().string(), "is a folder"});

    for (const auto& [path, words] : bad) {
        const bool isFile = std::filesystem::is_regular_file(path);
        std::optional<FileSnapshot> before;
        if (isFile)
            before.emplace(path);
        const std::vector<std::vector<std::string>> commands = {
            {"profile", "list", "--workspace", path},
            {"profile", "show", "lab", "--workspace", path},
            {"profile", "export", "lab", "--workspace", path},
            {"profile", "history", "lab", "--workspace", path},
            {"profile", "import", profileFile, "--workspace", path},
            {"modal", "--profile", "lab", "--workspace", path},
            {"frf", "--profile", "lab", "--workspace", path},
        };
        for (const auto& args : commands) {
            INFO(args[0] + " " + args[1] + " on " + path);
            const auto r = runDtop(args);
            CHECK(r.exitCode == 3);
            CHECK(r.out.empty());
            CHECK_THAT(r.err, Catch::Contains(path) && Catch::Contains(words));
        }
        if (isFile)
            CHECK(before->sameAs(path));
    }
    // A preset needs no workspace, so a bad one does not stop it.
    CHECK(runDtop({"modal", "--profile", "cbc-demo", "--workspace", random}).exitCode == 0);
}

TEST_CASE("modal and frf use a saved profile with --profile NAME --workspace FILE", "[cli]")
{
    TempDir dir;
    const std::string ws = dir.file("ws.dtop");
    const std::string file = dir.file("stiff.json");
    dtop::test::writeBytes(file, profileText("stiff rig", 60000.0));
    REQUIRE(runDtop({"profile", "import", file, "--workspace", ws}).exitCode == 0);

    const auto saved = runDtop({"modal", "--profile", "stiff rig", "--workspace", ws});
    REQUIRE(saved.exitCode == 0);
    const json j = json::parse(saved.out);
    CHECK(j["input"]["profile"]["name"] == "stiff rig");
    CHECK(j["input"]["profile"]["stiffnesses_n_m"][1] == 60000.0);
    // The same numbers given as overrides on a preset: an independent route to the answer.
    const auto direct = runDtop({"modal", "--mass", "5.0394,4.9919,4.9693", "--stiffness",
                                 "34958.3691,60000,43295.9086", "--damping",
                                 "7.8963,4.0129,5.4905"});
    REQUIRE(direct.exitCode == 0);
    CHECK(j["result"] == json::parse(direct.out)["result"]);
    const auto preset = json::parse(runDtop({"modal"}).out);
    CHECK(j["result"]["frequencies_hz"][1] != preset["result"]["frequencies_hz"][1]);

    // The latest version is used.
    dtop::test::writeBytes(file, profileText("stiff rig", 70000.0));
    REQUIRE(runDtop({"profile", "import", file, "--workspace", ws}).exitCode == 0);
    const auto frf = runDtop({"frf", "--profile", "stiff rig", "--workspace", ws, "--points", "3"});
    REQUIRE(frf.exitCode == 0);
    CHECK(json::parse(frf.out)["input"]["profile"]["stiffnesses_n_m"][1] == 70000.0);

    const auto unknown = runDtop({"modal", "--profile", "nothing", "--workspace", ws});
    CHECK(unknown.exitCode == 2);
    CHECK_THAT(unknown.err,
               Catch::Contains("unknown profile 'nothing'") && Catch::Contains("stiff rig"));
    // A workspace that does not exist is not created by a lookup.
    const auto none = runDtop({"modal", "--profile", "stiff rig", "--workspace",
                               dir.file("none.dtop")});
    CHECK(none.exitCode == 2);
    CHECK_FALSE(std::filesystem::exists(dir.file("none.dtop")));
}

TEST_CASE("Without --workspace the XDG data folder is used and created", "[cli]")
{
    TempDir dir;
    const std::string file = dir.file("lab.json");
    dtop::test::writeBytes(file, profileText("lab"));
    const std::string env = "XDG_DATA_HOME=" + dtop::test::shellQuote(dir.file("xdg"));
    auto r = runDtop({"profile", "list"}, env);
    REQUIRE(r.exitCode == 0);
    CHECK_FALSE(std::filesystem::exists(dir.file("xdg"))); // reading creates nothing
    r = runDtop({"profile", "import", file}, env);
    REQUIRE(r.exitCode == 0);
    const std::string expected = dir.file("xdg") + "/dtop/workspace.dtop";
    CHECK(json::parse(r.out)["workspace"] == expected);
    CHECK(std::filesystem::is_regular_file(expected));
    r = runDtop({"modal", "--profile", "lab"}, env);
    CHECK(r.exitCode == 0);
    r = runDtop({"profile", "list", "--format", "csv"}, env);
    CHECK_THAT(r.out, Catch::Contains("lab,saved,1,"));
}
