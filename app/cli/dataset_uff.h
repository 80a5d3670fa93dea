// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "io/dataset_library.h"

#include <nlohmann/json.hpp>

namespace dtop::cli {

// `dtop dataset export ID --format uff58|uff58-ascii|csv --out FILE` (docs/tools/profiles.md,
// "Universal File Format").
int runDatasetExport(const std::vector<std::string>& args, CommandIo& io);

// `dtop dataset import` of a UFF file: its FRFs stored as datasets. Returns the stored
// datasets; FileError for a malformed file.
std::vector<io::Dataset> importUff(io::Workspace& workspace, const io::Catalogue* catalogue,
                                   const std::string& path,
                                   const io::DatasetImportOptions& options);

} // namespace dtop::cli
