// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace dtop::fuzz {

// Inputs the application itself writes for `target` (a tool's default input JSON, the
// presets as profile JSON, a workspace holding profiles, a dataset and a run, comma lists):
// the seeds of the targets that have no fixture files. Empty for the file readers, whose seeds
// are tests/data fixtures (packaging/fuzz.sh).
std::vector<std::string> generatedSeeds(const std::string& target);

} // namespace dtop::fuzz
