// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/inertial_actuator.h"

#include <cmath>
#include <numbers>
#include <string>

namespace dtop::control {

double InertialActuator::naturalFrequencyHz() const
{
    return std::sqrt(suspensionStiffnessNM / proofMassKg) / (2.0 * std::numbers::pi);
}

double InertialActuator::dampingRatio() const
{
    return suspensionDampingNsM / (2.0 * std::sqrt(suspensionStiffnessNM * proofMassKg));
}

namespace {
void check(InputIssues& issues, const char* field, const char* what, const char* unit,
           double value, bool allowZero, double max)
{
    const bool ok = std::isfinite(value) && (allowZero ? value >= 0.0 : value > 0.0) && value <= max;
    if (!ok)
        issues.push_back({field, std::string(what) + " must be " + (allowZero ? ">= 0" : "> 0") +
                                     " and at most " + formatValue(max) + " " + unit + ", got " +
                                     formatValue(value)});
}
} // namespace

InputIssues InertialActuator::validate() const
{
    InputIssues issues;
    check(issues, "base_mass", "base mass", "kg", baseMassKg, true, kMaxDeviceMassKg);
    check(issues, "proof_mass", "proof mass", "kg", proofMassKg, false, kMaxDeviceMassKg);
    check(issues, "suspension_stiffness", "suspension stiffness", "N/m", suspensionStiffnessNM,
          false, kMaxDeviceStiffnessNM);
    check(issues, "suspension_damping", "suspension damping", "N·s/m", suspensionDampingNsM, true,
          kMaxDeviceDampingNsM);
    check(issues, "force_factor", "force factor Bl", "N/A", forceFactorNA, true,
          kMaxForceFactorNA);
    check(issues, "coil_resistance", "coil resistance", "Ω", coilResistanceOhm, true,
          kMaxCoilResistanceOhm);
    return issues;
}

} // namespace dtop::control
