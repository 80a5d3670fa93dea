// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/input_issue.h"

#include <cmath>
#include <cstdio>

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

} // namespace dtop
