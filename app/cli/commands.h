// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace dtop::cli {

// The platform's own commands (the tools' commands come from their descriptors).
int runDatasetCommand(const std::vector<std::string>& args, CommandIo& io);
int runReportCommand(const std::vector<std::string>& args, CommandIo& io);
int runProfileCommand(const std::vector<std::string>& args, CommandIo& io);
int runWorkspaceCommand(const std::vector<std::string>& args, CommandIo& io);

} // namespace dtop::cli
