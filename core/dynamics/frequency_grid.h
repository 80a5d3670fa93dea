// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"

#include <cstddef>
#include <vector>

namespace dtop::dynamics {

// `points` values from fmin to fmax inclusive, evenly spaced (points >= 2).
std::vector<double> linearGrid(double fmin, double fmax, std::size_t points);
// `points` values from fmin to fmax inclusive, evenly spaced in log (0 < fmin, points >= 2).
std::vector<double> logGrid(double fmin, double fmax, std::size_t points);

} // namespace dtop::dynamics

namespace dtop::dynamics {

// A linear grid from fmin to fmax plus, around every resonance f_r (with damping ratio ζ_r) in
// range, extra points spaced ζ_r·f_r/4 over ±4 half-power bandwidths, so plotted peaks are
// never cut off however coarse the base grid. Sorted, duplicates removed.
std::vector<double> resonanceRefinedGrid(double fmin, double fmax, std::size_t points,
                                         const std::vector<double>& resonancesHz,
                                         const std::vector<double>& dampingRatios);

} // namespace dtop::dynamics

namespace dtop::dynamics {

// Adds an issue (field "frequencies") for the first entry of an explicit frequency list that is
// not a finite number >= 0 Hz. Shared by every analysis that accepts such a list.
void checkFrequencyList(const std::vector<double>& frequenciesHz, InputIssues& issues);

} // namespace dtop::dynamics
