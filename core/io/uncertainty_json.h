// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/csv_table.h"
#include "uq/uncertainty.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace dtop::io {

// The "input" and "result" objects of `dtop uncertainty` (docs/architecture.md key names): magnitudes
// in the FRF quantity's SI unit, floor 1 first, infinite bounds as null. Each parameter carries
// its effective interval (`lower`, `upper`) and how it was given: `percent` (± % of nominal) or
// `interval` ([lo, hi] before the scale-all factor).
nlohmann::json uncertaintyInputToJson(const uq::UncertaintyInput& input);
// The reverse: sets the fields of `input` whose keys are present in `json` (missing keys keep
// their value; a new profile with another number of storeys resets the spreads to ±10 %).
// A parameter is read from `percent`, else `interval`, else `lower`/`upper` as an explicit
// interval. Malformed keys are reported in `issues` (field = the key) and leave that field
// unchanged. uncertaintyInputFromJson(uncertaintyInputToJson(x)) reproduces x exactly.
void readUncertaintyInput(const nlohmann::json& json, uq::UncertaintyInput& input,
                          InputIssues& issues);
// A default UncertaintyInput updated from `json`; nullopt if any key was malformed.
std::optional<uq::UncertaintyInput> uncertaintyInputFromJson(const nlohmann::json& json,
                                                             InputIssues& issues);
nlohmann::json uncertaintyResultToJson(const uq::UncertaintyResult& result);
// One row per frequency: nominal, every method's lower/upper, percentile bands, gap.
CsvTable uncertaintyResultTable(const uq::UncertaintyResult& result);

} // namespace dtop::io
