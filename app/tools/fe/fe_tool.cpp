// SPDX-License-Identifier: GPL-3.0-or-later
// Frame finite-element model of the rig (docs/tools/fe.md).
#include "tools/fe/fe_command.h"
#include "widgets/fe/fe_panel.h"

namespace po = boost::program_options;

namespace dtop::tools {

namespace {

nlohmann::json reportInput(const po::variables_map& vm)
{
    return cli::feOptionsToJson(cli::feInputFromOptions(vm));
}

} // namespace

const ToolDescriptor& feTool()
{
    static const ToolDescriptor kTool{
        "fe",
        "Frame FE model",
        "3-D Timoshenko frame: modes, convergence, calibration",
        "southampton-lpm",
        {{"fe",
          "the rig's 3-D Timoshenko frame model: modes below a limit with their kind, masses, "
          "mesh convergence, comparison with and joint calibration to measured modes, "
          "equivalent shear building, CalculiX deck",
          &cli::runFeCommand}},
        {&cli::addFeOptions, &reportInput},
        &makePanel<widgets::FePanel>,
        {{"--elements-per-column", "4", "--convergence-elements", "1,2,4"}},
    };
    return kTool;
}

} // namespace dtop::tools
