// SPDX-License-Identifier: GPL-3.0-or-later
#include "signal/min_max_decimation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dtop::signal {

namespace {

// Visible index range [begin, end) widened by one point on each side.
std::pair<std::size_t, std::size_t> visibleRange(std::span<const double> x, double xMin,
                                                 double xMax)
{
    auto first = std::lower_bound(x.begin(), x.end(), xMin);
    auto last = std::upper_bound(first, x.end(), xMax);
    std::size_t begin = static_cast<std::size_t>(first - x.begin());
    std::size_t end = static_cast<std::size_t>(last - x.begin());
    if (begin > 0)
        --begin;
    if (end < x.size())
        ++end;
    return {begin, end};
}

} // namespace

std::vector<std::size_t> minMaxDecimate(std::span<const double> x,
                                        std::span<const std::span<const double>> ys, double xMin,
                                        double xMax, std::size_t columns)
{
    for (const auto& y : ys) {
        if (y.size() != x.size())
            throw std::invalid_argument("minMaxDecimate: x and y differ in length");
    }
    std::vector<std::size_t> kept;
    if (x.empty())
        return kept;
    if (!(xMax > xMin) || columns == 0)
        columns = 1;
    const auto [begin, end] = visibleRange(x, std::min(xMin, xMax), std::max(xMin, xMax));
    if (end <= begin)
        return kept;
    // Few points: nothing to gain.
    if (end - begin <= 4 * columns) {
        kept.reserve(end - begin);
        for (std::size_t i = begin; i < end; ++i)
            kept.push_back(i);
        return kept;
    }
    kept.reserve(std::min(end - begin, 4 * ys.size() * (columns + 2)));
    const double scale = static_cast<double>(columns) / (xMax - xMin);
    const auto lastColumn = static_cast<long long>(columns) - 1;
    auto columnOf = [&](double xi) {
        // Points outside the range (the one kept on each side) get their own columns.
        const double c = std::floor((xi - xMin) * scale);
        if (c < 0)
            return -1LL;
        if (c > static_cast<double>(lastColumn))
            return lastColumn + 1;
        return static_cast<long long>(c);
    };

    std::vector<std::size_t> column; // the indices kept for the current column
    std::size_t i = begin;
    while (i < end) {
        const long long c = columnOf(x[i]);
        // End of the column: galloping, then bisection (columns hold ~n/columns points).
        std::size_t lo = i + 1, step = 1;
        while (i + step < end && columnOf(x[i + step]) == c) {
            lo = i + step + 1;
            step *= 2;
        }
        const std::size_t hiBound = std::min(i + step, end);
        const std::size_t j = static_cast<std::size_t>(
            std::partition_point(x.begin() + static_cast<std::ptrdiff_t>(lo),
                                 x.begin() + static_cast<std::ptrdiff_t>(hiBound),
                                 [&](double xi) { return columnOf(xi) == c; }) -
            x.begin());
        // Column [i, j): first, last, and the extremes of every y.
        column.clear();
        column.push_back(i);
        column.push_back(j - 1);
        for (const auto& y : ys) {
            std::size_t lo = i, hi = i;
            for (std::size_t k = i + 1; k < j; ++k) {
                if (y[k] < y[lo])
                    lo = k;
                if (y[k] > y[hi])
                    hi = k;
            }
            column.push_back(lo);
            column.push_back(hi);
        }
        std::sort(column.begin(), column.end());
        column.erase(std::unique(column.begin(), column.end()), column.end());
        kept.insert(kept.end(), column.begin(), column.end());
        i = j;
    }
    return kept;
}

std::vector<std::size_t> minMaxDecimate(std::span<const double> x, std::span<const double> y,
                                        double xMin, double xMax, std::size_t columns)
{
    const std::span<const double> ys[] = {y};
    return minMaxDecimate(x, std::span<const std::span<const double>>(ys), xMin, xMax, columns);
}

} // namespace dtop::signal
