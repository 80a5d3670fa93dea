// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/dataset.h"

#include <string>

namespace dtop::io {

// The dataset in our CSV format (DatasetFormat::DtopCsv): "# key: value" lines for the
// non-empty metadata (id, title, rig, quantity, units, excitation_floor, source, licence,
// notes, suspect), one header line, then the rows in shortest round-trip notation, so that
// parseDataset() gives back exactly the same data and metadata. Complex channels are written
// as floorN_re/floorN_im, dB-sourced ones as floorN_db (the source's values), others as
// floorN_abs; a channel whose axis differs from the first one's gets floorN_frequency_hz.
// Throws std::invalid_argument for a dataset no reader could produce (channels of different
// lengths, non-finite values). Mode shapes are written as a table for reading (one row per
// mode: mode, frequency_hz, damping_ratio, modal_mass, then nodeL or nodeL_re/nodeL_im) that
// no reader takes back; the workspace stores them as JSON (io/mode_shapes_json.h).
std::string formatDatasetCsv(const Dataset& dataset);

// Writes formatDatasetCsv() to `path` atomically; on failure returns false and sets `error`
// to a message naming the file.
bool writeDatasetCsv(const Dataset& dataset, const std::string& path, std::string& error);

} // namespace dtop::io
