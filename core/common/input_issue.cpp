// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/input_issue.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace dtop {

std::string formatValue(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

void throwIfInvalid(const InputIssues& issues, const std::string& what)
{
    if (issues.empty())
        return;
    std::string text = "invalid " + what + ":";
    for (const auto& issue : issues)
        text += "\n  " + issue.message;
    throw std::invalid_argument(text);
}

} // namespace dtop
