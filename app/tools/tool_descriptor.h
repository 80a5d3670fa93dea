// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dtop::widgets {
class ToolPanel;
struct PanelContext;
} // namespace dtop::widgets

namespace dtop::tools {

struct ToolDescriptor;

// A headless command of a tool: `dtop <name> [options]`. run() gets its tool (for the default
// profile) and returns the exit status or throws cli::UsageError / cli::FileError, which the
// dispatcher turns into exit 2 / 3.
struct ToolCommand {
    const char* name;
    const char* summary; // one line for `dtop --help`
    int (*run)(const ToolDescriptor& tool, const std::vector<std::string>& args,
               cli::CommandIo& io);
};

// `dtop report <tool>`: the tool's options (beside the model, workspace and image options that
// every report has) and the panel input they give (the keys of ToolPanel::applyInput). Throws
// cli::UsageError / cli::FileError for bad options before anything is rendered.
struct ReportOptions {
    void (*add)(boost::program_options::options_description& options);
    nlohmann::json (*panelInput)(const boost::program_options::variables_map& vm);
};

// What the conformance test runs for a tool (tests/gui/test_tool_conformance.cpp): the same
// small, quick input given to `dtop report <id>` and to the tool's first command; the two
// results must agree on every key they share. `reportResultKey` names where in the report's
// "result" the command's result sits (empty: the whole "result").
struct ConformanceExample {
    std::vector<std::string> options;
    const char* reportResultKey = "";
};

// One registration per tool (docs/architecture.md, "Adding a tool"): the tool dock, the command
// dispatcher, `dtop report`, `dtop <command> --help` and the conformance test all read this.
struct ToolDescriptor {
    const char* id;             // command-line and settings id, e.g. "uncertainty"
    const char* name;           // display name in the tool dock and window title
    const char* summary;        // one line under the name in the tool dock
    const char* defaultProfile; // preset used by --profile when none is given
    std::vector<ToolCommand> commands; // headless commands; the first is the tool's own
    ReportOptions report;
    widgets::ToolPanel* (*createPanel)(widgets::PanelContext& context);
    ConformanceExample example;

    std::string iconPath() const { return ":/icons/" + std::string(id) + ".svg"; }
    std::string helpPath() const { return ":/help/" + std::string(id) + ".html"; }
};

// A tool listed in the dock before it is built: shown disabled ("coming in a later release").
struct PlannedTool {
    const char* id;
    const char* name;
    const char* summary;
};

// Every registered tool in dock order (app/tools/registry.cpp), then the planned ones.
const std::vector<const ToolDescriptor*>& registeredTools();
const std::vector<PlannedTool>& plannedTools();
const ToolDescriptor* findTool(const std::string& id);

// Creates a panel of type Panel: the usual ToolDescriptor::createPanel.
template <typename Panel>
widgets::ToolPanel* makePanel(widgets::PanelContext& context)
{
    return new Panel(context);
}

} // namespace dtop::tools
