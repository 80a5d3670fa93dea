// SPDX-License-Identifier: GPL-3.0-or-later
// Cross-validation: rigs, models and profile versions compared (docs/tools/crossval.md).
#include "tools/crossval/crossval_command.h"
#include "widgets/crossval/crossval_panel.h"

namespace dtop::tools {

const ToolDescriptor& crossvalTool()
{
    static const ToolDescriptor kTool{
        "crossval",
        "Cross-validation",
        "Rig against model and twin, rigs against each other",
        "southampton-lpm",
        {{"crossval",
          "compare a reference FRF dataset or profile with candidates: FRAC, CSAC, CSF, FDAC, "
          "RMS dB difference, modes paired by MAC",
          &cli::runCrossvalCommand}},
        {&cli::addCrossvalReportOptions, &cli::crossvalReportInput},
        &makePanel<widgets::CrossvalPanel>,
        {{"--reference", "southampton-exp-force1", "--candidate", "profile:southampton-lpm",
          "--fdac-points", "20"}},
    };
    return kTool;
}

} // namespace dtop::tools
