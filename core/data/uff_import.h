// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/dataset_library.h"

#include <string>
#include <vector>

namespace dtop::data {

// Universal File Format files in the workspace (docs/tools/profiles.md): `dtop dataset import`
// and the import dialog detect them and store their FRFs as datasets.

// True when the file at `path` begins like a UFF file (looksLikeUff() of its first 4 KiB);
// false for a file that cannot be read.
bool isUffFile(const std::string& path);

// Stores the FRFs of the UFF file at `path` in the workspace: one dataset per group of
// frfDatasetsFromUff() (usually one), each kept exactly (every frequency and value bit for
// bit). Ids: options.id (or one from the file name) for the first, then "-2", "-3", ... The
// options' title, rig, quantity and excitation floor apply to each. A ReadError (file, line,
// problem) stores nothing; a taken id throws io::WorkspaceInputError as importDataset() does.
io::ReadResult<std::vector<io::Dataset>> importUffDatasets(io::Workspace& workspace,
                                                           const io::Catalogue* catalogue,
                                                           const std::string& path,
                                                           const io::DatasetImportOptions& options);

} // namespace dtop::data
