// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/profile.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dtop::model {

// Built-in profiles (docs/presets.md). The first is the default active profile.
std::vector<std::string> presetNames();
std::optional<Profile> preset(std::string_view name);
// One-line description for lists and tooltips; empty for an unknown name.
std::string presetDescription(std::string_view name);

// Storey stiffness of four fixed-guided rectangular legs: k = 4·12·E·J/l³ with J = b·t³/12.
double fixedGuidedLegStiffness(double youngModulus, double legWidth, double legThickness,
                               double legLength, int legs = 4);

} // namespace dtop::model
