// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/tool_registry.h"

#include "widgets/simulate/simulate_panel.h"
#include "widgets/structure/structure_panel.h"
#include "widgets/uncertainty/uncertainty_panel.h"

namespace dtop::gui {

namespace {
template <typename Panel>
widgets::ToolPanel* make(widgets::PanelContext& context)
{
    return new Panel(context);
}
} // namespace

const std::vector<ToolInfo>& tools()
{
    static const std::vector<ToolInfo> kTools = {
        {"structure", "Structure and modes", "Profile editor, modal table, FRFs, mode shapes",
         ":/icons/structure.svg", &make<widgets::StructurePanel>},
        {"simulate", "Virtual test", "Hammer, shaker, sine, sweep and ground-motion tests",
         ":/icons/simulate.svg", &make<widgets::SimulatePanel>},
        {"uncertainty", "Uncertainty propagation", "FRF bounds under interval parameters",
         ":/icons/uncertainty.svg", &make<widgets::UncertaintyPanel>},
        {"design", "Design under uncertainty", "Output distributions, Fisher information",
         ":/icons/design.svg", nullptr},
        {"control", "Vibration control", "TMD, velocity feedback, compensator, LQG",
         ":/icons/control.svg", nullptr},
        {"nonlinear", "Nonlinear dynamics", "Nonlinear response, control-based continuation",
         ":/icons/nonlinear.svg", nullptr},
        {"crossval", "Cross-validation", "Measured against modelled FRFs of the four rigs",
         ":/icons/crossval.svg", nullptr},
        {"identify", "Identification", "Modal identification and model updating",
         ":/icons/identify.svg", nullptr},
        {"fe", "Frame FE model", "Finite-element model of the rig frame", ":/icons/fe.svg",
         nullptr},
        {"profiles", "Twin history", "Profile versions, run records, comparison",
         ":/icons/profiles.svg", nullptr},
    };
    return kTools;
}

const ToolInfo* findTool(const QString& id)
{
    for (const auto& tool : tools())
        if (id == QLatin1String(tool.id))
            return &tool;
    return nullptr;
}

} // namespace dtop::gui
