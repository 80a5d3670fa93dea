// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "identification/identify.h"
#include "io/csv_table.h"

#include <nlohmann/json.hpp>

namespace dtop::identification {

// The "input" and "result" objects of `dtop identify` (snake_case key names with units,
// docs/tools/identify.md §8). The input records the dataset by id; the samples are loaded by
// the caller. Keys: dataset, method, band_hz [lo, hi], modes, driving_point, update,
// compare_methods, profile, lscf{...}, circle{...}, lsfd{...}, global{...}, updating{...},
// welch{...}, picks[{order, frequency_hz}], tridiagonal_tolerance.
nlohmann::json identifyInputToJson(const IdentifyInput& input);
// Missing keys keep the defaults; a wrong type or a bad value throws std::invalid_argument
// naming the key. identifyInputFromJson(identifyInputToJson(x)) reproduces x (but its data).
IdentifyInput identifyInputFromJson(const nlohmann::json& json);

// Result keys: modes [{frequency_hz, damping_ratio, mode_shape_re, mode_shape_im, complexity,
// mpc, mpd_deg, mass_normalised}], mac, mac_profile, resynthesis_error, physical {mass_kg,
// stiffness_n_m, damping_ns_m, ...} (null when not mass-normalised), updated_profile {mass_kg,
// stiffness_n_m, damping_ns_m, name, provenance}, objective_before, objective_after (with
// update), stabilisation {...}, circle_fits, global, comparison, resynthesis, notes.
nlohmann::json identifyResultToJson(const IdentifyResult& result);
nlohmann::json replayComparisonToJson(const ReplayComparison& comparison);

// One row per identified mode: mode, frequency_hz, damping_ratio, complexity, mpd_deg, then
// floor<k>_shape_re and floor<k>_shape_im per measured floor (the CSV of `dtop identify`).
io::CsvTable identifyModesTable(const IdentifyResult& result);
// One row per frequency line of the band: measured and resynthesised re/im per floor.
io::CsvTable identifyResynthesisTable(const IdentifyResult& result);
// One row per pole of the stabilisation diagram: order, frequency_hz, damping_ratio, stability
// (0 new, 1 frequency, 2 damping, 3 vector, 4 stable).
io::CsvTable identifyStabilisationTable(const IdentifyResult& result);

} // namespace dtop::identification
