// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/random_force.h"

#include <boost/random/normal_distribution.hpp>
#include <unsupported/Eigen/FFT>

#include <algorithm>
#include <cmath>
#include <complex>
#include <random>

namespace dtop::dynamics {

namespace {
std::size_t fftLength(std::size_t samples) {
    std::size_t n = 2;
    while (n < samples)
        n *= 2;
    return n;
}

// Lines j of an L-point FFT at rate fs whose frequency lies in [f1, f2].
std::pair<std::size_t, std::size_t> lineRange(const RandomForce& spec, double fs, std::size_t l) {
    const double df = fs / static_cast<double>(l);
    const auto first =
        static_cast<std::size_t>(std::max(0.0, std::ceil(spec.bandLowHz / df - 1e-9)));
    auto last = static_cast<std::size_t>(std::floor(spec.bandHighHz / df + 1e-9));
    last = std::min(last, l / 2);
    return {first, last};
}
} // namespace

std::size_t randomForceLines(const RandomForce& spec, double sampleRateHz, std::size_t samples) {
    const auto [first, last] = lineRange(spec, sampleRateHz, fftLength(samples));
    return last >= first ? last - first + 1 : 0;
}

std::vector<double> randomForceRealisation(const RandomForce& spec, double sampleRateHz,
                                           std::size_t samples, std::uint64_t seed) {
    const std::size_t l = fftLength(samples);
    const auto [first, last] = lineRange(spec, sampleRateHz, l);
    std::vector<std::complex<double>> spectrum(l / 2 + 1, {0.0, 0.0});
    std::mt19937_64 rng(seed);
    boost::random::normal_distribution<double> normal(0.0, 1.0);
    for (std::size_t j = first; j <= last && j <= l / 2; ++j) {
        const double re = normal(rng);
        const double im = normal(rng);
        // DC and Nyquist lines of a real signal are real.
        spectrum[j] =
            (j == 0 || j == l / 2) ? std::complex<double>(re, 0.0) : std::complex<double>(re, im);
    }
    Eigen::FFT<double> fft;
    fft.SetFlag(Eigen::FFT<double>::HalfSpectrum);
    std::vector<double> full;
    fft.inv(full, spectrum);
    std::vector<double> x(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(samples));
    double sumSq = 0.0;
    for (double v : x)
        sumSq += v * v;
    const double rms = std::sqrt(sumSq / static_cast<double>(samples));
    const double scale = rms > 0.0 ? spec.rmsN / rms : 0.0;
    for (double& v : x)
        v *= scale;
    return x;
}

} // namespace dtop::dynamics
