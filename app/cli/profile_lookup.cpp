// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/profile_lookup.h"

#include "cli/cli_errors.h"
#include "model/presets.h"

namespace dtop::cli {

model::Profile lookupProfile(const std::string& name)
{
    if (auto p = model::preset(name))
        return *p;
    std::string known;
    for (const auto& n : model::presetNames())
        known += (known.empty() ? "" : ", ") + n;
    throw UsageError("--profile: unknown profile '" + name + "'; known profiles: " + known);
}

} // namespace dtop::cli
