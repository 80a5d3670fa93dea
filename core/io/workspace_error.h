// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"

#include <stdexcept>
#include <string>

namespace dtop::io {

// Why a workspace file could not be used. The message always names the file; an open()
// that throws has left the file exactly as it was.
enum class WorkspaceProblem {
    NotAFile,      // a directory, a device, a missing folder
    Unreadable,    // no permission to read
    ReadOnly,      // readable but not writable (file or its folder)
    NotSqlite,     // not an SQLite 3 database at all (random bytes, text, too short)
    Corrupt,       // an SQLite file that is truncated or damaged, or holds unreadable records
    NotAWorkspace, // a valid SQLite database of another application
    NewerVersion,  // written by a newer DTOP with a schema this version does not know
    WriteFailed,   // a write was refused (disk full, I/O error); it was rolled back
};

const char* workspaceProblemName(WorkspaceProblem problem);

// A problem with the workspace file itself (the command line exits 3; the GUI offers to
// start a new workspace elsewhere).
class WorkspaceError : public std::runtime_error {
public:
    WorkspaceError(WorkspaceProblem problem, const std::string& message)
        : std::runtime_error(message), m_problem(problem)
    {
    }
    WorkspaceProblem problem() const { return m_problem; }

private:
    WorkspaceProblem m_problem;
};

// Something the caller asked to store is not acceptable (invalid profile, a preset's name,
// an empty dataset id, a duplicate id). Nothing was written. One issue per bad field.
class WorkspaceInputError : public std::invalid_argument {
public:
    explicit WorkspaceInputError(InputIssues issues)
        : std::invalid_argument(issues.empty() ? std::string() : issues.front().message),
          m_issues(std::move(issues))
    {
    }
    const InputIssues& issues() const { return m_issues; }

private:
    InputIssues m_issues;
};

} // namespace dtop::io
