// SPDX-License-Identifier: GPL-3.0-or-later
// The rig's frame model: masses, the closed-form shear-building limit, mesh convergence,
// mirror symmetry, effective masses, dense against sparse, and bad inputs.
#include "fe/fe_analysis.h"
#include "fe/frame_model.h"
#include "fe/frame_modes.h"
#include "fe/imperial_units.h"
#include "fe/timoshenko_beam.h"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <numbers>

using namespace dtop;
using namespace dtop::fe;

namespace {

constexpr double kPi = std::numbers::pi;

bool hasIssue(const InputIssues& issues, const std::string& field, const std::string& words) {
    for (const auto& i : issues)
        if (i.field == field && i.message.find(words) != std::string::npos)
            return true;
    return false;
}

// |aᵀb| / (|a||b|) between a mode's view displacements and its mirror image.
double mirrorCorrelation(const FrameModel& model, const FrameMode& mode, int axis, double plane) {
    const auto& nodes = model.viewNodes();
    const Eigen::MatrixX3d& u = mode.viewDisplacements;
    double ab = 0.0, aa = 0.0, bb = 0.0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        Eigen::Vector3d target = nodes[i];
        target(axis) = 2.0 * plane - target(axis);
        std::size_t j = nodes.size();
        for (std::size_t k = 0; k < nodes.size(); ++k)
            if ((nodes[k] - target).norm() < 1e-9)
                j = k;
        REQUIRE(j < nodes.size());
        Eigen::Vector3d mirrored = u.row(static_cast<Eigen::Index>(j)).transpose();
        mirrored(axis) = -mirrored(axis);
        const Eigen::Vector3d own = u.row(static_cast<Eigen::Index>(i)).transpose();
        ab += own.dot(mirrored);
        aa += own.squaredNorm();
        bb += mirrored.squaredNorm();
    }
    return std::abs(ab) / std::sqrt(aa * bb);
}

} // namespace

TEST_CASE("Unit conversions are exact", "[fe]") {
    CHECK(kPascalsPerPsi == Approx(6894.757293168361).epsilon(1e-15));
    CHECK(kKilogramsPerSlinch == Approx(175.12683524647636).epsilon(1e-15));
    CHECK(kKgPerM3PerSlinchPerIn3 == Approx(10686895.178201).epsilon(1e-12));
    const Material m;
    CHECK(m.youngModulusPa == Approx(69981786525.659).epsilon(1e-12));
    CHECK(m.densityKgM3 == Approx(2700.0440668).epsilon(1e-9));
}

TEST_CASE("Part floor and total masses of the default rig", "[fe]") {
    // Volumes in in³ from the prototype's drawing; ρ = 2.5265e-4 slinch/in³.
    const RigGeometry g;
    const Material m;
    const double slinch = 2.5265e-4 * kKilogramsPerSlinch; // kg per in³
    const auto parts = partMasses(g, m);
    REQUIRE(parts.size() == 4);
    CHECK(parts[0].name == "floor plate");
    CHECK(parts[0].count == 3);
    CHECK(parts[0].massKg == Approx(120.0 * slinch).epsilon(1e-12));
    CHECK(parts[1].massKg == Approx(2.75 * slinch).epsilon(1e-12));
    CHECK(parts[2].count == 16);
    CHECK(parts[2].massKg == Approx(0.5 * slinch).epsilon(1e-12));
    CHECK(parts[3].massKg == Approx(0.9375 * slinch).epsilon(1e-12));
    // 3·120 + 4·2.75 + 16·0.5 + 4·0.9375 = 382.75 in³
    CHECK(totalMassKg(g, m) == Approx(382.75 * slinch).epsilon(1e-12));
    CHECK(totalMassKg(g, m) == Approx(16.935).epsilon(1e-4));
    // Floor rigid body: plate 120 + 4 blocks 0.5 + 4 clamped column segments 0.125 = 122.5 in³.
    const RigidBody floor1 = floorRigidBody(g, m, 1);
    CHECK(floor1.massKg == Approx(122.5 * slinch).epsilon(1e-12));
    CHECK(floor1.massKg == Approx(5.4201).epsilon(1e-4));
    CHECK(floor1.centre.x() == Approx(inches(5.0)).epsilon(1e-12));
    CHECK(floor1.centre.y() == Approx(inches(6.0)).epsilon(1e-12));
    CHECK(floor1.centre.z() == Approx(inches(7.5)).epsilon(1e-12));
    // The plate alone about z: m(a² + b²)/12; the blocks and segments add a little.
    const double plateIzz =
        120.0 * slinch * (std::pow(inches(10), 2) + std::pow(inches(12), 2)) / 12.0;
    CHECK(floor1.inertia(2, 2) > plateIzz);
    CHECK(floor1.inertia(2, 2) < 1.1 * plateIzz);
    CHECK(std::abs(floor1.inertia(0, 1)) < 1e-15);
    // Added mass goes to its floor and to the total.
    RigGeometry heavy = g;
    heavy.addedMassesKg = {0.0, 2.0, 0.0};
    CHECK(floorRigidBody(heavy, m, 2).massKg == Approx(floor1.massKg + 2.0).epsilon(1e-12));
    CHECK(totalMassKg(heavy, m) == Approx(totalMassKg(g, m) + 2.0).epsilon(1e-12));
}

TEST_CASE("Heavy rigid floors on slender columns give the closed-form shear building", "[fe]") {
    // B.3 limit: storey stiffness 4·12EI/L³ (64.29 kN/m for the rig), m the floor mass;
    // ω_r = √(k/m) · 2 sin((2r−1)π/14). Heavy floors make the column mass negligible.
    // The columns' axial strain lets the floors rock (frame action, −0.06 % on mode 1 of the
    // rig); 3-m lever arms between the column pairs make that 10⁴ times smaller.
    FeInput in;
    in.geometry.addedMassesKg = {4000.0, 4000.0, 4000.0};
    in.geometry.columnSpacingYM = 3.0;
    in.convergence = false;
    in.maxFrequencyHz = 10.0;
    in.equivalentProfile = true;
    const FeResult r = runFe(in);
    const double e = in.material.youngModulusPa;
    const double i = inches(1.0) * std::pow(inches(0.125), 3) / 12.0;
    const double l = inches(6.0);
    const double kEb = 4 * 12 * e * i / (l * l * l);
    CHECK(kEb == Approx(64.29e3).epsilon(2e-4));
    // The Timoshenko fixed-guided column: 12EI/(L³(1+Φ)).
    const BeamProperties p = BeamProperties::rectangle(
        inches(1.0), inches(0.125), e, in.material.poissonRatio, in.material.densityKgM3);
    const double phi = 12 * e * i / (p.shearFactor * p.shearModulusPa * p.areaM2 * l * l);
    const double k = kEb / (1 + phi);
    const double m = r.floorMassKg[0];
    const auto sway = r.modes.ofKind(ModeKind::SwayWeak);
    REQUIRE(sway.size() == 3);
    for (int s = 1; s <= 3; ++s) {
        const double expected = std::sqrt(k / m) * 2 * std::sin((2 * s - 1) * kPi / 14) / (2 * kPi);
        CHECK(sway[static_cast<std::size_t>(s - 1)]->frequencyHz == Approx(expected).epsilon(3e-5));
        // Euler–Bernoulli (no shear deformation) is within Φ/2 = 0.07 %.
        CHECK(sway[static_cast<std::size_t>(s - 1)]->frequencyHz ==
              Approx(expected * std::sqrt(1 + phi)).epsilon(1e-3));
    }
    // The mode shapes of a uniform chain: φ ∝ sin((2r−1) i π / 7).
    for (int s = 1; s <= 3; ++s)
        for (int f = 1; f <= 3; ++f) {
            const auto& shape = sway[static_cast<std::size_t>(s - 1)]->floorShape;
            const double ratio =
                std::sin((2 * s - 1) * f * kPi / 7) / std::sin((2 * s - 1) * kPi / 7);
            CHECK(shape[static_cast<std::size_t>(f - 1)] / shape[0] == Approx(ratio).epsilon(1e-4));
        }
    // Condensation recovers the chain.
    REQUIRE(r.equivalent.has_value());
    for (int s = 0; s < 3; ++s) {
        CHECK(r.equivalent->stiffnessNm[static_cast<std::size_t>(s)] == Approx(k).epsilon(1e-4));
        CHECK(r.equivalent->massKg[static_cast<std::size_t>(s)] == Approx(m).epsilon(1e-4));
        CHECK(std::abs(r.equivalent->frequencyErrorsPct[static_cast<std::size_t>(s)]) < 1e-3);
        CHECK(r.equivalent->mac[static_cast<std::size_t>(s)] > 0.99999);
    }
    CHECK(r.equivalent->profile.validate().empty());
    CHECK(r.equivalent->profile.provenance.find("frame finite-element") != std::string::npos);
}

TEST_CASE("Default rig modes below 100 Hz", "[fe]") {
    FeInput in;
    in.convergence = false;
    const FeResult r = runFe(in);
    REQUIRE(r.modes.modes.size() == 5);
    CHECK(r.modes.belowLimit == 5);
    const auto weak = r.modes.ofKind(ModeKind::SwayWeak);
    REQUIRE(weak.size() == 3);
    REQUIRE(r.modes.ofKind(ModeKind::SwayStrong).size() == 1);
    REQUIRE(r.modes.ofKind(ModeKind::Torsion).size() == 1);
    // The rigid-joint model over-predicts the measured 6.51 / 17.46 / 26.50 Hz (Southampton).
    CHECK(weak[0]->frequencyHz > 6.51 * 1.1);
    CHECK(weak[1]->frequencyHz > 17.46 * 1.1);
    CHECK(weak[2]->frequencyHz > 26.50 * 1.1);
    // Close to the closed form with m = floor mass (columns add a little mass).
    const double k = 64.29e3, m = r.floorMassKg[0];
    CHECK(weak[0]->frequencyHz == Approx(std::sqrt(k / m) * 0.445042 / (2 * kPi)).epsilon(0.02));
    // Effective masses along y of the sway modes nearly exhaust the moving mass.
    double sum = 0.0;
    for (const auto* w : weak)
        sum += w->effectiveMassKg[1];
    CHECK(sum > 0.97 * r.movingMassKg);
    CHECK(sum < r.movingMassKg);
    // The floors carry nearly all the energy of a sway mode.
    CHECK(weak[0]->floorEnergyFraction > 0.95);
    // Clamped at the base plate, the first storey is longer: every sway mode is lower.
    FeInput base = in;
    base.baseClamp = BaseClamp::BasePlate;
    const FeResult rb = runFe(base);
    const auto weakBase = rb.modes.ofKind(ModeKind::SwayWeak);
    REQUIRE(weakBase.size() == 3);
    for (std::size_t s = 0; s < 3; ++s)
        CHECK(weakBase[s]->frequencyHz < weak[s]->frequencyHz);
}

TEST_CASE("Mesh convergence with element count", "[fe]") {
    FeInput in;
    in.maxFrequencyHz = 100.0;
    const FeResult r = runFe(in);
    REQUIRE(r.convergence.size() == 6);
    const std::size_t modes = r.modes.modes.size();
    for (const auto& row : r.convergence)
        REQUIRE(row.frequenciesHz.size() == modes);
    // Nested meshes (1, 2, 4, 8 and 12, 24): consistent-mass Rayleigh–Ritz bounds from above.
    const int nested[][2] = {{0, 1}, {1, 2}, {2, 3}, {4, 5}};
    for (const auto& pair : nested)
        for (std::size_t k = 0; k < modes; ++k)
            CHECK(r.convergence[static_cast<std::size_t>(pair[1])].frequenciesHz[k] <=
                  r.convergence[static_cast<std::size_t>(pair[0])].frequenciesHz[k] * (1 + 1e-10));
    // 12 elements are converged to 1e-5 against 24.
    for (std::size_t k = 0; k < modes; ++k)
        CHECK(r.convergence[4].frequenciesHz[k] ==
              Approx(r.convergence[5].frequenciesHz[k]).epsilon(1e-5));
    // The error falls with refinement: 2 elements closer than 1, 8 closer than 2.
    for (std::size_t k = 0; k < modes; ++k) {
        const double ref = r.convergence[5].frequenciesHz[k];
        const double e1 = std::abs(r.convergence[0].frequenciesHz[k] - ref);
        const double e2 = std::abs(r.convergence[1].frequenciesHz[k] - ref);
        const double e8 = std::abs(r.convergence[3].frequenciesHz[k] - ref);
        CHECK(e2 <= e1);
        CHECK(e8 <= e2);
    }
    // The main model is the 12-element mesh.
    for (std::size_t k = 0; k < modes; ++k)
        CHECK(r.modes.modes[k].frequencyHz ==
              Approx(r.convergence[4].frequenciesHz[k]).epsilon(1e-9));
}

TEST_CASE("Mode shapes are symmetric or antisymmetric under x and y mirrors", "[fe]") {
    const RigGeometry g;
    FrameOptions o;
    o.elementsPerSpan = 4;
    const FrameModel model(g, Material{}, o);
    const FrameModes modes = solveFrameModes(model, 250.0);
    REQUIRE(modes.modes.size() >= 6);
    for (const auto& mode : modes.modes) {
        INFO("mode at " << mode.frequencyHz << " Hz, " << modeKindName(mode.kind));
        CHECK(mirrorCorrelation(model, mode, 0, 0.5 * g.floorLengthXM) ==
              Approx(1.0).epsilon(1e-8));
        CHECK(mirrorCorrelation(model, mode, 1, 0.5 * g.floorWidthYM) == Approx(1.0).epsilon(1e-8));
    }
}

TEST_CASE("A square rig has repeated x and y sway frequencies and the sparse solver finds both",
          "[fe]") {
    RigGeometry g;
    g.floorLengthXM = g.floorWidthYM = 0.3;
    g.columnWidthM = g.columnThicknessM = 0.008;
    g.columnSpacingXM = g.columnSpacingYM = 0.3;
    g.clampBlockXM = g.clampBlockYM = g.clampBlockZM = 1e-7; // negligible, but present
    FrameOptions o;
    o.elementsPerSpan = 8;
    const FrameModel model(g, Material{}, o);
    const FrameModes sparse =
        solveFrameModes(model, 120.0, 0, kMaxModes, EigenSolverKind::SparseShiftInvert);
    const FrameModes dense = solveFrameModes(model, 120.0, 0, kMaxModes, EigenSolverKind::Dense);
    REQUIRE(sparse.modes.size() == dense.modes.size());
    REQUIRE(sparse.modes.size() >= 6);
    for (std::size_t i = 0; i < dense.modes.size(); ++i)
        CHECK(sparse.modes[i].frequencyHz == Approx(dense.modes[i].frequencyHz).epsilon(5e-8));
    // The first two modes (x and y sway) coincide.
    CHECK(sparse.modes[0].frequencyHz == Approx(sparse.modes[1].frequencyHz).epsilon(1e-6));
}

TEST_CASE("Dense and sparse solvers agree on the rig with joint springs", "[fe]") {
    FrameOptions o;
    o.elementsPerSpan = 6;
    o.jointStiffnessNmPerRad = {150.0, 300.0, 600.0};
    const FrameModel model(RigGeometry{}, Material{}, o);
    const FrameModes sparse =
        solveFrameModes(model, 150.0, 0, kMaxModes, EigenSolverKind::SparseShiftInvert);
    const FrameModes dense = solveFrameModes(model, 150.0, 0, kMaxModes, EigenSolverKind::Dense);
    REQUIRE(sparse.modes.size() == dense.modes.size());
    CHECK(sparse.belowLimit == static_cast<long long>(dense.modes.size()));
    for (std::size_t i = 0; i < dense.modes.size(); ++i) {
        // The dense Cholesky–QR path loses a few digits to M's conditioning (rotary inertia
        // of a thin bar against 5-kg floors); the sparse pairs' residuals are checked below.
        CHECK(sparse.modes[i].frequencyHz == Approx(dense.modes[i].frequencyHz).epsilon(5e-8));
        CHECK(sparse.modes[i].kind == dense.modes[i].kind);
        const double lambda = std::pow(2 * kPi * sparse.modes[i].frequencyHz, 2);
        const Eigen::VectorXd& x = sparse.modes[i].vector;
        const Eigen::VectorXd kx = model.stiffness() * x;
        CHECK((kx - lambda * (model.mass() * x)).norm() < 1e-8 * kx.norm());
        CHECK(x.dot(model.mass() * x) == Approx(1.0).epsilon(1e-12));
    }
}

TEST_CASE("Effective masses of all modes add up to the moving mass", "[fe]") {
    FrameOptions o;
    o.elementsPerSpan = 2;
    const FrameModel model(RigGeometry{}, Material{}, o);
    const auto n = static_cast<std::size_t>(model.dofs());
    const FrameModes all = solveFrameModes(model, 0.0, n, n, EigenSolverKind::Dense);
    REQUIRE(all.modes.size() == n);
    std::array<double, 3> sums{};
    for (int axis = 0; axis < 3; ++axis) {
        for (const auto& m : all.modes)
            sums[static_cast<std::size_t>(axis)] +=
                m.effectiveMassKg[static_cast<std::size_t>(axis)];
        // Completeness: Σ Γ² = rᵀ M r for the base-motion influence vector r.
        const Eigen::VectorXd r = model.rigidTranslation(axis);
        CHECK(sums[static_cast<std::size_t>(axis)] ==
              Approx(r.dot(model.mass() * r)).epsilon(1e-9));
    }
    // Moving mass: three floors and twelve free spans of 6 in.
    const Material mat;
    const double rhoA = mat.densityKgM3 * inches(1.0) * inches(0.125);
    CHECK(model.movingMassKg() ==
          Approx(3 * model.floorBody(1).massKg + 12 * rhoA * inches(6.0)).epsilon(1e-12));
    // Base motion along z does not accelerate the share of the four clamped elements (3 in
    // long) that the consistent axial mass puts on the clamped node: 2/3 of each.
    CHECK(sums[2] ==
          Approx(model.movingMassKg() - 4 * (2.0 / 3.0) * rhoA * inches(3.0)).epsilon(1e-9));
    // Along y the free node of a clamped element receives m11 = ρAL·13/35 (Φ → 0) plus rotary
    // inertia 6ρI/(5L): the rest stays with the clamp.
    CHECK(sums[1] ==
          Approx(model.movingMassKg() - 4 * (22.0 / 35.0) * rhoA * inches(3.0)).epsilon(2e-3));
}

TEST_CASE("Bad fe inputs give clear errors", "[fe]") {
    {
        FeInput in;
        in.geometry.floorThicknessM = 0.0;
        CHECK(hasIssue(in.validate(), "floor_thickness_m", "> 0 m"));
        CHECK_THROWS_AS(runFe(in), std::invalid_argument);
    }
    {
        FeInput in;
        in.geometry.columnThicknessM = 0.0;
        CHECK(hasIssue(in.validate(), "column_thickness_m", "got 0 m"));
    }
    {
        FeInput in;
        in.material.youngModulusPa = -70e9;
        CHECK(hasIssue(in.validate(), "youngs_modulus_pa", "-7e+10"));
    }
    {
        FeInput in;
        in.material.poissonRatio = 0.5;
        CHECK(hasIssue(in.validate(), "poisson_ratio", "(-1, 0.5)"));
    }
    {
        FeInput in;
        in.geometry.storeys = 4; // the 22-in columns end in the third floor
        CHECK(hasIssue(in.validate(), "storeys", "need columns at least 0.7366 m"));
        CHECK_THROWS_WITH(runFe(in), Catch::Contains("4 storeys"));
    }
    {
        FeInput in;
        in.geometry.storeys = 0;
        CHECK(hasIssue(in.validate(), "storeys", "between 1 and 20"));
    }
    {
        FeInput in;
        in.elementsPerColumn = 0;
        CHECK(hasIssue(in.validate(), "elements_per_column", "got 0"));
        in.elementsPerColumn = 100000;
        CHECK(hasIssue(in.validate(), "elements_per_column", "between 1 and"));
    }
    {
        FeInput in;
        in.maxFrequencyHz = -1.0;
        CHECK(hasIssue(in.validate(), "max_frequency_hz", "got -1"));
    }
    {
        FeInput in;
        in.jointStiffnessNmPerRad = {100.0, -5.0, 100.0};
        CHECK(hasIssue(in.validate(), "joint_stiffness_nm_per_rad", "got -5"));
        in.jointStiffnessNmPerRad = {100.0, 100.0};
        CHECK(hasIssue(in.validate(), "joint_stiffness_nm_per_rad", "one per storey"));
    }
    {
        FeInput in;
        in.calibrateToHz = {17.0, 6.5};
        CHECK(hasIssue(in.validate(), "calibrate_to", "ascend"));
        in.calibrateToHz = {6.5, 17.0, 26.0, 40.0};
        CHECK(hasIssue(in.validate(), "calibrate_to", "has only 3"));
        in.calibrateToHz = {6.5};
        in.calibration = JointCalibration::PerStorey;
        CHECK(hasIssue(in.validate(), "calibration", "one measured frequency per storey"));
    }
    {
        FeInput in;
        in.convergenceElements = {1, 0};
        CHECK(hasIssue(in.validate(), "convergence_elements", "got 0"));
    }
    {
        FeInput in;
        in.geometry.addedMassesKg = {1.0};
        CHECK(hasIssue(in.validate(), "added_masses_kg", "one mass per floor"));
    }
    CHECK(FeInput{}.validate().empty());
}

namespace {
// Cancels as soon as the analysis reports past `after`.
class CancelAfter : public Progress {
public:
    explicit CancelAfter(double after) : m_after(after) {}
    double last = -1.0;

protected:
    void onReport(double fraction, const std::string&) override {
        last = fraction;
        if (fraction > m_after)
            cancel();
    }

private:
    double m_after;
};
} // namespace

TEST_CASE("The fe analysis reports progress and stops when cancelled", "[fe]") {
    FeInput in;
    in.calibrateToHz = {6.51, 17.46, 26.50};
    CancelAfter never(2.0);
    runFe(in, never);
    CHECK(never.last == 1.0);
    // Cancelled during the convergence table, and during calibration.
    CancelAfter early(0.31);
    CHECK_THROWS_AS(runFe(in, early), Cancelled);
    CancelAfter late(0.6);
    CHECK_THROWS_AS(runFe(in, late), Cancelled);
    CHECK(late.last < 0.9);
}
