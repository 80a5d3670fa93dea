// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/tool_registry.h"

namespace dtop::gui {

const std::vector<ToolInfo>& tools()
{
    static const std::vector<ToolInfo> kTools = {
        {"structure", "Structure and modes", "Profile editor, modal table, FRFs, mode shapes",
         ":/icons/structure.svg", true},
        {"simulate", "Virtual test", "Hammer, shaker, sine, sweep and ground-motion tests",
         ":/icons/simulate.svg", false},
        {"uncertainty", "Uncertainty propagation", "FRF bounds under interval parameters",
         ":/icons/uncertainty.svg", false},
        {"design", "Design under uncertainty", "Output distributions, Fisher information",
         ":/icons/design.svg", false},
        {"control", "Vibration control", "TMD, velocity feedback, compensator, LQG",
         ":/icons/control.svg", false},
        {"nonlinear", "Nonlinear dynamics", "Nonlinear response, control-based continuation",
         ":/icons/nonlinear.svg", false},
        {"crossval", "Cross-validation", "Measured against modelled FRFs of the four rigs",
         ":/icons/crossval.svg", false},
        {"identify", "Identification", "Modal identification and model updating",
         ":/icons/identify.svg", false},
        {"fe", "Frame FE model", "Finite-element model of the rig frame", ":/icons/fe.svg", false},
        {"profiles", "Twin history", "Profile versions, run records, comparison",
         ":/icons/profiles.svg", false},
    };
    return kTools;
}

} // namespace dtop::gui
