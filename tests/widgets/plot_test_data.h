// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <complex>
#include <cstdint>
#include <vector>

namespace dtop::test {

// |H(f)| [m/N] of three well-separated modes (analytic modal sum), for deterministic plots.
inline std::vector<double> modalMagnitude(const std::vector<double>& fHz)
{
    const double fn[3] = {8.0, 22.0, 32.0};
    const double zeta[3] = {0.01, 0.008, 0.006};
    const double gain[3] = {1.0 / 20, -1.0 / 15, 1.0 / 25};
    std::vector<double> mag(fHz.size());
    for (std::size_t i = 0; i < fHz.size(); ++i) {
        std::complex<double> h = 0;
        const double w = 2 * M_PI * fHz[i];
        for (int m = 0; m < 3; ++m) {
            const double wn = 2 * M_PI * fn[m];
            h += gain[m] / std::complex<double>(wn * wn - w * w, 2 * zeta[m] * wn * w);
        }
        mag[i] = std::abs(h);
    }
    return mag;
}

inline std::vector<double> linspace(double a, double b, std::size_t n)
{
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = a + (b - a) * static_cast<double>(i) / static_cast<double>(n - 1);
    return v;
}

// Deterministic noise in [-1, 1) (64-bit LCG), so tests need no random engine state.
inline std::vector<double> lcgNoise(std::size_t n, std::uint64_t seed)
{
    std::vector<double> v(n);
    std::uint64_t s = seed;
    for (auto& x : v) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        x = static_cast<double>(s >> 11) / 4503599627370496.0 - 1.0;
    }
    return v;
}

} // namespace dtop::test
