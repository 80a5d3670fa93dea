// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

namespace dtop::dynamics {

// `points` values from fmin to fmax inclusive, evenly spaced (points >= 2).
std::vector<double> linearGrid(double fmin, double fmax, std::size_t points);
// `points` values from fmin to fmax inclusive, evenly spaced in log (0 < fmin, points >= 2).
std::vector<double> logGrid(double fmin, double fmax, std::size_t points);

} // namespace dtop::dynamics
