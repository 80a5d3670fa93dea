// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "common/progress.h"
#include "crossval/peak_picking.h"
#include "io/dataset.h"
#include "io/dataset_catalogue.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace dtop::crossval {

// The inter-lab view of the `crossval` tool (docs/tools/crossval.md): the FRFs of nominally
// identical rigs side by side, with the spread of their natural frequencies. It also feeds the
// prototype's four pages (prototype_views.h).

struct InterlabRig {
    std::string rig;   // "swansea", "southampton", "sheffield", "bristol"
    int prototype = 0; // the prototype's numbering: 1 Swansea, 2 Southampton, 3 Sheffield,
                       // 4 Bristol; 0 for another rig
    std::optional<io::Dataset> measured; // an FRF dataset of the rig
    std::optional<io::Dataset> model;    // an FRF dataset of its numerical model
    std::string missingNote;             // why a record is absent
};

struct InterlabInput {
    std::vector<InterlabRig> rigs;
    int floor = 1;         // the response floor overlaid in the inter-lab view
    double bandLoHz = 2.0; // natural frequencies are picked in this band
    double bandHiHz = 40.0;
    double maxFrequencyHz = 45.0; // curves are cut here (the prototype showed 0–41 Hz)
    std::size_t modes = 3;        // peaks per curve (the most prominent)
    PeakPickingOptions peakPicking;
    bool includeModels = false; // spread over the models' peaks too, not only the measurements

    InputIssues validate() const;
};

// One floor of one record, on its own frequency axis.
struct InterlabCurve {
    std::string datasetId;
    std::string title;
    int floor = 1;
    std::vector<double> frequencyHz;
    std::vector<double> magnitudeDb; // 20·log10|H| (the source's own dB values when it gave dB)
    std::string quantity;            // "accelerance", ..., "unknown"
    bool ownAxis = false;            // the axis differs from the record's first floor
    bool suspect = false;
    std::vector<double> peaksHz; // findPeaks in the band, parabolic interpolation
};

struct InterlabRigResult {
    std::string rig;
    int prototype = 0;
    std::vector<InterlabCurve> measured; // every floor of the measured record, ascending
    std::vector<InterlabCurve> model;
    std::string missingNote;
};

// Natural frequency r over the records of the spread.
struct ModeSpread {
    int mode = 1;
    std::vector<double> perSourceHz; // one per InterlabResult::spreadSources; NaN if not found
    std::size_t count = 0;           // sources that have it
    double meanHz = 0.0;
    double minHz = 0.0;
    double maxHz = 0.0;
    double rangeHz = 0.0;  // max − min
    double rangePct = 0.0; // 100·range/mean
};

struct InterlabResult {
    int floor = 1;
    double bandLoHz = 0.0;
    double bandHiHz = 0.0;
    std::vector<InterlabRigResult> rigs;    // input order
    std::vector<std::string> spreadSources; // dataset ids whose `floor` peaks make the spread
    std::vector<ModeSpread> spread;         // one per mode
    std::vector<std::string> notes;
};

InterlabResult runInterlab(const InterlabInput& input, Progress& progress = Progress::none());

// The rigs and files of the prototype's cross-validation pages, read from the catalogue: 1
// Swansea (swansea-exp-db, swansea-num-db), 2 Southampton (southampton-exp-db,
// southampton-num-db), 3 Sheffield (no measurement; sheffield-num-db, suspect), 4 Bristol (no
// measurement; bristol-num-db — the prototype read the Southampton model here). A
// record that cannot be read is left out with its reason in `problems` and missingNote.
InterlabInput prototypeInterlabInput(const io::Catalogue& catalogue,
                                     std::vector<std::string>* problems = nullptr);

} // namespace dtop::crossval
