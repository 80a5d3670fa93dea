// SPDX-License-Identifier: GPL-3.0-or-later
// Temporary folders, byte-and-mtime snapshots and raw SQLite access for the workspace tests.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace dtop::test {

// A fresh folder under the system temp folder, removed with everything in it.
class TempDir {
public:
    TempDir()
    {
        static int counter = 0;
        m_path = std::filesystem::temp_directory_path() /
                 ("dtop_ws_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::permissions(m_path, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, ec);
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

inline std::string readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void writeBytes(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The bytes and modification time of a file, to prove that nothing touched it.
struct FileSnapshot {
    std::string bytes;
    std::filesystem::file_time_type mtime;
    explicit FileSnapshot(const std::string& path)
        : bytes(readBytes(path)), mtime(std::filesystem::last_write_time(path))
    {
    }
    bool sameAs(const std::string& path) const
    {
        return readBytes(path) == bytes && std::filesystem::last_write_time(path) == mtime;
    }
};

// Raw SQLite on a file, for building foreign, future or damaged files and for peeking.
class RawDb {
public:
    explicit RawDb(const std::string& path)
    {
        if (sqlite3_open(path.c_str(), &m_db) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path);
    }
    ~RawDb() { sqlite3_close(m_db); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;
    void exec(const std::string& sql)
    {
        char* message = nullptr;
        if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            const std::string text = message ? message : "?";
            sqlite3_free(message);
            throw std::runtime_error(text + " in: " + sql);
        }
    }
    // Returns false (and the message) instead of throwing.
    bool tryExec(const std::string& sql, std::string& error)
    {
        char* message = nullptr;
        const bool ok = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK;
        error = message ? message : "";
        sqlite3_free(message);
        return ok;
    }
    std::string text(const std::string& sql)
    {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
            throw std::runtime_error(sqlite3_errmsg(m_db));
        std::string result;
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
            result = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
        return result;
    }
    long long integer(const std::string& sql) { return std::stoll(text(sql)); }
    sqlite3* handle() { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

} // namespace dtop::test
