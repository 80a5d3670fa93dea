// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "tools/tool_descriptor.h"
#include "dynamics/replay.h"
#include "dynamics/simulate.h"
#include "io/dataset.h"

#include <nlohmann/json.hpp>

namespace dtop::cli {

// `dtop simulate`.
int runSimulateCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                       CommandIo& io);
// The options of the test itself (excitation, scenarios, spectra, --record), without the model,
// workspace and output options: what `dtop report simulate` shares with `dtop simulate`.
void addSimulateTestOptions(boost::program_options::options_description& options);

// The effective SimulateInput; throws UsageError (options named) or FileError (a record file).
dynamics::SimulateInput simulateInputFromOptions(const boost::program_options::variables_map& vm);

// A replay input with the profile, force hold, integrator and PSD options of the command line;
// the caller fills timeS, forceN, forceFloor and measuredVelocityMS from a recorded test.
dynamics::ReplayInput replayInputFromOptions(const boost::program_options::variables_map& vm);

// Validates and runs the replay and writes the JSON envelope (tool "simulate"; input from
// replayInputToJson plus `record`, e.g. the dataset's id and provenance) or the CSV table.
// Issues become a UsageError. This is the whole `--record DATASET-ID` path once a dataset
// has been turned into a ReplayInput.
int writeReplay(const boost::program_options::variables_map& vm,
                const dynamics::ReplayInput& input, const nlohmann::json& record, CommandIo& io);

// The dataset --record (or --<option>) names, from the bundled catalogue or the workspace
// (--workspace). An unknown id is a UsageError naming it; a file that cannot be read is a
// FileError. Also used by `dtop identify` and `dtop fe`.
io::Dataset loadRecordDataset(const boost::program_options::variables_map& vm,
                              const std::string& id, const std::string& option = "record");

} // namespace dtop::cli
