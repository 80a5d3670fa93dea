// SPDX-License-Identifier: GPL-3.0-or-later
#include "fe/rig_geometry.h"

#include "model/profile.h"

#include <cmath>

namespace dtop::fe {

namespace {

// "0.1524 m (6 in)": SI first, the prototype's unit beside it.
std::string lengthText(double metres) {
    return formatValue(metres) + " m (" + formatValue(toInches(metres)) + " in)";
}

void checkPositive(InputIssues& issues, const char* field, const char* what, double value,
                   const char* unit) {
    if (!std::isfinite(value) || value <= 0.0)
        issues.push_back({field, std::string(what) + " " + field + " must be a finite number > 0 " +
                                     unit + ", got " + formatValue(value)});
}

void checkLength(InputIssues& issues, const char* field, const char* what, double value) {
    if (!std::isfinite(value) || value <= 0.0)
        issues.push_back({field, std::string(what) + " " + field +
                                     " must be a finite length > 0 m, got " + formatValue(value) +
                                     " m"});
}

// Second moments of a homogeneous box about its own centre.
Eigen::Matrix3d boxInertia(double mass, double a, double b, double c) {
    return Eigen::Vector3d(mass * (b * b + c * c) / 12.0, mass * (a * a + c * c) / 12.0,
                           mass * (a * a + b * b) / 12.0)
        .asDiagonal();
}

struct Box {
    double mass;
    Eigen::Vector3d centre;
    Eigen::Vector3d size;
};

} // namespace

const std::vector<GeometryLength>& geometryLengths() {
    static const std::vector<GeometryLength> kLengths = {
        {"storey_pitch", "storey pitch", &RigGeometry::storeyPitchM},
        {"floor_length_x", "floor length (x)", &RigGeometry::floorLengthXM},
        {"floor_width_y", "floor width (y)", &RigGeometry::floorWidthYM},
        {"floor_thickness", "floor thickness", &RigGeometry::floorThicknessM},
        {"column_width", "column width (x)", &RigGeometry::columnWidthM},
        {"column_thickness", "column thickness (y)", &RigGeometry::columnThicknessM},
        {"column_length", "column length", &RigGeometry::columnLengthM},
        {"column_spacing_x", "column spacing (x)", &RigGeometry::columnSpacingXM},
        {"column_spacing_y", "column spacing (y)", &RigGeometry::columnSpacingYM},
        {"clamp_block_x", "clamp block width (x)", &RigGeometry::clampBlockXM},
        {"clamp_block_y", "clamp block thickness (y)", &RigGeometry::clampBlockYM},
        {"clamp_block_z", "clamp block height (z)", &RigGeometry::clampBlockZM},
        {"foot_leg", "foot leg", &RigGeometry::footLegM},
        {"foot_thickness", "foot thickness", &RigGeometry::footThicknessM},
        {"foot_width", "foot width", &RigGeometry::footWidthM},
    };
    return kLengths;
}

const char* baseClampName(BaseClamp clamp) {
    return clamp == BaseClamp::BasePlate ? "base" : "top";
}

bool parseBaseClamp(const std::string& text, BaseClamp& clamp) {
    if (text == "top") {
        clamp = BaseClamp::TopOfClamp;
        return true;
    }
    if (text == "base") {
        clamp = BaseClamp::BasePlate;
        return true;
    }
    return false;
}

InputIssues Material::validate() const {
    InputIssues issues;
    checkPositive(issues, "youngs_modulus_pa", "Young's modulus", youngModulusPa, "Pa");
    if (!std::isfinite(poissonRatio) || poissonRatio <= -1.0 || poissonRatio >= 0.5)
        issues.push_back(
            {"poisson_ratio", "Poisson's ratio poisson_ratio must lie in (-1, 0.5), got " +
                                  formatValue(poissonRatio)});
    checkPositive(issues, "density_kg_m3", "density", densityKgM3, "kg/m³");
    return issues;
}

InputIssues RigGeometry::validate() const {
    InputIssues issues;
    if (storeys < static_cast<int>(model::kMinStoreys) ||
        storeys > static_cast<int>(model::kMaxStoreys))
        issues.push_back({"storeys", "number of storeys must be between " +
                                         std::to_string(model::kMinStoreys) + " and " +
                                         std::to_string(model::kMaxStoreys) + ", got " +
                                         std::to_string(storeys)});
    checkLength(issues, "storey_pitch_m", "storey pitch", storeyPitchM);
    checkLength(issues, "floor_length_x_m", "floor length", floorLengthXM);
    checkLength(issues, "floor_width_y_m", "floor width", floorWidthYM);
    checkLength(issues, "floor_thickness_m", "floor thickness", floorThicknessM);
    checkLength(issues, "column_width_m", "column width", columnWidthM);
    checkLength(issues, "column_thickness_m", "column thickness", columnThicknessM);
    checkLength(issues, "column_length_m", "column length", columnLengthM);
    checkLength(issues, "column_spacing_x_m", "column spacing", columnSpacingXM);
    checkLength(issues, "column_spacing_y_m", "column spacing", columnSpacingYM);
    checkLength(issues, "clamp_block_x_m", "clamp block width", clampBlockXM);
    checkLength(issues, "clamp_block_y_m", "clamp block thickness", clampBlockYM);
    checkLength(issues, "clamp_block_z_m", "clamp block height", clampBlockZM);
    checkLength(issues, "foot_leg_m", "foot leg", footLegM);
    checkLength(issues, "foot_thickness_m", "foot thickness", footThicknessM);
    checkLength(issues, "foot_width_m", "foot width", footWidthM);
    if (!addedMassesKg.empty() && storeys > 0 && addedMassesKg.size() != floors())
        issues.push_back({"added_masses_kg", "added_masses_kg needs one mass per floor (" +
                                                 std::to_string(storeys) + "), got " +
                                                 std::to_string(addedMassesKg.size())});
    for (std::size_t i = 0; i < addedMassesKg.size(); ++i)
        if (!std::isfinite(addedMassesKg[i]) || addedMassesKg[i] < 0.0)
            issues.push_back({"added_masses_kg", "added mass on floor " + std::to_string(i + 1) +
                                                     " must be a finite number >= 0 kg, got " +
                                                     formatValue(addedMassesKg[i])});
    if (!issues.empty())
        return issues; // relations between lengths make no sense with a bad length
    if (floorThicknessM >= storeyPitchM)
        issues.push_back({"floor_thickness_m", "floor thickness " + lengthText(floorThicknessM) +
                                                   " must be less than the storey pitch " +
                                                   lengthText(storeyPitchM)});
    if (clampBlockZM >= storeyPitchM)
        issues.push_back({"clamp_block_z_m", "clamp block height " + lengthText(clampBlockZM) +
                                                 " must be less than the storey pitch " +
                                                 lengthText(storeyPitchM) +
                                                 " (the base clamp must end below floor 1)"});
    const double needed = requiredColumnLengthM();
    if (columnLengthM < needed * (1.0 - 1e-12))
        issues.push_back({"storeys", std::to_string(storeys) + " storeys of pitch " +
                                         lengthText(storeyPitchM) + " need columns at least " +
                                         lengthText(needed) + " long, got column_length_m " +
                                         lengthText(columnLengthM)});
    if (columnWidthM >= columnSpacingXM)
        issues.push_back({"column_spacing_x_m",
                          "column spacing in x " + lengthText(columnSpacingXM) +
                              " must exceed the column width " + lengthText(columnWidthM)});
    if (columnThicknessM >= columnSpacingYM)
        issues.push_back({"column_spacing_y_m",
                          "column spacing in y " + lengthText(columnSpacingYM) +
                              " must exceed the column thickness " + lengthText(columnThicknessM)});
    if (footThicknessM >= footLegM)
        issues.push_back({"foot_thickness_m", "foot thickness " + lengthText(footThicknessM) +
                                                  " must be less than the foot leg " +
                                                  lengthText(footLegM)});
    return issues;
}

double RigGeometry::freeSpanM(int storey, BaseClamp clamp) const {
    if (storey == 1)
        return storeyPitchM - (clamp == BaseClamp::TopOfClamp ? baseClampTopZ() : 0.0);
    return storeyPitchM - floorThicknessM;
}

std::array<Eigen::Vector2d, 4> RigGeometry::columnPositions() const {
    const double cx = 0.5 * floorLengthXM, cy = 0.5 * floorWidthYM;
    const double hx = 0.5 * columnSpacingXM, hy = 0.5 * columnSpacingYM;
    return {Eigen::Vector2d(cx - hx, cy - hy), Eigen::Vector2d(cx + hx, cy - hy),
            Eigen::Vector2d(cx + hx, cy + hy), Eigen::Vector2d(cx - hx, cy + hy)};
}

double RigGeometry::floorHalfDiagonalM() const {
    return 0.5 * std::hypot(floorLengthXM, floorWidthYM);
}

std::vector<PartMass> partMasses(const RigGeometry& g, const Material& m) {
    const double rho = m.densityKgM3;
    std::vector<PartMass> parts;
    const double plate = g.floorLengthXM * g.floorWidthYM * g.floorThicknessM;
    parts.push_back({"floor plate", g.storeys, plate, rho * plate});
    const double column = g.columnWidthM * g.columnThicknessM * g.columnLengthM;
    parts.push_back({"column", 4, column, rho * column});
    const double block = g.clampBlockXM * g.clampBlockYM * g.clampBlockZM;
    parts.push_back({"clamp block", 4 * (g.storeys + 1), block, rho * block});
    // Equal angle: two legs of length L and thickness t share a t × t corner.
    const double foot = (2.0 * g.footLegM - g.footThicknessM) * g.footThicknessM * g.footWidthM;
    parts.push_back({"foot", 4, foot, rho * foot});
    for (std::size_t i = 0; i < g.addedMassesKg.size(); ++i)
        if (g.addedMassesKg[i] > 0.0)
            parts.push_back(
                {"added mass, floor " + std::to_string(i + 1), 1, 0.0, g.addedMassesKg[i]});
    return parts;
}

double totalMassKg(const RigGeometry& geometry, const Material& material) {
    double total = 0.0;
    for (const auto& p : partMasses(geometry, material))
        total += p.totalKg();
    return total;
}

RigidBody floorRigidBody(const RigGeometry& g, const Material& m, int floor) {
    const double rho = m.densityKgM3;
    const double zMid = g.floorBottomZ(floor) + 0.5 * g.floorThicknessM;
    std::vector<Box> boxes;
    boxes.push_back({rho * g.floorLengthXM * g.floorWidthYM * g.floorThicknessM,
                     {0.5 * g.floorLengthXM, 0.5 * g.floorWidthYM, zMid},
                     {g.floorLengthXM, g.floorWidthYM, g.floorThicknessM}});
    const double cy = 0.5 * g.floorWidthYM;
    for (const auto& c : g.columnPositions()) {
        const double outward = c.y() < cy ? -1.0 : 1.0;
        // The column segment clamped over the plate thickness.
        boxes.push_back({rho * g.columnWidthM * g.columnThicknessM * g.floorThicknessM,
                         {c.x(), c.y(), zMid},
                         {g.columnWidthM, g.columnThicknessM, g.floorThicknessM}});
        // Its clamp block, outside the column, centred on the plate's mid-plane.
        const double yBlock = c.y() + outward * 0.5 * (g.columnThicknessM + g.clampBlockYM);
        boxes.push_back({rho * g.clampBlockXM * g.clampBlockYM * g.clampBlockZM,
                         {c.x(), yBlock, zMid},
                         {g.clampBlockXM, g.clampBlockYM, g.clampBlockZM}});
    }
    const std::size_t i = static_cast<std::size_t>(floor - 1);
    if (i < g.addedMassesKg.size() && g.addedMassesKg[i] > 0.0)
        boxes.push_back({g.addedMassesKg[i], {0.5 * g.floorLengthXM, cy, zMid}, {0.0, 0.0, 0.0}});

    RigidBody body;
    for (const auto& b : boxes) {
        body.massKg += b.mass;
        body.centre += b.mass * b.centre;
    }
    body.centre /= body.massKg;
    for (const auto& b : boxes) {
        const Eigen::Vector3d d = b.centre - body.centre;
        // Parallel-axis theorem: I_c = I_own + m (|d|² 1 − d dᵀ).
        body.inertia +=
            boxInertia(b.mass, b.size.x(), b.size.y(), b.size.z()) +
            b.mass * (d.squaredNorm() * Eigen::Matrix3d::Identity() - d * d.transpose());
    }
    return body;
}

} // namespace dtop::fe
