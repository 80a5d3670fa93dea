// SPDX-License-Identifier: GPL-3.0-or-later
// Design under uncertainty: output distributions, Sobol' indices, Fisher information,
// probability of exceedance (docs/tools/design.md).
#include "design/design_json.h"
#include "tools/design/design_command.h"
#include "widgets/design/design_panel.h"

namespace po = boost::program_options;

namespace dtop::tools {

namespace {

nlohmann::json reportInput(const po::variables_map& vm)
{
    return design::designInputToJson(cli::designInputFromOptions(vm));
}

} // namespace

const ToolDescriptor& designTool()
{
    static const ToolDescriptor kTool{
        "design",
        "Design under uncertainty",
        "Output distributions, Sobol' indices, Fisher information",
        "sheffield-design",
        {{"design",
          "design under uncertainty: output statistics, Sobol' indices, output Fisher "
          "information, probability of exceedance and its gradient",
          &cli::runDesignCommand}},
        {&cli::addDesignOptions, &reportInput},
        &makePanel<widgets::DesignPanel>,
        {{"--samples", "20000", "--sobol-samples", "2048", "--sobol-max-samples", "2048",
          "--bootstrap", "50", "--fisher-max-cells", "64", "--frf-points", "200"}},
    };
    return kTool;
}

} // namespace dtop::tools
