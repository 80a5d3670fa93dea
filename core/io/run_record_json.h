// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/text_table.h"
#include "io/workspace_records.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dtop::io {

// Run records as `dtop runs list|show` print them and the twin history panel shows them
// (docs/tools/profiles.md).

// {"id", "tool", "created_utc", "app_version", "seed" (null if none), "profile" ("NAME@V" of
// the saved version used, null if none recorded), "summary"}.
nlohmann::json runListEntry(const RunRecord& run);
// runListEntry() plus "input": everything needed to repeat the run.
nlohmann::json runRecordToJson(const RunRecord& run);
// "NAME@V", or empty when the run recorded no saved profile version.
std::string runProfileLabel(const RunRecord& run);
// One row per run: id, tool, created_utc, profile, seed, summary (compact JSON).
TextTable runListTable(const std::vector<RunRecord>& runs);

} // namespace dtop::io
