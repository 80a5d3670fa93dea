// SPDX-License-Identifier: GPL-3.0-or-later
// Twin history: profile versions, their diff, run records (docs/tools/profiles.md).
#include "cli/cli_errors.h"
#include "cli/workspace_options.h"
#include "models/profile_reference.h"
#include "tools/profiles/runs_command.h"
#include "tools/tool_descriptor.h"
#include "widgets/profiles/profiles_panel.h"

namespace po = boost::program_options;

namespace dtop::tools {

namespace {

void addReportOptions(po::options_description& options)
{
    options.add_options()
        ("history", po::value<std::string>(),
         "the profile whose versions the timeline shows (default: the --profile's name)")
        ("old", po::value<std::string>(),
         "the older side of the diff: NAME or NAME@VERSION (default: the previous version)")
        ("new", po::value<std::string>(),
         "the newer side of the diff: NAME or NAME@VERSION (default: the latest version)");
    cli::addRunFilterOptions(options);
}

nlohmann::json reportInput(const po::variables_map& vm)
{
    nlohmann::json input;
    input["history_profile"] =
        vm.count("history") ? vm["history"].as<std::string>() : vm["profile"].as<std::string>();
    auto workspace = cli::openWorkspaceIfExists(cli::workspacePath(vm));
    io::Workspace* ws = workspace ? &*workspace : nullptr;
    InputIssues issues;
    if (models::profileLabels(input["history_profile"], ws).empty())
        issues.push_back({"history", "--history: no saved profile or built-in preset is named '" +
                                         input["history_profile"].get<std::string>() + "'"});
    for (const char* side : {"old", "new"})
        if (vm.count(side))
            if (auto r = models::resolveProfile(vm[side].as<std::string>(), ws,
                                                std::string("--") + side, issues))
                input[side] = r->label;
    if (!issues.empty())
        throw cli::UsageError::fromIssues(issues);
    const nlohmann::json filter = cli::runFilterFromOptions(vm);
    input["runs_tool"] = filter["tool"];
    input["runs_limit"] = filter["limit"];
    return input;
}

} // namespace

const ToolDescriptor& profilesTool()
{
    static const ToolDescriptor kTool{
        "profiles",
        "Twin history",
        "Profile versions, run records, comparison",
        "southampton-lpm",
        {{"runs", "run records of the workspace: list, show (full input, to run again)",
          &cli::runRunsCommand}},
        {&addReportOptions, &reportInput},
        &makePanel<widgets::ProfilesPanel>,
        // A workspace that does not exist: both sides list the same (no) runs.
        {{"--workspace", "/nonexistent/dtop-conformance/workspace.dtop"}, "runs"},
    };
    return kTool;
}

} // namespace dtop::tools
