// SPDX-License-Identifier: GPL-3.0-or-later
// Comparison with measured modes, joint-stiffness calibration from synthetic frequencies,
// and the equivalent shear building of a calibrated model.
#include "fe/fe_analysis.h"
#include "fe/joint_calibration.h"
#include "fe/mode_comparison.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace dtop;
using namespace dtop::fe;

namespace {

std::vector<double> swayFrequencies(const std::vector<double>& joints) {
    FrameOptions o;
    o.jointStiffnessNmPerRad = joints;
    const FrameModel model(RigGeometry{}, Material{}, o);
    const FrameModes modes = solveWithSwayModes(model, 100.0, 3);
    std::vector<double> f;
    for (const auto* m : modes.ofKind(ModeKind::SwayWeak))
        f.push_back(m->frequencyHz);
    f.resize(3);
    return f;
}

} // namespace

TEST_CASE("MAC of identical opposite and orthogonal shapes", "[fe]") {
    CHECK(modalAssuranceCriterion({1, 2, 3}, {2, 4, 6}) == Approx(1.0).epsilon(1e-15));
    CHECK(modalAssuranceCriterion({1, 2, 3}, {-1, -2, -3}) == Approx(1.0).epsilon(1e-15));
    CHECK(modalAssuranceCriterion({1, 0, 0}, {0, 1, 0}) == Approx(0.0).margin(1e-15));
    CHECK(modalAssuranceCriterion({1, 1}, {1, 0}) == Approx(0.5).epsilon(1e-15));
    CHECK(std::isnan(modalAssuranceCriterion({1, 1}, {1, 1, 1})));
    CHECK(std::isnan(modalAssuranceCriterion({0, 0}, {1, 1})));
}

TEST_CASE("Joint springs soften only the weak sway modes and monotonically", "[fe]") {
    const auto rigid = swayFrequencies({});
    const auto stiff = swayFrequencies({1000.0});
    const auto soft = swayFrequencies({100.0});
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(stiff[i] < rigid[i]);
        CHECK(soft[i] < stiff[i]);
    }
    // Very stiff springs approach the rigid model.
    const auto almost = swayFrequencies({1e7});
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(almost[i] == Approx(rigid[i]).epsilon(1e-4));
}

TEST_CASE("Calibration recovers a single joint stiffness from synthetic frequencies", "[fe]") {
    const double truth = 180.0; // N·m/rad
    const auto measured = swayFrequencies({truth});
    FeInput in;
    in.convergence = false;
    in.calibrateToHz = measured;
    in.calibration = JointCalibration::Single;
    in.equivalentProfile = true;
    const FeResult r = runFe(in);
    REQUIRE(r.calibration.has_value());
    const auto& c = *r.calibration;
    REQUIRE(c.jointStiffnessNmPerRad.size() == 1);
    CHECK(c.jointStiffnessNmPerRad[0] == Approx(truth).epsilon(1e-4));
    CHECK(c.converged);
    CHECK_FALSE(c.atBound);
    for (double e : c.after.errorsPct)
        CHECK(std::abs(e) < 1e-4);
    // The rigid model was well above.
    REQUIRE(r.comparison.has_value());
    for (double e : r.comparison->errorsPct)
        CHECK(e > 3.0);
    // The equivalent chain is built from the calibrated model and reproduces its sway modes.
    REQUIRE(r.equivalent.has_value());
    for (std::size_t s = 0; s < 3; ++s)
        CHECK(r.equivalent->frameHz[s] == Approx(measured[s]).epsilon(1e-6));
    for (double e : r.equivalent->frequencyErrorsPct)
        CHECK(std::abs(e) < 1.0);
    CHECK(r.equivalent->profile.provenance.find("calibrated to") != std::string::npos);
}

TEST_CASE("Calibration recovers per-storey joint stiffnesses near a uniform value", "[fe]") {
    const std::vector<double> truth = {150.0, 180.0, 220.0};
    const auto measured = swayFrequencies(truth);
    const JointCalibrationResult c =
        calibrateJointStiffness(RigGeometry{}, Material{}, FrameOptions{}, measured,
                                JointCalibration::PerStorey, {}, 100.0);
    REQUIRE(c.jointStiffnessNmPerRad.size() == 3);
    for (std::size_t s = 0; s < 3; ++s)
        CHECK(c.jointStiffnessNmPerRad[s] == Approx(truth[s]).epsilon(1e-3));
    for (double e : c.after.errorsPct)
        CHECK(std::abs(e) < 1e-5);
}

TEST_CASE("Three frequencies do not fix three widely spread storey stiffnesses uniquely", "[fe]") {
    // {120, 250, 500} N·m/rad and the root the fit reaches from the single-value start give
    // the same three frequencies: the fit is exact but the answer is not the truth.
    const std::vector<double> truth = {120.0, 250.0, 500.0};
    const auto measured = swayFrequencies(truth);
    const JointCalibrationResult c =
        calibrateJointStiffness(RigGeometry{}, Material{}, FrameOptions{}, measured,
                                JointCalibration::PerStorey, {}, 100.0);
    for (double e : c.after.errorsPct)
        CHECK(std::abs(e) < 1e-5);
    const auto again = swayFrequencies(c.jointStiffnessNmPerRad);
    for (std::size_t s = 0; s < 3; ++s)
        CHECK(again[s] == Approx(measured[s]).epsilon(1e-7));
}

TEST_CASE("Calibration to frequencies above the rigid model ends at the upper bound", "[fe]") {
    const auto rigid = swayFrequencies({});
    const std::vector<double> measured = {rigid[0] * 1.05, rigid[1] * 1.05, rigid[2] * 1.05};
    const JointCalibrationResult c = calibrateJointStiffness(
        RigGeometry{}, Material{}, FrameOptions{}, measured, JointCalibration::Single, {}, 100.0);
    CHECK(c.atBound);
    CHECK(c.note.find("bound") != std::string::npos);
    for (double e : c.after.errorsPct)
        CHECK(e == Approx(-100.0 * 0.05 / 1.05).margin(0.05));
}

TEST_CASE("Comparison with measured shapes gives MAC near 1 for chain-like shapes", "[fe]") {
    FeInput in;
    in.convergence = false;
    in.calibration = JointCalibration::Off;
    in.calibrateToHz = {6.51, 17.46, 26.50}; // Southampton, peak picking
    // Shapes of the uniform 3-DOF chain: sin((2r−1) i π / 7).
    for (int r = 1; r <= 3; ++r) {
        std::vector<double> s;
        for (int i = 1; i <= 3; ++i)
            s.push_back(std::sin((2 * r - 1) * i * 3.141592653589793 / 7));
        in.measuredModeShapes.push_back(s);
    }
    const FeResult res = runFe(in);
    REQUIRE(res.comparison.has_value());
    CHECK_FALSE(res.calibration.has_value());
    const auto& c = *res.comparison;
    REQUIRE(c.mac.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(c.mac[i] > 0.99);
        CHECK(c.errorsPct[i] == Approx(100.0 * (c.modelHz[i] - c.measuredHz[i]) / c.measuredHz[i]));
    }
    REQUIRE(c.macMatrix.rows() == 3);
    CHECK(c.macMatrix(0, 1) < 0.1);
}
