// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "fe/fe_analysis.h"
#include "fe/measured_sway.h"
#include "tools/tool_descriptor.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace dtop::cli {

// `dtop fe`.
int runFeCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                 CommandIo& io);

// The analysis options of `dtop fe` (model, mesh, joints, measured modes, geometry, material);
// the workspace and output options and the command's own --save-as / --export-ccx / --run-ccx
// are added separately.
void addFeOptions(boost::program_options::options_description& options);

// What the options ask for: the validated FeInput and, with --calibrate-to, the measured modes
// read from that dataset (already copied into the input). Throws UsageError naming the option of
// every bad field, FileError for a dataset file that cannot be read.
struct FeOptionsInput {
    fe::FeInput input;
    std::optional<fe::MeasuredSway> measured;
};
FeOptionsInput feInputFromOptions(const boost::program_options::variables_map& vm);

// The effective input as JSON: feInputToJson plus `measured_dataset` (the --calibrate-to id, or
// null) — the keys the fe panel's applyInput takes.
nlohmann::json feOptionsToJson(const FeOptionsInput& options);

} // namespace dtop::cli
