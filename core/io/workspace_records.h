// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/profile.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace dtop::io {

// One saved version of a profile. Versions of a name count 1, 2, 3, ... and are never changed.
struct ProfileVersion {
    model::Profile profile;  // profile.name is the saved name
    int version = 0;
    std::string note;        // why this version exists ("imported from x.json", "identified ...")
    std::string createdUtc;  // ISO-8601 UTC, "2025-01-31T12:34:56.789Z"
    std::string appVersion;  // DTOP version that saved it
};

// A saved profile name with its newest version.
struct SavedProfileSummary {
    std::string name;
    int latestVersion = 0;
    std::string createdUtc; // first version
    std::string updatedUtc; // latest version
};

// An imported dataset, stored as the reader left it: the workspace does not interpret
// `metadata` or `content`.
struct DatasetRecord {
    std::string id;                                     // unique in the workspace
    nlohmann::json metadata = nlohmann::json::object(); // rig, quantity, units, ...
    std::string content;                                // the file's text as imported
    std::string originalFileName;                       // e.g. "frf_run3.csv" (no folder needed)
    std::string importedUtc;                            // set by Workspace::addDataset
};

// A dataset without its content, for lists.
struct DatasetSummary {
    std::string id;
    nlohmann::json metadata = nlohmann::json::object();
    std::string originalFileName;
    std::string importedUtc;
    std::size_t contentBytes = 0;
};

// The saved profile version a run used, when it used one.
struct ProfileRef {
    std::string name;
    int version = 0;
};

// One analysis run: enough to repeat it (full input, seed) and to list it (summary).
struct RunRecord {
    long long id = 0;                   // set by Workspace::recordRun, increasing
    std::string tool;                   // tool id (docs/architecture.md) ("modal", "simulate", ...)
    nlohmann::json input;               // every effective input, defaults included
    std::optional<std::uint64_t> seed;  // empty for deterministic tools
    nlohmann::json summary;             // a few headline numbers of the result
    std::optional<ProfileRef> profile;  // must name an existing saved version if set
    std::string appVersion;             // set by Workspace::recordRun (dtop::kVersion)
    std::string createdUtc;             // set by Workspace::recordRun
};

} // namespace dtop::io
