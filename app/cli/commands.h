// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace dtop::cli {

// One function per headless command; the table in commands.cpp lists them.
int runModalCommand(const std::vector<std::string>& args, CommandIo& io);
int runFrfCommand(const std::vector<std::string>& args, CommandIo& io);
int runSimulateCommand(const std::vector<std::string>& args, CommandIo& io);
int runUncertaintyCommand(const std::vector<std::string>& args, CommandIo& io);
int runDatasetCommand(const std::vector<std::string>& args, CommandIo& io);
int runReportCommand(const std::vector<std::string>& args, CommandIo& io);
int runProfileCommand(const std::vector<std::string>& args, CommandIo& io);

} // namespace dtop::cli
