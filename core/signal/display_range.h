// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace dtop::signal {

struct FrequencyRange {
    double minHz = 0.0;
    double maxHz = 0.0;
};

// A display range that frames the frequencies of interest (the natural frequencies, a sine's
// frequency, a band's upper edge): from 0 to a round number (1, 2, 2.5, 5 × 10^k) at least
// 1.5 × the highest one, never beyond the Nyquist frequency. The prototype showed 0–1 kHz,
// where the rig's modes (6–27 Hz) sat in the first 3 % of the axis.
FrequencyRange suggestedFrequencyRange(const std::vector<double>& frequenciesOfInterestHz,
                                       double nyquistHz);

} // namespace dtop::signal
