// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "model/profile.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace dtop::io {

// Profile <-> JSON, keys in snake_case with units (docs/architecture.md):
// {"name", "provenance", "masses_kg", "stiffnesses_n_m", "cubic_stiffnesses_n_m3",
//  "damping": {"model": "dampers", "dampers_n_s_m": [...]}
//           | {"model": "rayleigh", "alpha_1_s", "beta_s"}
//           | {"model": "rayleigh-ratio", "ratio", "modes": [a, b]}}
nlohmann::json profileToJson(const model::Profile& profile);

// Reads a profile; every structural problem (missing key, wrong type) is added to `issues`
// with the key named. The returned profile still has to pass Profile::validate().
std::optional<model::Profile> profileFromJson(const nlohmann::json& json, InputIssues& issues);

} // namespace dtop::io
