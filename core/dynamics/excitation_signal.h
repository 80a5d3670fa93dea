// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/excitation.h"
#include "dynamics/time_grid.h"

#include <cstdint>
#include <vector>

namespace dtop::dynamics {

// An Excitation made concrete for one run: a function of time that the integrators can
// evaluate anywhere, plus what they need to know to step it safely.
class ExcitationSignal {
public:
    // `grid` is the output grid (the random force is tabulated on it); `realisationSeed`
    // is used by the random force only. The excitation must have passed validate().
    ExcitationSignal(const Excitation& excitation, const TimeGrid& grid,
                     std::uint64_t realisationSeed);

    ExcitationKind kind() const { return m_kind; }
    bool isBaseMotion() const { return m_kind == ExcitationKind::BaseMotion; }
    // 0-based floor a force acts on (unused for base motion).
    std::size_t floorIndex() const { return m_floor; }
    SampleHold hold() const { return m_hold; }

    // Force [N] or ground acceleration [m/s²] at time t (0 outside a record).
    double value(double t) const;
    std::vector<double> sample(const TimeGrid& grid) const;

    // Largest step that integrates the signal on [t0, t1] accurately with a first-order hold
    // (about 1e-6 of the response): +inf where the signal is straight between t0 and t1 (no
    // record knot inside, no pulse), a fraction of the shortest time scale where it curves.
    double maxStep(double t0, double t1) const;
    // Shortest time scale of the signal [s]: pulse width, 1/(2π f) of a sine or sweep, or the
    // record's sample spacing. The adaptive integrator never steps further than a quarter of
    // it, so it cannot step over a pulse (prototype defect D1).
    double shortestTimeScale() const;

    // Steps per time scale for the FOH sub-grid: h ≤ τ/500 keeps the error of a smooth force's
    // linear interpolation, ≈ (h/τ)²/12 relative, near 3e-7 (checked against RK4 in the tests;
    // docs/tools/simulate.md: σ/200 → 1e-6 for the Gaussian).
    static constexpr double kStepsPerTimeScale = 500.0;

private:
    bool hasKnotInside(double t0, double t1) const;
    double sampledValue(double t) const;

    ExcitationKind m_kind;
    std::size_t m_floor = 0;
    SampleHold m_hold = SampleHold::Linear;
    GaussianPulse m_hammer;
    HalfSinePulse m_halfSine;
    SineForce m_sine;
    SweptSine m_sweep;
    // Tabulated signals (random force on the output grid, base or force record).
    std::vector<double> m_time;
    std::vector<double> m_values;
    bool m_uniform = false;
    double m_t0 = 0.0;
    double m_dt = 0.0;
    double m_minSpacing = 0.0;
    bool m_knotsOnGrid = false; // every knot is an output sample: never a knot inside a step
};

} // namespace dtop::dynamics
