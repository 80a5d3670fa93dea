// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/workspace_error.h"

namespace dtop::io {

const char* workspaceProblemName(WorkspaceProblem problem)
{
    switch (problem) {
    case WorkspaceProblem::NotAFile:
        return "not a file";
    case WorkspaceProblem::Unreadable:
        return "unreadable";
    case WorkspaceProblem::ReadOnly:
        return "read-only";
    case WorkspaceProblem::NotSqlite:
        return "not an SQLite database";
    case WorkspaceProblem::Corrupt:
        return "damaged";
    case WorkspaceProblem::NotAWorkspace:
        return "not a DTOP workspace";
    case WorkspaceProblem::NewerVersion:
        return "newer schema version";
    case WorkspaceProblem::WriteFailed:
        return "write failed";
    }
    return "unknown";
}

} // namespace dtop::io
