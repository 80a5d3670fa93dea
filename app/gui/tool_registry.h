// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/panel_context.h"

#include <QString>

#include <vector>

namespace dtop::widgets {
class ToolPanel;
}

namespace dtop::gui {

// The tools of DESIGN.md §4, in dock order. Adding a tool = its files + one line here.
struct ToolInfo {
    const char* id;
    const char* name;
    const char* description;
    const char* icon; // resource path
    // nullptr: not built yet (listed, disabled, "coming in a later release").
    widgets::ToolPanel* (*create)(widgets::PanelContext& context);
};

const std::vector<ToolInfo>& tools();
const ToolInfo* findTool(const QString& id);

} // namespace dtop::gui
