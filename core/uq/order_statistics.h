// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

namespace dtop::uq {

// The exact order statistics of `values` at the given 0-based ranks (any order, each < count),
// into out[0..ranks.size()-1]. `values` must be finite and >= 0 (squared magnitudes); they are
// reordered. Linear time: one histogram pass over the IEEE bit patterns (monotone for
// non-negative doubles), one pass collecting the few values in the buckets that hold the
// requested ranks, then a selection inside those.
void orderStatistics(double* values, std::size_t count, const std::vector<std::size_t>& ranks,
                     double* out, double minValue, double maxValue);

// Percentile q [%] by linear interpolation between the order statistics at (count-1)·q/100
// (numpy's default): the two ranks needed.
void percentileRanks(double q, std::size_t count, std::size_t& below, std::size_t& above,
                     double& fraction);

} // namespace dtop::uq
