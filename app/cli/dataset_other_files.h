// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/dataset_catalogue.h"

#include <nlohmann/json.hpp>

#include <string>

namespace dtop::cli {

// The bundled files that are not FRFs or time histories (the manifest's "other_files", e.g.
// the nonlinear tool's reference run `cbc-reference-run`), listed and shown by `dtop dataset`.

// One entry's description: id, title, full path, format, source, licence, notes.
nlohmann::json otherFileJson(const io::Catalogue& catalogue, const io::CatalogueFile& file);

// The description with a summary of the content read in its format (for the prototype's
// nonlinear download: the rows of every section and the floors). Throws FileError when the
// file cannot be read.
nlohmann::json otherFileSummary(const io::Catalogue& catalogue, const io::CatalogueFile& file);

// The content as CSV ("section,parameter,x1,x2,…": ω [rad/s] for the frequency sweeps, Φ [N]
// for the amplitude sweeps and the CBC, amplitudes in metres). Throws FileError when the file
// cannot be read, UsageError for a format without a reader.
std::string otherFileCsv(const io::Catalogue& catalogue, const io::CatalogueFile& file);

// The catalogue entry named `id`, or nullptr.
const io::CatalogueFile* findOtherFile(const io::Catalogue& catalogue, const std::string& id);

} // namespace dtop::cli
