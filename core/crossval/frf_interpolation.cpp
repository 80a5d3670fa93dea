// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/frf_interpolation.h"

#include "common/input_issue.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace dtop::crossval {

namespace {

template <class T>
std::vector<T> interpolate(const std::vector<double>& x, const std::vector<T>& y,
                           const std::vector<double>& xq)
{
    if (x.size() != y.size())
        throw std::invalid_argument("interpolation: " + std::to_string(x.size()) +
                                    " abscissae but " + std::to_string(y.size()) + " values");
    if (x.empty())
        throw std::invalid_argument("interpolation: no samples");
    std::vector<T> out(xq.size());
    std::size_t j = 0; // x[j] <= q < x[j+1] for the previous query
    for (std::size_t k = 0; k < xq.size(); ++k) {
        const double q = xq[k];
        if (!(q >= x.front() && q <= x.back()))
            throw std::invalid_argument(
                "interpolation: " + formatValue(q) + " lies outside the samples' range [" +
                formatValue(x.front()) + ", " + formatValue(x.back()) + "]");
        if (x.size() == 1) {
            out[k] = y[0];
            continue;
        }
        // One step forward for dense ascending queries; a binary search for any jump.
        if (q < x[j] || (j + 2 < x.size() && q >= x[j + 2]))
            j = std::min(
                static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), q) - x.begin()) - 1,
                x.size() - 2);
        else if (j + 2 < x.size() && q >= x[j + 1])
            ++j;
        const double x0 = x[j], x1 = x[j + 1];
        if (q == x0) {
            out[k] = y[j];
        } else if (q == x1) {
            out[k] = y[j + 1];
        } else {
            const double t = (q - x0) / (x1 - x0);
            out[k] = y[j] + (y[j + 1] - y[j]) * t;
        }
    }
    return out;
}

} // namespace

std::vector<double> interpolateLinear(const std::vector<double>& x, const std::vector<double>& y,
                                      const std::vector<double>& xq)
{
    return interpolate(x, y, xq);
}

std::vector<std::complex<double>> interpolateLinear(const std::vector<double>& x,
                                                    const std::vector<std::complex<double>>& y,
                                                    const std::vector<double>& xq)
{
    return interpolate(x, y, xq);
}

std::vector<std::complex<double>> channelOnGrid(const io::FrfChannel& channel,
                                                const std::vector<double>& grid)
{
    // The usual case: the grid is a run of the channel's own axis, so the values are copied.
    const auto& axis = channel.frequencyHz;
    if (!grid.empty()) {
        const auto first = std::lower_bound(axis.begin(), axis.end(), grid.front());
        const auto offset = static_cast<std::size_t>(first - axis.begin());
        if (offset + grid.size() <= axis.size() && std::equal(grid.begin(), grid.end(), first)) {
            if (channel.hasPhase())
                return {channel.values.begin() + static_cast<std::ptrdiff_t>(offset),
                        channel.values.begin() + static_cast<std::ptrdiff_t>(offset + grid.size())};
            return {channel.magnitude.begin() + static_cast<std::ptrdiff_t>(offset),
                    channel.magnitude.begin() + static_cast<std::ptrdiff_t>(offset + grid.size())};
        }
    }
    if (channel.hasPhase())
        return interpolateLinear(channel.frequencyHz, channel.values, grid);
    const std::vector<double> m = interpolateLinear(channel.frequencyHz, channel.magnitude, grid);
    return std::vector<std::complex<double>>(m.begin(), m.end());
}

std::vector<double> restrictToBand(const std::vector<double>& axis, double lo, double hi)
{
    const auto first = std::lower_bound(axis.begin(), axis.end(), lo);
    const auto last = std::upper_bound(first, axis.end(), hi);
    return std::vector<double>(first, last);
}

} // namespace dtop::crossval
