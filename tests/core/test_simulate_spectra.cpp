// SPDX-License-Identifier: GPL-3.0-or-later
// Welch PSD, H1 estimate, display range and the random shaker force.
#include "dynamics/random_force.h"
#include "dynamics/simulate.h"
#include "signal/display_range.h"
#include "signal/frf_estimate.h"
#include "signal/welch.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <random>

using namespace dtop;

namespace {
double integral(const signal::Spectrum& s)
{
    double sum = 0.0;
    for (double p : s.density)
        sum += p * s.resolutionHz;
    return sum;
}

std::vector<double> whiteNoise(std::size_t n, double sd, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, sd);
    std::vector<double> x(n);
    for (double& v : x)
        v = normal(rng);
    return x;
}
} // namespace

TEST_CASE("PSD of a sine integrates to its variance A²/2 and peaks at its frequency",
          "[simulate][signal]")
{
    const double fs = 1024.0;
    const double a = 3.0;
    std::vector<double> x(60 * 1024);
    for (std::size_t k = 0; k < x.size(); ++k)
        x[k] = a * std::sin(2.0 * std::numbers::pi * 12.3 * static_cast<double>(k) / fs) + 0.7;
    for (auto window : {signal::WindowKind::Hann, signal::WindowKind::Hamming,
                        signal::WindowKind::Rectangular}) {
        signal::WelchOptions o;
        o.window = window;
        const auto s = signal::welchPsd(x, fs, o, "m/s²");
        CHECK(s.unit == "(m/s²)²/Hz");
        CHECK(s.resolutionHz <= 0.25);
        CHECK(s.segmentLength == 4096);
        CHECK(integral(s) == Approx(a * a / 2.0).epsilon(2e-3)); // the 0.7 offset is removed
        const auto peak = std::max_element(s.density.begin(), s.density.end()) - s.density.begin();
        CHECK(s.frequencyHz[static_cast<std::size_t>(peak)] == Approx(12.3).margin(s.resolutionHz));
    }
}

TEST_CASE("PSD of white noise is flat at 2σ²/fs and integrates to σ²", "[simulate][signal]")
{
    const double fs = 2048.0;
    const double sd = 0.5;
    const auto x = whiteNoise(200000, sd, 11);
    signal::WelchOptions o;
    o.segmentLength = 1024;
    o.overlap = 0.5;
    const auto s = signal::welchPsd(x, fs, o, "N");
    CHECK(s.unit == "N²/Hz");
    CHECK(s.segments == 389);
    CHECK(integral(s) == Approx(sd * sd).epsilon(0.01));
    double mean = 0.0;
    for (std::size_t k = 1; k + 1 < s.density.size(); ++k)
        mean += s.density[k];
    mean /= static_cast<double>(s.density.size() - 2);
    CHECK(mean == Approx(2.0 * sd * sd / fs).epsilon(0.01));
}

TEST_CASE("Default segment length gives <= 0.25 Hz or 8 averages within 1 Hz or the whole "
          "record",
          "[simulate][signal]")
{
    // 5 s at 2048 Hz: 8192 samples (0.25 Hz) would be one segment, so the coherence would be
    // 1 by construction (issue #18, item 7); 2048 samples give 9 segments at 1 Hz.
    CHECK(signal::defaultSegmentLength(2048.0, 10241) == 2048);
    CHECK(signal::defaultSegmentLength(2048.0, 122881) == 8192);
    CHECK(signal::defaultSegmentLength(1000.0, 60001) == 4096);
    CHECK(signal::defaultSegmentLength(2048.0, 1000) == 1000);
    signal::WelchOptions o;
    CHECK(o.validate(100).empty());
    o.overlap = 0.99;
    o.segmentLength = 1;
    const auto issues = o.validate(100);
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].message == "PSD segment length must be >= 2 samples, got 1");
    CHECK(issues[1].message ==
          "PSD overlap must be between 0 and 0.95 (a fraction of a segment), got 0.99");
    o = {};
    o.segmentLength = 200;
    CHECK(o.validate(100).front().message ==
          "PSD segment length must not exceed the record's 100 samples, got 200");
    CHECK(signal::WelchOptions{}.validate(1).front().message ==
          "a spectrum needs at least 2 samples, the record has 1");
}

TEST_CASE("H1 recovers a known gain and coherence drops with output noise", "[simulate][signal]")
{
    const auto f = whiteNoise(65536, 1.0, 1);
    const auto noise = whiteNoise(65536, 1.0, 2);
    std::vector<double> y(f.size()), yNoisy(f.size());
    for (std::size_t k = 0; k < f.size(); ++k) {
        y[k] = -2.5 * f[k];
        yNoisy[k] = y[k] + noise[k];
    }
    signal::WelchOptions o;
    o.segmentLength = 512;
    const auto clean = signal::h1Estimate(f, y, 1000.0, o, "m/s²", "N");
    const auto noisy = signal::h1Estimate(f, yNoisy, 1000.0, o, "m/s²", "N");
    CHECK(clean.unit == "(m/s²)/N");
    for (std::size_t k = 1; k < clean.h.size(); k += 17) {
        CHECK(clean.h[k].real() == Approx(-2.5).epsilon(1e-12));
        CHECK(clean.coherence[k] == Approx(1.0).epsilon(1e-12));
        // γ² = 6.25/(6.25 + 1) in expectation; H1 stays unbiased by output noise.
        CHECK(noisy.coherence[k] == Approx(6.25 / 7.25).margin(0.1));
        CHECK(noisy.h[k].real() == Approx(-2.5).margin(0.4));
    }
}

TEST_CASE("The virtual shaker test recovers the twin's FRF", "[simulate][signal]")
{
    dynamics::SimulateInput in;
    in.excitation.kind = dynamics::ExcitationKind::Random;
    in.excitation.random = {10.0, 0.5, 100.0, false};
    in.durationS = 120.0;
    in.sampleRateHz = 256.0;
    in.welch.segmentLength = 1024;
    const auto r = dynamics::runSimulate(in);
    REQUIRE(r.spectra.h1.size() == 3);
    const auto& h1 = r.spectra.h1[2];
    CHECK(h1.unit == "(m/s²)/N");
    for (double fHz : {3.0, 10.0, 22.0, 40.0}) {
        const auto k = static_cast<std::size_t>(std::lround(fHz / h1.resolutionHz));
        INFO("f = " << fHz << " Hz");
        // The force acting between samples is their linear interpolant, whose spectrum is the
        // samples' times sinc²(f/fs): H1 from the samples sees H·sinc² (8 % at 40 of 256 Hz).
        const double x = std::numbers::pi * fHz / in.sampleRateHz;
        const double hold = std::pow(std::sin(x) / x, 2);
        CHECK(std::abs(h1.h[k]) == Approx(hold * std::abs(r.spectra.modelFrf[2][k])).epsilon(0.03));
        CHECK(h1.coherence[k] > 0.9);
    }
}

TEST_CASE("Display range frames the modes, not 0–1 kHz", "[simulate][signal]")
{
    const auto r = signal::suggestedFrequencyRange({6.2, 17.8, 26.4}, 1024.0);
    CHECK(r.minHz == 0.0);
    CHECK(r.maxHz == 50.0);
    CHECK(signal::suggestedFrequencyRange({6.2, 17.8, 26.4, 80.0}, 1024.0).maxHz == 200.0);
    CHECK(signal::suggestedFrequencyRange({6.2, 17.8, 26.4}, 20.0).maxHz == 20.0);
    CHECK(signal::suggestedFrequencyRange({}, 64.0).maxHz == 64.0);
}

TEST_CASE("Random force: seeded, exact RMS, band-limited, Gaussian, not time-symmetric",
          "[simulate][signal]")
{
    dynamics::RandomForce spec{12.0, 5.0, 60.0, false};
    const std::size_t n = 1 << 17;
    const auto a = dynamics::randomForceRealisation(spec, 1024.0, n, 5);
    const auto b = dynamics::randomForceRealisation(spec, 1024.0, n, 5);
    const auto c = dynamics::randomForceRealisation(spec, 1024.0, n, 6);
    CHECK(a == b);
    CHECK(a != c);
    double sum2 = 0.0, sum4 = 0.0, mirror = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
        sum2 += a[k] * a[k];
        sum4 += a[k] * a[k] * a[k] * a[k];
        mirror += a[k] * a[(n - k) % n];
    }
    CHECK(std::sqrt(sum2 / static_cast<double>(n)) == Approx(12.0).epsilon(1e-12));
    const double kurtosis = sum4 / static_cast<double>(n) / std::pow(sum2 / static_cast<double>(n), 2);
    CHECK(kurtosis == Approx(3.0).margin(0.1));
    // The prototype's real ±1 spectrum gave g[k] = g[n−k] exactly (correlation 1).
    CHECK(std::abs(mirror / sum2) < 0.05);
    signal::WelchOptions o;
    o.segmentLength = 4096;
    const auto s = signal::welchPsd(a, 1024.0, o, "N");
    double inBand = 0.0, outBand = 0.0;
    for (std::size_t k = 0; k < s.density.size(); ++k)
        (s.frequencyHz[k] >= 4.0 && s.frequencyHz[k] <= 61.0 ? inBand : outBand) += s.density[k];
    CHECK(outBand < 1e-3 * inBand);
    CHECK(dynamics::randomForceLines(spec, 1024.0, n) == static_cast<std::size_t>(55 * 128 + 1));
    CHECK(dynamics::randomForceLines({1.0, 10.2, 10.8, false}, 1024.0, 1024) == 0);
}
