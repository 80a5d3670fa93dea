// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/mode_shape_data.h"
#include "io/read_error.h"

#include <nlohmann/json.hpp>

#include <string>

namespace dtop::io {

// How the workspace stores a mode-shape dataset (docs/tools/profiles.md, "Mode shapes"): one
// JSON object {"format": "dtop-mode-shapes", "version": 1, "direction", "complex", "nodes",
// "coordinates_m" ([[x, y, z], ...] or []), "modes": [{"number", "frequency_hz",
// "damping_ratio", "modal_mass", "shape_re", "shape_im"}]}. Numbers are written in shortest
// round-trip form, so every double reads back bit for bit; NaN is null.
nlohmann::json modeShapesToJson(const ModeShapeData& modes);

// Reads modeShapesToJson()'s text. The workspace is a file anyone can edit: any missing or
// mistyped key, sizes that disagree, a non-finite shape value or frequency, no mode or no node
// give a ReadError naming `name` and the key.
ReadResult<ModeShapeData> modeShapesFromJson(const std::string& text, const std::string& name);

} // namespace dtop::io
