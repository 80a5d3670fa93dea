// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "control/inertial_actuator.h"
#include "control/kinetic_energy.h"
#include "dynamics/shear_building.h"

#include <string>

namespace dtop::control {

enum class TmdTuning {
    None,      // the suspension as entered
    DenHartog, // fixed-point rule for the first mode (Den Hartog 1956; Brock 1946)
    KeOptimal, // minimum band-integrated kinetic energy (Nelder–Mead)
};
const char* tmdTuningName(TmdTuning t); // "none", "den-hartog", "ke-optimal"
bool parseTmdTuning(const std::string& text, TmdTuning& t);

// A tuned suspension for the device's proof mass.
struct TunedAbsorber {
    TmdTuning method = TmdTuning::None;
    std::string criterion;           // what was optimised, in words
    double proofStiffnessNM = 0.0;   // k_p
    double proofDampingNsM = 0.0;    // c_p
    double frequencyHz = 0.0;        // √(k_p/m_p)/2π
    double dampingRatio = 0.0;       // c_p/(2√(k_p m_p))
    double massRatio = 0.0;          // μ = m_p / modal mass of mode 1 at the device floor
    double modalMassKg = 0.0;        // 1/φ₁(f)² (mass-normalised φ, base mass included)
    double structureFrequencyHz = 0.0; // f₁ of the structure with the base mass
    double keBandIntegral = 0.0;     // band-integrated KE of the tuned TMD (KE-optimal only)
    int evaluations = 0;             // objective evaluations (KE-optimal only)
};

// Den Hartog's rule on the first mode of the undamped structure with the base mass at the
// device floor: μ = m_p/m₁, f_t = f₁/(1+μ), ζ_t = √(3μ/(8(1+μ)³)); k_p = m_p(2πf_t)²,
// c_p = 2ζ_t√(k_p m_p).
TunedAbsorber denHartogTuning(const dynamics::ShearBuilding& building,
                              const InertialActuator& actuator, int floor);

// Minimises the band-integrated kinetic energy of the structure (the metric of the KE
// reduction, on `band`) over (ln k_p, ln c_p) by Nelder–Mead, started from the Den Hartog
// values. Throws Cancelled when progress is cancelled.
TunedAbsorber keOptimalTuning(const dynamics::ShearBuilding& building,
                              const InertialActuator& actuator, int floor, int forceFloor,
                              const FrequencyBand& band, Progress& progress = Progress::none());

} // namespace dtop::control
