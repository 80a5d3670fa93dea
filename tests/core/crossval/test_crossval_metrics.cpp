// SPDX-License-Identifier: GPL-3.0-or-later
// FRF correlation criteria against closed forms (docs/tools/crossval.md, "Verification").
#include "crossval/frf_correlation.h"
#include "crossval/frf_interpolation.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <vector>

using namespace dtop::crossval;
using C = std::complex<double>;

namespace {

// A single pole h(ω) = 1/(σ + j(ω − ω0)): the dominant-mode approximation of a lightly damped
// resonance.
C pole(double omega, double omega0, double sigma)
{
    return 1.0 / C(sigma, omega - omega0);
}

// ∫_a^b conj(h1)·h2 dω for two poles, in closed form: with A = σ1 + jω1 and B = σ2 − jω2,
// conj(h1)·h2 = 1/((A − jω)(B + jω)) = (1/(A + B))·(1/(A − jω) + 1/(B + jω)), whose
// antiderivative is (j·ln(A − jω) − j·ln(B + jω))/(A + B) (both logarithms stay in the right
// half-plane, so the principal branch is continuous).
C poleProductIntegral(double a, double b, double w1, double s1, double w2, double s2)
{
    const C A(s1, w1), B(s2, -w2), j(0.0, 1.0);
    auto F = [&](double w) {
        return (j * std::log(A - j * w) - j * std::log(B + j * w)) / (A + B);
    };
    return F(b) - F(a);
}

std::vector<double> uniform(double a, double b, std::size_t n)
{
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i)
        x[i] = a + (b - a) * static_cast<double>(i) / static_cast<double>(n - 1);
    return x;
}

// A three-floor FRF-like test vector: every floor a different sum of two poles.
std::vector<std::vector<C>> threeFloors(const std::vector<double>& w, double shift)
{
    std::vector<std::vector<C>> h(3, std::vector<C>(w.size()));
    const double shapes[3][2] = {{0.5, 1.0}, {0.9, -0.4}, {1.0, 0.7}};
    for (std::size_t k = 0; k < w.size(); ++k)
        for (int d = 0; d < 3; ++d)
            h[d][k] = shapes[d][0] * pole(w[k], 20.0 + shift, 0.3) +
                      shapes[d][1] * pole(w[k], 50.0 + shift, 0.5);
    return h;
}

} // namespace

TEST_CASE("FRAC CSAC and CSF of identical FRFs are one", "[crossval]")
{
    const auto w = uniform(0.0, 100.0, 2001);
    const auto h = threeFloors(w, 0.0);
    for (int d = 0; d < 3; ++d) {
        CHECK(frac(h[d], h[d], CorrelationBasis::Complex) == Approx(1.0).epsilon(1e-14));
        CHECK(frac(h[d], h[d], CorrelationBasis::Magnitude) == Approx(1.0).epsilon(1e-14));
        CHECK(rmsDbDifference(h[d], h[d]) == 0.0);
    }
    const SignatureCorrelation s = signatureCorrelation(h, h, CorrelationBasis::Complex);
    REQUIRE(s.csac.size() == w.size());
    for (std::size_t k = 0; k < w.size(); ++k) {
        CHECK(s.csac[k] == Approx(1.0).epsilon(1e-14));
        CHECK(s.csf[k] == Approx(1.0).epsilon(1e-14));
    }
}

TEST_CASE("Scaled FRFs keep FRAC and CSAC at one while CSF and the dB difference see the scale",
          "[crossval]")
{
    // H_c = α·H_r with |α| = 2: FRAC = CSAC = 1, CSF = 2|α|/(1 + |α|²) = 0.8,
    // RMS dB difference = 20·log10|α| = 6.0206 dB at every point.
    const auto w = uniform(0.0, 100.0, 1001);
    const auto h = threeFloors(w, 0.0);
    const C alpha = std::polar(2.0, 0.3);
    std::vector<std::vector<C>> g = h;
    for (auto& floor : g)
        for (auto& v : floor)
            v *= alpha;
    for (int d = 0; d < 3; ++d) {
        CHECK(frac(h[d], g[d], CorrelationBasis::Complex) == Approx(1.0).epsilon(1e-13));
        CHECK(frac(h[d], g[d], CorrelationBasis::Magnitude) == Approx(1.0).epsilon(1e-13));
        CHECK(rmsDbDifference(h[d], g[d]) == Approx(20.0 * std::log10(2.0)).epsilon(1e-12));
    }
    const SignatureCorrelation s = signatureCorrelation(h, g, CorrelationBasis::Complex);
    for (std::size_t k = 0; k < w.size(); k += 37) {
        CHECK(s.csac[k] == Approx(1.0).epsilon(1e-13));
        CHECK(s.csf[k] == Approx(0.8).epsilon(1e-13));
    }
    // A real negative scale: same magnitudes, opposite phase. The magnitude basis cannot see
    // the sign; the complex one keeps FRAC = 1 (it is insensitive to a constant factor).
    std::vector<C> neg = h[0];
    for (auto& v : neg)
        v = -v;
    CHECK(frac(h[0], neg, CorrelationBasis::Complex) == Approx(1.0).epsilon(1e-13));
    const SignatureCorrelation sn = signatureCorrelation({h[0]}, {neg}, CorrelationBasis::Complex);
    CHECK(sn.csf[500] == Approx(1.0).epsilon(1e-13));
}

TEST_CASE("FRAC of frequency-shifted poles matches the closed-form band integral", "[crossval]")
{
    // FRAC = |∫conj(h1)h2|² / (∫|h1|² ∫|h2|²) over [0, 100] rad/s with the integrals in closed
    // form. The plain sums of the criterion approximate the integrals to O(h²) (h = 0.005).
    const double a = 0.0, b = 100.0;
    const auto w = uniform(a, b, 20001);
    struct Case {
        double w2, s2;
    };
    for (const Case cs :
         {Case{40.0, 1.0}, Case{41.0, 1.0}, Case{42.0, 1.0}, Case{40.5, 0.5}, Case{45.0, 2.0}}) {
        std::vector<C> h1(w.size()), h2(w.size());
        for (std::size_t k = 0; k < w.size(); ++k) {
            h1[k] = pole(w[k], 40.0, 1.0);
            h2[k] = pole(w[k], cs.w2, cs.s2);
        }
        const C i12 = poleProductIntegral(a, b, 40.0, 1.0, cs.w2, cs.s2);
        const double i11 = poleProductIntegral(a, b, 40.0, 1.0, 40.0, 1.0).real();
        const double i22 = poleProductIntegral(a, b, cs.w2, cs.s2, cs.w2, cs.s2).real();
        const double closed = std::norm(i12) / (i11 * i22);
        CAPTURE(cs.w2, cs.s2, closed);
        CHECK(frac(h1, h2, CorrelationBasis::Complex) == Approx(closed).epsilon(2e-5));
        // On an unbounded band the closed form tends to 4σ1σ2/((σ1 + σ2)² + Δ²).
        const double d = cs.w2 - 40.0;
        const double unbounded = 4.0 * cs.s2 / ((1.0 + cs.s2) * (1.0 + cs.s2) + d * d);
        CHECK(closed == Approx(unbounded).epsilon(0.03));
    }
    // A shift of one half-power bandwidth (Δ = 2σ) halves FRAC.
    std::vector<C> h1(w.size()), h2(w.size());
    for (std::size_t k = 0; k < w.size(); ++k) {
        h1[k] = pole(w[k], 49.0, 0.5);
        h2[k] = pole(w[k], 50.0, 0.5);
    }
    CHECK(frac(h1, h2, CorrelationBasis::Complex) == Approx(0.5).epsilon(0.01));
}

TEST_CASE("CSAC ignores a frequency shift of a single-mode response while CSF follows the level",
          "[crossval]")
{
    // H(ω) = φ·h(ω): CSAC = 1 at every frequency whatever the shift; CSF = 2|h_r||h_c| /
    // (|h_r|² + |h_c|²) (Zang et al. 2001).
    const auto w = uniform(10.0, 30.0, 401);
    const double phi[3] = {0.4, 0.8, 1.0};
    std::vector<std::vector<C>> r(3, std::vector<C>(w.size())), c = r;
    for (std::size_t k = 0; k < w.size(); ++k)
        for (int d = 0; d < 3; ++d) {
            r[d][k] = phi[d] * pole(w[k], 20.0, 0.4);
            c[d][k] = phi[d] * pole(w[k], 20.6, 0.4);
        }
    const SignatureCorrelation s = signatureCorrelation(r, c, CorrelationBasis::Complex);
    for (std::size_t k = 0; k < w.size(); ++k) {
        const double hr = std::abs(pole(w[k], 20.0, 0.4)), hc = std::abs(pole(w[k], 20.6, 0.4));
        CHECK(s.csac[k] == Approx(1.0).epsilon(1e-12));
        CHECK(s.csf[k] == Approx(2.0 * hr * hc / (hr * hr + hc * hc)).epsilon(1e-12));
    }
    // A single mode with another shape ψ: CSAC = |φᵀψ|²/(|φ|²|ψ|²) (the shapes' MAC) at
    // every frequency, shifted or not.
    const double psi[3] = {1.0, 0.2, -0.5};
    std::vector<std::vector<C>> c2 = c;
    for (std::size_t k = 0; k < w.size(); ++k)
        for (int d = 0; d < 3; ++d)
            c2[d][k] = psi[d] * pole(w[k], 20.6, 0.4);
    const double dot = phi[0] * psi[0] + phi[1] * psi[1] + phi[2] * psi[2];
    const double mac = dot * dot / ((0.16 + 0.64 + 1.0) * (1.0 + 0.04 + 0.25));
    const SignatureCorrelation s2 = signatureCorrelation(r, c2, CorrelationBasis::Complex);
    for (std::size_t k = 0; k < w.size(); k += 13)
        CHECK(s2.csac[k] == Approx(mac).epsilon(1e-12));
}

TEST_CASE("FDAC ridge follows a frequency shift", "[crossval]")
{
    const auto w = uniform(0.0, 100.0, 1001); // step 0.1
    const auto h = threeFloors(w, 0.0);
    const auto g = threeFloors(w, 2.0);
    const FdacMap map = fdacMap(w, h, g, CorrelationBasis::Complex, 1001);
    REQUIRE(map.frequencyHz.size() == 1001);
    // At the reference's first resonance (index 200, ω = 20) the candidate's matching point is
    // its own resonance at 22.
    CHECK(map.ridgeCandidateHz[200] == Approx(22.0).margin(1e-9));
    CHECK(map.ridgeCandidateHz[500] == Approx(52.0).margin(1e-9));
    CHECK(map.values[200][220] == Approx(1.0).margin(2e-3));
    double largest = 0.0;
    for (const auto& row : map.values)
        for (double v : row)
            largest = std::max(largest, std::abs(v));
    CHECK(largest <= 1.0 + 1e-12);
    // Thinning keeps both ends.
    const FdacMap small = fdacMap(w, h, g, CorrelationBasis::Magnitude, 11);
    REQUIRE(small.frequencyHz.size() == 11);
    CHECK(small.frequencyHz.front() == 0.0);
    CHECK(small.frequencyHz.back() == 100.0);
}

TEST_CASE("Criteria refuse mismatched sizes and return NaN for zero data", "[crossval]")
{
    std::vector<C> a(3, C(1.0, 0.0)), b(4, C(1.0, 0.0)), z(3, C(0.0, 0.0));
    CHECK_THROWS_AS(frac(a, b, CorrelationBasis::Complex), std::invalid_argument);
    CHECK(std::isnan(frac(a, z, CorrelationBasis::Complex)));
    std::size_t used = 7;
    CHECK(std::isnan(rmsDbDifference(a, z, &used)));
    CHECK(used == 0);
    CHECK_THROWS_AS(signatureCorrelation({a}, {a, a}, CorrelationBasis::Complex),
                    std::invalid_argument);
}

TEST_CASE("Complex linear interpolation is exact on affine data and second-order on FRFs",
          "[crossval]")
{
    // Affine in f: exact anywhere in range, the nodes returned bit for bit.
    const std::vector<double> x = {0.0, 0.5, 1.25, 2.0, 4.0};
    std::vector<C> y;
    for (double v : x)
        y.push_back(C(1.0, 2.0) + C(3.0, -1.0) * v);
    const std::vector<double> q = {0.0, 0.1, 1.25, 1.9, 3.3, 4.0, 0.7};
    const auto yi = interpolateLinear(x, y, q);
    for (std::size_t k = 0; k < q.size(); ++k)
        CHECK(std::abs(yi[k] - (C(1.0, 2.0) + C(3.0, -1.0) * q[k])) < 1e-14);
    CHECK(yi[2] == y[2]);
    CHECK_THROWS_AS(interpolateLinear(x, y, {4.5}), std::invalid_argument);
    CHECK_THROWS_AS(interpolateLinear(x, y, {-0.1}), std::invalid_argument);

    // A resonant FRF onto an offset grid: the error against the exact values falls four-fold
    // when the source step halves (second order).
    auto errorFor = [](std::size_t n) {
        const auto src = uniform(0.0, 40.0, n);
        const double h = src[1] - src[0];
        std::vector<C> values(src.size());
        for (std::size_t k = 0; k < src.size(); ++k)
            values[k] = pole(src[k], 20.0, 1.0);
        std::vector<double> dst; // 30 % into every interval
        for (std::size_t k = 0; k + 1 < src.size(); ++k)
            dst.push_back(src[k] + 0.3 * h);
        const auto vi = interpolateLinear(src, values, dst);
        double worst = 0.0;
        for (std::size_t k = 0; k < dst.size(); ++k)
            worst = std::max(worst, std::abs(vi[k] - pole(dst[k], 20.0, 1.0)));
        return worst;
    };
    const double e1 = errorFor(801), e2 = errorFor(1601);
    CHECK(e1 / e2 == Approx(4.0).epsilon(0.05));
    CHECK(e2 < 1e-3);
}
