// SPDX-License-Identifier: GPL-3.0-or-later
// One-sided PSD scaling at the edges of the spectrum, and the sign of the H1 phase.
#include "signal/frf_estimate.h"
#include "signal/welch.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <random>

using namespace dtop;

TEST_CASE("A signal at exactly the Nyquist frequency keeps its variance in the one-sided PSD",
          "[signal][welch]")
{
    // x[n] = A·(−1)ⁿ: all power in the Nyquist bin, which has no mirror image and must not be
    // doubled; its PSD integrates to the mean square A².
    const double a = 1.5, fs = 64.0;
    std::vector<double> x(256);
    for (std::size_t n = 0; n < x.size(); ++n)
        x[n] = n % 2 == 0 ? a : -a;
    signal::WelchOptions options;
    options.window = signal::WindowKind::Rectangular;
    options.segmentLength = 64;
    options.overlap = 0.0;
    const signal::Spectrum s = signal::Welch(fs, x.size(), options).psd(x, "N");
    double integral = 0.0;
    for (double d : s.density)
        integral += d * s.resolutionHz;
    CHECK(integral == Approx(a * a).epsilon(1e-12));
    CHECK(s.density.back() * s.resolutionHz == Approx(a * a).epsilon(1e-12));
}

TEST_CASE("H1 of a one-sample delay lags: its phase is -2 pi f / fs", "[signal][h1]")
{
    // y[n] = x[n − 1]: H(f) = exp(−j2πf/fs), a phase lag. A conjugated cross spectrum would
    // report a lead of the same size.
    const double fs = 100.0;
    std::mt19937_64 rng(5);
    std::normal_distribution<double> g(0.0, 1.0);
    std::vector<double> x(1 << 14), y(x.size());
    for (auto& v : x)
        v = g(rng);
    for (std::size_t n = 1; n < x.size(); ++n)
        y[n] = x[n - 1];
    signal::WelchOptions options;
    options.segmentLength = 256;
    const signal::FrfEstimate h = signal::h1Estimate(x, y, fs, options, "N", "N");
    for (std::size_t k = 5; k < h.h.size() / 2; k += 17) {
        const double expected = -2.0 * std::numbers::pi * h.frequencyHz[k] / fs;
        CHECK(std::arg(h.h[k]) == Approx(expected).margin(0.02));
        CHECK(std::abs(h.h[k]) == Approx(1.0).margin(0.02));
    }
}
