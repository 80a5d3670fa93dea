// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "identification/identify.h"
#include "tools/tool_descriptor.h"

#include <nlohmann/json.hpp>

#include <string>

namespace dtop::cli {

// `dtop identify`.
int runIdentifyCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                       CommandIo& io);

// The analysis options of `dtop identify` (dataset, method, band, modes, driving point, LSCF,
// circle fit, LSFD, global fit, updating, replay, save); the model options (default profile
// `southampton-lpm`) and output options are added separately.
void addIdentifyOptions(boost::program_options::options_description& options);

// The effective, validated IdentifyInput with its record loaded (profile from the model
// options); throws UsageError naming the option of every bad field, FileError for a record that
// cannot be read.
identification::IdentifyInput identifyInputFromOptions(
    const boost::program_options::variables_map& vm);

// The panel input of `dtop report identify`: identifyInputToJson without the profile, plus
// "replay" (the record replayed before and after updating, or "").
nlohmann::json identifyPanelInputFromOptions(const boost::program_options::variables_map& vm);

} // namespace dtop::cli
