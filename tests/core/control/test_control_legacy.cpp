// SPDX-License-Identifier: GPL-3.0-or-later
// Legacy mode: the prototype's printed numbers (prototype spec §5.2, §5.3, §5.6–§5.9), to the
// tolerances its §5.11 suggests (1e-6 relative where more digits were printed).
#include "control/control.h"
#include "control/legacy_metrics.h"
#include "control/riccati.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace dtop;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

control::ControlInput legacyInput(control::Strategy s, int floor, double gain = 5.0)
{
    control::ControlInput in;
    in.strategy = s;
    in.floor = floor;
    in.gain = gain;
    in.legacy = true;
    in.rootLocus = false;
    in.bestGain = false;
    return in;
}

// Printed with {:.2f}: the value must round to it.
void checkPrinted(double value, double printed)
{
    CHECK(std::abs(value - printed) <= 0.005 + 1e-12);
}

} // namespace

TEST_CASE("Legacy mode reproduces the prototype's page outputs for default inputs", "[control]")
{
    struct Row {
        control::Strategy strategy;
        int floor;
        double rt, ce, intKe, rawGm;
        const char* stable;
        double gmDb;
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const Row rows[] = {
        {control::Strategy::Tmd, 1, 4.37, nan, 5.721605e-2, nan, "", nan},
        {control::Strategy::Tmd, 2, 2.64, nan, 8.512680e-2, nan, "", nan},
        {control::Strategy::Tmd, 3, 3.14, nan, 7.583665e-2, nan, "", nan},
        {control::Strategy::Dvf, 1, 9.71, 1.63, 1.673385e-2, 33.4, "Yes", 30.47},
        {control::Strategy::Dvf, 2, 7.57, 1.49, 2.736277e-2, 0.9226609, "No", -inf},
        {control::Strategy::Dvf, 3, 7.98, 1.39, 2.492340e-2, 0.4799813, "No", -inf},
        {control::Strategy::DvfEc, 1, 9.71, 1.63, 1.673385e-2, 33.4, "Yes", 30.47},
        {control::Strategy::DvfEc, 2, 7.57, 1.49, 2.736277e-2, 0.9226609, "No", -inf},
        {control::Strategy::DvfEc, 3, 7.98, 1.39, 2.492340e-2, 0.4799813, "No", -inf},
        {control::Strategy::Lqg, 1, 19.42, 18.85, 1.788567e-3, nan, "--", nan},
        {control::Strategy::Lqg, 2, 19.06, 19.61, 1.940701e-3, nan, "--", nan},
        {control::Strategy::Lqg, 3, 19.16, 19.48, 1.897574e-3, nan, "--", nan},
    };
    for (const Row& row : rows) {
        const auto r = control::runControl(legacyInput(row.strategy, row.floor));
        INFO(control::strategyName(row.strategy) << " at floor " << row.floor);
        REQUIRE(r.legacyMetrics);
        const auto& l = *r.legacyMetrics;
        CHECK(l.label == control::kLegacyLabel);
        CHECK_THAT(l.uncontrolledBandIntegral, WithinRel(1.56422197e-1, 1e-8));
        CHECK_THAT(l.keBandIntegral, WithinRel(row.intKe, 1e-6));
        checkPrinted(*l.keReductionDb, row.rt);
        if (std::isnan(row.ce))
            CHECK_FALSE(l.controlEffort);
        else
            checkPrinted(*l.controlEffort, row.ce);
        CHECK(l.stableShown == row.stable);
        if (!std::isnan(row.rawGm)) {
            CHECK_THAT(*l.rawGainMargin, WithinRel(row.rawGm, 1e-6));
            if (std::isfinite(row.gmDb))
                checkPrinted(*l.gainMarginDbShown, row.gmDb);
            else
                CHECK(*l.gainMarginDbShown == -inf);
        } else {
            CHECK_FALSE(l.rawGainMargin);
        }
    }
}

TEST_CASE("Legacy integrals agree with the prototype to more digits", "[control]")
{
    // numpy re-run of the prototype's equations: IntKE to 10 digits, CE = 1.634110.
    const auto dvf = control::runControl(legacyInput(control::Strategy::Dvf, 1));
    CHECK_THAT(dvf.legacyMetrics->keBandIntegral, WithinRel(1.6733849868e-02, 1e-9));
    CHECK_THAT(*dvf.legacyMetrics->controlEffort, WithinRel(1.634110, 1e-6));
    CHECK_THAT(*dvf.legacyMetrics->keReductionDb, WithinRel(9.707025, 1e-6));
    const auto lqg = control::runControl(legacyInput(control::Strategy::Lqg, 1));
    CHECK_THAT(lqg.legacyMetrics->keBandIntegral, WithinRel(1.7885671527e-03, 1e-6));
    CHECK_THAT(*lqg.legacyMetrics->controlEffort, WithinRel(18.846712, 1e-6));
    CHECK_THAT(*lqg.legacyMetrics->keReductionDb, WithinRel(19.417931, 1e-6));
    const auto tmd = control::runControl(legacyInput(control::Strategy::Tmd, 3));
    CHECK_THAT(tmd.legacyMetrics->keBandIntegral, WithinRel(7.5836654655e-02, 1e-9));
}

TEST_CASE("Legacy gain margins follow the prototype's gain sweep", "[control]")
{
    // Prototype spec §5.6: page verdict and GM for the gain sweep (and §5.2's extra cases).
    struct Row {
        int floor;
        double h, rt, ce;
        const char* stable;
        double gmDb;
    };
    const double inf = std::numeric_limits<double>::infinity();
    const Row rows[] = {{1, 0.0, 4.37, 0.00, "Yes", inf},   {1, 0.5, 5.80, 0.05, "Yes", 50.47},
                        {1, 1.0, 6.82, 0.16, "Yes", 44.45}, {1, 2.0, 8.28, 0.44, "Yes", 38.43},
                        {1, 5.4, 5.04, 3.65, "Yes", 29.81}, {1, 5.5, 6.24, 3.09, "Yes", 29.65},
                        {1, 10, 13.32, 3.21, "Yes", 24.45}, {1, 50, 19.90, 16.42, "Yes", 10.47},
                        {3, 0.5, 4.13, 0.04, "Yes", 12.22}, {3, 1.7, 5.01, 0.45, "Yes", 1.59},
                        {3, 1.8, 0.37, 2.58, "Yes", 1.09},  {3, 2.0, 5.64, 0.47, "Yes", 0.18},
                        {1, -5, 7.95, 2.59, "Yes", 48.90}};
    for (const Row& row : rows) {
        const auto r = control::runControl(legacyInput(control::Strategy::Dvf, row.floor, row.h));
        INFO("floor " << row.floor << " h = " << row.h);
        const auto& l = *r.legacyMetrics;
        checkPrinted(*l.keReductionDb, row.rt);
        checkPrinted(*l.controlEffort, row.ce);
        CHECK(l.stableShown == row.stable);
        if (std::isfinite(row.gmDb))
            checkPrinted(*l.gainMarginDbShown, row.gmDb);
        else
            CHECK(*l.gainMarginDbShown == inf);
    }
    // Floor-1 closed form: GM = k_p/(h·Bl).
    const auto r = control::runControl(legacyInput(control::Strategy::Dvf, 1, 3.0));
    CHECK_THAT(*r.legacyMetrics->rawGainMargin, WithinRel(1670.0 / 30.0, 1e-9));
}

TEST_CASE("Legacy compensator cases reproduce the prototype and its wrong verdict", "[control]")
{
    control::ControlInput in = legacyInput(control::Strategy::DvfEc, 1, 5.0);
    in.compensator = {6.5, 0.0612, 2.0, 0.7};
    auto r = control::runControl(in);
    checkPrinted(*r.legacyMetrics->keReductionDb, 10.35);
    checkPrinted(*r.legacyMetrics->controlEffort, 1.27);
    checkPrinted(*r.legacyMetrics->gainMarginDbShown, 10.00);
    CHECK_THAT(*r.legacyMetrics->rawGainMargin, WithinRel(3.162130177512851, 1e-6));
    in.gain = 20.0;
    r = control::runControl(in);
    checkPrinted(*r.legacyMetrics->keReductionDb, 15.01);
    checkPrinted(*r.legacyMetrics->controlEffort, 6.30);
    CHECK(r.legacyMetrics->stableShown == "No");
    CHECK(*r.stable); // the truth: far below the critical gain of 554.9 A·s/m
    // Legacy defaults of the compensator are the prototype's 6 Hz / 4 % (C ≡ 1).
    in.compensator = {};
    in.gain = 5.0;
    r = control::runControl(in);
    CHECK(r.compensator->estimateHz == 6.0);
    CHECK(r.compensator->targetDamping == 0.04);
}

TEST_CASE("Legacy KE curve and band maxima are the prototype's 20 log10 values", "[control]")
{
    // Prototype spec §5.3.
    const auto none = control::runControl(legacyInput(control::Strategy::None, 1));
    const auto& u = none.legacyMetrics->bandMaxima;
    REQUIRE(u.size() == 3);
    const double fu[3] = {7.11, 19.93, 28.80}, du[3] = {-16.389, -19.681, -33.732};
    for (int i = 0; i < 3; ++i) {
        CHECK_THAT(u[i].frequencyHz, WithinAbs(fu[i], 1e-9));
        CHECK_THAT(u[i].keDb, WithinAbs(du[i], 5e-4));
    }
    CHECK_THAT(none.uncontrolled.keDb.front(), WithinAbs(-144.722, 5e-4));
    CHECK_THAT(none.uncontrolled.keDb.back(), WithinAbs(-137.360, 5e-4));
    CHECK(none.keDbScale.find("20·log10") == 0);

    const auto dvf = control::runControl(legacyInput(control::Strategy::Dvf, 1));
    const double fd[3] = {6.22, 19.53, 28.40}, dd[3] = {-38.934, -65.255, -61.505};
    for (int i = 0; i < 3; ++i) {
        CHECK_THAT(dvf.legacyMetrics->bandMaxima[i].frequencyHz, WithinAbs(fd[i], 1e-9));
        CHECK_THAT(dvf.legacyMetrics->bandMaxima[i].keDb, WithinAbs(dd[i], 5e-4));
    }
    CHECK_THAT(dvf.controlled.keDb.front(), WithinAbs(-144.432, 5e-4));
    CHECK_THAT(dvf.controlled.keDb.back(), WithinAbs(-138.232, 5e-4));
    // The refined peaks use the same 20·log10 scale in legacy mode.
    for (const auto& p : dvf.controlled.peaks)
        CHECK_THAT(p.keDb, WithinAbs(20.0 * std::log10(p.ke), 1e-12));

    const auto lqg = control::runControl(legacyInput(control::Strategy::Lqg, 1));
    const double fl[3] = {6.64, 17.01, 26.94}, dl[3] = {-96.711, -95.671, -92.030};
    for (int i = 0; i < 3; ++i) {
        CHECK_THAT(lqg.legacyMetrics->bandMaxima[i].frequencyHz, WithinAbs(fl[i], 1e-9));
        CHECK_THAT(lqg.legacyMetrics->bandMaxima[i].keDb, WithinAbs(dl[i], 5e-4));
    }
    CHECK_THAT(lqg.legacyMetrics->keDb.front(), WithinAbs(-208.500, 5e-4));
}

TEST_CASE("Legacy LQG gains match the prototype's Riccati solutions", "[control]")
{
    // Prototype spec §5.8 (vendored python-control lqr/lqe on scipy's CARE), to 1e-5.
    const dynamics::ShearBuilding b(*model::preset("southampton-design"));
    control::DesignParameters p;
    p.strategy = control::Strategy::Lqg;
    const control::ControlDesign d = control::legacyLqgDesign(b, p);
    const double k[8] = {1406.757, 93.89529, 942.0414, 0.0, 55.52849, -3.206459, 5.814462, -8.435692};
    for (int i = 0; i < 8; ++i)
        CHECK(std::abs(d.lqrGain(0, i) - k[i]) <= 1e-5 * std::abs(k[i]) + 1e-9);
    const double l[8] = {-785.1553, -0.04726397, -0.01445983, 4476.964,
                         -1.754196e6, -1962.605, 1.346939, 1.002160e7};
    for (int i = 0; i < 8; ++i)
        CHECK_THAT(d.kalmanGain(i, 0), WithinRel(l[i], 1e-5));
    // Its closed loop is stable (max Re λ = −0.0885 s⁻¹).
    const Eigen::EigenSolver<Eigen::MatrixXd> eig(d.a, false);
    CHECK_THAT(eig.eigenvalues().real().maxCoeff(), WithinRel(-0.08846291, 1e-5));
}

TEST_CASE("The prototype's LQG driven by the real primary force hardly reduces the KE", "[control]")
{
    // Defect D3: its 19.42 dB come from the disturbance −b_u. With the primary force on floor 1
    // the same controller gives 0.2346 dB (numpy/scipy re-run of the prototype's design).
    const dynamics::ShearBuilding b(*model::preset("southampton-design"));
    control::DesignParameters p;
    p.strategy = control::Strategy::Lqg;
    control::ControlDesign d = control::legacyLqgDesign(b, p);
    const control::FrequencyBand band;
    const auto w = band.omegas();
    d.bPrimary.head(8) = d.structure.bPrimary;
    const double controlled =
        control::trapezoid(w, control::primaryResponse(d).kineticEnergy(w, d.keMasses));
    p.strategy = control::Strategy::None;
    const control::ControlDesign bare = control::buildDesign(b, p);
    const double uncontrolled =
        control::trapezoid(w, control::primaryResponse(bare).kineticEnergy(w, bare.keMasses));
    CHECK_THAT(-10.0 * std::log10(controlled / uncontrolled), WithinAbs(0.2346, 1e-3));
}

TEST_CASE("Riccati solver satisfies its equation", "[control]")
{
    Eigen::MatrixXd a(2, 2), b(2, 1), q(2, 2), r(1, 1);
    a << 0.0, 1.0, -2.0, -0.1;
    b << 0.0, 1.0;
    q << 3.0, 0.0, 0.0, 1.0;
    r << 0.5;
    const Eigen::MatrixXd x = control::solveCare(a, b, q, r);
    CHECK(control::careResidual(a, b, q, r, x) < 1e-12);
    // Stabilising: A − B R⁻¹ Bᵀ X is Hurwitz.
    const Eigen::MatrixXd closed = a - b * r.inverse() * b.transpose() * x;
    CHECK(Eigen::EigenSolver<Eigen::MatrixXd>(closed).eigenvalues().real().maxCoeff() < 0.0);
    // Scalar closed form: a x·2 − x² b²/r + q = 0.
    Eigen::MatrixXd a1(1, 1), b1(1, 1), q1(1, 1), r1(1, 1);
    a1 << 0.5;
    b1 << 2.0;
    q1 << 3.0;
    r1 << 4.0;
    const double xs = (0.5 + std::sqrt(0.25 + 3.0)) * 4.0 / 4.0;
    CHECK_THAT(control::solveCare(a1, b1, q1, r1)(0, 0), WithinRel(xs, 1e-13));
}

TEST_CASE("Legacy mode never changes the true verdicts", "[control]")
{
    // h = 50 at floor 1: the prototype printed "Yes, 10.47 dB" and RT 19.90 dB.
    auto in = legacyInput(control::Strategy::Dvf, 1, 50.0);
    const auto r = control::runControl(in);
    CHECK(r.legacyMetrics->stableShown == "Yes");
    CHECK_FALSE(*r.stable);
    CHECK_FALSE(r.keReductionDb);
    CHECK_FALSE(r.controlEffortW);
    // No legacy numbers for the ideal DVF, which the prototype did not have.
    const auto ideal = control::runControl(legacyInput(control::Strategy::IdealDvf, 1));
    CHECK_FALSE(ideal.legacyMetrics);
}
