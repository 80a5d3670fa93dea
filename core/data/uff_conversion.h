// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/uff.h"
#include "io/dataset.h"
#include "io/read_error.h"
#include "model/profile.h"

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace dtop::data {

// Between UFF datasets and DTOP's records: FRF datasets ↔ dataset 58, mode shapes ↔ dataset
// 55, the storeys' nodes → datasets 15/2411. Floor k of the shear building is node k; its
// sway is one translation direction (default +Y, UFF direction 2).

struct UffExportOptions {
    bool binary = true; // 58b: every double exactly; ASCII 58 keeps 13 significant digits
    int direction = 2;  // UFF direction of the sway: 1 = +X, 2 = +Y, 3 = +Z
};

// Every channel of an FRF dataset as one dataset 58 (function type 4): response node = the
// channel's floor, reference node = the excitation floor (0 when unknown), ordinate complex
// double (real double |H| for a magnitude-only channel, marked on ID line 5), abscissa even
// when min + i·increment reproduces every frequency exactly from their E13.5 text, else
// uneven. ID lines: title, "DTOP dataset <id>", "NONE", rig, quantity and unit. Text is cut to
// its field and non-ASCII characters become '?'. Throws std::invalid_argument for a time
// history or a direction outside 1..3.
UffFile uffFromFrfDataset(const io::Dataset& dataset, const UffExportOptions& options = {});

// The FRFs of a UFF file: its datasets 58 of function type 4 (FRF) with a frequency (or
// unknown) abscissa, grouped by reference node and direction and by response direction, one
// io::Dataset per group. Response node k becomes floor k when every node of the group is
// within 1..20, else floors 1, 2, ... in ascending node order (said in the notes). The
// quantity follows records 9 and 10 (displacement, velocity or acceleration over force);
// otherwise it is unknown. A ReadError (naming `name` and the dataset) when the file holds no
// FRF, a group repeats a response node, or an abscissa is not ≥ 0 and strictly increasing.
io::ReadResult<std::vector<io::Dataset>> frfDatasetsFromUff(const UffFile& file,
                                                            const std::string& name);

// Mode shapes of the storeys (the record a mode-shape dataset stores).
using ModeShapeSet = io::ModeShapeData;

// The undamped modes of a profile's linear part (mass-normalised, modal mass 1) with the
// viscous damping ratios of its damped modes. Throws std::invalid_argument for an invalid
// profile.
ModeShapeSet modeShapesFromProfile(const model::Profile& profile);

// One dataset 55 per mode: normal modes (analysis type 2) for real shapes, complex eigenvalue
// (3) with λ = −ζω + jω√(1 − ζ²) for complex ones; three translations per node with the shape
// in `direction`. Values are E13.5 (6 significant digits, the format's precision).
UffFile uffFromModeShapes(const ModeShapeSet& modes, const std::string& title, int direction = 2);

// The mode shapes in a file's datasets 55 (normal-mode or complex-eigenvalue analyses), the
// `direction` component (the value itself for scalar data), sorted by mode number. Direction
// 0 takes the translation (1..3) with the largest sum of |value|² over every mode and node
// (the lowest on a tie), so shapes given in X or Z are found too. Node positions come from
// the file's datasets 2411 (else 15) when they cover every node. A ReadError when there are
// none, the modes have different node sets or repeat a node, or every value is zero.
io::ReadResult<ModeShapeSet> modeShapesFromUff(const UffFile& file, const std::string& name,
                                               int direction = 2);

// Datasets 55 of the set (uffFromModeShapes, in its own direction) followed by its nodes as
// dataset 2411 when it has positions: what `dtop dataset export ID --format uff55` writes.
UffFile uffFromModeShapeDataset(const ModeShapeSet& modes, const std::string& title);

// Nodes 1..storeys at heights k·storeyHeightM on the z axis (dataset 2411; format the same
// nodes as dataset 15 with Uff15{nodes}).
Uff2411 shearBuildingNodes(std::size_t storeys, double storeyHeightM);

} // namespace dtop::data
