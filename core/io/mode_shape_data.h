// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

#include <array>
#include <complex>
#include <vector>

namespace dtop::io {

// Mode shapes of the storeys, identified in a lab or computed from a model: what a Universal
// File Format dataset 55 holds (docs/tools/profiles.md, "Mode shapes"). Node k is floor k, as
// DTOP's own UFF export writes them (data::shearBuildingNodes); other labels are kept as they
// are and match no floor.
struct ModeShapeData {
    std::vector<int> nodes;            // node labels, rows of `shapes`
    std::vector<int> modeNumbers;      // 1-based, as the source numbers them
    std::vector<double> frequenciesHz; // natural frequencies
    std::vector<double> dampingRatios; // viscous ratios ζ; NaN where the source gives none
    std::vector<double> modalMasses;   // normal modes (1 for mass-normalised shapes); NaN if none
    Eigen::MatrixXcd shapes;           // nodes × modes: the sway component
    bool complex = false;              // from a complex-eigenvalue analysis
    int direction = 2;                 // UFF direction of the sway component: 1 X, 2 Y, 3 Z
    // Node positions [m] (x, y, z) from datasets 15/2411, one per node; empty when the source
    // has none.
    std::vector<std::array<double, 3>> coordinatesM;

    std::size_t modes() const { return frequenciesHz.size(); }
    // Equal values bit for bit (NaN equals NaN), so a stored set can be compared with its source.
    bool operator==(const ModeShapeData& other) const;
};

} // namespace dtop::io
