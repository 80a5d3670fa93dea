// SPDX-License-Identifier: GPL-3.0-or-later
// A workspace file that is not one is reported and left byte for byte as it was; a failed or
// interrupted write leaves the previous content; migrations are all or nothing.
#include "io/sqlite_connection.h"
#include "io/sqlite_transaction.h"
#include "io/workspace.h"
#include "io/workspace_schema.h"
#include "model/presets.h"
#include "workspace_test_support.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <random>

using namespace dtop;
using dtop::io::Workspace;
using dtop::io::WorkspaceError;
using dtop::io::WorkspaceProblem;
using dtop::test::FileSnapshot;
using dtop::test::RawDb;
using dtop::test::TempDir;

namespace {

model::Profile rig(const std::string& name, double k1)
{
    model::Profile p = *model::preset("southampton-lpm");
    p.name = name;
    p.stiffnesses[0] = k1;
    return p;
}

// A closed (checkpointed) workspace with a few pages of content.
void makeWorkspace(const std::string& path)
{
    Workspace ws = Workspace::open(path);
    ws.saveProfile(rig("lab", 30000.0), "first");
    ws.saveProfile(rig("lab", 31000.0), "second");
    ws.addDataset({"frf", {{"rig", "southampton"}}, std::string(40000, 'x'), "frf.csv", {}});
    io::RunRecord run;
    run.tool = "modal";
    run.input = {{"a", 1}};
    ws.recordRun(run);
}

std::vector<std::string> folderEntries(const std::filesystem::path& folder)
{
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(folder))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// open() must throw a WorkspaceError of `problem` whose message names the file and contains
// `words`, and must leave the file (bytes and mtime) and its folder exactly as they were.
void requireRejected(const std::string& path, WorkspaceProblem problem, const std::string& words)
{
    const FileSnapshot before(path);
    const auto folder = std::filesystem::path(path).parent_path();
    const auto entriesBefore = folderEntries(folder);
    try {
        Workspace::open(path);
        FAIL("accepted " << path);
    } catch (const WorkspaceError& e) {
        INFO(e.what());
        CHECK(workspaceProblemName(e.problem()) == std::string(workspaceProblemName(problem)));
        CHECK_THAT(e.what(), Catch::Contains(path) && Catch::Contains(words));
    }
    CHECK(before.sameAs(path));
    CHECK(folderEntries(folder) == entriesBefore);
}

} // namespace

TEST_CASE("Random bytes and text are not workspaces and are not touched", "[workspace]")
{
    TempDir dir;
    std::mt19937_64 random(20240531);
    for (std::size_t size : {1u, 15u, 99u, 100u, 4096u, 65536u}) {
        std::string bytes(size, '\0');
        for (auto& b : bytes)
            b = static_cast<char>(random() & 0xff);
        const std::string path = dir.file("random" + std::to_string(size) + ".dtop");
        test::writeBytes(path, bytes);
        requireRejected(path, WorkspaceProblem::NotSqlite, "not an SQLite 3 database");
    }
    const std::string text = dir.file("notes.txt");
    test::writeBytes(text, "m1,m2,m3\n5,5,5\n");
    requireRejected(text, WorkspaceProblem::NotSqlite, "not a DTOP workspace");
}

TEST_CASE("A truncated or damaged workspace is reported and not touched", "[workspace]")
{
    TempDir dir;
    const std::string good = dir.file("good.dtop");
    makeWorkspace(good);
    REQUIRE_FALSE(std::filesystem::exists(good + "-wal")); // closed: all in the main file
    const std::string bytes = test::readBytes(good);
    REQUIRE(bytes.size() >= 8 * 4096);

    for (std::size_t cut : {std::size_t{10}, std::size_t{64}, std::size_t{100}, std::size_t{1000},
                            std::size_t{4096}, bytes.size() / 2, bytes.size() - 4096,
                            bytes.size() - 1}) {
        INFO("cut at " << cut);
        const std::string path = dir.file("cut" + std::to_string(cut) + ".dtop");
        test::writeBytes(path, bytes.substr(0, cut));
        requireRejected(path, WorkspaceProblem::Corrupt, "truncated");
    }

    // A page in the middle overwritten with garbage: the integrity check finds it.
    std::string damaged = bytes;
    for (std::size_t i = 2 * 4096; i < 3 * 4096; ++i)
        damaged[i] = static_cast<char>(0xA5);
    const std::string path = dir.file("damaged.dtop");
    test::writeBytes(path, damaged);
    requireRejected(path, WorkspaceProblem::Corrupt, "damaged");

    // The original still opens and has its content.
    Workspace ws = Workspace::open(good);
    CHECK(ws.profileHistory("lab").size() == 2);
}

TEST_CASE("SQLite databases of other applications are not workspaces", "[workspace]")
{
    TempDir dir;
    const std::string plain = dir.file("addresses.sqlite");
    {
        RawDb raw(plain);
        raw.exec("CREATE TABLE contacts (name TEXT, phone TEXT);"
                 "INSERT INTO contacts VALUES ('Ada', '123');");
    }
    requireRejected(plain, WorkspaceProblem::NotAWorkspace,
                    "another application, not a DTOP workspace (no application id; tables: "
                    "contacts)");

    const std::string other = dir.file("other.db");
    {
        RawDb raw(other);
        raw.exec("PRAGMA application_id = 305419896; PRAGMA journal_mode = WAL;"
                 "CREATE TABLE profiles (x);");
    }
    requireRejected(other, WorkspaceProblem::NotAWorkspace, "application id 0x12345678");

    // Our id but a table no workspace has.
    const std::string extra = dir.file("extra.dtop");
    makeWorkspace(extra);
    {
        RawDb raw(extra);
        raw.exec("CREATE TABLE extras (x)");
        raw.exec("PRAGMA journal_mode = DELETE");
    }
    requireRejected(extra, WorkspaceProblem::NotAWorkspace, "table 'extras'");

    // Our id, current version, a table missing.
    const std::string missing = dir.file("missing.dtop");
    makeWorkspace(missing);
    {
        RawDb raw(missing);
        raw.exec("DROP TABLE runs");
    }
    requireRejected(missing, WorkspaceProblem::Corrupt, "table 'runs' is missing");
}

TEST_CASE("A workspace from a newer DTOP is refused and not touched", "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("future.dtop");
    makeWorkspace(path);
    {
        RawDb raw(path);
        raw.exec("PRAGMA user_version = 99");
    }
    requireRejected(path, WorkspaceProblem::NewerVersion, "schema version 99");
}

TEST_CASE("Read-only, unreadable files, folders and missing folders are reported", "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("ro.dtop");
    makeWorkspace(path);
    std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::group_read |
                                           std::filesystem::perms::others_read);
    requireRejected(path, WorkspaceProblem::ReadOnly, "read-only");

    // A read-only 0-byte file is not silently turned into a workspace either.
    const std::string empty = dir.file("ro-empty.dtop");
    test::writeBytes(empty, "");
    std::filesystem::permissions(empty, std::filesystem::perms::owner_read);
    requireRejected(empty, WorkspaceProblem::ReadOnly, "read-only");

    const std::string hidden = dir.file("hidden.dtop");
    makeWorkspace(hidden);
    std::filesystem::permissions(hidden, std::filesystem::perms::none);
    requireRejected(hidden, WorkspaceProblem::Unreadable, "cannot read");
    std::filesystem::permissions(hidden, std::filesystem::perms::owner_all);

    const std::string folder = dir.file("a-folder");
    std::filesystem::create_directories(folder);
    try {
        Workspace::open(folder);
        FAIL("a folder was opened");
    } catch (const WorkspaceError& e) {
        CHECK(e.problem() == WorkspaceProblem::NotAFile);
        CHECK_THAT(e.what(), Catch::Contains(folder) && Catch::Contains("is a folder"));
    }
    CHECK(std::filesystem::is_empty(folder));

    const std::string nowhere = dir.file("no/such/folder/ws.dtop");
    try {
        Workspace::open(nowhere);
        FAIL("a file in a missing folder was created");
    } catch (const WorkspaceError& e) {
        CHECK(e.problem() == WorkspaceProblem::NotAFile);
        CHECK_THAT(e.what(), Catch::Contains(nowhere) && Catch::Contains("does not exist"));
    }
    CHECK_FALSE(std::filesystem::exists(dir.file("no")));
}

TEST_CASE("A failed write rolls back and leaves the previous data intact", "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("ws.dtop");
    makeWorkspace(path);
    {
        // Fail the second statement of a save (the version row) after the first (the name row)
        // has succeeded, and the insert of a dataset and of a run.
        RawDb raw(path);
        raw.exec("CREATE TRIGGER inject_version BEFORE INSERT ON profile_versions "
                 "WHEN NEW.name = 'boom' OR NEW.version = 3 "
                 "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
                 "CREATE TRIGGER inject_dataset BEFORE INSERT ON datasets "
                 "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
                 "CREATE TRIGGER inject_run BEFORE INSERT ON runs "
                 "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
    }
    {
        Workspace ws = Workspace::open(path);
        CHECK_THROWS_WITH(ws.saveProfile(rig("boom", 1.0), "new name"),
                          Catch::Contains("injected failure"));
        CHECK_THROWS(ws.saveProfile(rig("lab", 32000.0), "third"));
        CHECK_THROWS(ws.addDataset({"other", {}, "x", "x.csv", {}}));
        io::RunRecord run;
        run.tool = "frf";
        CHECK_THROWS(ws.recordRun(run));

        // Still usable and unchanged.
        CHECK_FALSE(ws.latestProfile("boom"));
        CHECK(ws.latestProfile("lab")->version == 2);
        CHECK(ws.latestProfile("lab")->profile.stiffnesses[0] == 31000.0);
        CHECK(ws.datasets().size() == 1);
        CHECK(ws.runs().size() == 1);
        CHECK(ws.saveProfile(rig("fine", 1.0), "").version == 1);
    }
    RawDb raw(path);
    CHECK(raw.integer("SELECT count(*) FROM profiles WHERE name = 'boom'") == 0); // rolled back
    CHECK(raw.integer("SELECT count(*) FROM profile_versions") == 3);
    CHECK(raw.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("A process killed in the middle of a write leaves the workspace as it was",
          "[workspace]")
{
    TempDir dir;
    const std::string path = dir.file("ws.dtop");
    makeWorkspace(path);
    Workspace keeper = Workspace::open(path); // keeps the WAL from being checkpointed away

    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // A large uncommitted insert spills pages into the WAL, then the process dies.
        RawDb raw(path);
        raw.exec("PRAGMA cache_size = 8; BEGIN IMMEDIATE;"
                 "INSERT INTO datasets VALUES ('half', '{}', hex(randomblob(4000000)), 'h.csv', "
                 "'2025-01-01T00:00:00.000Z');"
                 "INSERT INTO profiles VALUES ('ghost', 'x');");
        ::_exit(0); // no COMMIT, no close
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(std::filesystem::file_size(path + "-wal") > 1000000); // the write had reached disk

    CHECK(keeper.datasets().size() == 1);
    Workspace ws = Workspace::open(path);
    CHECK_FALSE(ws.dataset("half"));
    CHECK_FALSE(ws.latestProfile("ghost"));
    CHECK(ws.profileHistory("lab").size() == 2);
    ws.addDataset({"after", {}, "ok", "after.csv", {}});
    CHECK(ws.datasets().size() == 2);
    RawDb raw(path);
    CHECK(raw.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("Migrations run in order, set user_version, and roll back together", "[workspace]")
{
    using io::SqliteConnection;
    using io::workspace_schema::Migration;
    TempDir dir;
    const std::string path = dir.file("ws.dtop");
    makeWorkspace(path);
    REQUIRE(io::workspace_schema::currentVersion() == 1);
    const Migration first = io::workspace_schema::migrations()[0];

    SECTION("a later migration is one function appended to the list")
    {
        const Migration second = [](SqliteConnection& db) {
            db.exec("ALTER TABLE runs ADD COLUMN duration_s REAL NOT NULL DEFAULT 0");
        };
        const std::vector<Migration> list = {first, second};
        SqliteConnection db(path, SqliteConnection::Mode::ReadWrite);
        io::SqliteTransaction transaction(db);
        io::workspace_schema::migrate(db, 1, list);
        transaction.commit();
        CHECK(db.queryInt("PRAGMA user_version") == 2);
        CHECK(db.queryInt("SELECT count(*) FROM runs WHERE duration_s = 0") == 1);
        CHECK(db.queryInt("SELECT count(*) FROM profile_versions") == 2);
        CHECK(db.queryInt("PRAGMA application_id") == io::workspace_schema::kApplicationId);
    }
    SECTION("a migration that fails half-way leaves the file at the old version")
    {
        const Migration failing = [](SqliteConnection& db) {
            db.exec("ALTER TABLE runs ADD COLUMN duration_s REAL");
            db.exec("INSERT INTO no_such_table VALUES (1)");
        };
        const std::vector<Migration> list = {first, failing};
        SqliteConnection db(path, SqliteConnection::Mode::ReadWrite);
        {
            io::SqliteTransaction transaction(db);
            CHECK_THROWS_AS(io::workspace_schema::migrate(db, 1, list), io::SqliteError);
        }
        CHECK(db.queryInt("PRAGMA user_version") == 1);
        CHECK(db.queryInt("SELECT count(*) FROM pragma_table_info('runs') "
                          "WHERE name = 'duration_s'") == 0);
        Workspace ws = Workspace::open(path);
        CHECK(ws.profileHistory("lab").size() == 2);
    }
    SECTION("from version 0 every migration runs")
    {
        const std::string fresh = dir.file("fresh.dtop");
        SqliteConnection db(fresh, SqliteConnection::Mode::ReadWriteCreate);
        io::SqliteTransaction transaction(db);
        io::workspace_schema::migrate(db, 0, io::workspace_schema::migrations());
        transaction.commit();
        CHECK(db.queryInt("PRAGMA user_version") == 1);
        CHECK(db.queryInt("SELECT count(*) FROM sqlite_master WHERE type = 'table'") ==
              static_cast<long long>(io::workspace_schema::currentTables().size()));
    }
}
