// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/csv_table.h"
#include "nonlinear/nonlinear_analysis.h"

#include <nlohmann/json.hpp>

namespace dtop::nonlinear {

// The "input" object of `dtop nonlinear`: every effective input (defaults included) under the
// key names of the command-line options (analysis, frequency_rad_s, force_n, from, to, mode,
// harmonics, kp, kd, …) plus the profile.
nlohmann::json nonlinearInputToJson(const NonlinearInput& input);
// The reverse: missing keys keep their defaults; a key of the wrong type or a bad value
// throws std::invalid_argument naming the key. nonlinearInputFromJson(nonlinearInputToJson(x))
// reproduces x.
NonlinearInput nonlinearInputFromJson(const nlohmann::json& json);

// The "result" object: `branch` (force_n, frequency_rad_s, amplitude_m[], peak_to_peak_m[],
// stable, multipliers_abs_max), `folds` (force_n, frequency_rad_s, amplitude_m), `harmonics`,
// `backbone` (mode, frequency_rad_s, amplitude_m[]), `cbc` (force_n, amplitude_m[],
// residual_control_n, converged, …), and, where the analysis has them, `bifurcations`,
// `fold_curve`, `sweep`, `legacy`, `warnings`.
nlohmann::json nonlinearResultToJson(const NonlinearResult& result);

// The branch (or, for CBC, the CBC points; for a backbone, its points) as one table.
io::CsvTable nonlinearResultTable(const NonlinearResult& result);

} // namespace dtop::nonlinear
