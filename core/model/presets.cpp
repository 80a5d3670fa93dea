// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/presets.h"

#include <array>

namespace dtop::model {

double fixedGuidedLegStiffness(double youngModulus, double legWidth, double legThickness,
                               double legLength, int legs)
{
    const double secondMoment = legWidth * legThickness * legThickness * legThickness / 12.0;
    return legs * 12.0 * youngModulus * secondMoment / (legLength * legLength * legLength);
}

namespace {

struct PresetEntry {
    const char* name;
    const char* description;
    Profile (*make)();
};

Profile southamptonLpm()
{
    Profile p;
    p.name = "southampton-lpm";
    p.provenance = "Lumped model identified from the Southampton rig; the prototype simulator's "
                   "displayed defaults (DTOP-Cristallo, Bonney et al. 2022; see docs/presets.md).";
    p.masses = {5.0394, 4.9919, 4.9693};
    p.stiffnesses = {34958.3691, 43195.1237, 43295.9086};
    p.dampers = {7.8963, 4.0129, 5.4905};
    return p;
}

Profile southamptonDesign()
{
    Profile p;
    p.name = "southampton-design";
    p.provenance = "Design model of the Southampton rig: 5.201 kg floors, four fixed-guided "
                   "aluminium legs (E = 70 GPa, 25 x 3 mm, 153.3 mm long), Rayleigh damping "
                   "0.2 % on modes 1 and 2: the prototype control page's model (docs/presets.md).";
    const double k = fixedGuidedLegStiffness(70e9, 25e-3, 3e-3, 153.3e-3);
    p.masses = {5.201, 5.201, 5.201};
    p.stiffnesses = {k, k, k};
    p.damping = DampingModel::RayleighModalRatio;
    p.targetDampingRatio = 0.002;
    p.targetModeA = 1;
    p.targetModeB = 2;
    return p;
}

Profile sheffieldDesign()
{
    Profile p;
    p.name = "sheffield-design";
    p.provenance = "Means of the design-under-uncertainty tool's inputs, Sheffield data "
                   "(docs/presets.md); c2 and c3 are the Gamma means kappa*theta.";
    p.masses = {4.8724882, 5.4758033, 5.6923249};
    p.stiffnesses = {4203.0027, 4147.6895, 5101.4822};
    p.dampers = {2.2007146, 0.6018186 * 0.0015333, 2.3842358 * 0.0010963};
    return p;
}

Profile fullScale()
{
    Profile p;
    p.name = "full-scale";
    p.provenance = "Building-scale version of the lab model used by the prototype's uncertainty "
                   "page (docs/presets.md).";
    p.masses = {5.36e4, 5.14e4, 5.14e4};
    p.stiffnesses = {3.85e8, 4.46e8, 4.59e8};
    p.dampers = {1.70e4, 1.02e4, 1.34e4};
    return p;
}

Profile cbcDemo()
{
    Profile p;
    p.name = "cbc-demo";
    p.provenance = "Chain of the nonlinear/continuation tool: 0.2 kg floors, 200 N/m storeys, "
                   "0.1 N·s/m dampers and a 200 N/m³ cubic ground spring on floor 1 "
                   "(docs/presets.md).";
    p.masses = {0.2, 0.2, 0.2};
    p.stiffnesses = {200.0, 200.0, 200.0};
    p.dampers = {0.1, 0.1, 0.1};
    p.cubicStiffnesses = {200.0, 0.0, 0.0};
    return p;
}

constexpr std::array<PresetEntry, 5> kPresets{{
    {"southampton-lpm", "Southampton rig, identified lumped model (simulator default)",
     &southamptonLpm},
    {"southampton-design", "Southampton rig, design model with Rayleigh 0.2 % (control default)",
     &southamptonDesign},
    {"sheffield-design", "Sheffield rig, design-under-uncertainty means", &sheffieldDesign},
    {"full-scale", "Building-scale model of the uncertainty page", &fullScale},
    {"cbc-demo", "0.2 kg chain with a cubic ground spring (nonlinear tool)", &cbcDemo},
}};

} // namespace

std::vector<std::string> presetNames()
{
    std::vector<std::string> names;
    for (const auto& entry : kPresets)
        names.emplace_back(entry.name);
    return names;
}

std::optional<Profile> preset(std::string_view name)
{
    for (const auto& entry : kPresets)
        if (name == entry.name)
            return entry.make();
    return std::nullopt;
}

std::string presetDescription(std::string_view name)
{
    for (const auto& entry : kPresets)
        if (name == entry.name)
            return entry.description;
    return {};
}

} // namespace dtop::model
