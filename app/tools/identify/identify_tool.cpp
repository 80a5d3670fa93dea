// SPDX-License-Identifier: GPL-3.0-or-later
// Modal identification and model updating (docs/tools/identify.md).
#include "tools/identify/identify_command.h"
#include "widgets/identify/identify_panel.h"

namespace dtop::tools {

const ToolDescriptor& identifyTool()
{
    static const ToolDescriptor kTool{
        "identify",
        "Identification",
        "Modal identification and model updating",
        "southampton-lpm",
        {{"identify",
          "modal identification of a measured FRF or time history (circle fit, LSCF "
          "stabilisation diagram, LSFD, global fit), mass normalisation, physical chain, "
          "model updating of the profile, replay before and after",
          &cli::runIdentifyCommand}},
        {&cli::addIdentifyOptions, &cli::identifyPanelInputFromOptions},
        &makePanel<widgets::IdentifyPanel>,
        {{"--dataset", "southampton-exp-force2", "--update"}},
    };
    return kTool;
}

} // namespace dtop::tools
