// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/modal_analysis.h"
#include "dynamics/state_space.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

using namespace dtop;
using Catch::Matchers::WithinRel;

namespace {
dynamics::ModalResult modalOf(const char* name)
{
    return dynamics::runModal({*model::preset(name)});
}
} // namespace

TEST_CASE("S1 southampton-lpm: undamped and damped reference numbers", "[modal]")
{
    const auto r = modalOf("southampton-lpm");
    const auto f = r.undamped.frequenciesHz();
    REQUIRE(f.size() == 3);
    CHECK_THAT(f[0], WithinRel(6.203557, 2e-7));
    CHECK_THAT(f[1], WithinRel(17.800237, 2e-7));
    CHECK_THAT(f[2], WithinRel(26.402206, 2e-7));
    REQUIRE(r.damped.dampingRatios.size() == 3);
    CHECK_THAT(r.damped.dampingRatios[0], WithinRel(0.003449, 2e-4));
    CHECK_THAT(r.damped.dampingRatios[1], WithinRel(0.008527, 2e-4));
    CHECK_THAT(r.damped.dampingRatios[2], WithinRel(0.009632, 2e-4));
    // "Damped frequencies" of the spec are |λ|/2π (docs/tools/structure.md).
    CHECK_THAT(r.damped.naturalFrequenciesHz[0], WithinRel(6.203577, 2e-7));
    CHECK_THAT(r.damped.naturalFrequenciesHz[1], WithinRel(17.800202, 2e-7));
    CHECK_THAT(r.damped.naturalFrequenciesHz[2], WithinRel(26.402172, 2e-7));
}

TEST_CASE("S6 southampton-design: frequencies, shapes and Rayleigh coefficients", "[modal]")
{
    const auto r = modalOf("southampton-design");
    const auto f = r.undamped.frequenciesHz();
    CHECK_THAT(f[0], WithinRel(7.113695, 2e-7));
    CHECK_THAT(f[1], WithinRel(19.932131, 2e-7));
    CHECK_THAT(f[2], WithinRel(28.802763, 2e-7));
    CHECK_THAT(r.rayleighAlpha, WithinRel(0.13176152, 1e-7));
    CHECK_THAT(r.rayleighBeta, WithinRel(2.35385593e-5, 1e-7));
    // The prototype control page (docs/presets.md): modal damping 0.2000 %, 0.2000 %, 0.2494 %.
    CHECK_THAT(r.damped.dampingRatios[0], WithinRel(0.002, 1e-4));
    CHECK_THAT(r.damped.dampingRatios[1], WithinRel(0.002, 1e-4));
    CHECK_THAT(r.damped.dampingRatios[2], WithinRel(0.002494, 2e-4));
    const double expected[3][3] = {{0.143817, 0.323154, 0.259150},
                                   {0.259150, 0.143817, -0.323154},
                                   {0.323154, -0.259150, 0.143817}};
    for (int floor = 0; floor < 3; ++floor)
        for (int mode = 0; mode < 3; ++mode)
            CHECK(r.undamped.shapes(floor, mode) == Approx(expected[floor][mode]).margin(1e-6));
}

TEST_CASE("S4 full-scale angular frequencies", "[modal]")
{
    const auto r = modalOf("full-scale");
    CHECK_THAT(r.undamped.angularFrequencies[0], WithinRel(39.713634, 2e-8));
    CHECK_THAT(r.undamped.angularFrequencies[1], WithinRel(112.780404, 2e-8));
    CHECK_THAT(r.undamped.angularFrequencies[2], WithinRel(166.565615, 2e-8));
    CHECK_THAT(r.damped.dampingRatios[0], WithinRel(0.000717, 2e-3));
    CHECK_THAT(r.damped.dampingRatios[2], WithinRel(0.002250, 2e-3));
}

TEST_CASE("cbc-demo linear part matches the prototype reference values", "[modal]")
{
    const auto r = modalOf("cbc-demo");
    CHECK_THAT(r.undamped.angularFrequencies[0], WithinRel(14.073460, 1e-7));
    CHECK_THAT(r.undamped.angularFrequencies[1], WithinRel(39.432957, 1e-7));
    CHECK_THAT(r.undamped.angularFrequencies[2], WithinRel(56.982274, 1e-7));
    CHECK_THAT(r.damped.dampingRatios[0], WithinRel(0.0035184, 1e-4));
    CHECK_THAT(r.damped.dampingRatios[2], WithinRel(0.0142456, 1e-4));
    // Shape ratios 1 : 1.80194 : 2.24698 for mode 1.
    CHECK_THAT(r.undamped.shapes(1, 0) / r.undamped.shapes(0, 0), WithinRel(1.80194, 1e-5));
    CHECK_THAT(r.undamped.shapes(2, 0) / r.undamped.shapes(0, 0), WithinRel(2.24698, 1e-5));
}

TEST_CASE("Uniform chain closed form for several n", "[modal]")
{
    for (std::size_t n : {1u, 2u, 3u, 5u, 8u, 13u, 20u}) {
        model::Profile p;
        const double m = 2.5, k = 1234.5;
        p.masses.assign(n, m);
        p.stiffnesses.assign(n, k);
        p.dampers.assign(n, 0.0);
        const auto r = dynamics::runModal({p});
        REQUIRE(static_cast<std::size_t>(r.undamped.angularFrequencies.size()) == n);
        for (std::size_t i = 0; i < n; ++i) {
            const double rr = static_cast<double>(i + 1);
            const double exact = 2.0 * std::sqrt(k / m) *
                                 std::sin((2.0 * rr - 1.0) * std::numbers::pi /
                                          (2.0 * (2.0 * static_cast<double>(n) + 1.0)));
            INFO("n = " << n << ", mode " << i + 1);
            CHECK_THAT(r.undamped.angularFrequencies[static_cast<Eigen::Index>(i)],
                       WithinRel(exact, 1e-12));
        }
    }
}

TEST_CASE("Mode shapes are mass-normalised, sorted and sign-fixed", "[modal]")
{
    model::Profile p = *model::preset("southampton-lpm");
    // Deliberately non-uniform and larger to exercise the general path.
    p.masses = {3.0, 7.0, 1.0, 4.0, 2.0};
    p.stiffnesses = {5e4, 1e3, 2e4, 8e4, 3e3};
    p.dampers = {1.0, 2.0, 3.0, 4.0, 5.0};
    const dynamics::ShearBuilding b(p);
    const auto modes = dynamics::undampedModes(b);
    const Eigen::MatrixXd phi = modes.shapes;
    const Eigen::MatrixXd orth = phi.transpose() * b.massMatrix() * phi;
    CHECK((orth - Eigen::MatrixXd::Identity(5, 5)).cwiseAbs().maxCoeff() < 1e-12);
    const Eigen::MatrixXd kModal = phi.transpose() * b.stiffnessMatrix() * phi;
    for (int r = 0; r < 5; ++r) {
        CHECK(phi(0, r) > 0.0);
        CHECK_THAT(kModal(r, r), WithinRel(std::pow(modes.angularFrequencies[r], 2), 1e-12));
        if (r > 0)
            CHECK(modes.angularFrequencies[r] > modes.angularFrequencies[r - 1]);
    }
}

TEST_CASE("Damped modes agree with undamped ones for proportional damping", "[modal]")
{
    // Rayleigh damping: λ = −ζω ± jω√(1−ζ²) exactly, with ζ_r = α/(2ω_r) + βω_r/2.
    const auto p = *model::preset("southampton-design");
    const auto r = dynamics::runModal({p});
    for (int i = 0; i < 3; ++i) {
        const double w = r.undamped.angularFrequencies[i];
        const double zeta = r.rayleighAlpha / (2 * w) + r.rayleighBeta * w / 2;
        CHECK_THAT(r.damped.dampingRatios[static_cast<std::size_t>(i)], WithinRel(zeta, 1e-9));
        CHECK_THAT(r.damped.naturalFrequenciesHz[static_cast<std::size_t>(i)] * 2 * std::numbers::pi,
                   WithinRel(w, 1e-10));
        // The complex shape is the real one, up to scale.
        const Eigen::VectorXcd c = r.damped.shapes.col(i);
        const Eigen::VectorXd real = r.undamped.shapes.col(i);
        Eigen::Index k = 0;
        real.cwiseAbs().maxCoeff(&k);
        for (int f = 0; f < 3; ++f)
            CHECK(std::abs(c[f] - real[f] / real[k]) < 1e-9);
    }
}

TEST_CASE("State-space matrix has the damped eigenvalues", "[modal]")
{
    const dynamics::ShearBuilding b(*model::preset("southampton-lpm"));
    const auto ss = dynamics::stateSpace(b);
    REQUIRE(ss.a.rows() == 6);
    REQUIRE(ss.b.cols() == 3);
    CHECK(ss.b(3, 0) == Approx(1.0 / 5.0394));
    const auto damped = dynamics::dampedModes(b);
    for (const auto& l : damped.eigenvalues) {
        // det(A − λI) ≈ 0: smallest singular value tiny compared with |A|.
        const Eigen::MatrixXcd shifted =
            ss.a.cast<std::complex<double>>() - l * Eigen::MatrixXcd::Identity(6, 6);
        Eigen::JacobiSVD<Eigen::MatrixXcd> svd(shifted);
        CHECK(svd.singularValues()(5) < 1e-9 * svd.singularValues()(0));
    }
}

TEST_CASE("Overdamped single storey reports its real roots", "[modal]")
{
    model::Profile p;
    p.masses = {1.0};
    p.stiffnesses = {100.0};
    p.dampers = {50.0}; // ζ = 2.5
    const auto r = dynamics::runModal({p});
    REQUIRE(r.damped.eigenvalues.size() == 2);
    for (double z : r.damped.dampingRatios)
        CHECK(z == Approx(1.0));
    // Roots −25 ± √(625−100).
    CHECK(r.damped.eigenvalues[0].real() == Approx(-25.0 + std::sqrt(525.0)));
}
