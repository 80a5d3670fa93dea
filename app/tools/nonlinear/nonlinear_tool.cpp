// SPDX-License-Identifier: GPL-3.0-or-later
// Nonlinear dynamics and control-based continuation (docs/tools/nonlinear.md).
#include "nonlinear/nonlinear_json.h"
#include "tools/nonlinear/nonlinear_command.h"
#include "widgets/nonlinear/nonlinear_panel.h"

namespace po = boost::program_options;

namespace dtop::tools {

namespace {

nlohmann::json reportInput(const po::variables_map& vm)
{
    return nonlinear::nonlinearInputToJson(cli::nonlinearInputFromOptions(vm));
}

} // namespace

const ToolDescriptor& nonlinearTool()
{
    static const ToolDescriptor kTool{
        "nonlinear",
        "Nonlinear dynamics",
        "Periodic orbits, folds, backbones, control-based continuation",
        "cbc-demo",
        {{"nonlinear",
          "nonlinear response of the chain with cubic springs: S-curve, frequency response, "
          "folds and stability, backbones, bistability map, sweeps, simulated CBC",
          &cli::runNonlinearCommand}},
        {&cli::addNonlinearOptions, &reportInput},
        &makePanel<widgets::NonlinearPanel>,
        {{"--analysis", "force-curve", "--frequency-rad-s", "16", "--from", "1", "--to", "30"}},
    };
    return kTool;
}

} // namespace dtop::tools
