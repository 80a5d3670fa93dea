// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"

namespace dtop::control {

// The two-body device of docs/tools/control.md §2 that every controlled strategy attaches to
// one floor: a base (casing) mass rigidly added to the floor and a proof mass on a suspension
// spring and damper. As a passive tuned mass damper the coil is idle; as an electrodynamic
// inertial actuator a voice coil driven in current mode pushes the proof mass and the floor
// apart with the force Bl·i. Defaults: the prototype's device (6.50 Hz, 6.12 %).
struct InertialActuator {
    double baseMassKg = 0.5;              // m_b, added to the floor
    double proofMassKg = 1.0;             // m_p
    double suspensionStiffnessNM = 1670.0; // k_p [N/m]
    double suspensionDampingNsM = 5.0;    // c_p [N·s/m]
    double forceFactorNA = 10.0;          // Bl [N/A]
    double coilResistanceOhm = 8.0;       // R_e [Ω], for the electrical power

    // f_p = √(k_p/m_p)/2π [Hz] and ζ_p = c_p/(2√(k_p m_p)) (a ratio, not %).
    double naturalFrequencyHz() const;
    double dampingRatio() const;

    // Field ids: base_mass, proof_mass, suspension_stiffness, suspension_damping,
    // force_factor, coil_resistance.
    InputIssues validate() const;
};

// Largest accepted mass [kg], stiffness [N/m], damping [N·s/m], force factor [N/A] and
// resistance [Ω]: far beyond any laboratory device, small enough to keep the model finite.
inline constexpr double kMaxDeviceMassKg = 1e6;
inline constexpr double kMaxDeviceStiffnessNM = 1e12;
inline constexpr double kMaxDeviceDampingNsM = 1e9;
inline constexpr double kMaxForceFactorNA = 1e4;
inline constexpr double kMaxCoilResistanceOhm = 1e6;

} // namespace dtop::control
