// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace dtop::io {

// Shortest text that reads back to exactly `value` ("0.1", "6.2035568e+00" never padded).
// Non-finite values give "nan", "inf", "-inf".
std::string formatNumber(double value);

// Parses a whole string as a double (leading/trailing blanks allowed, nothing else).
bool parseNumber(std::string_view text, double& value);

// True for text that is a well-formed number too large or too small for a double ("1e400").
bool isOutOfRangeNumber(std::string_view text);

} // namespace dtop::io
