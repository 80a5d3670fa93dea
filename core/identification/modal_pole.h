// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <complex>
#include <numbers>

namespace dtop::identification {

// A complex pole λ = −ζω_n + jω_n√(1−ζ²) [rad/s] of an underdamped mode (Im λ > 0); its
// conjugate is implied.
struct ModalPole {
    std::complex<double> lambda;

    double naturalFrequencyHz() const { return std::abs(lambda) / (2.0 * std::numbers::pi); }
    double dampingRatio() const
    {
        const double a = std::abs(lambda);
        return a > 0.0 ? -lambda.real() / a : 0.0;
    }
    static ModalPole fromModal(double frequencyHz, double dampingRatio)
    {
        const double w = 2.0 * std::numbers::pi * frequencyHz;
        return {{-dampingRatio * w, w * std::sqrt(std::max(0.0, 1.0 - dampingRatio * dampingRatio))}};
    }
};

} // namespace dtop::identification
