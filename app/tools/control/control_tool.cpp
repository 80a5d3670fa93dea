// SPDX-License-Identifier: GPL-3.0-or-later
// Vibration control: TMD, velocity feedback, compensator, LQG (docs/tools/control.md).
#include "control/control_json.h"
#include "tools/control/control_command.h"
#include "widgets/control/control_panel.h"

namespace po = boost::program_options;

namespace dtop::tools {

namespace {

nlohmann::json reportInput(const po::variables_map& vm)
{
    return control::controlInputToJson(cli::controlInputFromOptions(vm));
}

} // namespace

const ToolDescriptor& controlTool()
{
    static const ToolDescriptor kTool{
        "control",
        "Vibration control",
        "TMD, velocity feedback, compensator, LQG",
        "southampton-design",
        {{"control",
          "vibration control by TMD, DVF, DVF + compensator, LQG or ideal DVF: closed-loop "
          "stability, critical gain, margins, root locus, kinetic energy, time response",
          &cli::runControlCommand}},
        {&cli::addControlOptions, &reportInput},
        &makePanel<widgets::ControlPanel>,
        {{"--strategy", "dvf", "--gain", "5", "--floor", "1"}},
    };
    return kTool;
}

} // namespace dtop::tools
