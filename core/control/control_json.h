// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/control.h"
#include "io/csv_table.h"

#include <nlohmann/json.hpp>

namespace dtop::control {

// The "input" object of `dtop control`: one key per command-line option (snake_case of the
// option: strategy, floor, force_floor, gain, base_mass, proof_mass, suspension_stiffness,
// suspension_damping, force_factor, coil_resistance, ec_estimate_hz, ec_estimate_damping,
// ec_target_hz, ec_target_damping, tune, legacy, lqg_*, band_*, frf_quantity, root_locus,
// root_locus_gains, best_gain, time_response, time_duration, time_sample_rate, seed,
// excitation) plus the profile. Unset compensator values are written as null ("derived").
// A ground-acceleration or force record is summarised (samples, span), not written out.
nlohmann::json controlInputToJson(const ControlInput& input);

// A default ControlInput updated from `json`: missing keys keep their defaults, null clears an
// optional compensator value. A key of the wrong type or with an unknown name throws
// std::invalid_argument naming the key. Values are range-checked later by validate().
// controlInputFromJson(controlInputToJson(x)) reproduces x (records excepted).
ControlInput controlInputFromJson(const nlohmann::json& json);

// The "result" object (docs/tools/control.md §9 lists every key): stable, critical_gain,
// gain_margin_db, phase_margin_deg, closed_loop_poles [{frequency_hz, damping_ratio}],
// ke_reduction_db, ke_band_integral, ke_exact_integral, ke_peaks [{frequency_hz, ke_db}],
// control_effort_w, tuned {proof_stiffness_n_m, proof_damping_ns_m, frequency_hz,
// damping_ratio}, and the curves of the plots. Values that do not exist are null.
nlohmann::json controlResultToJson(const ControlResult& result);

// One row per frequency of the band: frequency_hz, ke_j_n2, ke_db, ke_uncontrolled_j_n2,
// ke_uncontrolled_db, effort_w (feedback), floorN_{re,im,abs} and floorN_uncontrolled_abs.
io::CsvTable controlResultTable(const ControlResult& result);

} // namespace dtop::control
