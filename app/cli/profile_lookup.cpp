// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/profile_lookup.h"

#include "cli/cli_errors.h"
#include "cli/workspace_options.h"
#include "model/presets.h"

namespace dtop::cli {

model::Profile lookupProfile(const std::string& name, const boost::program_options::variables_map& vm,
                             int* savedVersion)
{
    if (savedVersion)
        *savedVersion = 0;
    if (auto p = model::preset(name))
        return *p;
    std::string known;
    for (const auto& n : model::presetNames())
        known += (known.empty() ? "" : ", ") + n;
    if (auto workspace = openWorkspaceIfExists(workspacePath(vm))) {
        try {
            if (auto saved = workspace->latestProfile(name)) {
                if (savedVersion)
                    *savedVersion = saved->version;
                return saved->profile;
            }
            for (const auto& s : workspace->savedProfiles())
                known += ", " + s.name;
        } catch (const io::WorkspaceError& e) {
            throw FileError(e.what());
        }
    }
    throw UsageError("--profile: unknown profile '" + name + "'; known profiles: " + known);
}

} // namespace dtop::cli
