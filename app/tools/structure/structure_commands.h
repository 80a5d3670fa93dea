// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tools/tool_descriptor.h"

namespace dtop::cli {

// `dtop modal` and `dtop frf`: the headless commands of the structure tool.
int runModalCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                    CommandIo& io);
int runFrfCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                  CommandIo& io);

} // namespace dtop::cli
