// SPDX-License-Identifier: GPL-3.0-or-later
// Kinetic-energy metrics: band integral, exact integral, refined peaks, control effort.
#include "control/control.h"
#include "control/lyapunov.h"
#include "rig_model.h"

#include <catch2/catch.hpp>

#include <boost/math/quadrature/gauss_kronrod.hpp>

#include <cmath>
#include <numbers>

using namespace dtop;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

control::ControlInput quick(control::Strategy s, double gain = 5.0)
{
    control::ControlInput in;
    in.strategy = s;
    in.gain = gain;
    in.rootLocus = false;
    in.bestGain = false;
    return in;
}

// T(ω) of the test's own model: ¼ v_sᴴ M* v_s for a unit force on floor 1 (g = h·Bl).
double kineticEnergy(const test::RigModel& rig, double omega, double g, bool device = true)
{
    if (!device) {
        const std::complex<double> s(0.0, omega);
        Eigen::Matrix3cd z = s * s * rig.ms.cast<std::complex<double>>();
        z += s * rig.c.topLeftCorner<3, 3>().cast<std::complex<double>>();
        z += rig.k.topLeftCorner<3, 3>().cast<std::complex<double>>();
        // Without the device: the bare structure's own matrices (no k_p, c_p on floor 1).
        z(rig.floor - 1, rig.floor - 1) -= s * rig.cp + rig.kp;
        Eigen::Vector3cd p = Eigen::Vector3cd::Zero();
        p[0] = 1.0;
        const Eigen::Vector3cd v = s * z.partialPivLu().solve(p);
        return 0.25 * 5.201 * v.squaredNorm();
    }
    const Eigen::Vector4cd v = rig.velocity(omega, g);
    double t = 0.0;
    for (int i = 0; i < 3; ++i)
        t += rig.m(i, i) * std::norm(v[i]);
    return 0.25 * t;
}

// ∫₀^∞ T dω by adaptive Gauss–Kronrod, split at the resonances, converged to 1e-11.
double quadrature(const test::RigModel& rig, double g, bool device)
{
    auto f = [&](double w) { return kineticEnergy(rig, w, g, device); };
    std::vector<double> cuts = {0.0};
    for (double fn : {5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 19.0, 20.5, 28.0, 29.5, 60.0, 200.0, 2000.0})
        cuts.push_back(kTwoPi * fn);
    double total = 0.0;
    for (std::size_t k = 1; k < cuts.size(); ++k)
        total += boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
            f, cuts[k - 1], cuts[k], 15, 1e-11);
    total += boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
        f, cuts.back(), std::numeric_limits<double>::infinity(), 15, 1e-11);
    return total;
}

} // namespace

TEST_CASE("Lyapunov solver satisfies its equation", "[control]")
{
    Eigen::MatrixXd a(3, 3);
    a << -1.0, 2.0, 0.0, -3.0, -0.5, 1.0, 0.0, -1.0, -2.0;
    Eigen::MatrixXd q(3, 3);
    q << 2.0, 0.5, 0.0, 0.5, 1.0, 0.3, 0.0, 0.3, 4.0;
    const Eigen::MatrixXd x = control::solveLyapunov(a, q);
    CHECK((a * x + x * a.transpose() + q).norm() < 1e-13 * q.norm());
    CHECK((x - x.transpose()).norm() == 0.0);
    // Eigenvalues ±j: λ + conj(λ) = 0, no unique solution.
    Eigen::MatrixXd rotation(2, 2);
    rotation << 0.0, 1.0, -1.0, 0.0;
    CHECK_THROWS_AS(control::solveLyapunov(rotation, q.topLeftCorner(2, 2)), std::domain_error);
}

TEST_CASE("Exact KE integral by Lyapunov equals a converged quadrature", "[control]")
{
    const test::RigModel rig(1);
    // Uncontrolled structure (also the numpy/scipy reference 1.565096541892e-01).
    const auto tmd = control::runControl(quick(control::Strategy::Tmd));
    REQUIRE(tmd.uncontrolled.exactIntegral);
    CHECK_THAT(*tmd.uncontrolled.exactIntegral, WithinRel(quadrature(rig, 0.0, false), 1e-9));
    CHECK_THAT(*tmd.uncontrolled.exactIntegral, WithinRel(1.565096541892e-01, 1e-9));
    // TMD and DVF (h = 5) with the device at floor 1.
    CHECK_THAT(*tmd.controlled.exactIntegral, WithinRel(quadrature(rig, 0.0, true), 1e-9));
    const auto dvf = control::runControl(quick(control::Strategy::Dvf));
    CHECK_THAT(*dvf.controlled.exactIntegral, WithinRel(quadrature(rig, 50.0, true), 1e-9));
    // The 0–∞ integral is slightly larger than the 1–100 Hz band.
    CHECK(*tmd.uncontrolled.exactIntegral > tmd.uncontrolled.bandIntegral);
    CHECK(*tmd.uncontrolled.exactIntegral < 1.001 * tmd.uncontrolled.bandIntegral);
}

TEST_CASE("Exact KE integral is absent for an unstable loop", "[control]")
{
    const auto r = control::runControl(quick(control::Strategy::Dvf, 6.0));
    CHECK_FALSE(*r.stable);
    CHECK_FALSE(r.controlled.exactIntegral);
    CHECK_FALSE(r.keExactReductionDb);
    CHECK_FALSE(r.keReductionDb);
}

TEST_CASE("KE spectrum is 10 log10 of the energy on the prototype's grid", "[control]")
{
    const auto r = control::runControl(quick(control::Strategy::Dvf, 2.0));
    REQUIRE(r.frequencyHz.size() == 9901);
    CHECK(r.frequencyHz.front() == 1.0);
    CHECK_THAT(r.frequencyHz.back(), WithinRel(100.0, 1e-14));
    const test::RigModel rig(1);
    for (std::size_t k : {0ul, 611ul, 1853ul, 9900ul}) {
        const double t = kineticEnergy(rig, kTwoPi * r.frequencyHz[k], 20.0);
        CHECK_THAT(r.controlled.ke[k], WithinRel(t, 1e-10));
        CHECK_THAT(r.controlled.keDb[k], WithinAbs(10.0 * std::log10(t), 1e-9));
    }
    CHECK(r.keDbScale == "10·log10(T / 1 J/N²)");
}

TEST_CASE("KE peaks are the exact local maxima off the grid", "[control]")
{
    const auto r = control::runControl(quick(control::Strategy::None));
    const test::RigModel rig(1);
    REQUIRE(r.uncontrolled.peaks.size() == 3);
    const double gridPeaks[3] = {7.11, 19.93, 28.80};
    for (int i = 0; i < 3; ++i) {
        const auto& p = r.uncontrolled.peaks[i];
        CHECK(std::abs(p.frequencyHz - gridPeaks[i]) < 0.01);
        // A maximum: higher than its neighbours 1e-5 Hz away, and than the grid's maximum.
        const double t = kineticEnergy(rig, kTwoPi * p.frequencyHz, 0.0, false);
        CHECK_THAT(p.ke, WithinRel(t, 1e-9));
        CHECK(t >= kineticEnergy(rig, kTwoPi * (p.frequencyHz - 1e-5), 0.0, false));
        CHECK(t >= kineticEnergy(rig, kTwoPi * (p.frequencyHz + 1e-5), 0.0, false));
        CHECK(t >= kineticEnergy(rig, kTwoPi * gridPeaks[i], 0.0, false));
        CHECK_THAT(p.keDb, WithinAbs(10.0 * std::log10(p.ke), 1e-12));
    }
    // The grid under-reads the first peak (0.2 % damping, 0.01 Hz step).
    CHECK(r.uncontrolled.peaks[0].keDb > 0.5 * -16.389 + 0.01);
    // With the DVF the controlled peaks are all below the uncontrolled ones.
    const auto dvf = control::runControl(quick(control::Strategy::Dvf, 2.0));
    for (const auto& p : dvf.controlled.peaks)
        CHECK(p.keDb < r.uncontrolled.peaks[0].keDb);
}

TEST_CASE("Control effort is the mean electrical power of the coil in watts", "[control]")
{
    // ∫|f_c|² dω = 10.213189 N²·rad/s for DVF h = 5 at floor 1 (prototype spec §5.9); the
    // mean power is R/(2Bl²)·∫|f_c|²dω / Δω, Δω = 2π·99 rad/s.
    const auto r = control::runControl(quick(control::Strategy::Dvf, 5.0));
    REQUIRE(r.controlEffortW);
    const double expected = 8.0 / (2.0 * 100.0) * 10.213189 / (kTwoPi * 99.0);
    CHECK_THAT(*r.controlEffortW, WithinRel(expected, 1e-6));
    // Its spectrum is R·|h·v_1|²/2 at each frequency.
    const test::RigModel rig(1);
    for (std::size_t k : {100ul, 522ul, 4000ul}) {
        const Eigen::Vector4cd v = rig.velocity(kTwoPi * r.frequencyHz[k], 50.0);
        CHECK_THAT(r.effortSpectrumW[k], WithinRel(0.5 * 8.0 * 25.0 * std::norm(v[0]), 1e-9));
    }
    // No effort without feedback.
    const auto tmd = control::runControl(quick(control::Strategy::Tmd));
    CHECK_FALSE(tmd.controlEffortW);
    CHECK(tmd.effortSpectrumW.empty());
}

TEST_CASE("Per-floor FRFs are the floor responses to the primary force", "[control]")
{
    control::ControlInput in = quick(control::Strategy::Dvf, 5.0);
    in.frfQuantity = dynamics::FrfQuantity::Accelerance;
    const auto r = control::runControl(in);
    REQUIRE(r.floors.size() == 3);
    const test::RigModel rig(1);
    const std::size_t k = 522; // 6.22 Hz
    const double w = kTwoPi * r.frequencyHz[k];
    const Eigen::Vector4cd v = rig.velocity(w, 50.0);
    for (int i = 0; i < 3; ++i) {
        const std::complex<double> a = std::complex<double>(0.0, w) * v[i];
        CHECK(std::abs(r.floors[i].controlled[k] - a) < 1e-10 * std::abs(a));
    }
    // Prototype spec §5.4: uncontrolled floor-3 mobility peak 0.25154 m/s/N at 7.11 Hz.
    in.frfQuantity = dynamics::FrfQuantity::Mobility;
    const auto m = control::runControl(in);
    CHECK_THAT(std::abs(m.floors[2].uncontrolled[611]), WithinRel(2.5154e-1, 2e-4));
    CHECK_THAT(std::abs(m.floors[0].controlled[522]), WithinRel(3.6816e-2, 2e-4));
}

TEST_CASE("KE reduction uses the band integrals and the exact reduction the Lyapunov ones", "[control]")
{
    const auto r = control::runControl(quick(control::Strategy::Dvf, 2.0));
    CHECK_THAT(*r.keReductionDb,
               WithinAbs(-10.0 * std::log10(r.controlled.bandIntegral / r.uncontrolled.bandIntegral), 1e-12));
    CHECK_THAT(*r.keExactReductionDb,
               WithinAbs(-10.0 * std::log10(*r.controlled.exactIntegral / *r.uncontrolled.exactIntegral), 1e-12));
    CHECK_THAT(*r.keReductionDb, WithinAbs(8.28, 0.005)); // the prototype's page value
}
