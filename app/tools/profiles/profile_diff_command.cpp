// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop profile diff NAME@V1 NAME@V2` (docs/tools/profiles.md).
#include "tools/profiles/profile_diff_command.h"

#include "cli/cli_errors.h"
#include "cli/output_options.h"
#include "cli/workspace_options.h"
#include "crossval/profile_diff_json.h"
#include "io/dynamics_json.h"
#include "io/number_format.h"
#include "models/profile_reference.h"

#include <cmath>
#include <sstream>

namespace po = boost::program_options;

namespace dtop::cli {

namespace {

const char* kUsage =
    "OLD NEW [options]\n\n"
    "Every parameter of two profiles side by side (changed or not, with the relative change)\n"
    "and their modes (natural frequencies and damping ratios of the linear part). OLD and NEW\n"
    "are NAME (the latest saved version, or the built-in preset NAME) or NAME@VERSION (that\n"
    "saved version), e.g. dtop profile diff my-rig@1 my-rig@2. Methods: docs/tools/profiles.md.";

std::string cell(const std::optional<double>& v)
{
    return v ? io::formatNumber(*v) : std::string();
}

std::string cell(double v)
{
    return std::isfinite(v) ? io::formatNumber(v) : std::string();
}

} // namespace

io::TextTable profileDiffTable(const crossval::ProfileDiff& diff)
{
    io::TextTable table;
    table.headers = {"field", "unit", "old", "new", "changed", "relative_change_pct"};
    for (const auto& p : diff.parameters) {
        const bool text =
            p.field == "name" || p.field == "provenance" || p.field == "damping_model";
        table.rows.push_back({p.field, p.unit, text ? p.oldText : cell(p.oldValue),
                              text ? p.newText : cell(p.newValue), p.changed ? "yes" : "no",
                              cell(p.relativeChangePct)});
    }
    for (const auto& m : diff.modes) {
        const std::string n = std::to_string(m.mode);
        const bool fChanged = m.oldFrequencyHz != m.newFrequencyHz;
        table.rows.push_back({"f" + n, "Hz", cell(m.oldFrequencyHz), cell(m.newFrequencyHz),
                              fChanged ? "yes" : "no", cell(m.frequencyChangePct)});
        const bool zChanged = m.oldDampingRatio != m.newDampingRatio;
        double zPct = std::nan("");
        if (m.oldDampingRatio && m.newDampingRatio && *m.oldDampingRatio != 0.0)
            zPct = 100.0 * (*m.newDampingRatio - *m.oldDampingRatio) / std::abs(*m.oldDampingRatio);
        table.rows.push_back({"zeta" + n, "", cell(m.oldDampingRatio), cell(m.newDampingRatio),
                              zChanged ? "yes" : "no", cell(zPct)});
    }
    return table;
}

int runProfileDiffCommand(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    options.add_options()
        ("old", po::value<std::string>(), "the older profile: NAME or NAME@VERSION")
        ("new", po::value<std::string>(), "the newer profile: NAME or NAME@VERSION");
    addWorkspaceOption(options);
    addOutputOptions(options);
    po::positional_options_description positional;
    positional.add("old", 1).add("new", 1);
    po::variables_map vm;
    if (!parseOptions("profile diff", kUsage, options, args, vm, io, &positional))
        return kExitOk;
    checkOutputOptions(vm);
    if (!vm.count("old") || !vm.count("new"))
        throw UsageError("give two profiles, OLD and NEW (NAME or NAME@VERSION); see dtop "
                         "profile diff --help");

    auto workspace = openWorkspaceIfExists(workspacePath(vm));
    io::Workspace* ws = workspace ? &*workspace : nullptr;
    InputIssues issues;
    const auto older = models::resolveProfile(vm["old"].as<std::string>(), ws, "old", issues);
    const auto newer = models::resolveProfile(vm["new"].as<std::string>(), ws, "new", issues);
    if (!older || !newer)
        throw UsageError::fromIssues(issues);
    if (issues = crossval::checkProfilesForDiff(older->profile, newer->profile); !issues.empty())
        throw UsageError::fromIssues(issues);

    const crossval::ProfileDiff diff = crossval::diffProfiles(older->profile, newer->profile);
    const nlohmann::json input = {{"old", older->label}, {"new", newer->label}};
    const auto json = io::resultEnvelope("profile diff", input, crossval::profileDiffToJson(diff));
    if (vm["format"].as<std::string>() == "csv") {
        std::ostringstream text;
        profileDiffTable(diff).write(text);
        writeOutput(vm, text.str(), io);
    } else {
        writeResult(vm, json, {}, io);
    }
    return kExitOk;
}

} // namespace dtop::cli
