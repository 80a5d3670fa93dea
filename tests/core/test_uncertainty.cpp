// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/frf.h"
#include "model/presets.h"
#include "test_support.h"
#include "uq/box_optimizer.h"
#include "uq/chain_frf.h"
#include "uq/chain_frf_batch.h"
#include "uq/complex_affine.h"
#include "uq/uncertainty.h"
#include "uq/verified_frf_bounds.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <random>

using namespace dtop;
using namespace dtop::uq;
using Catch::Matchers::WithinRel;
using cd = std::complex<double>;
constexpr double kTwoPi = 2.0 * std::numbers::pi;

namespace {
model::Profile randomProfile(std::mt19937_64& rng, std::size_t n)
{
    std::uniform_real_distribution<double> u(0.5, 1.5);
    model::Profile p;
    for (std::size_t i = 0; i < n; ++i) {
        p.masses.push_back(5.0 * u(rng));
        p.stiffnesses.push_back(4e4 * u(rng));
        p.dampers.push_back(6.0 * u(rng));
    }
    return p;
}

// |H_{d,input}| of one parameter set by the independent pivoted tridiagonal solver.
double referenceMagnitude(const std::vector<double>& p, std::size_t n, double omega,
                          std::size_t input, std::size_t output)
{
    model::Profile profile;
    profile.masses.assign(p.begin(), p.begin() + static_cast<long>(n));
    profile.stiffnesses.assign(p.begin() + static_cast<long>(n), p.begin() + static_cast<long>(2 * n));
    profile.dampers.assign(p.begin() + static_cast<long>(2 * n), p.end());
    const dynamics::ShearBuilding b(profile);
    std::array<cd, model::kMaxStoreys> x;
    dynamics::FrfEvaluator(b).receptance(omega, input, x.data());
    return std::abs(x[output]);
}

UncertaintyInput smallInput()
{
    UncertaintyInput in;
    in.gridMode = UqGridMode::Linear;
    in.points = 40;
    in.samples = 500;
    return in;
}
} // namespace

TEST_CASE("Ladder receptances equal the pivoted tridiagonal solver", "[uncertainty]")
{
    std::mt19937_64 rng(3);
    for (std::size_t n : {1U, 2U, 3U, 5U}) {
        const model::Profile profile = randomProfile(rng, n);
        const dynamics::ShearBuilding b(profile);
        const dynamics::FrfEvaluator e(b);
        const ChainModel chain = ChainModel::fromProfile(profile);
        const auto p = ChainModel::nominalParameters(profile);
        const auto modes = chainModes(chain, p.data());
        std::vector<double> omegas = {0.0, 1.0, 50.0, 400.0};
        for (const auto& m : modes) {
            omegas.push_back(m.omega);
            omegas.push_back(m.omega * (1.0 + m.dampingRatio));
        }
        for (double omega : omegas)
            for (std::size_t j = 0; j < n; ++j) {
                std::array<cd, model::kMaxStoreys> x, ref;
                ChainFrf(chain, p.data(), omega).column(j, x.data());
                e.receptance(omega, j, ref.data());
                for (std::size_t d = 0; d < n; ++d) {
                    REQUIRE(std::abs(x[d] - ref[d]) <= 1e-10 * std::abs(ref[d]));
                }
            }
        // The batch kernel gives the same magnitudes.
        Eigen::MatrixXd sets(2, static_cast<Eigen::Index>(3 * n));
        for (std::size_t i = 0; i < 3 * n; ++i) {
            sets(0, static_cast<Eigen::Index>(i)) = p[i];
            sets(1, static_cast<Eigen::Index>(i)) = p[i] * 1.05;
        }
        ChainFrfBatch batch(chain, sets);
        Eigen::MatrixXd h2;
        for (double omega : omegas)
            for (std::size_t j = 0; j < n; ++j) {
                batch.magnitudesSquared(omega, j, h2);
                for (std::size_t d = 0; d < n; ++d)
                    REQUIRE_THAT(std::sqrt(h2(0, static_cast<Eigen::Index>(d))),
                                 WithinRel(referenceMagnitude(p, n, omega, j, d), 1e-10));
            }
    }
}

TEST_CASE("Analytic FRF gradient matches central finite differences", "[uncertainty]")
{
    std::mt19937_64 rng(5);
    for (std::size_t n : {1U, 3U, 4U}) {
        model::Profile profile = randomProfile(rng, n);
        ChainModel chain = ChainModel::fromProfile(profile);
        chain.rayleighAlpha = 0.3; // exercise the Rayleigh terms as well
        chain.rayleighBeta = 2e-5;
        const auto p = ChainModel::nominalParameters(profile);
        const auto modes = chainModes(chain, p.data());
        for (double omega : {10.0, modes[0].omega * 1.001, modes.back().omega * 0.98})
            for (std::size_t j = 0; j < n; ++j)
                for (std::size_t d = 0; d < n; ++d) {
                    std::vector<cd> grad(3 * n);
                    const cd h = ChainFrf(chain, p.data(), omega).gradient(j, d, grad.data());
                    for (std::size_t i = 0; i < 3 * n; ++i) {
                        const double step = 1e-6 * p[i];
                        auto q = p;
                        q[i] = p[i] + step;
                        std::array<cd, model::kMaxStoreys> xp, xm;
                        ChainFrf(chain, q.data(), omega).column(j, xp.data());
                        q[i] = p[i] - step;
                        ChainFrf(chain, q.data(), omega).column(j, xm.data());
                        const cd fd = (xp[d] - xm[d]) / (2.0 * step);
                        // Relative to the size of the FRF change over 1 % of the parameter.
                        const double scale = std::abs(h) / p[i];
                        REQUIRE(std::abs(grad[i] - fd) <= 1e-5 * std::max(std::abs(fd), scale));
                    }
                }
    }
}

TEST_CASE("Legacy Cartesian method reproduces the prototype's bounds to 1e-9", "[uncertainty]")
{
    const auto rows =
        test::readNumericCsv(test::testDataPath("reference/uq_cartesian_pm10pct_exci2_200.csv"));
    REQUIRE(rows.size() == 200);
    UncertaintyInput in;
    in.methods = {UqMethod::Cartesian};
    in.gridMode = UqGridMode::Explicit;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const double omega = 5.0 + (200.0 - 5.0) * static_cast<double>(k) / 199.0;
        REQUIRE_THAT(rows[k][0], WithinRel(omega, 1e-10));
        in.frequenciesHz.push_back(omega / kTwoPi);
    }
    const auto result = runUncertainty(in);
    const MethodBounds* cart = result.find(UqMethod::Cartesian);
    REQUIRE(cart);
    for (std::size_t k = 0; k < rows.size(); ++k)
        for (std::size_t d = 0; d < 3; ++d) {
            REQUIRE_THAT(cart->floors[d].lower[k], WithinRel(rows[k][1 + 2 * d], 1e-9));
            REQUIRE_THAT(cart->floors[d].upper[k], WithinRel(rows[k][2 + 2 * d], 1e-9));
        }
}
