// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "control/inertial_actuator.h"

#include <Eigen/Dense>

#include <complex>
#include <optional>

namespace dtop::control {

// The electronic compensator of "DVF + EC" (Rohlfing, Elliott & Gardonio 2012, JSV 331:3437):
//   C(s) = (s² + 2ζ̂ ω̂ s + ω̂²) / (s² + 2ζ_c ω_c s + ω_c²),
// whose numerator cancels the actuator's suspension resonance (estimate ω̂, ζ̂) and whose
// denominator puts a lower, well-damped one (target ω_c, ζ_c) in its place. Damping values are
// ratios (0.7, not 70 %).
struct Compensator {
    double estimateHz = 6.0;
    double estimateDamping = 0.04;
    double targetHz = 6.0;
    double targetDamping = 0.04;

    std::complex<double> response(double omega) const; // C(jω), ω in rad/s

    // Controllable-canonical realisation (docs/tools/control.md §4):
    // A_c = [[0, 1], [−ω_c², −2ζ_c ω_c]], B_c = [0; 1], C_c = [ω̂² − ω_c², 2ζ̂ω̂ − 2ζ_cω_c], D_c = 1.
    Eigen::Matrix2d a() const;
    Eigen::Vector2d b() const;
    Eigen::RowVector2d c() const;
    double d() const { return 1.0; }
};

// The compensator as entered: any value left unset takes its default.
struct CompensatorSettings {
    std::optional<double> estimateHz;      // default: the actuator's f_p
    std::optional<double> estimateDamping; // default: the actuator's ζ_p
    std::optional<double> targetHz;        // default: 0.3 × the structure's first frequency
    std::optional<double> targetDamping;   // default: 0.7

    // Field ids ec_estimate_hz, ec_estimate_damping, ec_target_hz, ec_target_damping.
    InputIssues validate() const;
};

inline constexpr double kDefaultTargetFrequencyFactor = 0.3;
inline constexpr double kDefaultTargetDamping = 0.7;
// The prototype's defaults (6 Hz, 4 % both ways: C ≡ 1), used for unset values in legacy mode.
inline constexpr double kLegacyCompensatorHz = 6.0;
inline constexpr double kLegacyCompensatorDamping = 0.04;

// The effective compensator: unset values from the actual actuator and structure (the
// prototype's fixed 6 Hz / 4 % defaults in legacy mode).
Compensator effectiveCompensator(const CompensatorSettings& settings,
                                 const InertialActuator& actuator, double firstFrequencyHz,
                                 bool legacy);

} // namespace dtop::control
