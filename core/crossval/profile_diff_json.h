// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crossval/profile_diff.h"
#include "crossval/profile_history.h"

#include <nlohmann/json.hpp>

namespace dtop::crossval {

// The "result" of `dtop profile diff NAME@V1 NAME@V2`:
// {"changed_parameters": n,
//  "parameters": [{"field", "unit", "old", "new", "changed", "relative_change_pct"}, ...]
//      (old/new are numbers, strings for the text fields, null where a side lacks the field),
//  "modes": [{"mode", "old_frequency_hz", "new_frequency_hz", "frequency_change_pct",
//             "old_damping_ratio", "new_damping_ratio"}, ...]}
nlohmann::json profileDiffToJson(const ProfileDiff& diff);

// The `profiles` tool's timeline: {"name", "versions": [{"version", "created_utc",
// "app_version", "note", "provenance", "frequencies_hz", "damping_ratios",
// "changed_parameters"}], "mode_frequencies_hz": [[per version] per mode]}.
nlohmann::json profileHistoryToJson(const ProfileHistory& history);

} // namespace dtop::crossval
