// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "model/profile.h"

namespace dtop::cli {

// --profile NAME and the overrides --mass/--stiffness/--damping/--cubic (comma lists, SI
// units; a list's length sets the number of storeys). Shared by every tool command.
void addModelOptions(boost::program_options::options_description& options,
                     const std::string& defaultProfile);

// The effective, validated profile; throws UsageError naming each bad option or field.
// `savedVersion`, when given, receives the workspace version the profile is exactly (the
// latest version of a saved profile), 0 for a preset or a profile the overrides changed.
model::Profile profileFromOptions(const boost::program_options::variables_map& vm,
                                  int* savedVersion = nullptr);


} // namespace dtop::cli
