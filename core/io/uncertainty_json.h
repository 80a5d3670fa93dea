// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/csv_table.h"
#include "uq/uncertainty.h"

#include <nlohmann/json.hpp>

namespace dtop::io {

// The "input" and "result" objects of `dtop uncertainty` (DESIGN.md §5 key names): magnitudes
// in the FRF quantity's SI unit, floor 1 first, infinite bounds as null.
nlohmann::json uncertaintyInputToJson(const uq::UncertaintyInput& input);
nlohmann::json uncertaintyResultToJson(const uq::UncertaintyResult& result);
// One row per frequency: nominal, every method's lower/upper, percentile bands, gap.
CsvTable uncertaintyResultTable(const uq::UncertaintyResult& result);

} // namespace dtop::io
