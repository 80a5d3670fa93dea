// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crossval/interlab.h"
#include "crossval/prototype_views.h"

#include <nlohmann/json.hpp>

namespace dtop::crossval {

// The inter-lab view: {"floor", "band_hz", "rigs": [{"rig", "prototype", "missing",
// "measured": [curve], "model": [curve]}], "spread_sources": [...], "spread": [{"mode",
// "mean_hz", "min_hz", "max_hz", "range_hz", "range_pct", "count", "per_source_hz"}],
// "notes"}, a curve being {"dataset", "floor", "quantity", "own_axis", "suspect",
// "peaks_hz", "frequency_hz", "magnitude_db"}. With `curves` false the two arrays of each
// curve are left out (the table alone).
nlohmann::json interlabResultToJson(const InterlabResult& result, bool curves = true);

// The four views: [{"id", "title", "panels": [{"title", "note", "traces": [{"name",
// "dataset", "floor", "measured", "markers", "frequency_hz", "magnitude_db"}]}]}].
nlohmann::json prototypeViewsToJson(const std::vector<PrototypeView>& views);

} // namespace dtop::crossval
