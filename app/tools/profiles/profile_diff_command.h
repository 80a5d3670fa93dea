// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "crossval/profile_diff.h"
#include "io/text_table.h"

namespace dtop::cli {

// `dtop profile diff OLD NEW` (a verb of `dtop profile`): every parameter and the modes of two
// profiles, each NAME (latest saved version or preset) or NAME@VERSION.
int runProfileDiffCommand(const std::vector<std::string>& args, CommandIo& io);

// The diff as one table (parameters, then each mode's frequency and damping ratio), for
// --format csv and the panel's export.
io::TextTable profileDiffTable(const crossval::ProfileDiff& diff);

} // namespace dtop::cli
