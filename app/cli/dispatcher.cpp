// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/dispatcher.h"

#include "cli/cli_errors.h"
#include "cli/command.h"
#include "dtop/version.h"
#include "tools/tool_descriptor.h"

#include <exception>
#include <functional>
#include <iomanip>

namespace dtop::cli {

namespace {

// Options that may stand before a command (`dtop --workspace W dataset import F`, as in
// `git -C DIR status`): they are handed to the command.
const char* const kSharedOptions[] = {"--workspace"};
// Options of the window only; with a command they are an error, not silently dropped.
const char* const kWindowValueOptions[] = {"--tool", "--size", "--screenshot", "--input"};
const char* const kWindowFlags[] = {"--startup-check"};

void printHelp(std::ostream& out)
{
    out << "Usage: dtop [--workspace FILE] [command] [options]\n\n"
           "DTOP desktop " << kVersion << ": digital twin operational platform of a shear-building\n"
           "lab structure. Without a command, opens the application window.\n\nCommands:\n";
    for (const tools::ToolDescriptor* tool : tools::registeredTools())
        for (const auto& c : tool->commands)
            out << "  " << std::left << std::setw(12) << c.name << c.summary << '\n';
    for (const auto& c : commands())
        out << "  " << std::left << std::setw(12) << c.name << c.summary << '\n';
    out << "\nOptions:\n"
           "  --help, -h    show this help (dtop <command> --help: the command's options)\n"
           "  --version     print the version\n"
           "  --workspace FILE     the workspace (default: application-data folder); before a\n"
           "                       command it applies to the command\n\n"
           "Window options (no command):\n"
           "  --tool ID            open this tool\n"
           "  --input FILE         apply a tool input JSON (as `dtop <tool>` prints it under\n"
           "                       \"input\") to the tool --tool opens\n"
           "  --screenshot FILE    render the window to a PNG and exit (--size WxH)\n"
           "  --startup-check      draw the first frame, print the start-up time and exit\n\n"
           "Exit status: 0 done, 2 invalid input (one line per bad field on stderr),\n"
           "3 unreadable or malformed file.\n";
}

template <std::size_t N>
bool isOneOf(const std::string& arg, const char* const (&names)[N])
{
    for (const char* name : names)
        if (arg == name || arg.rfind(std::string(name) + "=", 0) == 0)
            return true;
    return false;
}

// Runs one command, turning its errors into exit statuses and messages naming the command.
int runGuarded(const std::string& name, const std::function<int(CommandIo&)>& run, CommandIo& io)
{
    try {
        return run(io);
    } catch (const UsageError& e) {
        for (const auto& line : e.lines())
            io.err << "dtop " << name << ": " << line << '\n';
        return kExitInvalidInput;
    } catch (const FileError& e) {
        io.err << "dtop " << name << ": " << e.what() << '\n';
        return kExitBadFile;
    } catch (const std::exception& e) {
        io.err << "dtop " << name << ": internal error: " << e.what() << '\n';
        return 1;
    }
}

} // namespace

Invocation dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                    bool outIsTerminal)
{
    if (!args.empty()) {
        const std::string& first = args.front();
        if (first == "--help" || first == "-h" || first == "help") {
            printHelp(out);
            return {false, kExitOk};
        }
        if (first == "--version") {
            out << "dtop " << kVersion << '\n';
            return {false, kExitOk};
        }
    }
    // Leading options: shared ones go to the command, window ones to the window.
    std::vector<std::string> shared;
    std::string windowOption;
    std::size_t i = 0;
    while (i < args.size() && args[i].rfind("-", 0) == 0) {
        const std::string& arg = args[i];
        const bool inlineValue = arg.find('=') != std::string::npos;
        const bool isShared = isOneOf(arg, kSharedOptions);
        const bool isWindowValue = isOneOf(arg, kWindowValueOptions);
        if (!isShared && !isWindowValue && !isOneOf(arg, kWindowFlags)) {
            err << "dtop: unknown option '" << arg << "'; run 'dtop --help' for the options\n";
            return {false, kExitInvalidInput};
        }
        if ((isShared || isWindowValue) && !inlineValue && i + 1 >= args.size()) {
            err << "dtop: " << arg << " needs a value; run 'dtop --help' for the options\n";
            return {false, kExitInvalidInput};
        }
        const std::size_t width = (isShared || isWindowValue) && !inlineValue ? 2 : 1;
        if (isShared)
            shared.insert(shared.end(), args.begin() + static_cast<long>(i),
                          args.begin() + static_cast<long>(i + width));
        else if (windowOption.empty())
            windowOption = arg.substr(0, arg.find('='));
        i += width;
    }
    if (i == args.size())
        return {true, std::nullopt}; // only window options: open the window

    const std::string& name = args[i];
    std::vector<std::string> rest(args.begin() + static_cast<long>(i) + 1, args.end());
    rest.insert(rest.end(), shared.begin(), shared.end());
    auto refuseWindowOption = [&]() -> Invocation {
        err << "dtop: " << windowOption << " is a window option; it does not apply to the command '"
            << name << "'\n";
        return {false, kExitInvalidInput};
    };
    CommandIo io{out, err, outIsTerminal};
    for (const tools::ToolDescriptor* tool : tools::registeredTools())
        for (const auto& command : tool->commands)
            if (name == command.name) {
                if (!windowOption.empty())
                    return refuseWindowOption();
                return {false, runGuarded(name, [&](CommandIo& io) {
                            return command.run(*tool, rest, io);
                        }, io)};
            }
    for (const auto& command : commands())
        if (name == command.name) {
            if (!windowOption.empty())
                return refuseWindowOption();
            return {false, runGuarded(name, [&](CommandIo& io) { return command.run(rest, io); },
                                      io)};
        }
    err << "dtop: unknown command '" << name << "'; run 'dtop --help' for the list\n";
    return {false, kExitInvalidInput};
}

} // namespace dtop::cli
