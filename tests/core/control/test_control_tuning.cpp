// SPDX-License-Identifier: GPL-3.0-or-later
// Tuning: Den Hartog, KE-optimal TMD, best stable DVF gain, compensator defaults.
#include "control/control.h"
#include "control/state_response.h"
#include "control/tmd_tuning.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

using namespace dtop;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

model::Profile singleStorey(double m, double k)
{
    model::Profile p;
    p.name = "sdof";
    p.masses = {m};
    p.stiffnesses = {k};
    p.dampers = {0.0};
    return p;
}

// |x₁/F|·k of the undamped single-storey structure with the absorber (k_p, c_p), by the
// tool's own state-space model (receptance = velocity/(jω)).
double normalisedReceptance(const dynamics::ShearBuilding& b, control::InertialActuator act,
                            double k, double omega)
{
    control::DesignParameters p;
    p.strategy = control::Strategy::Tmd;
    p.actuator = act;
    const auto d = control::buildDesign(b, p);
    const control::StateResponse r(d.a, d.bPrimary, d.cVelocity);
    return std::abs(r.evaluate(omega)[0] / std::complex<double>(0.0, omega)) * k;
}

} // namespace

TEST_CASE("Den Hartog tuning equals the closed form on a single storey", "[control]")
{
    const double m = 10.0, k = 4.0e4;
    const dynamics::ShearBuilding b(singleStorey(m, k));
    control::InertialActuator act;
    act.baseMassKg = 0.0;
    act.proofMassKg = 0.5;
    const auto t = control::denHartogTuning(b, act, 1);
    const double mu = 0.05;
    const double f1 = std::sqrt(k / m) / kTwoPi;
    const double ft = f1 / (1.0 + mu);
    const double zeta = std::sqrt(3.0 * mu / (8.0 * std::pow(1.0 + mu, 3)));
    CHECK_THAT(t.massRatio, WithinRel(mu, 1e-13));
    CHECK_THAT(t.modalMassKg, WithinRel(m, 1e-13));
    CHECK_THAT(t.frequencyHz, WithinRel(ft, 1e-13));
    CHECK_THAT(t.dampingRatio, WithinRel(zeta, 1e-13));
    CHECK_THAT(t.proofStiffnessNM, WithinRel(0.5 * std::pow(kTwoPi * ft, 2), 1e-13));
    CHECK_THAT(t.proofDampingNsM, WithinRel(2.0 * zeta * std::sqrt(t.proofStiffnessNM * 0.5), 1e-13));
}

TEST_CASE("Den Hartog tuning gives equal fixed points whatever the absorber damping", "[control]")
{
    // Den Hartog (Mechanical Vibrations, 1956, §3.3): with f_t = f₁/(1+μ) all receptance curves
    // pass through two fixed points P, Q at g² = (1 ∓ √(μ/(2+μ)))/(1+μ), both of height
    // |x|k/F = √(1 + 2/μ).
    const double m = 10.0, k = 4.0e4;
    const dynamics::ShearBuilding b(singleStorey(m, k));
    control::InertialActuator act;
    act.baseMassKg = 0.0;
    act.proofMassKg = 0.5;
    const auto t = control::denHartogTuning(b, act, 1);
    const double mu = 0.05, wn = std::sqrt(k / m);
    const double height = std::sqrt(1.0 + 2.0 / mu);
    for (double sign : {-1.0, 1.0}) {
        const double g = std::sqrt((1.0 + sign * std::sqrt(mu / (2.0 + mu))) / (1.0 + mu));
        for (double c : {0.3 * t.proofDampingNsM, t.proofDampingNsM, 4.0 * t.proofDampingNsM}) {
            act.suspensionStiffnessNM = t.proofStiffnessNM;
            act.suspensionDampingNsM = c;
            CHECK_THAT(normalisedReceptance(b, act, k, g * wn), WithinRel(height, 1e-9));
        }
    }
}

TEST_CASE("Den Hartog tuning of the rig uses mode 1 with the base mass", "[control]")
{
    control::ControlInput in;
    in.strategy = control::Strategy::Tmd;
    in.tune = control::TmdTuning::DenHartog;
    in.rootLocus = false;
    for (int floor : {1, 3}) {
        in.floor = floor;
        const auto r = control::runControl(in);
        REQUIRE(r.tuned);
        // φ₁ of floor 3 is the largest: the smallest modal mass, the largest μ.
        INFO("floor " << floor << " mu " << r.tuned->massRatio << " RT " << *r.keReductionDb);
        CHECK(r.tuned->frequencyHz < r.tuned->structureFrequencyHz);
        CHECK(r.actuator.suspensionStiffnessNM == r.tuned->proofStiffnessNM);
        CHECK(r.deviceFrequencyHz == r.tuned->frequencyHz);
        CHECK(*r.keReductionDb > 4.0);
    }
}

TEST_CASE("KE-optimal TMD is a local minimum of the band KE and beats Den Hartog", "[control]")
{
    const dynamics::ShearBuilding b(*model::preset("southampton-design"));
    const control::InertialActuator act;
    const control::FrequencyBand band;
    for (int floor : {1, 3}) {
        const auto t = control::keOptimalTuning(b, act, floor, 1, band);
        auto integral = [&](double kp, double cp) {
            control::ControlInput in;
            in.strategy = control::Strategy::Tmd;
            in.floor = floor;
            in.actuator.suspensionStiffnessNM = kp;
            in.actuator.suspensionDampingNsM = cp;
            in.rootLocus = false;
            return control::runControl(in).controlled.bandIntegral;
        };
        const double best = integral(t.proofStiffnessNM, t.proofDampingNsM);
        INFO("floor " << floor << " k_p " << t.proofStiffnessNM << " c_p " << t.proofDampingNsM);
        CHECK_THAT(best, WithinRel(t.keBandIntegral, 1e-9));
        for (double dk : {0.99, 1.01})
            CHECK(integral(dk * t.proofStiffnessNM, t.proofDampingNsM) > best);
        for (double dc : {0.99, 1.01})
            CHECK(integral(t.proofStiffnessNM, dc * t.proofDampingNsM) > best);
        const auto dh = control::denHartogTuning(b, act, floor);
        CHECK(best < integral(dh.proofStiffnessNM, dh.proofDampingNsM));
        // The multi-mode KE metric prefers a heavily damped absorber.
        CHECK(t.dampingRatio > dh.dampingRatio);
    }
}

TEST_CASE("Best stable DVF gain maximises the reduction below the critical gain", "[control]")
{
    control::ControlInput in;
    in.strategy = control::Strategy::Dvf;
    in.rootLocus = false;
    const auto r = control::runControl(in);
    REQUIRE(r.bestGain);
    const double h = r.bestGain->gain;
    CHECK(h > 0.0);
    CHECK(h < *r.margins->criticalGain);
    auto reduction = [&](double gain) {
        control::ControlInput one = in;
        one.gain = gain;
        one.bestGain = false;
        return *control::runControl(one).keReductionDb;
    };
    CHECK_THAT(reduction(h), WithinAbs(r.bestGain->keReductionDb, 1e-9));
    CHECK(reduction(0.98 * h) < r.bestGain->keReductionDb);
    CHECK(reduction(std::min(1.02 * h, 0.5 * (h + *r.margins->criticalGain))) <
          r.bestGain->keReductionDb);
    for (double frac : {0.1, 0.3, 0.5, 0.7, 0.9, 0.99})
        CHECK(reduction(frac * *r.margins->criticalGain) <= r.bestGain->keReductionDb + 1e-12);
}

TEST_CASE("Ideal DVF has a finite KE-optimal gain away from the driven floor", "[control]")
{
    control::ControlInput in;
    in.strategy = control::Strategy::IdealDvf;
    in.rootLocus = false;
    // Skyhook on the driven floor: the larger h, the more it pins the floor the force acts on,
    // and the KE falls without limit.
    const auto pinned = control::runControl(in);
    REQUIRE(pinned.bestGain);
    CHECK(pinned.bestGain->atSearchLimit);
    in.floor = 3;
    const auto r = control::runControl(in);
    REQUIRE(r.bestGain);
    CHECK_FALSE(r.bestGain->atSearchLimit);
    CHECK_FALSE(r.margins->criticalGain);
    const double h = r.bestGain->gain;
    auto reduction = [&](double gain) {
        control::ControlInput one = in;
        one.gain = gain;
        one.bestGain = false;
        return *control::runControl(one).keReductionDb;
    };
    CHECK(reduction(0.9 * h) < r.bestGain->keReductionDb);
    CHECK(reduction(1.1 * h) < r.bestGain->keReductionDb);
    CHECK(h < 0.99 * r.bestGain->upperLimit);
}

TEST_CASE("Compensator defaults come from the actual actuator", "[control]")
{
    control::ControlInput in;
    in.strategy = control::Strategy::DvfEc;
    in.rootLocus = false;
    in.bestGain = false;
    const auto r = control::runControl(in);
    REQUIRE(r.compensator);
    CHECK_THAT(r.compensator->estimateHz, WithinRel(6.503968, 1e-6));
    CHECK_THAT(r.compensator->estimateDamping, WithinRel(0.06117610, 1e-6));
    CHECK_THAT(r.compensator->targetHz, WithinRel(0.3 * 7.113695, 1e-6));
    CHECK(r.compensator->targetDamping == 0.7);
    // The default compensator cancels the suspension resonance exactly: C(s)·(actuator
    // resonance) is replaced, so the loop is no longer limited near 6.5 Hz.
    CHECK(*r.margins->criticalGain > 100.0);
    CHECK(*r.stable);
    // An explicit value overrides its default only.
    in.compensator.targetHz = 3.0;
    const auto r3 = control::runControl(in);
    CHECK(r3.compensator->targetHz == 3.0);
    CHECK(r3.compensator->estimateHz == r.compensator->estimateHz);
}
