// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/time_grid.h"

#include <cmath>

namespace dtop::dynamics {

TimeGrid TimeGrid::fromDuration(double durationS, double sampleRateHz) {
    TimeGrid g;
    g.stepS = 1.0 / sampleRateHz;
    g.samples = static_cast<std::size_t>(std::floor(durationS * sampleRateHz + 1e-9)) + 1;
    return g;
}

} // namespace dtop::dynamics
