// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "tools/tool_descriptor.h"

namespace dtop::cli {

// `dtop runs list|show`: the run records of the workspace (the twin history tool's command,
// docs/tools/profiles.md). With options only and no sub-command it lists.
int runRunsCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                   CommandIo& io);

// The options `dtop runs list` and `dtop report profiles` share: --tool, --limit.
void addRunFilterOptions(boost::program_options::options_description& options);
// {"tool": ID or null, "limit": N} from those options; UsageError naming a bad one.
nlohmann::json runFilterFromOptions(const boost::program_options::variables_map& vm);

} // namespace dtop::cli
