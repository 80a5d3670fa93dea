// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "tools/tool_descriptor.h"
#include "uq/uncertainty.h"

namespace dtop::cli {

// `dtop uncertainty`.
int runUncertaintyCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                          CommandIo& io);

// The analysis options of `dtop uncertainty` (spreads, floor, quantity, grid, methods, ...);
// the model options (default profile `full-scale`) and output options are added separately.
void addUncertaintyOptions(boost::program_options::options_description& options);

// The effective, validated UncertaintyInput (profile from the model options); throws
// UsageError naming the option of every bad field.
uq::UncertaintyInput uncertaintyInputFromOptions(const boost::program_options::variables_map& vm);

} // namespace dtop::cli
