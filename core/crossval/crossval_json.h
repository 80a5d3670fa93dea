// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crossval/crossval.h"
#include "io/csv_table.h"

#include <nlohmann/json.hpp>

namespace dtop::crossval {

// The "input" object of `dtop crossval` (keys as its options): {"reference": SOURCE,
// "candidates": [SOURCE, ...], "band_hz": [lo, hi], "input_floor": n (0 = from the sources),
// "quantity": "receptance"|"mobility"|"accelerance"|null (null = from the sources),
// "response_floors": [...] ([] = common floors), "profile_grid_points", "fdac_points",
// "max_modes" (0 = automatic), "min_prominence_db", "mode_source" (the estimator's label;
// informative, not read back)}.
nlohmann::json crossvalInputToJson(const CrossvalInput& input);

// The reverse: a default input with the keys present in `json` applied; sources come back
// unresolved (names only, see resolveSource()). A key of the wrong type or with a bad value
// throws std::invalid_argument naming the key. Unknown keys are ignored.
CrossvalInput crossvalInputFromJson(const nlohmann::json& json);

// The "result" object (docs/tools/crossval.md lists every key): "reference", "quantity",
// "input_floor", "band_hz" and "pairs", one per candidate in input order, each with
// "candidate", "grid_source", "floors", "responses" ([{"floor", "frac", "frac_basis",
// "rms_db_difference", "reference_peaks_hz", "candidate_peaks_hz"}], ascending floors),
// "frequency_hz", "csac", "csf", "signature_basis", "modes" ([{"reference_mode",
// "candidate_mode", "reference_frequency_hz", "candidate_frequency_hz", "frequency_error_pct",
// "mac", "reference_damping_ratio", "candidate_damping_ratio", "damping_difference"}]),
// "mac_matrix" (rows = reference modes), "mac_basis", "pairing", "reference_modes" and
// "candidate_modes" ({"method", "frequencies_hz", "damping_ratios"}), "fdac"
// ({"frequency_hz", "values", "ridge_candidate_frequency_hz"}) and "notes". NaN → null.
// "frf_compared" is false for a pair with a mode-shape dataset: "responses", "frequency_hz",
// "csac", "csf", "signature_basis" and "fdac" are then absent (a note says why).
nlohmann::json crossvalResultToJson(const CrossvalResult& result);

// One column group per pair (pairs have their own grids; shorter columns leave blanks):
// pairN_frequency_hz, pairN_csac, pairN_csf, pairN_reference_floorF_db,
// pairN_candidate_floorF_db (20·log10|H| in the compared quantity). Modes-only pairs have none.
io::CsvTable crossvalResultTable(const CrossvalResult& result);

} // namespace dtop::crossval
