// SPDX-License-Identifier: GPL-3.0-or-later
// Every fuzz fixture (tests/data/fuzz/<target>/) given to the command that reads that kind of
// input, as a user would: it is accepted (exit 0) or refused with exit 2 / 3 and a message —
// never "internal error", a crash or a hang.
#include "../core/workspace_test_support.h"
#include "run_dtop.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <map>

namespace fs = std::filesystem;
using dtop::test::runDtop;
using dtop::test::TempDir;

namespace {

using Command = std::function<std::vector<std::string>(const fs::path& fixture, const TempDir&)>;

std::string datasetFormat(const std::string& target)
{
    std::string format = target.substr(std::string("dataset_").size());
    std::replace(format.begin(), format.end(), '_', '-');
    return format;
}

// The command line that reads each target's kind of input (UFF files through `dtop dataset
// import`; the JSON inputs of the tools have no command on their own: dtop_fuzz_fixture_tests
// replays those).
std::map<std::string, Command> commandsByTarget()
{
    std::map<std::string, Command> commands;
    for (const std::string target : {"dataset_auto", "dataset_dtop_csv", "dataset_cristallo_complex",
                                     "dataset_cristallo_db", "dataset_cristallo_time_history"})
        commands[target] = [target](const fs::path& f, const TempDir& dir) {
            return std::vector<std::string>{"dataset", "import", f.string(), "--input-format",
                                            datasetFormat(target), "--workspace",
                                            dir.file("ws.dtop")};
        };
    commands["uff"] = [](const fs::path& f, const TempDir& dir) {
        return std::vector<std::string>{"dataset", "import", f.string(), "--input-format", "uff",
                                        "--workspace", dir.file("ws.dtop")};
    };
    commands["profile_json"] = [](const fs::path& f, const TempDir& dir) {
        return std::vector<std::string>{"profile", "import", f.string(), "--workspace",
                                        dir.file("ws.dtop")};
    };
    commands["time_series_csv"] = [](const fs::path& f, const TempDir&) {
        return std::vector<std::string>{"simulate", "--base-record", f.string(), "--duration",
                                        "0.5", "--format", "json"};
    };
    commands["workspace"] = [](const fs::path& f, const TempDir& dir) {
        fs::copy_file(f, dir.file("copy.dtop"), fs::copy_options::overwrite_existing);
        return std::vector<std::string>{"dataset", "list", "--workspace", dir.file("copy.dtop")};
    };
    commands["comma_list"] = [](const fs::path& f, const TempDir&) {
        return std::vector<std::string>{"modal", "--mass", dtop::test::slurp(f)};
    };
    return commands;
}

} // namespace

TEST_CASE("no fuzz fixture reaches an internal error through the command line", "[cli][fuzz]")
{
    const fs::path root = fs::path(DTOP_TEST_DATA_DIR) / "fuzz";
    const auto commands = commandsByTarget();
    std::size_t runs = 0;
    for (const auto& [target, command] : commands) {
        if (!fs::is_directory(root / target))
            continue;
        for (const auto& entry : fs::directory_iterator(root / target)) {
            const std::string bytes = dtop::test::slurp(entry.path());
            if (target == "comma_list" && bytes.find('\0') != std::string::npos)
                continue; // a command-line argument cannot hold a NUL byte
            TempDir dir;
            const auto r = runDtop(command(entry.path(), dir));
            INFO(entry.path().string() << "\nexit " << r.exitCode << "\n" << r.err);
            CHECK((r.exitCode == 0 || r.exitCode == 2 || r.exitCode == 3));
            CHECK(r.err.find("internal error") == std::string::npos);
            ++runs;
        }
    }
    CHECK(runs > 0);
}

TEST_CASE("a fuzzed dataset manifest in the data folder is refused with a message", "[cli][fuzz]")
{
    const fs::path dir = fs::path(DTOP_TEST_DATA_DIR) / "fuzz" / "manifest";
    REQUIRE(fs::is_directory(dir));
    for (const auto& entry : fs::directory_iterator(dir)) {
        TempDir data;
        fs::copy_file(entry.path(), data.path() / "manifest.json");
        const auto r = runDtop({"dataset", "list", "--workspace", data.file("ws.dtop")},
                               "DTOP_DATA_DIR=" + dtop::test::shellQuote(data.path().string()));
        INFO(entry.path().string() << "\nexit " << r.exitCode << "\n" << r.err);
        CHECK((r.exitCode == 0 || r.exitCode == 3));
        CHECK(r.err.find("internal error") == std::string::npos);
    }
}
