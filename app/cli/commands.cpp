// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/commands.h"

namespace dtop::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> kCommands = {
        {"modal", "natural frequencies, damping ratios and mode shapes of a profile",
         &runModalCommand},
        {"frf", "frequency response functions of every floor (receptance, mobility, accelerance)",
         &runFrfCommand},
        {"simulate", "virtual hammer, shaker and ground-motion tests with scenarios and spectra",
         &runSimulateCommand},
        {"uncertainty", "bounds on the FRFs when m, k, c lie in a box (sampled, vertex, optimised, "
                        "verified)",
         &runUncertaintyCommand},
        {"report", "render a tool's plots, data and results into a folder (PNG, CSV, JSON)",
         &runReportCommand},
        {"dataset", "datasets: list, show, import (bundled lab data and your own files)",
         &runDatasetCommand},
        {"profile", "profiles: list, show, export, import, history (saved in the workspace)",
         &runProfileCommand},
    };
    return kCommands;
}

} // namespace dtop::cli
