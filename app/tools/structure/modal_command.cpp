// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop modal`: undamped and damped modal analysis of a profile.
#include "tools/structure/structure_commands.h"

#include "cli/cli_errors.h"
#include "cli/model_options.h"
#include "cli/output_options.h"
#include "dynamics/modal_analysis.h"
#include "io/dynamics_csv.h"
#include "io/dynamics_json.h"
#include "io/profile_json.h"

namespace po = boost::program_options;

namespace dtop::cli {

int runModalCommand(const tools::ToolDescriptor& tool, const std::vector<std::string>& args,
                    CommandIo& io)
{
    po::options_description options("Options");
    addModelOptions(options, tool.defaultProfile);
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("modal", "[options]\n\nNatural frequencies [Hz], damping ratios and mass-"
                               "normalised mode shapes (floor 1 first) of a profile.",
                      options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);

    const dynamics::ModalInput input{profileFromOptions(vm)};
    const dynamics::ModalResult result = dynamics::runModal(input);
    const auto json = io::resultEnvelope("modal", {{"profile", io::profileToJson(input.profile)}},
                                         io::modalResultToJson(result));
    writeResult(vm, json, io::modalResultTable(result), io);
    return kExitOk;
}

} // namespace dtop::cli
