// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace dtop::io {

// The default workspace file (XDG base directories): $XDG_DATA_HOME/dtop/workspace.dtop when
// XDG_DATA_HOME is an absolute path, else $HOME/.local/share/dtop/workspace.dtop. Has no side
// effects; throws WorkspaceError (NotAFile) when neither variable gives a folder.
std::string defaultWorkspacePath();

// Creates the folder that will hold `path` (with its parents) if it is missing; throws
// WorkspaceError naming the folder when it cannot.
void createWorkspaceFolder(const std::string& path);

} // namespace dtop::io
