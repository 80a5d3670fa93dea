// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/model_options.h"

#include "cli/cli_errors.h"
#include "cli/profile_lookup.h"
#include "cli/workspace_options.h"

namespace po = boost::program_options;

namespace dtop::cli {

namespace {
// A list-length problem comes from mixing an override with the profile: say which option fixes it.
std::string optionHint(const std::string& field)
{
    static const std::pair<const char*, const char*> kListOptions[] = {
        {"m", "mass"}, {"k", "stiffness"}, {"c", "damping"}, {"kc", "cubic"}};
    for (const auto& [listField, option] : kListOptions)
        if (field == listField)
            return std::string(" (set it with --") + option + ")";
    return {};
}
} // namespace

void addModelOptions(po::options_description& options, const std::string& defaultProfile)
{
    options.add_options()
        ("profile", po::value<std::string>()->default_value(defaultProfile),
         "profile: a preset (southampton-lpm, southampton-design, sheffield-design, full-scale, "
         "cbc-demo) or a saved profile")
        ("mass", po::value<std::string>(), "floor masses m1,m2,... [kg] (overrides the profile)")
        ("stiffness", po::value<std::string>(), "storey stiffnesses k1,k2,... [N/m]")
        ("damping", po::value<std::string>(),
         "storey dampers c1,c2,... [N·s/m] (replaces Rayleigh damping)")
        ("cubic", po::value<std::string>(), "cubic storey springs kc1,kc2,... [N/m³]");
    addWorkspaceOption(options);
}

model::Profile profileFromOptions(const po::variables_map& vm, int* savedVersion)
{
    model::Profile profile = lookupProfile(vm["profile"].as<std::string>(), vm, savedVersion);
    bool overridden = false;
    auto apply = [&](const char* option, std::vector<double>& target) {
        if (!vm.count(option))
            return;
        target = parseNumberList(option, vm[option].as<std::string>());
        overridden = true;
    };
    apply("mass", profile.masses);
    apply("stiffness", profile.stiffnesses);
    if (vm.count("damping"))
        profile.damping = model::DampingModel::StoreyDampers;
    apply("damping", profile.dampers);
    apply("cubic", profile.cubicStiffnesses);
    if (overridden) {
        profile.provenance = "'" + profile.name + "' with command-line overrides";
        if (savedVersion)
            *savedVersion = 0; // no longer the saved version
    }

    const InputIssues issues = profile.validate();
    if (!issues.empty()) {
        std::vector<std::string> lines;
        for (const auto& issue : issues)
            lines.push_back(issue.message + optionHint(issue.field));
        throw UsageError(std::move(lines));
    }
    return profile;
}

} // namespace dtop::cli
