// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/workspace_inspection.h"

#include "dtop/version.h"
#include "io/sqlite_connection.h"
#include "io/sqlite_statement.h"
#include "io/workspace_error.h"
#include "io/workspace_schema.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace fs = std::filesystem;

namespace dtop::io {

namespace {

constexpr char kSqliteMagic[] = "SQLite format 3"; // followed by a NUL: 16 bytes
constexpr std::size_t kHeaderSize = 100;

[[noreturn]] void fail(WorkspaceProblem problem, const std::string& message)
{
    throw WorkspaceError(problem, message);
}

std::uint32_t bigEndian32(const unsigned char* p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}

std::string hex32(std::uint32_t value)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "0x%08X", value);
    return buffer;
}

fs::path folderOf(const std::string& path)
{
    const fs::path parent = fs::path(path).parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

void checkFolderWritable(const std::string& path, const char* action)
{
    const fs::path folder = folderOf(path);
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        fail(WorkspaceProblem::NotAFile, std::string("cannot ") + action + " workspace " + path +
                                             ": folder " + folder.string() + " does not exist");
    if (::access(folder.c_str(), W_OK) != 0)
        fail(WorkspaceProblem::ReadOnly,
             std::string("cannot ") + action + " workspace " + path + ": folder " +
                 folder.string() + " is not writable (SQLite keeps its journal beside the file)");
}

// Reads the 100-byte database header; the file is known to be non-empty.
void checkHeader(const std::string& path, std::uintmax_t size)
{
    std::ifstream in(path, std::ios::binary);
    std::array<unsigned char, kHeaderSize> header{};
    in.read(reinterpret_cast<char*>(header.data()), kHeaderSize);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (!in && got == 0)
        fail(WorkspaceProblem::Unreadable, "cannot read workspace " + path + ": read error");
    const std::size_t magicLength = sizeof kSqliteMagic; // including the NUL
    const std::size_t compared = std::min(got, magicLength);
    const bool magicMatches = std::memcmp(header.data(), kSqliteMagic, compared) == 0;
    if (!magicMatches)
        fail(WorkspaceProblem::NotSqlite,
             path + " is not a DTOP workspace: it is not an SQLite 3 database (its first bytes "
                    "are not \"SQLite format 3\")");
    if (got < kHeaderSize)
        fail(WorkspaceProblem::Corrupt, "workspace " + path + " is truncated: " +
                                            std::to_string(size) +
                                            " bytes, shorter than an SQLite header");

    std::uint32_t pageSize = (std::uint32_t(header[16]) << 8) | header[17];
    if (pageSize == 1)
        pageSize = 65536;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
        fail(WorkspaceProblem::Corrupt, "workspace " + path +
                                            " is damaged: invalid page size " +
                                            std::to_string(pageSize) + " in its header");
    // The header's page count is valid when "version-valid-for" equals the change counter.
    const std::uint32_t changeCounter = bigEndian32(&header[24]);
    const std::uint32_t pageCount = bigEndian32(&header[28]);
    const std::uint32_t validFor = bigEndian32(&header[92]);
    std::error_code ec;
    const auto walSize = fs::file_size(path + "-wal", ec);
    const bool walHasFrames = !ec && walSize > 0;
    if (validFor == changeCounter && pageCount > 0 && !walHasFrames) {
        const std::uintmax_t expected = std::uintmax_t(pageCount) * pageSize;
        if (size < expected)
            fail(WorkspaceProblem::Corrupt,
                 "workspace " + path + " is truncated: " + std::to_string(size) +
                     " bytes, but its header says " + std::to_string(pageCount) + " pages of " +
                     std::to_string(pageSize) + " bytes (" + std::to_string(expected) + ")");
    }
    if (size % pageSize != 0 && !walHasFrames)
        fail(WorkspaceProblem::Corrupt, "workspace " + path + " is truncated: " +
                                            std::to_string(size) +
                                            " bytes is not a whole number of " +
                                            std::to_string(pageSize) + "-byte pages");
}

std::string joinNames(const std::vector<std::string>& names)
{
    std::string text;
    for (const auto& n : names)
        text += (text.empty() ? "" : ", ") + n;
    return text.empty() ? "none" : text;
}

// The read-only look inside: application id, schema version, tables, integrity.
WorkspaceFileState inspectDatabase(const std::string& path)
{
    // Without a -wal or -journal file the main file is complete and nobody is writing it, so
    // it can be read "immutable": SQLite then creates no -wal/-shm files beside a file that
    // may not be ours. Otherwise a normal read-only connection sees the journal's pages.
    std::error_code ec;
    const bool journals =
        fs::exists(path + "-wal", ec) || fs::exists(path + "-journal", ec);
    SqliteConnection db(path, journals ? SqliteConnection::Mode::ReadOnly
                                       : SqliteConnection::Mode::ReadOnlyImmutable);
    const auto applicationId = static_cast<std::uint32_t>(db.queryInt("PRAGMA application_id"));
    const long long version = db.queryInt("PRAGMA user_version");
    std::vector<std::string> tables;
    {
        SqliteStatement statement(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                      "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
        while (statement.step())
            tables.push_back(statement.columnText(0));
    }
    const auto ourId = static_cast<std::uint32_t>(workspace_schema::kApplicationId);

    WorkspaceFileState state;
    state.exists = true;
    if (tables.empty() && version == 0 && (applicationId == 0 || applicationId == ourId)) {
        state.fresh = true; // an SQLite file nobody has put anything in yet
        return state;
    }
    if (applicationId != ourId)
        fail(WorkspaceProblem::NotAWorkspace,
             path + " is an SQLite database of another application, not a DTOP workspace (" +
                 (applicationId == 0 ? std::string("no application id")
                                     : "application id " + hex32(applicationId)) +
                 "; tables: " + joinNames(tables) + ")");
    const int current = workspace_schema::currentVersion();
    if (version > current)
        fail(WorkspaceProblem::NewerVersion,
             "workspace " + path + " was written by a newer DTOP (schema version " +
                 std::to_string(version) + "; DTOP " + kVersion + " reads versions up to " +
                 std::to_string(current) + "). It has not been changed; open it with a newer "
                 "DTOP or choose another workspace file");
    if (version < 0)
        fail(WorkspaceProblem::Corrupt, "workspace " + path + " is damaged: invalid schema "
                                                              "version " +
                                            std::to_string(version));
    const auto& known = workspace_schema::knownTables();
    for (const auto& t : tables)
        if (std::find(known.begin(), known.end(), t) == known.end())
            fail(WorkspaceProblem::NotAWorkspace,
                 path + " is not a DTOP workspace: it has a table '" + t +
                     "' that no DTOP workspace has");
    if (version == current)
        for (const auto& t : workspace_schema::currentTables())
            if (std::find(tables.begin(), tables.end(), t) == tables.end())
                fail(WorkspaceProblem::Corrupt,
                     "workspace " + path + " is damaged: its table '" + t + "' is missing");

    // Pages beyond a truncation or overwritten with garbage show up here.
    SqliteStatement check(db, "PRAGMA quick_check");
    if (check.step()) {
        const std::string first = check.columnText(0);
        if (first != "ok")
            fail(WorkspaceProblem::Corrupt, "workspace " + path + " is damaged: " + first);
    }
    state.schemaVersion = static_cast<int>(version);
    return state;
}

} // namespace

WorkspaceFileState inspectWorkspaceFile(const std::string& path)
{
    if (path.empty())
        fail(WorkspaceProblem::NotAFile, "no workspace file given (empty path)");
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec && status.type() != fs::file_type::not_found)
        fail(WorkspaceProblem::NotAFile, "cannot open workspace " + path + ": " + ec.message());
    if (status.type() == fs::file_type::not_found) {
        checkFolderWritable(path, "create");
        return {false, true, 0};
    }
    if (status.type() == fs::file_type::directory)
        fail(WorkspaceProblem::NotAFile,
             path + " is a folder, not a workspace file (give a file name inside it)");
    if (status.type() != fs::file_type::regular)
        fail(WorkspaceProblem::NotAFile, path + " is not a regular file, so not a workspace");
    // Permission bits are honoured even where access() would let root through: a file
    // somebody marked read-only is not for DTOP to write.
    const auto perms = status.permissions();
    const auto anyRead = fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read;
    const auto anyWrite =
        fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write;
    if (::access(path.c_str(), R_OK) != 0 || (perms & anyRead) == fs::perms::none)
        fail(WorkspaceProblem::Unreadable,
             "cannot read workspace " + path + ": permission denied");
    if (::access(path.c_str(), W_OK) != 0 || (perms & anyWrite) == fs::perms::none)
        fail(WorkspaceProblem::ReadOnly,
             "workspace " + path +
                 " is read-only; DTOP saves profiles and run records in it, so it must be "
                 "writable");
    checkFolderWritable(path, "open");
    return inspectWorkspaceContent(path);
}

WorkspaceFileState inspectWorkspaceContent(const std::string& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        fail(WorkspaceProblem::NotAFile, path + " is not a regular file, so not a workspace");
    if (::access(path.c_str(), R_OK) != 0)
        fail(WorkspaceProblem::Unreadable, "cannot read workspace " + path + ": permission denied");
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec)
        fail(WorkspaceProblem::Unreadable, "cannot read workspace " + path + ": " + ec.message());
    if (size == 0)
        return {true, true, 0};
    checkHeader(path, size);
    try {
        return inspectDatabase(path);
    } catch (const SqliteError& e) {
        switch (e.primaryCode()) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_FORMAT:
            fail(WorkspaceProblem::Corrupt, "workspace " + path + " is damaged: " + e.what());
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            fail(WorkspaceProblem::Unreadable,
                 "workspace " + path + " is locked by another program: " + e.what());
        default:
            fail(WorkspaceProblem::Unreadable,
                 "cannot read workspace " + path + ": " + e.what());
        }
    }
}

} // namespace dtop::io
