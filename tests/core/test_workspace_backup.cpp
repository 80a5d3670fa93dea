// SPDX-License-Identifier: GPL-3.0-or-later
// Rotating backups of the workspace (SQLite online backup API), their verification and the
// way back from a damaged workspace to its newest good backup.
#include "io/workspace.h"
#include "io/workspace_backup.h"
#include "io/workspace_error.h"
#include "model/presets.h"
#include "workspace_test_support.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace dtop;
using dtop::io::Workspace;
using dtop::io::WorkspaceError;
using dtop::test::TempDir;

namespace {

model::Profile rig(const std::string& name, double k1)
{
    model::Profile p = *model::preset("southampton-lpm");
    p.name = name;
    p.stiffnesses[0] = k1;
    return p;
}

void saveVersions(const std::string& path, int count, double k1 = 30000.0)
{
    Workspace ws = Workspace::open(path);
    for (int i = 0; i < count; ++i)
        ws.saveProfile(rig("lab", k1 + i), "v" + std::to_string(i));
}

// Overwrites the third page of the file with garbage (a damage the integrity check finds).
void damagePage(const std::string& path)
{
    std::string bytes = test::readBytes(path);
    REQUIRE(bytes.size() >= 4 * 4096);
    for (std::size_t i = 2 * 4096; i < 3 * 4096; ++i)
        bytes[i] = static_cast<char>(0xA5);
    test::writeBytes(path, bytes);
}

} // namespace

TEST_CASE("A backup is a complete workspace that verifies, made while the workspace is open",
          "[workspace][backup]")
{
    TempDir dir;
    const std::string path = dir.file("ws.dtop");
    Workspace open = Workspace::open(path);
    open.saveProfile(rig("lab", 30000.0), "first");
    open.saveProfile(rig("lab", 31000.0), "second");

    const std::string backup = io::backupWorkspace(path);
    CHECK(std::filesystem::path(backup).parent_path() == std::filesystem::path(path + ".backups"));
    CHECK(io::verifyWorkspaceFile(backup).empty());
    CHECK(io::listBackups(path) == std::vector<std::string>{backup});
    // Self-contained: no journal beside it, opened as a workspace of its own.
    CHECK_FALSE(std::filesystem::exists(backup + "-wal"));
    Workspace copy = Workspace::open(backup);
    const auto history = copy.profileHistory("lab");
    REQUIRE(history.size() == 2);
    CHECK(history[1].profile.stiffnesses[0] == 31000.0);
    // The original kept working meanwhile.
    open.saveProfile(rig("lab", 32000.0), "third");
    CHECK(open.profileHistory("lab").size() == 3);
}

TEST_CASE("Backups rotate: the newest K are kept, oldest first in the list", "[workspace][backup]")
{
    TempDir dir;
    const std::string path = dir.file("ws.dtop");
    std::vector<std::string> made;
    for (int i = 0; i < 4; ++i) {
        saveVersions(path, 1, 30000.0 + 100 * i);
        made.push_back(io::backupWorkspace(path, 2));
    }
    CHECK(io::listBackups(path) == std::vector<std::string>{made[2], made[3]});
    CHECK(Workspace::open(made[3]).profileHistory("lab").size() == 4);
    CHECK(Workspace::open(made[2]).profileHistory("lab").size() == 3);
}

TEST_CASE("A damaged workspace is found by verify, never backed up, and restored from the "
          "newest good backup with the damaged file kept",
          "[workspace][backup]")
{
    TempDir dir;
    const std::string path = dir.file("ws.dtop");
    saveVersions(path, 40); // several pages
    const std::string good = io::backupWorkspace(path);
    damagePage(path);

    const auto problems = io::verifyWorkspaceFile(path);
    REQUIRE_FALSE(problems.empty());
    CHECK_THAT(problems.front(), Catch::Contains(path) && Catch::Contains("damaged"));
    CHECK_THROWS_AS(io::backupWorkspace(path), WorkspaceError);
    CHECK(io::listBackups(path) == std::vector<std::string>{good}); // the good one survives

    const std::string damagedBytes = test::readBytes(path);
    REQUIRE(io::latestGoodBackup(path) == good);
    const auto restored = io::restoreWorkspace(path, good);
    CHECK(restored.restoredFrom == good);
    CHECK(test::readBytes(restored.previousKeptAs) == damagedBytes);
    CHECK(io::verifyWorkspaceFile(path).empty());
    CHECK(Workspace::open(path).profileHistory("lab").size() == 40);
    // The file kept aside is not mistaken for a backup.
    CHECK(io::listBackups(path) == std::vector<std::string>{good});
}

TEST_CASE("A damaged backup is skipped and never restored", "[workspace][backup]")
{
    TempDir dir;
    const std::string path = dir.file("ws.dtop");
    saveVersions(path, 40);
    const std::string older = io::backupWorkspace(path);
    saveVersions(path, 1, 50000.0);
    const std::string newer = io::backupWorkspace(path);
    damagePage(newer);

    CHECK_FALSE(io::verifyWorkspaceFile(newer).empty());
    CHECK(io::latestGoodBackup(path) == older);
    const std::string before = test::readBytes(path);
    CHECK_THROWS_AS(io::restoreWorkspace(path, newer), WorkspaceError);
    CHECK(test::readBytes(path) == before);
}

TEST_CASE("verify names what is wrong with a file that is no workspace", "[workspace][backup]")
{
    TempDir dir;
    test::writeBytes(dir.file("text.dtop"), "hello, not a database\n");
    const auto problems = io::verifyWorkspaceFile(dir.file("text.dtop"));
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems.front(), Catch::Contains("not an SQLite 3 database"));
    CHECK_FALSE(io::verifyWorkspaceFile(dir.file("missing.dtop")).empty());
    CHECK(io::listBackups(dir.file("missing.dtop")).empty());
}

TEST_CASE("The automatic backup is due with no backup, then after every N records",
          "[workspace][backup]")
{
    TempDir dir;
    const std::string path = dir.file("ws.dtop");
    saveVersions(path, 1);
    const auto first = io::backupIfDue(path, 5);
    REQUIRE(first);
    CHECK_FALSE(io::backupIfDue(path, 5));
    saveVersions(path, 4);
    CHECK_FALSE(io::backupIfDue(path, 5)); // 4 records since the backup
    saveVersions(path, 1);
    const auto second = io::backupIfDue(path, 5);
    REQUIRE(second);
    CHECK(io::listBackups(path) == std::vector<std::string>{*first, *second});
    CHECK(Workspace::open(*second).profileHistory("lab").size() == 6);
}
