// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/frf_quantity.h"
#include "io/dataset.h"
#include "io/dataset_catalogue.h"
#include "io/dataset_reader.h"
#include "io/workspace.h"

#include <optional>
#include <string>
#include <vector>

namespace dtop::io {

// Every dataset a user can pick: the bundled catalogue's, then those imported into the
// workspace. Either source may be absent (nullptr).
struct DatasetListing {
    DatasetInfo info;
    bool imported = false;        // from the workspace
    std::string originalFileName; // imported only
    std::string importedUtc;      // imported only
};

std::vector<DatasetListing> listDatasets(const Catalogue* catalogue, Workspace* workspace);

// Reads dataset `id` from whichever source has it. Errors name the file (or the workspace
// entry), the line and the problem.
ReadResult<Dataset> loadDataset(const Catalogue* catalogue, Workspace* workspace,
                                const std::string& id);

// What the importing user may state that a file cannot say.
struct DatasetImportOptions {
    ReadOptions read;              // format (auto-detected by default) and limits
    std::string id;                // default: from the file name, made unique
    std::string title;             // default: the file name
    std::string rig;
    std::optional<dynamics::FrfQuantity> quantity; // FRF quantity (default: unknown)
    int excitationFloor = 0;       // 0 = unknown
    // UFF mode shapes (dataset 55): the translation read as the sway, 1 X, 2 Y, 3 Z; 0 = the
    // one with the largest values (data::modeShapesFromUff).
    int modeDirection = 0;
};

// Reads `path` (any supported format) and stores it in the workspace in our CSV format with
// its metadata, so it reads back identically. A malformed file gives the ReadError (file, line,
// problem) and stores nothing; an id that is taken (by the catalogue or the workspace) or
// invalid throws WorkspaceInputError.
ReadResult<Dataset> importDataset(Workspace& workspace, const Catalogue* catalogue,
                                  const std::string& path, const DatasetImportOptions& options);

// The storing half of importDataset(): `dataset`, read from `path` by any reader, with the
// options applied (options.read is not used). Returns the stored dataset. Throws
// WorkspaceInputError as importDataset() does.
Dataset storeImportedDataset(Workspace& workspace, const Catalogue* catalogue, Dataset dataset,
                             const std::string& path, const DatasetImportOptions& options);

} // namespace dtop::io
