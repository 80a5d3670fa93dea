// SPDX-License-Identifier: GPL-3.0-or-later
// Uncertainty propagation: FRF bounds under interval parameters (docs/tools/uncertainty.md).
#include "io/uncertainty_json.h"
#include "tools/uncertainty/uncertainty_command.h"
#include "widgets/uncertainty/uncertainty_panel.h"

namespace po = boost::program_options;

namespace dtop::tools {

namespace {

nlohmann::json reportInput(const po::variables_map& vm)
{
    return io::uncertaintyInputToJson(cli::uncertaintyInputFromOptions(vm));
}

} // namespace

const ToolDescriptor& uncertaintyTool()
{
    static const ToolDescriptor kTool{
        "uncertainty",
        "Uncertainty propagation",
        "FRF bounds under interval parameters",
        "full-scale",
        {{"uncertainty",
          "FRF bounds under interval parameters: sampled, vertex, optimised, verified",
          &cli::runUncertaintyCommand}},
        {&cli::addUncertaintyOptions, &reportInput},
        &makePanel<widgets::UncertaintyPanel>,
        {{"--grid", "linear", "--points", "30", "--samples", "200", "--methods",
          "sampled,vertex,optimised,verified", "--max-boxes", "2000"}},
    };
    return kTool;
}

} // namespace dtop::tools
