// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/sub_command.h"

#include "cli/cli_errors.h"
#include "io/workspace_error.h"

#include <iomanip>

namespace dtop::cli {

namespace {
std::string verbList(const std::vector<SubCommand>& subCommands)
{
    std::string names;
    for (std::size_t i = 0; i < subCommands.size(); ++i)
        names += (i == 0 ? "" : i + 1 == subCommands.size() ? " or " : ", ") +
                 std::string(subCommands[i].name);
    return names;
}
} // namespace

int dispatchSubCommand(const std::string& command, const std::string& intro,
                       const std::vector<SubCommand>& subCommands,
                       const std::vector<std::string>& args, CommandIo& io)
{
    if (args.empty())
        throw UsageError("missing sub-command: " + verbList(subCommands) + "; see dtop " +
                         command + " --help");
    const std::string& sub = args.front();
    if (sub == "--help" || sub == "-h" || sub == "help") {
        io.out << "Usage: dtop " << command << " <sub-command> [options]\n\n" << intro
               << "\n\nSub-commands:\n";
        for (const auto& s : subCommands)
            io.out << "  " << std::left << std::setw(9) << s.name << std::setw(34) << s.usage
                   << s.summary << '\n';
        io.out << "\nEvery sub-command takes --workspace FILE; dtop " << command
               << " <sub-command> --help lists its options.\n";
        return kExitOk;
    }
    for (const auto& s : subCommands) {
        if (sub != s.name)
            continue;
        try {
            return s.run({args.begin() + 1, args.end()}, io);
        } catch (const io::WorkspaceError& e) {
            throw FileError(e.what());
        } catch (const io::WorkspaceInputError& e) {
            throw UsageError::fromIssues(e.issues());
        }
    }
    throw UsageError("unknown sub-command '" + sub + "'; expected " + verbList(subCommands));
}

} // namespace dtop::cli
