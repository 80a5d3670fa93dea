// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop workspace backup|verify|restore|backups` end to end, and the automatic backup.
#include "../core/workspace_test_support.h"
#include "run_dtop.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using dtop::test::runDtop;
using dtop::test::TempDir;
using nlohmann::json;

namespace {

// Imports a profile (named `lab`, k1 = `k1`) as a new version.
void importProfile(const TempDir& dir, const std::string& ws, double k1)
{
    const auto shown = runDtop({"profile", "export", "southampton-lpm"});
    REQUIRE(shown.exitCode == 0);
    json profile = json::parse(shown.out);
    profile["name"] = "lab";
    profile["stiffnesses_n_m"][0] = k1;
    const std::string file = dir.file("lab.json");
    dtop::test::writeBytes(file, profile.dump());
    REQUIRE(runDtop({"profile", "import", file, "--workspace", ws}).exitCode == 0);
}

void damagePage(const std::string& path)
{
    std::string bytes = dtop::test::readBytes(path);
    REQUIRE(bytes.size() >= 4 * 4096);
    for (std::size_t i = 2 * 4096; i < 3 * 4096; ++i)
        bytes[i] = static_cast<char>(0xA5);
    dtop::test::writeBytes(path, bytes);
}

} // namespace

TEST_CASE("dtop workspace backup, verify and restore bring a damaged workspace back",
          "[cli][workspace]")
{
    TempDir dir;
    const std::string ws = dir.file("ws.dtop");
    for (int i = 0; i < 30; ++i)
        importProfile(dir, ws, 30000.0 + i);

    const auto backup = runDtop({"workspace", "backup", "--workspace", ws, "--keep", "3"});
    REQUIRE(backup.exitCode == 0);
    const std::string file = json::parse(backup.out)["backup"];
    CHECK(std::filesystem::exists(file));
    CHECK(runDtop({"workspace", "verify", file}).exitCode == 0);
    const auto verified = runDtop({"workspace", "verify", "--workspace", ws});
    CHECK(verified.exitCode == 0);
    CHECK(json::parse(verified.out)["ok"] == true);

    damagePage(ws);
    const auto bad = runDtop({"workspace", "verify", "--workspace", ws});
    CHECK(bad.exitCode == 3);
    CHECK_THAT(bad.err, Catch::Contains(ws) && Catch::Contains("damaged"));
    CHECK(runDtop({"profile", "history", "lab", "--workspace", ws}).exitCode == 3);

    const auto restored = runDtop({"workspace", "restore", "--workspace", ws});
    REQUIRE(restored.exitCode == 0);
    const json r = json::parse(restored.out);
    CHECK(r["restored_from"] == file);
    CHECK(std::filesystem::exists(r["previous_kept_as"].get<std::string>()));
    const auto history = runDtop({"profile", "history", "lab", "--workspace", ws});
    REQUIRE(history.exitCode == 0);
    CHECK(json::parse(history.out)["versions"].size() == 30);
}

TEST_CASE("dtop workspace refuses bad options and missing files by name", "[cli][workspace]")
{
    TempDir dir;
    const std::string ws = dir.file("ws.dtop");
    const auto keep = runDtop({"workspace", "backup", "--workspace", ws, "--keep", "0"});
    CHECK(keep.exitCode == 2);
    CHECK_THAT(keep.err, Catch::Contains("--keep"));
    const auto missing = runDtop({"workspace", "backup", "--workspace", ws});
    CHECK(missing.exitCode == 3);
    CHECK_THAT(missing.err, Catch::Contains(ws));
    const auto none = runDtop({"workspace", "restore", "--workspace", ws});
    CHECK(none.exitCode == 3);
    CHECK_THAT(none.err, Catch::Contains("no good backup"));
}

TEST_CASE("writing commands keep an automatic backup of the workspace", "[cli][workspace]")
{
    TempDir dir;
    const std::string ws = dir.file("ws.dtop");
    importProfile(dir, ws, 30000.0);
    const auto listed = runDtop({"workspace", "backups", "--workspace", ws});
    REQUIRE(listed.exitCode == 0);
    CHECK(json::parse(listed.out)["backups"].size() == 1);
}
