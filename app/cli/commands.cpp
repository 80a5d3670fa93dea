// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/commands.h"

namespace dtop::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> kCommands = {
        {"report", "render a tool's plots, data and results into a folder (PNG, CSV, JSON)",
         &runReportCommand},
        {"dataset", "datasets: list, show, import, export (bundled lab data, your files, UFF)",
         &runDatasetCommand},
        {"profile", "profiles: list, show, export, import, history, diff (saved in the workspace)",
         &runProfileCommand},
        {"workspace", "the workspace file: backup, verify, restore, backups", &runWorkspaceCommand},
    };
    return kCommands;
}

} // namespace dtop::cli
