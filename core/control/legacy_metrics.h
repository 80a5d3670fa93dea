// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/control_design.h"
#include "control/kinetic_energy.h"
#include "dynamics/shear_building.h"

#include <optional>
#include <string>
#include <vector>

namespace dtop::control {

// What the prototype (DTOP-Cristallo's control page) printed for a design, recomputed with its
// metrics and its defects, for comparison only (docs/tools/control.md §8). None of these
// numbers is a statement about the physical design: in particular its stability verdict and
// gain margin come from the wrong output (the state one before the collocated velocity) and
// its LQG is driven by minus the actuator force instead of the primary force.
struct LegacyMetrics {
    std::string label;              // "prototype metric (DTOP-Cristallo), not physical"
    double keBandIntegral = 0.0;    // "IntKE" [J·rad/(s·N²)]
    double uncontrolledBandIntegral = 0.0;
    std::optional<double> keReductionDb; // "Kinetic energy reduction [dB]"
    // "Active control effort [W]": (Z_e/Bl²)·∫P dω, really W·(rad/s) per N² (twice
    // ∫Z_e|i|²dω for the DVF variants, once for its LQG).
    std::optional<double> controlEffort;
    std::string stableShown;        // "Yes", "No", "--" (LQG) or "" (not shown)
    std::optional<double> gainMarginDbShown; // ±inf as printed ("inf", "-inf")
    std::optional<double> rawGainMargin;     // python-control margin()'s Gm
    std::vector<double> keDb;       // the plotted 20·log10 T of the prototype's computation
    std::vector<KePeak> bandMaxima; // its 1–12, 12–24, 24–100 Hz grid maxima (20·log10)
    std::string note;
};

inline constexpr const char* kLegacyLabel = "prototype metric (DTOP-Cristallo), not physical";

// The prototype's numbers for the design `p` (its effective compensator and actuator), on the
// grid `band`. nullopt for the ideal DVF, which the prototype did not have.
std::optional<LegacyMetrics> legacyMetrics(const dynamics::ShearBuilding& building,
                                           const DesignParameters& p, const FrequencyBand& band,
                                           const std::vector<double>& uncontrolledKe);

// The prototype's gain-margin rule (python-control 0.9.1 margin() on L = h·Bl·C(s)·G(s) with
// G from the actuator force to the state one before the collocated velocity): among the
// frequencies ω ≥ 0 where L(jω) is real and negative, GM = 1/|L(jω)| of the one with the
// smallest |ln GM|; +inf when there is none or h = 0.
double legacyGainMargin(const dynamics::ShearBuilding& building, const DesignParameters& p);

// The prototype's LQG (fixed q = 200, r = 0.1, Q_n = 1, R_n = 1e−12; LQR designed for the
// force but applied through Bl; Kalman filter on the wrong output with noise in the actuator
// direction) closed around the structure; its disturbance input is −b_u.
ControlDesign legacyLqgDesign(const dynamics::ShearBuilding& building, const DesignParameters& p);

} // namespace dtop::control
