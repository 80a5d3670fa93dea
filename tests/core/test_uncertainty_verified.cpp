// SPDX-License-Identifier: GPL-3.0-or-later
// The verified outer FRF bounds: the corner values of the determinant and cofactors, the
// multilinear ratio bound, and the branch and bound against brute force and random samples.
#include "uq/chain_frf.h"
#include "uq/chain_minors.h"
#include "uq/multilinear_ratio_bound.h"
#include "uq/uncertainty.h"
#include "uq/verified_frf_bounds.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <numbers>
#include <random>

using namespace dtop;
using namespace dtop::uq;
using cd = std::complex<double>;
using cld = std::complex<long double>;
constexpr double kTwoPi = 2.0 * std::numbers::pi;

namespace {

struct Chain {
    ChainModel model;
    ParameterBox box;
};

// A random chain of n storeys (lab scale) with ±percent on the parameters flagged in `uncertain`
// (all if empty), optionally with Rayleigh damping on top of the dampers.
Chain randomChain(std::mt19937_64& rng, std::size_t n, double percent, bool rayleigh,
                  const std::vector<bool>& uncertain = {})
{
    std::uniform_real_distribution<double> u(0.6, 1.4);
    Chain c;
    c.model.storeys = n;
    if (rayleigh) {
        c.model.rayleighAlpha = 0.05 * u(rng);
        c.model.rayleighBeta = 2e-5 * u(rng);
    }
    std::vector<double> nominal(3 * n);
    for (std::size_t i = 0; i < n; ++i) {
        nominal[i] = 5.0 * u(rng);
        nominal[n + i] = 4e4 * u(rng);
        nominal[2 * n + i] = 6.0 * u(rng);
    }
    std::vector<ParameterSpread> spreads;
    for (std::size_t i = 0; i < 3 * n; ++i)
        spreads.push_back(ParameterSpread::relative(uncertain.empty() || uncertain[i] ? percent : 0.0));
    InputIssues issues;
    c.box = ParameterBox::build(nominal, n, spreads, 1.0, 3.0, issues);
    REQUIRE(issues.empty());
    return c;
}

double magnitude(const ChainModel& model, const std::vector<double>& p, double omega,
                 std::size_t input, std::size_t output)
{
    std::array<cd, model::kMaxStoreys> x;
    ChainFrf(model, p.data(), omega).column(input, x.data());
    return std::abs(x[output]);
}

// Δ and N_d in long double by cofactor expansion of the tridiagonal matrix (Thomas-free).
void referenceMinors(const ChainModel& model, const std::vector<double>& p, double omega,
                     std::size_t input, std::size_t output, cld& det, cld& cof)
{
    const std::size_t n = model.storeys;
    std::vector<cld> z(n), a(n);
    const long double w = omega;
    for (std::size_t i = 0; i < n; ++i)
        z[i] = cld(p[n + i], w * (p[n + i] * model.rayleighBeta + p[2 * n + i]));
    for (std::size_t i = 0; i < n; ++i) {
        a[i] = cld(-w * w * p[i], w * model.rayleighAlpha * p[i]) + z[i];
        if (i + 1 < n)
            a[i] += z[i + 1];
    }
    std::vector<cld> lead(n + 1), trail(n + 2);
    lead[0] = 1.0L;
    lead[1] = a[0];
    for (std::size_t i = 1; i < n; ++i)
        lead[i + 1] = a[i] * lead[i] - z[i] * z[i] * lead[i - 1];
    trail[n] = 1.0L;
    trail[n - 1] = a[n - 1];
    for (std::size_t i = n - 1; i-- > 0;)
        trail[i] = a[i] * trail[i + 1] - z[i + 1] * z[i + 1] * trail[i + 2];
    det = lead[n];
    const std::size_t l = std::min(input, output), h = std::max(input, output);
    cof = lead[l] * trail[h + 1];
    for (std::size_t k = l + 1; k <= h; ++k)
        cof *= z[k];
}

// Every corner of the unit box, as parameter vectors.
std::vector<std::vector<double>> boxCorners(const ParameterBox& box)
{
    const auto dims = box.uncertainIndices();
    std::vector<std::vector<double>> out;
    for (std::uint32_t v = 0; v < (1u << dims.size()); ++v) {
        std::vector<double> p = box.nominal;
        for (std::size_t s = 0; s < dims.size(); ++s)
            p[dims[s]] = (v >> s) & 1u ? box.upper[dims[s]] : box.lower[dims[s]];
        out.push_back(p);
    }
    return out;
}

// Resonances of the nominal structure and a few in-between frequencies [rad/s].
std::vector<double> testOmegas(const Chain& c)
{
    std::vector<double> omegas;
    const auto modes = chainModes(c.model, c.box.nominal.data());
    for (const auto& m : modes) {
        omegas.push_back(m.omega);
        omegas.push_back(m.omega * 1.03);
        omegas.push_back(m.omega * 0.97);
    }
    omegas.push_back(0.5 * modes.front().omega);
    omegas.push_back(1.5 * modes.back().omega);
    return omegas;
}

VerifiedFrfBounds runVerified(const Chain& c, std::size_t input, const std::vector<double>& omegas,
                              std::size_t maxBoxes, VerifiedMethod method = VerifiedMethod::Corners)
{
    const std::size_t n = c.model.storeys;
    std::vector<FloorBounds> inner(n);
    for (std::size_t d = 0; d < n; ++d)
        for (double w : omegas) {
            const double h = magnitude(c.model, c.box.nominal, w, input, d);
            inner[d].lower.push_back(h);
            inner[d].upper.push_back(h);
        }
    VerifiedFrfOptions options;
    options.maxBoxes = maxBoxes;
    options.method = method;
    return verifiedFrfBounds(c.model, c.box, input, omegas, dynamics::FrfQuantity::Receptance,
                             inner, options, Progress::none());
}

} // namespace

TEST_CASE("Chain minors: H = N/Δ, and the error radii cover a long-double evaluation",
          "[uncertainty][verified]")
{
    std::mt19937_64 rng(3);
    for (int trial = 0; trial < 6; ++trial) {
        const std::size_t n = 1 + static_cast<std::size_t>(trial % 4);
        const Chain c = randomChain(rng, n, 10.0, trial % 2 == 1);
        const std::size_t input = static_cast<std::size_t>(trial) % n;
        const auto corners = boxCorners(c.box);
        std::vector<std::uint32_t> all(corners.size());
        for (std::size_t v = 0; v < all.size(); ++v)
            all[v] = static_cast<std::uint32_t>(v);
        const std::size_t p = c.box.uncertainIndices().size();
        for (double omega : testOmegas(c)) {
            ChainMinors minors(c.model, c.box, input, omega);
            std::vector<double> lo(p), hi(p);
            for (std::size_t s = 0; s < p; ++s)
                minors.interval(s, 0.0, 1.0, lo[s], hi[s]);
            std::vector<BoundedComplex> det(all.size()), factors(n * ChainMinors::kFactors * all.size());
            minors.cornersAllFloors(lo.data(), hi.data(), all.data(), all.size(), det.data(), factors.data());
            for (std::size_t v = 0; v < all.size(); ++v)
                for (std::size_t d = 0; d < n; ++d) {
                    cld refDet, refCof;
                    referenceMinors(c.model, corners[v], omega, input, d, refDet, refCof);
                    CHECK(std::abs(cld(det[v].re, det[v].im) - refDet) <= det[v].error);
                    cld product = 1.0L;
                    for (std::size_t f = 0; f < ChainMinors::kFactors; ++f) {
                        const BoundedComplex& x = factors[(d * ChainMinors::kFactors + f) * all.size() + v];
                        product *= cld(x.re, x.im);
                    }
                    CHECK(std::abs(product - refCof) <= 1e-12 * std::abs(refCof));
                    // And the ratio is the receptance of the independent ladder solver.
                    const double h = static_cast<double>(std::abs(product / cld(det[v].re, det[v].im)));
                    CHECK(std::abs(h - magnitude(c.model, corners[v], omega, input, d)) <= 1e-9 * h);
                }
        }
    }
}

TEST_CASE("Δ and N_d are multilinear: the value at an edge's midpoint is the mean of its ends",
          "[uncertainty][verified]")
{
    std::mt19937_64 rng(5);
    const Chain c = randomChain(rng, 3, 10.0, true);
    const auto dims = c.box.uncertainIndices();
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<double> p = c.box.nominal;
        for (std::size_t s : dims)
            p[s] = c.box.lower[s] + u(rng) * c.box.width(s);
        const std::size_t s = dims[static_cast<std::size_t>(trial) % dims.size()];
        const double omega = kTwoPi * (1.0 + 30.0 * u(rng));
        std::vector<double> pa = p, pb = p, pm = p;
        pa[s] = c.box.lower[s];
        pb[s] = c.box.upper[s];
        pm[s] = 0.5 * (pa[s] + pb[s]);
        for (std::size_t d = 0; d < 3; ++d) {
            cld da, ca, db, cb, dm, cm;
            referenceMinors(c.model, pa, omega, 1, d, da, ca);
            referenceMinors(c.model, pb, omega, 1, d, db, cb);
            referenceMinors(c.model, pm, omega, 1, d, dm, cm);
            CHECK(std::abs(0.5L * (da + db) - dm) <= 1e-12L * (std::abs(da) + std::abs(db)));
            CHECK(std::abs(0.5L * (ca + cb) - cm) <= 1e-12L * (std::abs(ca) + std::abs(cb)));
        }
    }
}

TEST_CASE("Hull direction finds the nearest point of a polygon and detects the origin inside",
          "[uncertainty][verified]")
{
    // Square [1, 3] × [-1, 1] plus interior points: nearest point (1, 0), direction +1.
    std::vector<cd> pts = {{1, -1}, {3, -1}, {3, 1}, {1, 1}, {2, 0}, {2.5, 0.3}};
    cd u;
    REQUIRE(hullDirection(pts.data(), pts.size(), u));
    CHECK(std::abs(u - cd(1, 0)) < 1e-9);
    // A thin sliver whose nearest point is inside an edge.
    pts = {{-5, 1}, {5, 1.2}, {0, 3}};
    REQUIRE(hullDirection(pts.data(), pts.size(), u));
    const cd e = cd(5, 1.2) - cd(-5, 1);
    const cd normal = cd(-e.imag(), e.real()) / std::abs(e);
    CHECK(std::abs(u - normal) < 1e-9);
    // The origin inside a triangle.
    pts = {{-1, -1}, {2, -1}, {0, 2}};
    CHECK_FALSE(hullDirection(pts.data(), pts.size(), u));
}

TEST_CASE("Verified outer contains a dense grid search on 2-parameter boxes, and is tight",
          "[uncertainty][verified]")
{
    // k2 and m3 of a 3-storey chain with Rayleigh damping, input at floor 1: the upper bound
    // through the resonance bands, the lower bound through anti-resonances.
    std::mt19937_64 rng(7);
    std::vector<bool> which(9, false);
    which[4] = true; // k2
    which[2] = true; // m3
    const Chain c = randomChain(rng, 3, 15.0, true, which);
    const std::vector<double> omegas = testOmegas(c);
    const VerifiedFrfBounds r = runVerified(c, 0, omegas, 20000);
    CHECK(r.statistics.unconverged == 0);
    constexpr int kSteps = 300;
    for (std::size_t w = 0; w < omegas.size(); ++w) {
        std::vector<double> lo(3, INFINITY), hi(3, 0.0);
        std::vector<double> p = c.box.nominal;
        for (int a = 0; a <= kSteps; ++a)
            for (int b = 0; b <= kSteps; ++b) {
                p[4] = c.box.lower[4] + c.box.width(4) * a / kSteps;
                p[2] = c.box.lower[2] + c.box.width(2) * b / kSteps;
                for (std::size_t d = 0; d < 3; ++d) {
                    const double h = magnitude(c.model, p, omegas[w], 0, d);
                    lo[d] = std::min(lo[d], h);
                    hi[d] = std::max(hi[d], h);
                }
            }
        for (std::size_t d = 0; d < 3; ++d) {
            CHECK(r.outer[d].lower[w] <= lo[d]);
            CHECK(hi[d] <= r.outer[d].upper[w]);
            CHECK(r.outer[d].upper[w] <= hi[d] * 1.0101);
            CHECK(r.outer[d].lower[w] >= lo[d] * (1.0 - 0.0101));
            // The inner values are attained (within the grid's range up to its resolution)
            // and within the 1 % tolerance of the outer ones.
            CHECK(r.inner[d].upper[w] <= hi[d] * (1.0 + 1e-3));
            CHECK(r.inner[d].upper[w] * 1.0101 >= r.outer[d].upper[w]);
            CHECK(r.inner[d].lower[w] >= lo[d] * (1.0 - 1e-3));
        }
    }
}

TEST_CASE("Verified outer contains a dense grid search on a 3-parameter box with a peak inside",
          "[uncertainty][verified]")
{
    // m1, k1, c1 of a 2-storey chain: the first resonance crosses the box.
    std::mt19937_64 rng(17);
    std::vector<bool> which(6, false);
    which[0] = which[2] = which[4] = true;
    const Chain c = randomChain(rng, 2, 10.0, false, which);
    const std::vector<double> omegas = testOmegas(c);
    const VerifiedFrfBounds r = runVerified(c, 1, omegas, 20000);
    constexpr int kSteps = 60;
    for (std::size_t w = 0; w < omegas.size(); ++w) {
        std::vector<double> lo(2, INFINITY), hi(2, 0.0);
        std::vector<double> p = c.box.nominal;
        for (int a = 0; a <= kSteps; ++a)
            for (int b = 0; b <= kSteps; ++b)
                for (int e = 0; e <= kSteps; ++e) {
                    p[0] = c.box.lower[0] + c.box.width(0) * a / kSteps;
                    p[2] = c.box.lower[2] + c.box.width(2) * b / kSteps;
                    p[4] = c.box.lower[4] + c.box.width(4) * e / kSteps;
                    for (std::size_t d = 0; d < 2; ++d) {
                        const double h = magnitude(c.model, p, omegas[w], 1, d);
                        lo[d] = std::min(lo[d], h);
                        hi[d] = std::max(hi[d], h);
                    }
                }
        for (std::size_t d = 0; d < 2; ++d) {
            CHECK(r.outer[d].lower[w] <= lo[d]);
            CHECK(hi[d] <= r.outer[d].upper[w]);
            CHECK(r.outer[d].upper[w] <= hi[d] * 1.02);
            CHECK(r.outer[d].lower[w] >= lo[d] * 0.98);
        }
    }
}

TEST_CASE("Verified outer is never inside a sampled point on random 9-parameter boxes",
          "[uncertainty][verified]")
{
    std::mt19937_64 rng(23);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int trial = 0; trial < 4; ++trial) {
        const Chain c = randomChain(rng, 3, 5.0 + 10.0 * u(rng), trial % 2 == 0);
        const std::size_t input = static_cast<std::size_t>(trial) % 3;
        const std::vector<double> omegas = testOmegas(c);
        const VerifiedFrfBounds r = runVerified(c, input, omegas, 400);
        for (std::size_t w = 0; w < omegas.size(); ++w)
            for (std::size_t d = 0; d < 3; ++d) {
                CHECK(r.outer[d].lower[w] <= r.inner[d].lower[w]);
                CHECK(r.inner[d].upper[w] <= r.outer[d].upper[w]);
            }
        // Random points, the corners and points near the faces (where extremes sit).
        std::vector<std::vector<double>> points = boxCorners(c.box);
        for (int k = 0; k < 4000; ++k) {
            std::vector<double> p = c.box.nominal;
            for (std::size_t i = 0; i < 9; ++i) {
                double t = u(rng);
                if (k % 2)
                    t = t < 0.5 ? t * t : 1.0 - (1.0 - t) * (1.0 - t);
                p[i] = c.box.lower[i] + t * c.box.width(i);
            }
            points.push_back(p);
        }
        for (std::size_t w = 0; w < omegas.size(); ++w)
            for (const auto& p : points)
                for (std::size_t d = 0; d < 3; ++d) {
                    const double h = magnitude(c.model, p, omegas[w], input, d);
                    CHECK(r.outer[d].lower[w] <= h);
                    CHECK(h <= r.outer[d].upper[w]);
                }
    }
}

TEST_CASE("Verified gap shrinks as the box budget grows", "[uncertainty][verified]")
{
    // The default case at the second resonance, where the bounds need refining.
    UncertaintyInput in;
    in.gridMode = UqGridMode::Explicit;
    in.frequenciesHz = {17.95, 18.29, 18.48, 19.8};
    in.methods = {UqMethod::Optimised, UqMethod::Verified};
    double previous = INFINITY;
    std::vector<double> gaps;
    for (std::size_t budget : {3, 30, 300, 5000}) {
        in.maxBoxesPerBound = budget;
        const auto r = runUncertainty(in);
        gaps.push_back(r.worstGap);
        CHECK(r.worstGap <= previous * 1.0001);
        previous = r.worstGap;
    }
    CHECK(gaps.front() > 0.02);
    CHECK(gaps.back() <= 0.0101);
}

TEST_CASE("Affine method (any number of parameters) still encloses the samples",
          "[uncertainty][verified]")
{
    // 5 storeys, 15 uncertain parameters: above the corner method's limit.
    std::mt19937_64 rng(29);
    const Chain c = randomChain(rng, 5, 3.0, false);
    const std::vector<double> omegas = {kTwoPi * 2.0, kTwoPi * 9.0, kTwoPi * 30.0};
    for (auto method : {VerifiedMethod::Corners, VerifiedMethod::Affine}) {
        const VerifiedFrfBounds r = runVerified(c, 2, omegas, 300, method);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        for (int k = 0; k < 500; ++k) {
            std::vector<double> p = c.box.nominal;
            for (std::size_t i = 0; i < 15; ++i)
                p[i] = c.box.lower[i] + u(rng) * c.box.width(i);
            for (std::size_t w = 0; w < omegas.size(); ++w)
                for (std::size_t d = 0; d < 5; ++d) {
                    const double h = magnitude(c.model, p, omegas[w], 2, d);
                    CHECK(r.outer[d].lower[w] <= h);
                    CHECK(h <= r.outer[d].upper[w]);
                }
        }
    }
}

TEST_CASE("Affine method stops only at its tolerance: every converged gap within 1 %",
          "[uncertainty][verified]")
{
    // 5 storeys, 15 parameters (the affine path). A budget large enough that every bound
    // converges; then the gap between outer and attained must be within the tolerance, not
    // merely finite (a looser stopping rule would leave gaps of several percent).
    std::mt19937_64 rng(31);
    const Chain c = randomChain(rng, 5, 1.0, false);
    const std::vector<double> omegas = {kTwoPi * 1.0, kTwoPi * 40.0};
    const VerifiedFrfBounds r = runVerified(c, 1, omegas, 200000, VerifiedMethod::Affine);
    REQUIRE(r.statistics.unconverged == 0);
    double worst = 0.0;
    for (std::size_t d = 0; d < 5; ++d)
        for (std::size_t w = 0; w < omegas.size(); ++w) {
            worst = std::max(worst, r.outer[d].upper[w] / r.inner[d].upper[w] - 1.0);
            worst = std::max(worst, 1.0 - r.outer[d].lower[w] / r.inner[d].lower[w]);
        }
    CHECK(worst <= 0.01 * (1.0 + 1e-9));
    CHECK(worst > 0.0);
}
