// SPDX-License-Identifier: GPL-3.0-or-later
// Model builder of the control tool: the structure and device numbers of docs/tools/control.md §2.
#include "control/control_design.h"
#include "control/controlled_structure.h"
#include "dynamics/modal_analysis.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace dtop;
using Catch::Matchers::WithinRel;

namespace {

struct FrequencyDamping {
    double hz;
    double zeta;
};

// Eigenvalues with Im > 0, by ascending |λ|.
std::vector<FrequencyDamping> modesOf(const Eigen::MatrixXd& a)
{
    const Eigen::EigenSolver<Eigen::MatrixXd> eig(a, false);
    std::vector<FrequencyDamping> out;
    for (Eigen::Index k = 0; k < a.rows(); ++k) {
        const auto z = eig.eigenvalues()[k];
        if (z.imag() > 0.0)
            out.push_back({std::abs(z) / (2.0 * std::numbers::pi), -z.real() / std::abs(z)});
    }
    std::sort(out.begin(), out.end(), [](auto x, auto y) { return x.hz < y.hz; });
    return out;
}

} // namespace

TEST_CASE("Control model has the structure of the southampton-design profile", "[control]")
{
    const dynamics::ShearBuilding b(*model::preset("southampton-design"));
    CHECK_THAT(b.stiffnessMatrix()(2, 2), WithinRel(52460.852007, 1e-10));
    CHECK_THAT(b.rayleighAlpha(), WithinRel(0.13176152, 1e-7));
    CHECK_THAT(b.rayleighBeta(), WithinRel(2.35385593e-5, 1e-8));
    const auto s = control::buildControlledStructure(b, control::DeviceKind::None,
                                                     control::InertialActuator{}, 1, 1);
    const auto modes = modesOf(s.a);
    REQUIRE(modes.size() == 3);
    CHECK_THAT(modes[0].zeta, WithinRel(0.002, 1e-6));
    CHECK_THAT(modes[1].zeta, WithinRel(0.002, 1e-6));
    CHECK_THAT(modes[2].zeta, WithinRel(0.002494, 1e-3));
}

TEST_CASE("Control model gives the prototype's 4-DOF frequencies and damping at every floor", "[control]")
{
    // Reference table of docs/tools/control.md §2 (prototype spec §2.2), 4–5 significant digits.
    const double hz[3][4] = {{6.2471, 7.3113, 19.5456, 28.4191},
                             {5.9412, 7.6311, 19.8533, 28.1863},
                             {5.7504, 7.8112, 19.6917, 28.6833}};
    const double zeta[3][4] = {{0.04418, 0.01794, 0.00454, 0.00329},
                               {0.03329, 0.03059, 0.00251, 0.00385},
                               {0.02923, 0.03529, 0.00349, 0.00274}};
    const dynamics::ShearBuilding b(*model::preset("southampton-design"));
    for (int floor = 1; floor <= 3; ++floor) {
        const auto s = control::buildControlledStructure(b, control::DeviceKind::Inertial,
                                                         control::InertialActuator{}, floor, 1);
        const auto modes = modesOf(s.a);
        REQUIRE(modes.size() == 4);
        for (int r = 0; r < 4; ++r) {
            CHECK(std::abs(modes[r].hz - hz[floor - 1][r]) <= 6e-5);
            CHECK(std::abs(modes[r].zeta - zeta[floor - 1][r]) <= 6e-6);
        }
    }
}

TEST_CASE("Control model assembles M K C and the inputs of the two-body device", "[control]")
{
    const dynamics::ShearBuilding b(*model::preset("southampton-design"));
    control::InertialActuator act;
    act.baseMassKg = 0.7;
    act.proofMassKg = 1.3;
    act.suspensionStiffnessNM = 2000.0;
    act.suspensionDampingNsM = 7.0;
    const auto s = control::buildControlledStructure(b, control::DeviceKind::Inertial, act, 2, 3);
    REQUIRE(s.dofs() == 4);
    const Eigen::MatrixXd ks = b.stiffnessMatrix();
    const Eigen::MatrixXd cs = b.dampingMatrix();
    CHECK(s.mass[0] == 5.201);
    CHECK(s.mass[1] == 5.201 + 0.7);
    CHECK(s.mass[3] == 1.3);
    CHECK(s.stiffness(1, 1) == ks(1, 1) + 2000.0);
    CHECK(s.stiffness(1, 3) == -2000.0);
    CHECK(s.stiffness(3, 3) == 2000.0);
    CHECK(s.stiffness(0, 1) == ks(0, 1));
    CHECK(s.damping(1, 1) == cs(1, 1) + 7.0);
    CHECK(s.damping(3, 1) == -7.0);
    // Actuator force pair: +f on floor 2, −f on the proof mass.
    CHECK_THAT(s.bActuator[4 + 1], WithinRel(1.0 / 5.901, 1e-14));
    CHECK_THAT(s.bActuator[4 + 3], WithinRel(-1.0 / 1.3, 1e-14));
    CHECK(s.bActuator.head(4).isZero());
    CHECK_THAT(s.bPrimary[4 + 2], WithinRel(1.0 / 5.201, 1e-14));
    CHECK(s.bPrimary.cwiseAbs().sum() == s.bPrimary[4 + 2]);
    // Collocated sensor: the velocity of floor 2 (state 4 + 1), not the prototype's state 4.
    CHECK(s.cSensor[5] == 1.0);
    CHECK(s.cSensor.cwiseAbs().sum() == 1.0);
    CHECK(s.cStroke[3] == 1.0);
    CHECK(s.cStroke[1] == -1.0);
    CHECK(s.keMasses[1] == 5.201 + 0.7);
    CHECK(s.bGround.tail(4).isApprox(-Eigen::VectorXd::Ones(4)));
}

TEST_CASE("Control model works for any storey count", "[control]")
{
    // One storey plus the device: a two-degree-of-freedom system whose undamped frequencies
    // solve (k − ω²m)(k_p − ω²m_p) = ω² m_p k_p ... in closed form.
    model::Profile p;
    p.name = "one";
    p.masses = {10.0};
    p.stiffnesses = {4.0e4};
    p.dampers = {0.0};
    const dynamics::ShearBuilding b1(p);
    control::InertialActuator act;
    act.baseMassKg = 0.0;
    act.suspensionDampingNsM = 0.0;
    const auto s = control::buildControlledStructure(b1, control::DeviceKind::Inertial, act, 1, 1);
    REQUIRE(s.states() == 4);
    // det([[k + kp − ω²m, −kp], [−kp, kp − ω² mp]]) = 0: m mp ω⁴ − (m kp + mp(k + kp)) ω² + k kp = 0.
    const double m = 10.0, k = 4.0e4, mp = act.proofMassKg, kp = act.suspensionStiffnessNM;
    const double bq = m * kp + mp * (k + kp);
    const double disc = std::sqrt(bq * bq - 4.0 * m * mp * k * kp);
    const double w1 = std::sqrt((bq - disc) / (2.0 * m * mp));
    const double w2 = std::sqrt((bq + disc) / (2.0 * m * mp));
    const auto modes = modesOf(s.a);
    REQUIRE(modes.size() == 2);
    CHECK_THAT(modes[0].hz, WithinRel(w1 / (2.0 * std::numbers::pi), 1e-10));
    CHECK_THAT(modes[1].hz, WithinRel(w2 / (2.0 * std::numbers::pi), 1e-10));

    // Five storeys, device on the top floor, force on floor 4: sizes and positions follow.
    model::Profile p5;
    p5.masses.assign(5, 2.0);
    p5.stiffnesses.assign(5, 1e4);
    p5.dampers.assign(5, 1.0);
    const dynamics::ShearBuilding b5(p5);
    control::DesignParameters dp;
    dp.strategy = control::Strategy::DvfEc;
    dp.floor = 5;
    dp.forceFloor = 4;
    const auto d = control::buildDesign(b5, dp);
    CHECK(d.structure.dofs() == 6);
    CHECK(d.states() == 14); // 12 mechanical + 2 compensator states
    CHECK(d.cVelocity.rows() == 5);
    CHECK(d.structure.cSensor[6 + 4] == 1.0);
    CHECK(d.structure.bPrimary[6 + 3] == 0.5);
    CHECK(d.keMasses[4] == 2.0 + dp.actuator.baseMassKg);
}

TEST_CASE("Control model closes the DVF loop as a force on the floor and the proof mass", "[control]")
{
    const dynamics::ShearBuilding b(*model::preset("southampton-design"));
    control::DesignParameters dp;
    dp.strategy = control::Strategy::Dvf;
    dp.floor = 1;
    dp.gain = 5.0;
    const auto d = control::buildDesign(b, dp);
    // A_cl = A − h·Bl·b_u·c_v: the damping column of floor 1 gains h·Bl·d/m.
    const auto& s = d.structure;
    const Eigen::MatrixXd expected = s.a - 5.0 * 10.0 * s.bActuator * s.cSensor;
    CHECK((d.a - expected).cwiseAbs().maxCoeff() <= 1e-12 * expected.cwiseAbs().maxCoeff());
    // Current i = −h·v_1.
    CHECK(d.cCurrent[4] == -5.0);
    CHECK(d.gainUnit == "A·s/m");
}
