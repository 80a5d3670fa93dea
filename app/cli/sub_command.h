// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

#include <string>
#include <vector>

namespace dtop::cli {

// One verb of a command with verbs (`dtop profile list`, `dtop dataset import`).
struct SubCommand {
    const char* name;
    const char* usage;
    const char* summary;
    int (*run)(const std::vector<std::string>& args, CommandIo& io);
};

// Runs the sub-command named by args[0] (or prints help: `intro`, then the verbs). Workspace
// file problems become FileError (exit 3), refused workspace input UsageError (exit 2).
int dispatchSubCommand(const std::string& command, const std::string& intro,
                       const std::vector<SubCommand>& subCommands,
                       const std::vector<std::string>& args, CommandIo& io);

} // namespace dtop::cli
