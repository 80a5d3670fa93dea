// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "control/control_design.h"
#include "control/state_response.h"

#include <optional>
#include <vector>

namespace dtop::control {

// The frequency grid of the kinetic-energy spectrum and of its band integral: f_i = low + i·step,
// i = 0 … round((high − low)/step). Default: the prototype's 1–100 Hz in 0.01 Hz (9901 points).
struct FrequencyBand {
    double lowHz = 1.0;
    double highHz = 100.0;
    double stepHz = 0.01;

    std::size_t points() const;
    std::vector<double> frequenciesHz() const;
    std::vector<double> omegas() const; // 2π f_i [rad/s]
    // Field ids band_low_hz, band_high_hz, band_step_hz.
    InputIssues validate() const;
};

inline constexpr std::size_t kMaxBandPoints = 1'000'000;

// Trapezoidal rule ∫ y dx on the given abscissae.
double trapezoid(const std::vector<double>& x, const std::vector<double>& y);

// Frequency response of a design for a unit primary force: outputs 0..n-1 are the floor
// velocities [m/s/N], output n the coil current [A/N].
StateResponse primaryResponse(const ControlDesign& design);

// Exact ∫₀^∞ T(ω) dω of the time-averaged kinetic energy T(ω) = ¼ v_sᴴ M* v_s per unit force
// amplitude [J·rad/(s·N²)]: by Parseval, (π/4)·tr(M* C_v P C_vᵀ) with the controllability Gramian
// A P + P Aᵀ + b bᵀ = 0 (Zilletti, Elliott & Rustighi 2012, JSV 331:4093 use this metric).
// nullopt when the closed loop is not asymptotically stable (the integral diverges).
std::optional<double> exactKineticEnergyIntegral(const ControlDesign& design);

// A local maximum of T(f).
struct KePeak {
    double frequencyHz = 0.0;
    double ke = 0.0;   // T [J/N²]
    double keDb = 0.0; // 10·log10 T (20·log10 T in legacy mode)
};

// Every local maximum of T(f) strictly inside [fmin, fmax], refined off the grid by Brent's
// bounded maximisation (boost::math brent_find_minima) of the continuous T(f) between the grid
// neighbours of each grid maximum and around each lightly damped pole whose half-power band is
// narrower than the grid step (the grid may step over such a peak). keDb uses dbFactor·log10 T.
std::vector<KePeak> kineticEnergyPeaks(const StateResponse& response, const Eigen::VectorXd& masses,
                                       const std::vector<double>& frequencyHz,
                                       const std::vector<double>& ke, double dbFactor);

// Grid maxima of T in the prototype's bands 1–12, 12–24 and 24–100 Hz (its §5.3 table).
std::vector<KePeak> bandMaxima(const std::vector<double>& frequencyHz, const std::vector<double>& ke,
                               double dbFactor);

} // namespace dtop::control
