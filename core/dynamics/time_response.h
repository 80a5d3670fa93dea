// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "dynamics/excitation_signal.h"
#include "dynamics/shear_building.h"
#include "dynamics/time_grid.h"

#include <string>
#include <vector>

namespace dtop::dynamics {

enum class ResponseQuantity { Displacement, Velocity, Acceleration };
const char* responseQuantityName(ResponseQuantity q); // "displacement", "velocity", "acceleration"
const char* responseQuantityUnit(ResponseQuantity q); // "m", "m/s", "m/s²"
bool parseResponseQuantity(const std::string& text, ResponseQuantity& q);

enum class IntegrationMethod {
    Auto,     // exact for linear profiles, adaptive for cubic storey springs
    Exact,    // exact FOH discretisation (linear profiles only)
    Adaptive, // Dormand–Prince 5(4) with dense output (any profile)
};
const char* integrationMethodName(IntegrationMethod m); // "auto", "exact", "adaptive"
bool parseIntegrationMethod(const std::string& text, IntegrationMethod& m);

struct IntegrationOptions {
    IntegrationMethod method = IntegrationMethod::Auto;
    double relativeTolerance = 1e-9;  // adaptive integrator only
    double absoluteTolerance = 1e-13; // [m, m/s], adaptive integrator only
};

// Initial floor displacements [m] and velocities [m/s] (relative to the ground for base
// motion); empty = at rest.
struct InitialState {
    std::vector<double> displacementM;
    std::vector<double> velocityMS;
};

// Time histories of every floor on a uniform grid. For base motion the displacement, velocity
// and acceleration are relative to the ground, and absoluteAcceleration = relative + ground.
struct TimeResponse {
    std::vector<double> timeS;
    std::vector<double> excitation; // force [N] or ground acceleration [m/s²] at timeS
    bool relativeToGround = false;
    std::vector<std::vector<double>> displacement;         // [floor][sample] [m]
    std::vector<std::vector<double>> velocity;             // [m/s]
    std::vector<std::vector<double>> acceleration;         // [m/s²]
    std::vector<std::vector<double>> absoluteAcceleration; // base motion only [m/s²]
    std::string integrator;                                // "exact-foh" or "dopri5"
    std::size_t steps = 0;                                 // integration steps taken

    const std::vector<std::vector<double>>& quantity(ResponseQuantity q) const;
    // max |value| over time, per floor.
    std::vector<double> peakAbs(ResponseQuantity q) const;
};

// True when `method` resolves to the exact integrator for this building.
bool usesExactIntegrator(const ShearBuilding& building, IntegrationMethod method);

// Simulates the building under the signal. Throws std::invalid_argument for the exact method
// on a nonlinear building, std::runtime_error if the adaptive integration fails, and Cancelled
// (checked every few thousand steps) when progress is cancelled.
TimeResponse simulateResponse(const ShearBuilding& building, const ExcitationSignal& signal,
                              const TimeGrid& grid, const InitialState& initial,
                              const IntegrationOptions& options,
                              const Progress& progress = Progress::none());

} // namespace dtop::dynamics
