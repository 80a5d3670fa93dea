// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/dataset_library.h"

#include <string>
#include <vector>

namespace dtop::data {

// Universal File Format files in the workspace (docs/tools/profiles.md): `dtop dataset import`
// and the import dialog detect them and store their FRFs and mode shapes as datasets.

// True when the file at `path` begins like a UFF file (looksLikeUff() of its first 4 KiB);
// false for a file that cannot be read.
bool isUffFile(const std::string& path);

// Stores the FRFs and mode shapes of the UFF file at `path` in the workspace: one dataset per
// group of frfDatasetsFromUff() (usually one), then one mode-shape dataset for its datasets 55
// (modeShapesFromUff() in options.modeDirection, node positions from 2411/15), each kept
// exactly (every frequency and value bit for bit). Ids: options.id (or one from the file name)
// for the first, then "-2", "-3", ...; the mode shapes take the first FRF dataset's id +
// "-modes" when the file has FRFs too. The options' title and rig apply to each, quantity and
// excitation floor to the FRFs only. Mode shapes at nodes of which none is a floor (node k =
// floor k, 1..20) are refused. A ReadError (file, line, problem) stores nothing; a taken id
// throws io::WorkspaceInputError as importDataset() does.
// The datasets importUffDatasets() would store, read but not stored (the import dialog's
// preview): the FRF groups, then the mode shapes in `modeDirection` (0: the largest).
io::ReadResult<std::vector<io::Dataset>> readUffDatasets(const std::string& path, int modeDirection = 0);

io::ReadResult<std::vector<io::Dataset>> importUffDatasets(io::Workspace& workspace,
                                                           const io::Catalogue* catalogue,
                                                           const std::string& path,
                                                           const io::DatasetImportOptions& options);

} // namespace dtop::data
