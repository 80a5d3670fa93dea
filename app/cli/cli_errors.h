// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace dtop::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalidInput = 2;
inline constexpr int kExitBadFile = 3;

// Invalid input: one line per bad field, printed on stderr, exit status 2.
class UsageError : public std::runtime_error {
public:
    explicit UsageError(std::vector<std::string> lines)
        : std::runtime_error(lines.empty() ? std::string() : lines.front()),
          m_lines(std::move(lines))
    {
    }
    explicit UsageError(const std::string& line) : UsageError(std::vector<std::string>{line}) {}
    static UsageError fromIssues(const InputIssues& issues);
    // One line per issue, "--OPTION: message", with the option of each issue's field.
    static UsageError fromIssues(const InputIssues& issues,
                                 std::string (*optionFor)(const std::string& field));
    const std::vector<std::string>& lines() const { return m_lines; }

private:
    std::vector<std::string> m_lines;
};

// Unreadable, unwritable or malformed file (the message names the file, line and problem): exit 3.
class FileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace dtop::cli
