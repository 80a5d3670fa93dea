// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "design/design_input.h"
#include "tools/tool_descriptor.h"

namespace dtop::cli {

// `dtop design`.
int runDesignCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                     CommandIo& io);

// The analysis options of `dtop design` (inputs and their distributions, frequency, outputs,
// sampling, probability, Sobol' indices, Fisher information, legacy mode); one option per key
// of the JSON input (design/design_json.h). The model options (default profile
// `sheffield-design`) and output options are added separately.
void addDesignOptions(boost::program_options::options_description& options);

// The effective, validated DesignInput. The inputs start from the sheffield-design means and
// spreads, or, for another profile or profile overrides, from DesignInput::inputsForProfile;
// each --input NAME=TYPE:A:B then replaces one. Throws UsageError naming the option of every
// bad field.
design::DesignInput designInputFromOptions(const boost::program_options::variables_map& vm);

} // namespace dtop::cli
