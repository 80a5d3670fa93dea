// SPDX-License-Identifier: GPL-3.0-or-later
// The virtual test: hammer, shaker, sine, sweep, ground motion, replay (docs/tools/simulate.md).
#include "cli/cli_errors.h"
#include "io/replay_record.h"
#include "io/simulate_json.h"
#include "tools/simulate/simulate_command.h"
#include "widgets/simulate/simulate_panel.h"

namespace po = boost::program_options;

namespace dtop::tools {

namespace {

// The options of `dtop simulate` without its output options, mapped to the panel's input JSON
// (simulateInputToJson or replayInputToJson plus the panel's keys).
nlohmann::json reportInput(const po::variables_map& vm)
{
    using cli::UsageError;
    const std::string q = vm["psd-quantity"].as<std::string>();
    dynamics::ResponseQuantity psdQuantity;
    if (!dynamics::parseResponseQuantity(q, psdQuantity))
        throw UsageError("--psd-quantity must be displacement, velocity or acceleration, got '" +
                         q + "'");
    if (vm.count("record")) {
        // Checked here so that a bad id or record fails with exit 2 or 3 before rendering.
        const std::string id = vm["record"].as<std::string>();
        const io::Dataset dataset = cli::loadRecordDataset(vm, id);
        dynamics::ReplayInput replay = cli::replayInputFromOptions(vm);
        const int floor = vm["input-floor"].defaulted() ? 0 : vm["input-floor"].as<int>();
        if (const auto issues = io::fillReplayFromDataset(dataset, replay, floor); !issues.empty()) {
            std::vector<std::string> lines;
            for (const auto& issue : issues)
                lines.push_back("--record " + id + ": " + issue.message);
            throw UsageError(std::move(lines));
        }
        nlohmann::json input = io::replayInputToJson(replay);
        input["mode"] = "replay";
        input["replay_dataset"] = id;
        input["replay_force_floor"] = floor;
        input["psd_quantity"] = q;
        return input;
    }
    const dynamics::SimulateInput simulate = cli::simulateInputFromOptions(vm);
    nlohmann::json input = io::simulateInputToJson(simulate);
    input["mode"] = "test";
    input["psd_quantity"] = q;
    for (const char* option : {"base-record", "force-record"})
        if (vm.count(option))
            input["excitation"]["record"]["file"] = vm[option].as<std::string>();
    return input;
}

} // namespace

const ToolDescriptor& simulateTool()
{
    static const ToolDescriptor kTool{
        "simulate",
        "Virtual test",
        "Hammer, shaker, sine, sweep and ground-motion tests",
        "southampton-lpm",
        {{"simulate",
          "virtual hammer, shaker, sine, sweep, ground-motion and recorded-force tests, "
          "scenarios, spectra",
          &cli::runSimulateCommand}},
        {&cli::addSimulateTestOptions, &reportInput},
        &makePanel<widgets::SimulatePanel>,
        {{"--excitation", "hammer", "--duration", "2", "--scenarios", "3"}},
    };
    return kTool;
}

} // namespace dtop::tools
