// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/profile.h"

#include <string>

namespace dtop::cli {

// Resolves --profile NAME: built-in presets first, then saved profiles of the workspace.
// Throws UsageError listing the available names when NAME is unknown.
model::Profile lookupProfile(const std::string& name);

} // namespace dtop::cli
