// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/dataset.h"

#include <complex>
#include <cstddef>
#include <vector>

namespace dtop::crossval {

// Linear interpolation of samples y(x) at the abscissae xq. x must be strictly increasing and
// every xq must lie in [x.front(), x.back()] (the caller restricts the grid to the overlap:
// nothing is extrapolated). A query that equals a sample returns that sample exactly.
// O(x.size() + xq.size()) when xq is sorted ascending (the usual case), O(log) per point
// otherwise. Throws std::invalid_argument on a query outside the range or mismatched sizes.
std::vector<double> interpolateLinear(const std::vector<double>& x, const std::vector<double>& y,
                                      const std::vector<double>& xq);
// The same on complex values: real and imaginary parts interpolated linearly, i.e. the
// straight chord in the complex plane. FRFs are always interpolated this way (or as linear
// magnitudes when there is no phase), never in dB (docs/tools/crossval.md).
std::vector<std::complex<double>> interpolateLinear(const std::vector<double>& x,
                                                    const std::vector<std::complex<double>>& y,
                                                    const std::vector<double>& xq);

// A channel's values on `grid`: complex values when the channel has phase, otherwise its
// linear magnitudes (as real numbers with zero imaginary part). When `grid` equals the
// channel's own axis the values are copied exactly.
std::vector<std::complex<double>> channelOnGrid(const io::FrfChannel& channel,
                                                const std::vector<double>& grid);

// The points of `axis` inside [lo, hi] (inclusive).
std::vector<double> restrictToBand(const std::vector<double>& axis, double lo, double hi);

} // namespace dtop::crossval
