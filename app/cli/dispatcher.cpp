// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/dispatcher.h"

#include "cli/cli_errors.h"
#include "cli/command.h"
#include "dtop/version.h"

#include <exception>
#include <iomanip>

namespace dtop::cli {

namespace {

void printHelp(std::ostream& out)
{
    out << "Usage: dtop [command] [options]\n\n"
           "DTOP desktop " << kVersion << ": digital twin operational platform of a shear-building\n"
           "lab structure. Without a command, opens the application window.\n\nCommands:\n";
    for (const auto& c : commands())
        out << "  " << std::left << std::setw(12) << c.name << c.summary << '\n';
    out << "\nOptions:\n"
           "  --help, -h    show this help (dtop <command> --help: the command's options)\n"
           "  --version     print the version\n\n"
           "Window options (no command):\n"
           "  --workspace FILE     the workspace to open (default: application-data folder)\n"
           "  --tool ID            open this tool\n"
           "  --screenshot FILE    render the window to a PNG and exit (--size WxH)\n\n"
           "Exit status: 0 done, 2 invalid input (one line per bad field on stderr),\n"
           "3 unreadable or malformed file.\n";
}

} // namespace

Invocation dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    // No command, or only window options (--workspace, --tool, ...): open the window.
    if (args.empty() || (args.front().rfind("--", 0) == 0 && args.front() != "--help" &&
                         args.front() != "--version"))
        return {true, std::nullopt};
    const std::string& first = args.front();
    if (first == "--help" || first == "-h" || first == "help") {
        printHelp(out);
        return {false, kExitOk};
    }
    if (first == "--version") {
        out << "dtop " << kVersion << '\n';
        return {false, kExitOk};
    }
    for (const auto& command : commands()) {
        if (first != command.name)
            continue;
        CommandIo io{out, err};
        const std::vector<std::string> rest(args.begin() + 1, args.end());
        try {
            return {false, command.run(rest, io)};
        } catch (const UsageError& e) {
            for (const auto& line : e.lines())
                err << "dtop " << command.name << ": " << line << '\n';
            return {false, kExitInvalidInput};
        } catch (const FileError& e) {
            err << "dtop " << command.name << ": " << e.what() << '\n';
            return {false, kExitBadFile};
        } catch (const std::exception& e) {
            err << "dtop " << command.name << ": internal error: " << e.what() << '\n';
            return {false, 1};
        }
    }
    err << "dtop: unknown command '" << first << "'; run 'dtop --help' for the list\n";
    return {false, kExitInvalidInput};
}

} // namespace dtop::cli
