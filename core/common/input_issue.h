// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace dtop {

// One problem with one input field, found by an Input::validate() before any work is done.
// `field` is the short id a form or option uses ("k2", "points"); `message` is the full
// sentence shown to the user and names the field, its unit and the offending value.
struct InputIssue {
    std::string field;
    std::string message;
};

using InputIssues = std::vector<InputIssue>;

// Throws std::invalid_argument("invalid <what>:\n  <message>...") when `issues` is not empty:
// what an analysis does with input its caller did not validate.
void throwIfInvalid(const InputIssues& issues, const std::string& what);

// "12.5", "-3", "1e-06": short, exact enough for a message.
std::string formatValue(double value);

} // namespace dtop
