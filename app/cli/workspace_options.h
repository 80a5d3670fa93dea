// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "io/workspace.h"

#include <optional>
#include <string>

namespace dtop::cli {

// --workspace FILE (default: the platform's application-data folder, see defaultWorkspacePath).
void addWorkspaceOption(boost::program_options::options_description& options);

// The workspace file the options name: --workspace, or the default location.
std::string workspacePath(const boost::program_options::variables_map& vm);

// Opens the workspace for reading: nothing when the file does not exist (nothing is created).
// A file that is not a valid workspace is a FileError (exit 3); it is left untouched.
std::optional<io::Workspace> openWorkspaceIfExists(const std::string& path);

// Opens or creates the workspace for writing (the default folder is created when needed), and
// makes the automatic backup when one is due (io::backupIfDue).
io::Workspace openWorkspaceForWriting(const boost::program_options::variables_map& vm);

} // namespace dtop::cli
