// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop runs list|show`: the run records of the workspace (docs/tools/profiles.md).
#include "tools/profiles/runs_command.h"

#include "cli/cli_errors.h"
#include "cli/output_options.h"
#include "cli/sub_command.h"
#include "cli/workspace_options.h"
#include "io/dynamics_json.h"
#include "io/run_record_json.h"

#include <sstream>

namespace po = boost::program_options;
using nlohmann::json;

namespace dtop::cli {

namespace {

std::string formatted(const po::variables_map& vm, const json& j, const io::TextTable& table,
                      CommandIo& io)
{
    std::ostringstream text;
    if (vm["format"].as<std::string>() == "csv")
        table.write(text);
    else if (vm["pretty"].as<bool>() || (!vm.count("out") && io.outIsTerminal))
        text << j.dump(2) << '\n';
    else
        text << j.dump() << '\n';
    return text.str();
}

int runList(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    addRunFilterOptions(options);
    addWorkspaceOption(options);
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("runs list",
                      "[options]\n\nThe analysis runs recorded in the workspace, newest first: "
                      "tool, time, the saved\nprofile version used, seed and headline numbers. "
                      "dtop runs show ID gives a run's\nfull input.",
                      options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);
    const json filter = runFilterFromOptions(vm);
    const std::string path = workspacePath(vm);
    std::vector<io::RunRecord> runs;
    if (auto workspace = openWorkspaceIfExists(path))
        runs = workspace->runs(filter["tool"].is_null()
                                   ? std::nullopt
                                   : std::optional<std::string>(filter["tool"].get<std::string>()),
                               filter["limit"].get<std::size_t>());
    json list = json::array();
    for (const auto& r : runs)
        list.push_back(io::runListEntry(r));
    json input = filter;
    input["workspace"] = path;
    const json j = io::resultEnvelope("runs", input, {{"runs", list}});
    writeOutput(vm, formatted(vm, j, io::runListTable(runs), io), io);
    return kExitOk;
}

int runShow(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    options.add_options()
        ("id", po::value<long long>(), "the run's ID (see dtop runs list)")
        ("input-only", po::bool_switch(),
         "print only the run's input, as `dtop --tool TOOL --input FILE` applies it to the "
         "tool's panel");
    addWorkspaceOption(options);
    options.add_options()
        ("out", po::value<std::string>(), "write the JSON to FILE instead of standard output");
    po::positional_options_description ids;
    ids.add("id", 1);
    po::variables_map vm;
    if (!parseOptions("runs show",
                      "ID [options]\n\nOne run record with every input of the run (JSON), enough "
                      "to repeat it.",
                      options, args, vm, io, &ids))
        return kExitOk;
    if (!vm.count("id"))
        throw UsageError("give a run ID; see dtop runs list");
    const long long id = vm["id"].as<long long>();
    if (id < 1)
        throw UsageError("the run ID must be >= 1, got " + std::to_string(id));
    if (vm.count("out") && vm["out"].as<std::string>().empty())
        throw UsageError("--out must name a file");
    const std::string path = workspacePath(vm);
    auto workspace = openWorkspaceIfExists(path);
    if (!workspace)
        throw UsageError("no workspace at " + path + ": it has no run records");
    const auto run = workspace->run(id);
    if (!run)
        throw UsageError("the workspace " + path + " has no run " + std::to_string(id) +
                         "; see dtop runs list");
    const json j = vm["input-only"].as<bool>()
                       ? run->input
                       : io::resultEnvelope("runs show", {{"id", id}, {"workspace", path}},
                                            io::runRecordToJson(*run));
    writeOutput(vm, j.dump(2) + "\n", io);
    return kExitOk;
}

const std::vector<SubCommand>& subCommands()
{
    static const std::vector<SubCommand> kSubCommands = {
        {"list", "[--tool ID] [--limit N]", "recorded runs, newest first", &runList},
        {"show", "ID [--input-only]", "one run with its full input (JSON)", &runShow},
    };
    return kSubCommands;
}

} // namespace

void addRunFilterOptions(po::options_description& options)
{
    options.add_options()
        ("tool", po::value<std::string>(), "only the runs of this tool (e.g. simulate, control)")
        ("limit", po::value<long long>()->default_value(0),
         "at most this many runs, the newest (0 = all)");
}

json runFilterFromOptions(const po::variables_map& vm)
{
    json filter = {{"tool", nullptr}};
    if (vm.count("tool")) {
        const std::string tool = vm["tool"].as<std::string>();
        if (tool.empty())
            throw UsageError("--tool must name a tool");
        filter["tool"] = tool;
    }
    const long long limit = vm["limit"].as<long long>();
    if (limit < 0)
        throw UsageError("--limit must be >= 0, got " + std::to_string(limit));
    filter["limit"] = limit;
    return filter;
}

int runRunsCommand(const tools::ToolDescriptor&, const std::vector<std::string>& args,
                   CommandIo& io)
{
    const bool optionsOnly = args.empty() || (args.front().rfind("-", 0) == 0 &&
                                              args.front() != "--help" && args.front() != "-h");
    std::vector<std::string> verbArgs = args;
    if (optionsOnly)
        verbArgs.insert(verbArgs.begin(), "list");
    return dispatchSubCommand("runs",
                              "The analysis runs recorded in the workspace: every run of a tool's "
                              "panel, with its full\ninput, seed, the saved profile version it "
                              "used and headline numbers. Without a\nsub-command: list.",
                              subCommands(), verbArgs, io);
}

} // namespace dtop::cli
