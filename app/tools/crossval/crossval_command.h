// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "crossval/crossval.h"
#include "tools/tool_descriptor.h"

#include <nlohmann/json.hpp>

namespace dtop::cli {

// `dtop crossval`.
int runCrossvalCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                       CommandIo& io);

// The analysis options of `dtop crossval` (--reference, --candidate ..., --band-hz,
// --input-floor, --quantity, --response-floors, peak picking, grids); the workspace and output
// options are added separately.
void addCrossvalOptions(boost::program_options::options_description& options);
// Those of `dtop report crossval`: the analysis options and the inter-lab view's.
void addCrossvalReportOptions(boost::program_options::options_description& options);

// The input the options give, sources not yet loaded (names only); throws UsageError naming
// the option of every value that does not parse. --reference and --candidate are required
// unless `sourcesOptional` (the report, whose panel has default sources).
crossval::CrossvalInput crossvalInputFromOptions(const boost::program_options::variables_map& vm,
                                                 bool sourcesOptional = false);

// The panel input of `dtop report crossval`: the keys of crossvalInputToJson the options set,
// and "interlab_floor", "interlab_models", "tab".
nlohmann::json crossvalReportInput(const boost::program_options::variables_map& vm);

} // namespace dtop::cli
