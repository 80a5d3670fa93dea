// SPDX-License-Identifier: GPL-3.0-or-later
#include "signal/display_range.h"

#include <algorithm>
#include <cmath>

namespace dtop::signal {

namespace {
double niceCeil(double x) {
    const double decade = std::pow(10.0, std::floor(std::log10(x)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * decade >= x * (1.0 - 1e-12))
            return m * decade;
    return 10.0 * decade;
}
} // namespace

FrequencyRange suggestedFrequencyRange(const std::vector<double>& frequenciesOfInterestHz,
                                       double nyquistHz) {
    double highest = 0.0;
    for (double f : frequenciesOfInterestHz)
        if (std::isfinite(f) && f > highest)
            highest = f;
    FrequencyRange r;
    r.maxHz = highest > 0.0 ? niceCeil(1.5 * highest) : nyquistHz;
    if (nyquistHz > 0.0)
        r.maxHz = std::min(r.maxHz, nyquistHz);
    return r;
}

} // namespace dtop::signal
