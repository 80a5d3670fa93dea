// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/workspace_location.h"

#include "io/workspace_error.h"

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace dtop::io {

std::string defaultWorkspacePath()
{
    // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && fs::path(xdg).is_absolute())
        return (fs::path(xdg) / "dtop" / "workspace.dtop").string();
    if (const char* home = std::getenv("HOME"); home && *home)
        return (fs::path(home) / ".local" / "share" / "dtop" / "workspace.dtop").string();
    throw WorkspaceError(WorkspaceProblem::NotAFile,
                         "no default workspace: neither XDG_DATA_HOME nor HOME is set; "
                         "choose a file with --workspace");
}

void createWorkspaceFolder(const std::string& path)
{
    const fs::path folder = fs::path(path).parent_path();
    if (folder.empty())
        return;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        throw WorkspaceError(WorkspaceProblem::NotAFile, "cannot create the folder " +
                                                             folder.string() + " for workspace " +
                                                             path + ": " + ec.message());
}

} // namespace dtop::io
