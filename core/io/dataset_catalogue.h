// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/dataset.h"
#include "io/dataset_reader.h"
#include "io/read_error.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dtop::io {

// Data a user might look for that does not exist (e.g. the Sheffield and Bristol rigs'
// measurements, never published with the prototype). Shown so that nobody searches in vain.
struct UnavailableData {
    std::string rig;
    std::string what; // "measured FRFs"
    std::string note; // why, and what to do instead
    bool operator==(const UnavailableData&) const = default;
};

// A file shipped beside the datasets that the dataset readers do not read (e.g. the nonlinear
// tool's reference run, parsed by that tool).
struct CatalogueFile {
    std::string id;
    std::string title;
    std::string file; // relative to the catalogue directory
    std::string format;
    std::string source;
    std::string licence;
    std::string notes;
    bool operator==(const CatalogueFile&) const = default;
};

// The datasets listed in a manifest (data/manifest.json), without their samples.
struct Catalogue {
    std::string directory;   // files are relative to this
    std::string licenceFile; // relative to directory, e.g. "LICENSE-data"
    std::vector<DatasetInfo> datasets;
    std::vector<UnavailableData> unavailable;
    std::vector<CatalogueFile> otherFiles;

    const DatasetInfo* find(const std::string& id) const; // nullptr if absent
    std::string pathOf(const std::string& relativeFile) const;
};

// manifest.json:
// {"format_version": 1, "licence_file": "LICENSE-data",
//  "datasets": [{"id", "title", "rig", "kind": "frf"|"time_history", "file", "format",
//                "quantity": "accelerance"|"mobility"|"receptance"|"unknown" (FRF),
//                "response": "velocity"|... (time history), "units", "excitation_floor",
//                "frequency_range_hz": [lo, hi], "frequency_step_hz" (FRF; 0 = non-uniform),
//                "sampling_rate_hz", "duration_s" (time history),
//                "source", "licence", "notes", "suspect"}],
//  "unavailable": [{"rig", "what", "note"}],
//  "other_files": [{"id", "title", "file", "format", "source", "licence", "notes"}]}
// Every problem (unreadable, JSON syntax with its line, a missing or mistyped key naming the
// entry, a repeated id) is a ReadError naming the manifest.
ReadResult<Catalogue> readManifest(const std::string& manifestPath);
// The same on JSON text; `directory` becomes Catalogue::directory.
ReadResult<Catalogue> parseManifest(const std::string& jsonText, const std::string& name,
                                    const std::string& directory);
// dataDirectory/manifest.json (the application passes its bundled data/ directory).
ReadResult<Catalogue> loadBundledCatalogue(const std::string& dataDirectory);

// One "datasets" entry of the manifest schema above.
nlohmann::ordered_json datasetInfoToJson(const DatasetInfo& info);

// Keys in the order of the schema above, so that the file reads well.
nlohmann::ordered_json manifestToJson(const Catalogue& catalogue);

// Reads the data of catalogue entry `id` in its listed format. The result's info is the
// manifest's entry with the sampling fields measured on the data (describeSampling()) and
// `file` the full path.
ReadResult<Dataset> readCatalogueDataset(const Catalogue& catalogue, const std::string& id);

} // namespace dtop::io
