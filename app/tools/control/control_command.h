// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "control/control.h"
#include "tools/tool_descriptor.h"

namespace dtop::cli {

// `dtop control`.
int runControlCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                      CommandIo& io);

// The analysis options of `dtop control` (strategy, device, compensator, LQG, tuning, band,
// time response); the model options (default profile `southampton-design`) and output options
// are added separately.
void addControlOptions(boost::program_options::options_description& options);

// The effective, validated ControlInput (profile from the model options); throws UsageError
// naming the option of every bad field.
control::ControlInput controlInputFromOptions(const boost::program_options::variables_map& vm);

} // namespace dtop::cli
