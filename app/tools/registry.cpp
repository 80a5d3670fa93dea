// SPDX-License-Identifier: GPL-3.0-or-later
#include "tools/tool_descriptor.h"

namespace dtop::tools {

// The registered tools in dock order: adding a tool is its own files plus one line here
// (docs/architecture.md, "Adding a tool"). Each <id>Tool() is defined in app/tools/<id>/.
#define DTOP_REGISTERED_TOOLS(TOOL)                                                         \
    TOOL(structure)                                                                         \
    TOOL(simulate)                                                                          \
    TOOL(uncertainty)                                                                       \
    TOOL(design)                                                                            \
    TOOL(control)                                                                           \
    TOOL(nonlinear)                                                                         \
    TOOL(crossval)                                                                          \
    TOOL(identify)                                                                          \
    TOOL(fe)                                                                                \
    TOOL(profiles)

#define DTOP_DECLARE_TOOL(id) const ToolDescriptor& id##Tool();
DTOP_REGISTERED_TOOLS(DTOP_DECLARE_TOOL)
#undef DTOP_DECLARE_TOOL

const std::vector<const ToolDescriptor*>& registeredTools()
{
#define DTOP_LIST_TOOL(id) &id##Tool(),
    static const std::vector<const ToolDescriptor*> kTools = {DTOP_REGISTERED_TOOLS(DTOP_LIST_TOOL)};
#undef DTOP_LIST_TOOL
    return kTools;
}

// Listed, disabled, until they are built; a tool's line moves to the list above when it is.
const std::vector<PlannedTool>& plannedTools()
{
    static const std::vector<PlannedTool> kPlanned = {}; // every planned tool is built
    return kPlanned;
}

const ToolDescriptor* findTool(const std::string& id)
{
    for (const ToolDescriptor* tool : registeredTools())
        if (id == tool->id)
            return tool;
    return nullptr;
}

} // namespace dtop::tools
