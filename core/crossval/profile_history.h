// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "io/workspace_records.h"

#include <cstddef>
#include <string>
#include <vector>

namespace dtop::crossval {

// The twin's history for the `profiles` tool (docs/tools/profiles.md): the saved versions of
// one profile as a timeline with their provenance and modal frequencies.

// Where a version came from.
enum class ProvenanceKind {
    Preset,         // a built-in preset saved as it is
    Edited,         // created or changed by hand (the default)
    Identified,     // produced by identification from a dataset
    FeCondensation, // condensed from the finite-element model
    Imported,       // read from a file
};
const char* provenanceKindName(ProvenanceKind kind); // "preset", "edited", "identified",
                                                     // "fe-condensation", "imported"
// Until versions record their kind explicitly, it is read from the version note (or, when the
// note is empty, the profile's provenance text, which edits inherit) by keyword
// (case-insensitive): "import" → Imported,
// "identif" → Identified, "condens"/"finite-element"/"finite element" → FeCondensation,
// "preset"/"built-in" → Preset, otherwise Edited.
ProvenanceKind classifyProvenance(const std::string& note, const std::string& provenance);

struct HistoryEntry {
    int version = 0;
    std::string createdUtc;
    std::string appVersion;
    std::string note;
    ProvenanceKind provenance = ProvenanceKind::Edited;
    std::vector<double> frequenciesHz; // underdamped modes, |λ|/2π ascending; empty if invalid
    std::vector<double> dampingRatios;
    std::size_t changedParameters = 0; // against the previous version (0 for the first)
};

struct ProfileHistory {
    std::string name;
    std::vector<HistoryEntry> versions; // ascending version
    // The evolution plot: modeFrequenciesHz[r][v] is mode r + 1 at versions[v] (NaN when that
    // version has fewer modes).
    std::vector<std::vector<double>> modeFrequenciesHz;
};

inline constexpr std::size_t kMaxHistoryVersions = 100'000;

// Sorts by version; every version gets its exact modes and its parameter changes against the
// previous one. Throws std::invalid_argument for more than kMaxHistoryVersions versions or
// versions of different names.
ProfileHistory summariseHistory(const std::vector<io::ProfileVersion>& versions,
                                Progress& progress = Progress::none());

} // namespace dtop::crossval
