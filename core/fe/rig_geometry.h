// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "fe/imperial_units.h"

#include <Eigen/Dense>

#include <array>
#include <string>
#include <vector>

namespace dtop::fe {

// Isotropic linear-elastic material. Default: the prototype's aluminium "AL6082",
// E = 1.015e7 psi, ν = 0.33, ρ = 2.5265e-4 slinch/in³, converted exactly (docs/tools/fe.md §1).
struct Material {
    double youngModulusPa = psi(1.015e7);
    double poissonRatio = 0.33;
    double densityKgM3 = slinchPerCubicInch(2.5265e-4);

    double shearModulusPa() const { return youngModulusPa / (2.0 * (1.0 + poissonRatio)); }
    InputIssues validate() const;
};

// Where the columns are clamped to the ground: at the top of the base clamp blocks (z = clamp
// block height, 1 in on the rig: closest to the prototype's solid model) or at the base plate
// (z = 0, the first storey one clamp height longer).
enum class BaseClamp { TopOfClamp, BasePlate };
const char* baseClampName(BaseClamp clamp); // "top", "base"
bool parseBaseClamp(const std::string& text, BaseClamp& clamp);

// The rig's geometry in SI units. Axes as in the prototype's model: x along the floor's 10-in
// side (the columns' 1-in width), y along the 12-in side (the columns' thin 0.125-in direction,
// hence the weak, measured sway direction), z up; the origin at a floor corner at base-plate
// level. Floor i (1-based) occupies z in [i·pitch, i·pitch + floor thickness]; the four columns
// run from z = 0 to the column length, centred on the floor plate's centre at the given
// centre-line spacings; one clamp block per column sits outside each column at every floor and
// at the base (z in [0, clamp height]); an angle-section foot below each base clamp.
// Defaults: the rig of docs/tools/fe.md §1 (three storeys, 7-in pitch, 10 × 12 × 1 in floors,
// 1 × 0.125 in columns 22 in long at 9 × 12.125 in, 1 × 0.5 × 1 in clamp blocks,
// 2 × 2 × 0.25 in angle feet 1 in wide).
struct RigGeometry {
    int storeys = 3;
    double storeyPitchM = inches(7.0);
    double floorLengthXM = inches(10.0);
    double floorWidthYM = inches(12.0);
    double floorThicknessM = inches(1.0);
    double columnWidthM = inches(1.0);       // along x (strong bending, sway in x)
    double columnThicknessM = inches(0.125); // along y (weak bending, sway in y)
    double columnLengthM = inches(22.0);     // must reach the top of the top floor
    double columnSpacingXM = inches(9.0);    // centre-line to centre-line
    double columnSpacingYM = inches(12.125);
    double clampBlockXM = inches(1.0);
    double clampBlockYM = inches(0.5); // thickness, outside the column
    double clampBlockZM = inches(1.0); // height; the base clamp's top is at this z
    double footLegM = inches(2.0);     // each leg of the equal-angle foot
    double footThicknessM = inches(0.25);
    double footWidthM = inches(1.0);
    std::vector<double> addedMassesKg; // per floor, a point mass at the plate centre; empty = none

    InputIssues validate() const;

    std::size_t floors() const { return static_cast<std::size_t>(storeys); }
    double floorBottomZ(int floor) const { return floor * storeyPitchM; } // floor 1..n
    double floorTopZ(int floor) const { return floor * storeyPitchM + floorThicknessM; }
    double baseClampTopZ() const { return clampBlockZM; }
    double requiredColumnLengthM() const { return floorTopZ(storeys); }
    // Free (unclamped) column length of storey s (1..n) for the given base clamp.
    double freeSpanM(int storey, BaseClamp clamp) const;
    // Column centre lines (x, y), counter-clockwise from the one nearest the origin.
    std::array<Eigen::Vector2d, 4> columnPositions() const;
    // Half the floor plate's diagonal: the lever that turns a floor rotation into a displacement.
    double floorHalfDiagonalM() const;
};

// The geometry's lengths by name, for the codec, the command line and the form: `key` is the
// JSON key without its unit suffix (`<key>_m`, `<key>_in`; the option is `--<key>` with '-' for
// '_'), `label` a short name for people, `member` the field it sets.
struct GeometryLength {
    const char* key;
    const char* label;
    double RigGeometry::*member;
};
const std::vector<GeometryLength>& geometryLengths();

// Mass and volume of one kind of part (per piece), and how many pieces the model has.
struct PartMass {
    std::string name; // "floor plate", "column", "clamp block", "foot", "added mass"
    int count = 0;
    double volumeM3 = 0.0; // per piece (0 for added masses)
    double massKg = 0.0;   // per piece

    double totalKg() const { return count * massKg; }
};

// All parts of the physical rig (floors, full-length columns, every clamp block, feet, added
// masses); their sum is the model's total mass.
std::vector<PartMass> partMasses(const RigGeometry& geometry, const Material& material);
double totalMassKg(const RigGeometry& geometry, const Material& material);

// A rigid body's mass, centre of mass and inertia tensor about that centre.
struct RigidBody {
    double massKg = 0.0;
    Eigen::Vector3d centre = Eigen::Vector3d::Zero();
    Eigen::Matrix3d inertia = Eigen::Matrix3d::Zero(); // [kg·m²], about `centre`
};

// Floor `floor` (1..n) as one rigid body: the plate, its four clamp blocks, the four column
// segments clamped over the plate thickness and the floor's added mass.
RigidBody floorRigidBody(const RigGeometry& geometry, const Material& material, int floor);

} // namespace dtop::fe
