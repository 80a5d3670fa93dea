// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace dtop::test {

struct ProcessResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

inline std::string shellQuote(const std::string& s)
{
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

inline std::string slurp(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A path in the temporary directory, unique to this process, with nothing at it yet.
inline std::filesystem::path freshTempPath(const std::string& prefix, const std::string& name)
{
    const auto path = std::filesystem::temp_directory_path() /
                      (prefix + "_" + std::to_string(::getpid()) + "_" + name);
    std::filesystem::remove_all(path);
    return path;
}

// Runs the built dtop executable as a user would, stdout and stderr captured separately.
inline ProcessResult runDtop(const std::vector<std::string>& args, const std::string& env = {})
{
    static int counter = 0;
    const auto dir = std::filesystem::temp_directory_path() /
                     ("dtop_cli_test_" + std::to_string(::getpid()) + "_" +
                      std::to_string(counter++));
    std::filesystem::create_directories(dir);
    std::string command = env + (env.empty() ? "" : " ") + shellQuote(DTOP_EXECUTABLE);
    for (const auto& a : args)
        command += " " + shellQuote(a);
    command += " >" + shellQuote((dir / "out").string()) + " 2>" + shellQuote((dir / "err").string());
    const int status = std::system(command.c_str());
    ProcessResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir / "out");
    r.err = slurp(dir / "err");
    std::filesystem::remove_all(dir);
    return r;
}

} // namespace dtop::test
