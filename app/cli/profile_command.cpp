// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop profile list|show|export|import|history|diff`: built-in presets and the profiles saved in
// the workspace, with their append-only versions.
#include "cli/commands.h"

#include "cli/cli_errors.h"
#include "cli/output_options.h"
#include "cli/sub_command.h"
#include "cli/workspace_options.h"
#include "data/uff_conversion.h"
#include "io/atomic_file.h"
#include "io/json_text.h"
#include "io/profile_json.h"
#include "io/text_table.h"
#include "model/presets.h"
#include "tools/profiles/profile_diff_command.h"

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace po = boost::program_options;
using nlohmann::json;

namespace dtop::cli {

namespace {

// A profile as `show` and `export` find it: a preset, or one version of a saved profile.
struct FoundProfile {
    model::Profile profile;
    bool preset = false;
    std::optional<io::ProfileVersion> saved;
    int latestVersion = 0;
    std::string workspace;
};

void addVersionOption(po::options_description& options)
{
    options.add_options()("version", po::value<int>(),
                          "version N of a saved profile (default: the latest)");
}

std::string positional(const po::variables_map& vm, const char* key, const std::string& what,
                       const std::string& command)
{
    if (!vm.count(key))
        throw UsageError("give a " + what + "; see dtop profile " + command + " --help");
    return vm[key].as<std::string>();
}

FoundProfile findProfile(const po::variables_map& vm, const std::string& name)
{
    FoundProfile found;
    const int version = vm.count("version") ? vm["version"].as<int>() : 0; // 0: the latest
    if (vm.count("version") && version < 1)
        throw UsageError("--version must be >= 1, got " + std::to_string(version));
    if (auto p = model::preset(name)) {
        if (version > 0)
            throw UsageError("'" + name + "' is a built-in preset; it has no versions");
        found.profile = *p;
        found.preset = true;
        return found;
    }
    found.workspace = workspacePath(vm);
    auto workspace = openWorkspaceIfExists(found.workspace);
    std::vector<io::SavedProfileSummary> saved;
    if (workspace) {
        saved = workspace->savedProfiles();
        for (const auto& s : saved)
            if (s.name == name)
                found.latestVersion = s.latestVersion;
    }
    if (found.latestVersion == 0) {
        std::string known;
        for (const auto& n : model::presetNames())
            known += (known.empty() ? "" : ", ") + n;
        for (const auto& s : saved)
            known += ", " + s.name;
        throw UsageError("unknown profile '" + name + "' (workspace " + found.workspace +
                         "); known profiles: " + known);
    }
    found.saved = version > 0 ? workspace->profileVersion(name, version)
                              : workspace->latestProfile(name);
    if (!found.saved)
        throw UsageError("profile '" + name + "' has versions 1 to " +
                         std::to_string(found.latestVersion) + ", not " +
                         std::to_string(version));
    found.profile = found.saved->profile;
    return found;
}

// The storeys' nodes (2411) and the profile's mode shapes (55) as one UFF file.
std::string profileUff(const model::Profile& profile, double storeyHeightM)
{
    data::UffFile file;
    file.datasets.push_back(data::shearBuildingNodes(profile.storeys(), storeyHeightM));
    for (auto& d : data::uffFromModeShapes(data::modeShapesFromProfile(profile), profile.name)
                       .datasets)
        file.datasets.push_back(std::move(d));
    return data::formatUff(file);
}

json versionJson(const io::ProfileVersion& v)
{
    return {{"version", v.version},
            {"created_utc", v.createdUtc},
            {"app_version", v.appVersion},
            {"note", v.note}};
}

std::string formatText(const po::variables_map& vm, const json& j, const io::TextTable& table)
{
    std::ostringstream text;
    if (vm["format"].as<std::string>() == "csv")
        table.write(text);
    else
        text << j.dump(2) << '\n';
    return text.str();
}

int runList(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    addWorkspaceOption(options);
    addOutputOptions(options);
    po::variables_map vm;
    if (!parseOptions("profile list", "[options]\n\nThe built-in presets and the profiles saved in "
                                      "the workspace, with their latest version.",
                      options, args, vm, io))
        return kExitOk;
    checkOutputOptions(vm);

    const std::string path = workspacePath(vm);
    json profiles = json::array();
    io::TextTable table;
    table.headers = {"name", "source", "latest_version", "updated_utc", "description"};
    for (const auto& name : model::presetNames()) {
        const std::string description = model::presetDescription(name);
        profiles.push_back({{"name", name},
                            {"source", "preset"},
                            {"latest_version", nullptr},
                            {"description", description}});
        table.rows.push_back({name, "preset", "", "", description});
    }
    if (auto workspace = openWorkspaceIfExists(path)) {
        for (const auto& s : workspace->savedProfiles()) {
            profiles.push_back({{"name", s.name},
                                {"source", "saved"},
                                {"latest_version", s.latestVersion},
                                {"created_utc", s.createdUtc},
                                {"updated_utc", s.updatedUtc}});
            table.rows.push_back(
                {s.name, "saved", std::to_string(s.latestVersion), s.updatedUtc, ""});
        }
    }
    writeOutput(vm, formatText(vm, {{"workspace", path}, {"profiles", profiles}}, table), io);
    return kExitOk;
}

// NAME [--version N] [--workspace FILE] [--out FILE]: the options of show and export.
// Returns the found profile, or nothing when --help was printed.
std::optional<FoundProfile> parseNamedProfile(const std::string& sub, const std::string& usage,
                                              const std::vector<std::string>& args,
                                              po::variables_map& vm, CommandIo& io,
                                              const po::options_description* extra = nullptr)
{
    po::options_description options("Options");
    options.add_options()("name", po::value<std::string>(), "profile NAME (preset or saved)");
    addVersionOption(options);
    if (extra)
        options.add(*extra);
    addWorkspaceOption(options);
    options.add_options()("out", po::value<std::string>(), "write the JSON to FILE");
    po::positional_options_description names;
    names.add("name", 1);
    if (!parseOptions("profile " + sub, usage, options, args, vm, io, &names))
        return std::nullopt;
    if (vm.count("out") && vm["out"].as<std::string>().empty())
        throw UsageError("--out must name a file");
    return findProfile(vm, positional(vm, "name", "profile NAME", sub));
}

int runShow(const std::vector<std::string>& args, CommandIo& io)
{
    po::variables_map vm;
    const auto found = parseNamedProfile(
        "show", "NAME [options]\n\nThe profile NAME with its version, date and note, as JSON.",
        args, vm, io);
    if (!found)
        return kExitOk;
    json j = {{"name", found->profile.name}};
    if (found->preset) {
        j["source"] = "preset";
        j["version"] = nullptr;
        j["description"] = model::presetDescription(found->profile.name);
    } else {
        j["source"] = "saved";
        j.update(versionJson(*found->saved));
        j["latest_version"] = found->latestVersion;
        j["workspace"] = found->workspace;
    }
    j["profile"] = io::profileToJson(found->profile);
    writeOutput(vm, j.dump(2) + "\n", io);
    return kExitOk;
}

int runExport(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description uff;
    uff.add_options()
        ("format", po::value<std::string>()->default_value("json"),
         "json (importable again) or uff: the storeys' nodes (UFF dataset 2411) and the "
         "mass-normalised mode shapes with frequencies and damping ratios (dataset 55)")
        ("storey-height", po::value<double>()->default_value(1.0),
         "uff: height of each storey [m] (node k at z = k·height; display geometry only)");
    po::variables_map vm;
    const auto found = parseNamedProfile(
        "export",
        "NAME [options]\n\nThe profile's JSON, as `dtop profile import` reads it, or with "
        "--format uff its\nnodes and mode shapes for ME'scope, Simcenter Testlab or pyuff.",
        args, vm, io, &uff);
    if (!found)
        return kExitOk;
    const std::string format = vm["format"].as<std::string>();
    if (format == "json") {
        writeOutput(vm, io::profileToJson(found->profile).dump(2) + "\n", io);
        return kExitOk;
    }
    if (format != "uff")
        throw UsageError("--format must be json or uff, got '" + format + "'");
    const double height = vm["storey-height"].as<double>();
    if (!(height > 0.0) || !std::isfinite(height))
        throw UsageError("--storey-height must be a positive number of metres");
    if (!vm.count("out"))
        throw UsageError("--format uff needs --out FILE");
    writeOutput(vm, profileUff(found->profile, height), io);
    return kExitOk;
}

int runImport(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    options.add_options()("file", po::value<std::string>(), "profile JSON FILE")(
        "note", po::value<std::string>(), "why this version exists (default: imported from FILE)");
    addWorkspaceOption(options);
    po::positional_options_description files;
    files.add("file", 1);
    po::variables_map vm;
    if (!parseOptions("profile import",
                      "FILE [options]\n\nSaves the profile in FILE (JSON, as `dtop profile export` "
                      "writes it) as the next version of the profile its 'name' field names.\n"
                      "Built-in preset names cannot be used; rename the profile in the file.",
                      options, args, vm, io, &files))
        return kExitOk;
    const std::string file = positional(vm, "file", "profile JSON FILE", "import");

    std::string text;
    std::string error;
    if (!io::readFile(file, text, error))
        throw FileError(error);
    io::JsonSyntaxError syntax;
    const auto parsed = io::parseJsonText(text, syntax);
    if (!parsed)
        throw FileError(file + ", line " + std::to_string(syntax.line) + ", column " +
                        std::to_string(syntax.column) + ": malformed JSON: " + syntax.problem);
    InputIssues issues;
    auto profile = io::profileFromJson(*parsed, issues);
    if (profile)
        issues = io::Workspace::checkProfileForSaving(*profile);
    if (!issues.empty()) {
        std::vector<std::string> lines;
        for (const auto& issue : issues)
            lines.push_back(file + ": " + issue.message);
        throw UsageError(std::move(lines));
    }

    const std::string note =
        vm.count("note") ? vm["note"].as<std::string>()
                         : "imported from " + std::filesystem::path(file).filename().string();
    io::Workspace workspace = openWorkspaceForWriting(vm);
    const io::ProfileVersion saved = workspace.saveProfile(*profile, note);
    json j = {{"name", saved.profile.name}};
    j.update(versionJson(saved));
    j["workspace"] = workspace.path();
    io.out << j.dump(2) << '\n';
    return kExitOk;
}

int runHistory(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    options.add_options()("name", po::value<std::string>(), "saved profile NAME");
    addWorkspaceOption(options);
    addOutputOptions(options);
    po::positional_options_description names;
    names.add("name", 1);
    po::variables_map vm;
    if (!parseOptions("profile history", "NAME [options]\n\nEvery saved version of profile NAME, "
                                         "oldest first.",
                      options, args, vm, io, &names))
        return kExitOk;
    checkOutputOptions(vm);
    const std::string name = positional(vm, "name", "profile NAME", "history");
    if (model::preset(name))
        throw UsageError("'" + name + "' is a built-in preset; it has no saved versions");
    const FoundProfile found = findProfile(vm, name); // unknown names fail here
    auto workspace = openWorkspaceIfExists(found.workspace);
    json versions = json::array();
    io::TextTable table;
    table.headers = {"version", "created_utc", "app_version", "note"};
    for (const auto& v : workspace->profileHistory(name)) {
        json entry = versionJson(v);
        entry["profile"] = io::profileToJson(v.profile);
        versions.push_back(std::move(entry));
        table.rows.push_back({std::to_string(v.version), v.createdUtc, v.appVersion, v.note});
    }
    const json j = {{"name", name}, {"workspace", found.workspace}, {"versions", versions}};
    writeOutput(vm, formatText(vm, j, table), io);
    return kExitOk;
}

const std::vector<SubCommand>& subCommands()
{
    static const std::vector<SubCommand> kSubCommands = {
        {"list", "[options]", "presets and saved profiles with their latest version", &runList},
        {"show", "NAME [--version N]", "the profile NAME with its version and note (JSON)",
         &runShow},
        {"export", "NAME [--version N] [--out FILE]", "its JSON, or its nodes and modes as UFF",
         &runExport},
        {"import", "FILE [--note TEXT]", "save FILE's profile as a new version", &runImport},
        {"history", "NAME", "every saved version of NAME, oldest first", &runHistory},
        {"diff", "OLD NEW", "parameters and modes of two profiles (NAME[@VERSION])",
         &runProfileDiffCommand},
    };
    return kSubCommands;
}

} // namespace

int runProfileCommand(const std::vector<std::string>& args, CommandIo& io)
{
    return dispatchSubCommand(
        "profile",
        "Profiles are the twin's structural parameters. Built-in presets are fixed; saved\n"
        "profiles live in the workspace and are never overwritten: each import or edit\n"
        "appends a version.",
        subCommands(), args, io);
}

} // namespace dtop::cli
