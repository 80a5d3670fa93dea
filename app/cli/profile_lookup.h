// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/profile.h"

#include <boost/program_options/variables_map.hpp>

#include <string>

namespace dtop::cli {

// Resolves --profile NAME: built-in presets first, then the latest version of a profile saved
// in the workspace of the options (--workspace or the default; not created if missing).
// Throws UsageError listing the available names when NAME is unknown, FileError when the
// workspace file is not a valid workspace. `savedVersion`, when given, receives the version
// of the saved profile (0 for a preset).
model::Profile lookupProfile(const std::string& name,
                             const boost::program_options::variables_map& vm,
                             int* savedVersion = nullptr);

} // namespace dtop::cli
