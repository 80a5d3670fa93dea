// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

namespace dtop::dynamics {

// A uniform time grid t_k = start + k·step, k = 0..samples-1 (exact: t_k = k/fs, not the
// prototype's linspace with step T/(S−1), defect D8).
struct TimeGrid {
    double startS = 0.0;
    double stepS = 1.0;
    std::size_t samples = 0;

    double at(std::size_t k) const { return startS + static_cast<double>(k) * stepS; }
    double endS() const { return samples ? at(samples - 1) : startS; }
    double sampleRateHz() const { return 1.0 / stepS; }

    // Samples 0, 1/fs, ..., up to and including T (within 1e-9 of a step): floor(T·fs) + 1.
    static TimeGrid fromDuration(double durationS, double sampleRateHz);
};

} // namespace dtop::dynamics
