// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crossval/interlab.h"

#include <string>
#include <vector>

namespace dtop::crossval {

// The prototype's four cross-validation pages as plot data (docs/tools/crossval.md): every
// curve on its own frequency axis (floor 2 of the Swansea and "Sheffield" models included),
// each model read from its own file (the prototype showed the Southampton model as Bristol's),
// magnitudes in dB labelled with their documented quantity instead of "Acc" for all.

struct ViewTrace {
    std::string name; // legend: "floor 2 (mobility)", "swansea-exp-db floor 1", ...
    std::string datasetId;
    int floor = 1;
    bool measured = true;
    bool markers = false; // the prototype drew the models as markers on the comparison page
    std::vector<double> frequencyHz;
    std::vector<double> magnitudeDb;
};

struct ViewPanel {
    std::string title; // "Prototype 1 (Swansea)"
    std::vector<ViewTrace> traces;
    std::string note; // e.g. why the panel is empty, or "floor 2 on its own frequency axis"
};

struct PrototypeView {
    std::string id;    // "experimental", "numerical", "experimental-vs-numerical", "inter-lab"
    std::string title; // "Experimental data", ...
    std::vector<ViewPanel> panels; // one per rig (2×2 in the prototype); one for "inter-lab"
};

// The four views from an inter-lab result (the compared floor is result.floor; the prototype
// used floor 1). The inter-lab panel's note gives the spread table in words; the plot draws
// result.spread as mean ± range bands.
std::vector<PrototypeView> prototypeViews(const InterlabResult& result);

} // namespace dtop::crossval
