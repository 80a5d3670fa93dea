// SPDX-License-Identifier: GPL-3.0-or-later
// Periodic orbits of the forced cubic chain: harmonic balance against shooting, the linear
// limit against the exact FRF, Floquet multipliers against the linear decay, backbones.
#include "dynamics/frf.h"
#include "dynamics/shear_building.h"
#include "model/presets.h"
#include "nonlinear/backbone.h"
#include "nonlinear/branch_tracer.h"
#include "nonlinear/harmonic_balance.h"
#include "nonlinear/shooting.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <numbers>

using namespace dtop;
using namespace dtop::nonlinear;

namespace {

model::Profile cbcDemo() { return *model::preset("cbc-demo"); }

// First-harmonic amplitude of each floor of a sampled period (rectangle-rule DFT).
Eigen::VectorXd firstHarmonic(const Eigen::MatrixXd& states, Eigen::Index floors)
{
    const auto samples = states.cols();
    Eigen::VectorXd a = Eigen::VectorXd::Zero(floors), b = Eigen::VectorXd::Zero(floors);
    for (Eigen::Index k = 0; k < samples; ++k) {
        const double tau = 2.0 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(samples);
        a += 2.0 / samples * std::cos(tau) * states.col(k).head(floors);
        b += 2.0 / samples * std::sin(tau) * states.col(k).head(floors);
    }
    return (a.array().square() + b.array().square()).sqrt();
}

} // namespace

TEST_CASE("Harmonic balance orbits agree with shooting to 1e-6 m", "[nonlinear]")
{
    const CubicChain chain(cbcDemo());
    BranchOptions o; // S-curve at 16 rad/s, 1 to 81 N
    const TracedBranch branch = traceBranch(chain, o);
    REQUIRE(branch.points.size() > 20);
    const Shooting shooting(chain, 1e-12, 1e-13);
    int checked = 0, unstable = 0;
    for (std::size_t i = 0; i < branch.points.size(); i += branch.points.size() / 12) {
        const BranchPoint& p = branch.points[i];
        const HarmonicBalance hb(chain, p.harmonics);
        const Eigen::VectorXd q = branchCoefficients(p);
        Eigen::VectorXd z0 = hb.initialState(q, p.frequencyRadS);
        const Eigen::VectorXd zHb = z0;
        REQUIRE(shooting.solve(z0, p.frequencyRadS, p.forceN));
        // The same orbit: the initial states and the first harmonics agree.
        CHECK((z0.head(3) - zHb.head(3)).cwiseAbs().maxCoeff() < 1e-6);
        const Eigen::VectorXd a = firstHarmonic(shooting.sample(z0, p.frequencyRadS, p.forceN, 512), 3);
        for (int f = 0; f < 3; ++f)
            CHECK(std::abs(a(f) - p.amplitudeM[static_cast<std::size_t>(f)]) < 1e-6);
        // Stability agrees with the multipliers of the shooting orbit.
        const auto mu = shooting.multipliers(z0, p.frequencyRadS, p.forceN);
        CHECK((std::abs(mu.front()) < 1.0) == p.stable);
        unstable += p.stable ? 0 : 1;
        ++checked;
    }
    CHECK(checked >= 12);
    CHECK(unstable >= 1); // the sample passes through the unstable middle branch
}

TEST_CASE("Linear limit of the harmonic balance is the exact FRF", "[nonlinear]")
{
    model::Profile p = cbcDemo();
    p.cubicStiffnesses = {0.0, 0.0, 0.0};
    const CubicChain chain(p);
    BranchOptions o;
    o.parameter = ContinuationParameter::Frequency;
    o.fixedValue = 10.0;
    o.from = 1.0;
    o.to = 50.0;
    const TracedBranch branch = traceBranch(chain, o);
    REQUIRE(branch.points.size() > 30);
    CHECK(branch.folds.empty());
    CHECK(branch.harmonics == 2); // the third harmonic stays exactly zero
    const dynamics::ShearBuilding building(p);
    const dynamics::FrfEvaluator frf(building);
    std::complex<double> h[3];
    double worst = 0.0;
    for (const auto& pt : branch.points) {
        frf.receptance(pt.frequencyRadS, 0, h);
        for (int f = 0; f < 3; ++f)
            worst = std::max(worst, std::abs(pt.amplitudeM[static_cast<std::size_t>(f)] - 10.0 * std::abs(h[f])) /
                                        (10.0 * std::abs(h[f])));
        CHECK(pt.stable);
    }
    CHECK(worst < 1e-10);
}

TEST_CASE("Small orbits decay like the linear mode 1 over one period", "[nonlinear]")
{
    // Floquet multiplier of mode 1 at low amplitude: exp(−ζ1·ω1·2π/ω).
    const CubicChain chain(cbcDemo());
    const HarmonicBalance hb(chain, 3);
    const double omega = 16.0;
    const Eigen::VectorXd q = hb.linearSolution(omega, 1e-4);
    const auto mu = orbitMultipliers(chain, hb, q, omega, 1e-4);
    const double decay = chain.dampingRatios()(0) * chain.naturalFrequencies()(0);
    CHECK(decay == Approx(0.049516).epsilon(1e-4));
    CHECK(std::abs(mu.front()) == Approx(std::exp(-decay * 2.0 * std::numbers::pi / omega)).epsilon(1e-6));
}

TEST_CASE("Backbone orbits conserve energy and start at the linear frequencies", "[nonlinear]")
{
    const CubicChain chain(cbcDemo());
    for (int mode : {1, 2}) {
        BackboneOptions o;
        o.mode = mode;
        o.maxAmplitudeM = 1.0;
        const auto bb = traceBackbone(chain, o);
        REQUIRE(bb.size() > 10);
        CHECK(bb.front().frequencyRadS == Approx(chain.naturalFrequencies()(mode - 1)).epsilon(1e-6));
        CHECK(bb.back().frequencyRadS > bb.front().frequencyRadS); // hardening
        // Energy ½vᵀMv + V(x) along each orbit is constant (to the truncation of the series).
        for (std::size_t i = 0; i < bb.size(); i += std::max<std::size_t>(1, bb.size() / 8)) {
            const HarmonicBalance hb(chain, bb[i].harmonics, false);
            Eigen::VectorXd q = Eigen::VectorXd::Zero(hb.size());
            for (int j = 0; j < hb.harmonics(); ++j)
                for (int f = 0; f < 3; ++f)
                    q(hb.index(j, false, f)) = bb[i].coefficients[static_cast<std::size_t>(j * 3 + f)];
            const Eigen::MatrixXd x = hb.displacements(q, 200);
            const Eigen::MatrixXd v = hb.velocities(q, bb[i].frequencyRadS, 200);
            double lo = 1e300, hi = -1e300;
            for (int k = 0; k < 200; ++k) {
                const double e = chain.kineticEnergy(v.col(k)) + chain.potentialEnergy(x.col(k));
                lo = std::min(lo, e);
                hi = std::max(hi, e);
            }
            CHECK((hi - lo) <= 1e-6 * bb[i].energyJ);
            CHECK(hi == Approx(bb[i].energyJ).epsilon(1e-6));
        }
    }
}
