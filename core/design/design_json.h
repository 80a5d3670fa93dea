// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "design/design_input.h"
#include "design/design_result.h"
#include "io/csv_table.h"

#include <nlohmann/json.hpp>

namespace dtop::design {

// The "input" object of `dtop design` (snake_case keys, units as suffixes):
// {"inputs": {"f1": {"type": "normal", "a": 1, "b": 0.1, "unit": "N"}, …,
//             "k1": {"type": "truncated-normal", "a": …, "b": …, "lower": 0, "upper": null}},
//  "frequency_hz", "outputs": ["x3"], "shear": "complex"|"prototype",
//  "sampling": "monte-carlo"|"sobol", "samples", "seed", "probability", "threshold" (null =
//  nominal), "sobol", "sobol_samples", "sobol_max_samples", "sobol_tolerance", "bootstrap",
//  "fisher", "fisher_max_cells", "fisher_tolerance", "frf_points", "threads", "legacy",
//  "legacy_samples", "legacy_grid_points", "legacy_slider_percent", "legacy_histogram_bins"}.
// a/b are the distribution's two parameters (normal, lognormal, truncated-normal: mean and sd;
// gamma: shape and scale; fixed: a = value). legacyOptions.inputSamples (a sample matrix given
// by the caller) is not part of the JSON.
nlohmann::json designInputToJson(const DesignInput& input);
// A default DesignInput updated from the keys present (missing keys keep their defaults).
// "inputs" may name a subset of the current inputs, or give exactly 4n inputs f1..mn to set
// another storey count. A wrong type, unknown key inside "inputs" or bad value throws
// std::invalid_argument naming the key. The result still has to pass validate().
DesignInput designInputFromJson(const nlohmann::json& json);

// The "result" object: `outputs` (per output `mean`, `std`, `std_error`, …), `sobol` (per
// output, per input name: `first`, `total`, `first_ci`, `total_ci`), `sobol_summary`,
// `fisher` (`parameters`, `eigenvalues_scaled`, `diagonal_scaled`, `converged`, …),
// `probability` (`value`, `std_error`, `threshold`, `gradient_scaled`, `gradient_std_error`,
// …), `kl`, `nominal`, and `legacy` in legacy mode (whose `fisher` and `probability` then hold
// the prototype's estimates, labelled by `method`).
nlohmann::json designResultToJson(const DesignResult& result);

// The nominal FRF: frequency_hz, abs_floor<i> [m], db_floor<i> [dB re 1 m].
io::CsvTable designNominalTable(const DesignResult& result);
// One row per distribution parameter (in result.parameters order): value, scale, Fisher
// diagonal (scaled) and its standard error and upper bound, scaled gradient and its standard
// error, information bound.
io::CsvTable designParameterTable(const DesignResult& result);

} // namespace dtop::design
