// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace dtop::cli {

// What main() should do with the command line.
struct Invocation {
    bool openWindow = false;     // no command: start the GUI
    std::optional<int> exitCode; // a command ran (or --help/--version/an error was printed)
};

// Runs `dtop <command> [options]` headless, or says that the window should open.
// args excludes argv[0]; `outIsTerminal` says whether `out` is a terminal (JSON is then
// indented). Never throws.
Invocation dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                    bool outIsTerminal = false);

} // namespace dtop::cli
