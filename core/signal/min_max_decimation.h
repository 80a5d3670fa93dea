// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace dtop::signal {

// Decimation of a polyline for drawing at a given pixel width. The range [xMin, xMax] is cut
// into `columns` equal columns; of the points falling in one column only the first, the
// lowest, the highest and the last are kept (in index order), so the drawn line keeps every
// peak and trough and joins its neighbours exactly as the full polyline would. The nearest
// point outside each end of the range is kept too, so the line runs to the plot's edges.
// x must be ascending (non-finite values are not expected). Returns ascending indices into
// x / y; a polyline with few points per column comes back whole.
std::vector<std::size_t> minMaxDecimate(std::span<const double> x, std::span<const double> y,
                                        double xMin, double xMax, std::size_t columns);

// The same for several y-vectors sharing one x (a shaded band's lower and upper bounds): an
// index is kept when it is kept for any of them.
std::vector<std::size_t> minMaxDecimate(std::span<const double> x,
                                        std::span<const std::span<const double>> ys, double xMin,
                                        double xMax, std::size_t columns);

} // namespace dtop::signal
