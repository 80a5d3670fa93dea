// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fe/fe_analysis.h"
#include "fe/measured_sway.h"
#include "io/csv_table.h"

#include <nlohmann/json.hpp>

namespace dtop::fe {

// The "input" object of `dtop fe`: every effective input, SI keys with unit suffixes
// (docs/tools/fe.md §7): base_clamp, elements_per_column, max_frequency_hz,
// joint_stiffness_nm_per_rad (null = rigid, a number, or one per storey), solver, convergence,
// convergence_elements, calibrate_to, measured_mode_shapes, calibration, equivalent_profile,
// profile_name, geometry {storeys, storey_pitch_m, ...}, material {youngs_modulus_pa,
// poisson_ratio, density_kg_m3}.
nlohmann::json feInputToJson(const FeInput& input);

// The reverse. Missing keys keep their defaults; every geometry length may be given in inches
// instead (`<name>_in` for `<name>_m`), the modulus in psi (`youngs_modulus_psi`) and the
// density in slinch/in³ (`density_slinch_in3`), converted exactly. A key of the wrong type, a
// bad enumeration value or an unknown key throws std::invalid_argument naming the key; values
// are range-checked by FeInput::validate(), not here. feInputFromJson(feInputToJson(x))
// reproduces x exactly.
FeInput feInputFromJson(const nlohmann::json& json);

// The "result" object. Required keys (docs/tools/fe.md §7): modes [{frequency_hz, kind,
// floor_displacements}], floor_mass_kg, total_mass_kg, convergence [{elements_per_column,
// frequencies_hz}], equivalent_profile {mass_kg, stiffness_n_m} when asked, calibration
// {joint_stiffness_nm_per_rad, frequency_errors_pct} when asked; plus parts, moving_mass_kg,
// dofs, solver, per-mode effective masses and floor shapes, the comparison with measured
// modes and, with includeShapes, the wire frame (`mesh`) and each mode's node displacements.
nlohmann::json feResultToJson(const FeResult& result, bool includeShapes = true);

// The measured modes a comparison used: {dataset, method, frequencies_hz, mode_shapes}.
nlohmann::json measuredSwayToJson(const MeasuredSway& measured);

// One row per mode: frequency_hz, kind index (0 sway-weak, 1 sway-strong, 2 torsion, 3 local),
// effective masses, floor shape per floor.
io::CsvTable feModeTable(const FeResult& result);
// One row per mesh: elements_per_column, dofs, f1_hz .. fK_hz.
io::CsvTable feConvergenceTable(const FeResult& result);

} // namespace dtop::fe
