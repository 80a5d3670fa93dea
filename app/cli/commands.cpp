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
        {"uncertainty", "bounds on the FRFs when m, k, c lie in a box (sampled, vertex, optimised, "
                        "verified)",
         &runUncertaintyCommand},
    };
    return kCommands;
}

} // namespace dtop::cli
