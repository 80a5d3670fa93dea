// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "nonlinear/nonlinear_analysis.h"
#include "tools/tool_descriptor.h"

namespace dtop::cli {

// `dtop nonlinear`.
int runNonlinearCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                        CommandIo& io);

// The analysis options of `dtop nonlinear` (analysis, fixed frequency or force, range, mode,
// harmonics, CBC gains, sweep, tolerances, legacy, --input FILE); the model options (default
// profile `cbc-demo`) and output options are added separately.
void addNonlinearOptions(boost::program_options::options_description& options);

// The effective, validated NonlinearInput: the --input FILE's keys (if given), overridden by the
// options given on the command line. Throws UsageError naming the option of every bad field,
// FileError naming the file (and line, or key) of a bad --input.
nonlinear::NonlinearInput nonlinearInputFromOptions(const boost::program_options::variables_map& vm);

// The bundled reference run the legacy comparison reads (data/nonlinear/data_download.txt).
nonlinear::LegacyReference bundledLegacyReference();

} // namespace dtop::cli
