// SPDX-License-Identifier: GPL-3.0-or-later
// Continuation of the cubic chain: folds of the S-curve and of the frequency-response curve
// against an independent shooting computation (scipy DOP853, rtol 1e-12, phase-fixed
// parametrisations; see docs/tools/nonlinear.md §8), fold localisation, the two-parameter fold
// curve, quasi-static sweeps, the simulated CBC and the analysis' input checks.
#include "model/presets.h"
#include "nonlinear/branch_tracer.h"
#include "nonlinear/nonlinear_analysis.h"
#include "nonlinear/nonlinear_json.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

using namespace dtop;
using namespace dtop::nonlinear;

namespace {

// Independent shooting reference values (folds located as extrema of the force over the
// response amplitude at 16 rad/s, and of the frequency over the phase lag at 10 N).
constexpr double kUpperFoldForceN = 57.321041;  // shooting: see the methods note
constexpr double kLowerFoldForceN = 13.107389;
constexpr double kFrcFoldsRadS[4] = {15.818728014, 14.851118416, 41.905539180, 40.877263043};

} // namespace

TEST_CASE("S-curve at 16 rad per s has two folds and an unstable middle branch", "[nonlinear]")
{
    NonlinearInput in; // cbc-demo, force curve 1–81 N at 16 rad/s
    const NonlinearResult r = runNonlinear(in);
    REQUIRE(r.folds.size() == 2);
    CHECK(r.folds[0].forceN == Approx(kUpperFoldForceN).margin(0.01));
    CHECK(r.folds[1].forceN == Approx(kLowerFoldForceN).margin(0.01));
    CHECK(r.folds[0].amplitudeM == Approx(0.558553).margin(1e-4));
    CHECK(r.folds[1].amplitudeM == Approx(0.885433).margin(1e-4));
    // Stable – unstable – stable, each change at a fold.
    std::size_t changes = 0;
    for (std::size_t i = 1; i < r.branch.size(); ++i)
        changes += r.branch[i].stable != r.branch[i - 1].stable ? 1 : 0;
    CHECK(changes == 2);
    CHECK(r.branch.front().stable);
    CHECK(r.branch.back().stable);
    REQUIRE(r.bifurcations.size() == 2);
    for (const auto& b : r.bifurcations)
        CHECK(b.type == BifurcationType::Fold);
    CHECK(r.branch.back().forceN == Approx(81.0).epsilon(1e-12));
    CHECK(r.harmonics >= 8);
    CHECK(r.harmonicsCheckM < 1e-6);
    // The prototype's CBC put the second fold at 19.27 N: 47 % above the true value.
    CHECK(19.268372 / r.folds[1].forceN == Approx(1.47).margin(0.005));
}

TEST_CASE("Frequency-response curve at 10 N has four folds at the shooting values", "[nonlinear]")
{
    NonlinearInput in;
    in.analysis = NonlinearAnalysis::FrequencyCurve;
    const NonlinearResult r = runNonlinear(in);
    REQUIRE(r.folds.size() == 4);
    for (int i = 0; i < 4; ++i)
        CHECK(r.folds[static_cast<std::size_t>(i)].frequencyRadS == Approx(kFrcFoldsRadS[i]).margin(0.002));
    // Backbones of modes 1 and 2 overlay the curve, starting at the linear frequencies.
    REQUIRE(!r.backbone.empty());
    CHECK(r.backbone.front().frequencyRadS == Approx(14.073460).epsilon(1e-6));
    // The mode-1 backbone passes near the peak of the curve (phase resonance).
    const auto peak = std::max_element(r.branch.begin(), r.branch.begin() + static_cast<long>(r.branch.size() / 2),
                                       [](const BranchPoint& a, const BranchPoint& b) { return a.amplitudeM[0] < b.amplitudeM[0]; });
    double nearest = 1e300;
    for (const auto& b : r.backbone)
        if (b.mode == 1)
            nearest = std::min(nearest, std::abs(b.amplitudeM[0] - peak->amplitudeM[0]) +
                                            std::abs(b.frequencyRadS - peak->frequencyRadS));
    CHECK(nearest < 0.02);
}

TEST_CASE("Fold localisation converges as the tolerance tightens", "[nonlinear]")
{
    const CubicChain chain(*model::preset("cbc-demo"));
    std::vector<double> errors;
    for (double tol : {1e-1, 1e-3, 1e-6, 1e-10}) {
        BranchOptions o;
        o.foldArcTolerance = tol;
        const TracedBranch b = traceBranch(chain, o);
        REQUIRE(b.folds.size() == 2);
        errors.push_back(std::abs(b.folds[1].forceN - kLowerFoldForceN) +
                         std::abs(b.folds[0].forceN - kUpperFoldForceN));
    }
    CHECK(errors.back() < 1e-5);
    CHECK(errors.back() <= errors.front());
    CHECK(errors[2] <= errors[1] + 1e-6);
}

TEST_CASE("Two-parameter fold curve passes through the one-parameter folds", "[nonlinear]")
{
    NonlinearInput in;
    in.analysis = NonlinearAnalysis::FoldCurve;
    const NonlinearResult r = runNonlinear(in);
    REQUIRE(r.foldCurve.points.size() > 50);
    REQUIRE(r.foldCurve.hasCusp);
    CHECK(r.foldCurve.cusp.frequencyRadS > 14.07346); // above the linear frequency
    CHECK(r.foldCurve.cusp.frequencyRadS < 14.85);
    CHECK(r.foldCurve.cusp.forceN < 10.0);
    // Crossings of the curve with ω = 16 rad/s and with F = 10 N (linear interpolation
    // between neighbouring points) must hit the folds of the force and frequency curves.
    std::vector<double> forcesAt16, frequenciesAt10;
    const auto& p = r.foldCurve.points;
    for (std::size_t i = 1; i < p.size(); ++i) {
        if ((p[i - 1].frequencyRadS - 16.0) * (p[i].frequencyRadS - 16.0) <= 0.0) {
            const double w = (16.0 - p[i - 1].frequencyRadS) / (p[i].frequencyRadS - p[i - 1].frequencyRadS);
            forcesAt16.push_back(p[i - 1].forceN + w * (p[i].forceN - p[i - 1].forceN));
        }
        if ((p[i - 1].forceN - 10.0) * (p[i].forceN - 10.0) <= 0.0) {
            const double w = (10.0 - p[i - 1].forceN) / (p[i].forceN - p[i - 1].forceN);
            frequenciesAt10.push_back(p[i - 1].frequencyRadS + w * (p[i].frequencyRadS - p[i - 1].frequencyRadS));
        }
    }
    auto near = [](const std::vector<double>& v, double x, double tol) {
        return std::any_of(v.begin(), v.end(), [&](double y) { return std::abs(y - x) < tol; });
    };
    CHECK(near(forcesAt16, kUpperFoldForceN, 0.05));
    CHECK(near(forcesAt16, kLowerFoldForceN, 0.05));
    CHECK(near(frequenciesAt10, kFrcFoldsRadS[0], 0.005));
    CHECK(near(frequenciesAt10, kFrcFoldsRadS[1], 0.005));
}

TEST_CASE("Quasi-static sweep jumps exactly at the folds", "[nonlinear]")
{
    NonlinearInput in;
    in.analysis = NonlinearAnalysis::Sweep;
    in.sweepParameter = SweepParameter::Force;
    const NonlinearResult r = runNonlinear(in);
    REQUIRE(r.sweep.jumps.size() == 2);
    CHECK(r.sweep.jumps[0].up);
    CHECK(r.sweep.jumps[0].parameter == Approx(kUpperFoldForceN).margin(0.01));
    CHECK(r.sweep.jumps[0].amplitudeAfterM > r.sweep.jumps[0].amplitudeBeforeM);
    CHECK_FALSE(r.sweep.jumps[1].up);
    CHECK(r.sweep.jumps[1].parameter == Approx(kLowerFoldForceN).margin(0.01));
    CHECK(r.sweep.jumps[1].amplitudeAfterM < r.sweep.jumps[1].amplitudeBeforeM);
    CHECK(r.sweep.up.size() == in.sweepPoints + 2);
}

TEST_CASE("Time-domain sweep warns when the rate is too fast for the damping", "[nonlinear]")
{
    NonlinearInput in;
    in.analysis = NonlinearAnalysis::Sweep;
    in.from = 12.0;
    in.to = 18.0;
    in.sweepPoints = 50;
    in.sweepRate = 0.5;
    const NonlinearResult r = runNonlinear(in);
    CHECK(r.sweep.rateLimit == Approx(0.573 * 0.049516 * 0.049516).epsilon(0.01));
    CHECK_FALSE(r.sweep.timeUp.empty());
    CHECK(std::any_of(r.warnings.begin(), r.warnings.end(),
                      [](const std::string& w) { return w.find("sweep rate") != std::string::npos; }));
    // Too fast to build up: the sweep never reaches the steady amplitude at the upper fold.
    const auto top = std::max_element(r.sweep.timeUp.begin(), r.sweep.timeUp.end(),
                                      [](const SweepSample& a, const SweepSample& b) { return a.amplitudeM[0] < b.amplitudeM[0]; });
    CHECK(top->amplitudeM[0] > 0.05);
    CHECK(top->amplitudeM[0] < 0.8);
}

TEST_CASE("Simulated CBC follows the model S-curve and finds its folds", "[nonlinear]")
{
    NonlinearInput in;
    in.analysis = NonlinearAnalysis::Cbc;
    const NonlinearResult r = runNonlinear(in);
    REQUIRE(r.cbc.size() >= 100);
    std::size_t unstable = 0;
    for (const auto& p : r.cbc) {
        CHECK(std::abs(p.errorN) < 0.01);
        unstable += p.stable ? 0 : 1;
    }
    CHECK(unstable > 10);
    REQUIRE(!r.folds.empty());
    CHECK(r.folds.front().forceN == Approx(kUpperFoldForceN).margin(0.01));
}

TEST_CASE("Default simulated CBC converges at every point and finds both folds", "[nonlinear]")
{
    // Newton–Broyden on the target's Fourier coefficients: with the default 40 iterations every
    // point must be non-invasive (residual control force within the tolerance), including the
    // upper branch near the lower fold and near the largest attainable amplitude.
    NonlinearInput in;
    in.analysis = NonlinearAnalysis::Cbc;
    const NonlinearResult r = runNonlinear(in);
    REQUIRE(r.cbc.size() >= 100);
    for (const auto& p : r.cbc) {
        CHECK(p.converged);
        CHECK(p.residualControlN <= in.cbcToleranceN);
        CHECK(p.iterations < in.cbcMaxIterations);
    }
    REQUIRE(r.folds.size() == 2);
    REQUIRE(r.modelFolds.size() == 2);
    CHECK(r.folds[0].forceN == Approx(kUpperFoldForceN).margin(0.01));
    CHECK(r.folds[1].forceN == Approx(kLowerFoldForceN).margin(0.01));
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(r.folds[i].forceN == Approx(r.modelFolds[i].forceN).margin(0.01));
        CHECK(r.folds[i].amplitudeM == Approx(r.modelFolds[i].amplitudeM).margin(2e-3));
    }
}

TEST_CASE("CBC counts the control's harmonics above the target's as invasive", "[nonlinear]")
{
    // With only 5 target harmonics the controller must supply harmonics 7, 9, … of the large
    // orbits: the control is invasive there and no such point may pass as converged.
    NonlinearInput in;
    in.analysis = NonlinearAnalysis::Cbc;
    in.cbcHarmonics = 5;
    in.cbcPoints = 10;
    const NonlinearResult r = runNonlinear(in);
    REQUIRE(!r.cbc.empty());
    std::size_t invasive = 0;
    for (const auto& p : r.cbc) {
        if (std::abs(p.errorN) > 0.05) {
            ++invasive;
            CHECK_FALSE(p.converged);
            CHECK(p.residualControlN > in.cbcToleranceN);
        }
    }
    CHECK(invasive > 0);
}

TEST_CASE("Simulated CBC is deterministic whatever the heap holds", "[nonlinear]")
{
    // Every unknown of the CBC iteration is set: a run does not depend on what memory held.
    NonlinearInput in;
    in.analysis = NonlinearAnalysis::Cbc;
    in.cbcPoints = 10;
    in.from = 1.0;
    in.to = 20.0;
    const NonlinearResult first = runNonlinear(in);
    for (std::size_t size = 8; size <= 4096; size *= 2) {
        std::vector<std::vector<double>> garbage(32, std::vector<double>(size, 1e9));
        garbage.clear(); // freed blocks full of large numbers, reused by the next allocations
    }
    const NonlinearResult second = runNonlinear(in);
    REQUIRE(first.cbc.size() == second.cbc.size());
    for (std::size_t i = 0; i < first.cbc.size(); ++i) {
        CHECK(first.cbc[i].forceN == second.cbc[i].forceN);
        CHECK(first.cbc[i].periods == second.cbc[i].periods);
    }
}

TEST_CASE("Bad nonlinear inputs give clear errors", "[nonlinear]")
{
    NonlinearInput in;
    in.profile.masses[1] = -0.2;
    auto issues = in.validate();
    REQUIRE(!issues.empty());
    CHECK(issues.front().message.find("-0.2") != std::string::npos);
    CHECK_THROWS_AS(runNonlinear(in), std::invalid_argument);

    NonlinearInput zero;
    zero.frequencyRadS = 0.0;
    issues = zero.validate();
    REQUIRE(issues.size() == 1);
    CHECK(issues.front().field == "frequency_rad_s");
    CHECK(issues.front().message.find("rad/s") != std::string::npos);

    NonlinearInput empty;
    empty.from = 5.0;
    empty.to = 5.0;
    CHECK(!empty.validate().empty());

    NonlinearInput gains;
    gains.analysis = NonlinearAnalysis::Cbc;
    gains.kp = -120.0;
    CHECK(gains.validate().front().field == "kp");

    // A range with no fold: the fold curve cannot start (no bistability at 2 rad/s up to 20 N,
    // where the response stays near the static 0.1 m).
    NonlinearInput noFold;
    noFold.analysis = NonlinearAnalysis::FoldCurve;
    noFold.frequencyRadS = 2.0;
    noFold.forceLimitN = 20.0;
    try {
        runNonlinear(noFold);
        FAIL("expected an error");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find("no fold") != std::string::npos);
    }
}

TEST_CASE("Nonlinear JSON codec round-trips inputs and uses the issue's result keys", "[nonlinear]")
{
    NonlinearInput in;
    in.analysis = NonlinearAnalysis::FrequencyCurve;
    in.forceN = 5.0;
    in.from = 10.0;
    in.to = 20.0;
    in.harmonics = 7;
    const auto j = nonlinearInputToJson(in);
    const NonlinearInput back = nonlinearInputFromJson(j);
    CHECK(back.analysis == in.analysis);
    CHECK(back.forceN == 5.0);
    CHECK(*back.from == 10.0);
    CHECK(*back.to == 20.0);
    CHECK(back.harmonics == 7);
    CHECK(nonlinearInputToJson(back) == j);
    CHECK_THROWS_WITH(nonlinearInputFromJson(nlohmann::json{{"force_n", "ten"}}),
                      Catch::Contains("force_n"));
    CHECK_THROWS_WITH(nonlinearInputFromJson(nlohmann::json{{"analysis", "chaos"}}),
                      Catch::Contains("analysis"));

    NonlinearInput s;
    s.to = 30.0;
    const auto r = nonlinearResultToJson(runNonlinear(s));
    REQUIRE(r.at("branch").size() > 10);
    const auto& p = r.at("branch").at(0);
    for (const char* key : {"force_n", "frequency_rad_s", "amplitude_m", "peak_to_peak_m", "stable",
                            "multipliers_abs_max"})
        CHECK(p.contains(key));
    CHECK(p.at("amplitude_m").size() == 3);
    CHECK(r.at("harmonics").get<int>() >= 2);
    CHECK(r.contains("folds"));
    CHECK(r.contains("backbone"));
    CHECK(r.contains("cbc"));
}
