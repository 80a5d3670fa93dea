// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/number_format.h"

#include <charconv>
#include <cmath>

namespace dtop::io {

std::string formatNumber(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

namespace {
std::from_chars_result parseWhole(std::string_view text, double& value, const char*& last)
{
    const std::size_t begin = text.find_first_not_of(" \t\r\n");
    const std::size_t end = text.find_last_not_of(" \t\r\n");
    last = nullptr;
    if (begin == std::string::npos)
        return {text.data(), std::errc::invalid_argument};
    const char* first = text.data() + begin;
    last = text.data() + end + 1;
    if (*first == '+') // from_chars rejects a leading '+', users write it
        ++first;
    return std::from_chars(first, last, value);
}
} // namespace

bool parseNumber(std::string_view text, double& value)
{
    const char* last = nullptr;
    const auto result = parseWhole(text, value, last);
    return last && result.ec == std::errc() && result.ptr == last;
}

bool isOutOfRangeNumber(std::string_view text)
{
    double value = 0.0;
    const char* last = nullptr;
    const auto result = parseWhole(text, value, last);
    return last && result.ec == std::errc::result_out_of_range && result.ptr == last;
}

} // namespace dtop::io
