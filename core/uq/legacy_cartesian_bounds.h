// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "dynamics/frf_quantity.h"
#include "uq/chain_model.h"
#include "uq/parameter_box.h"

#include <cstddef>
#include <vector>

namespace dtop::uq {

// Lower and upper |H_d| of one floor along the frequency axis.
struct FloorBounds {
    std::vector<double> lower;
    std::vector<double> upper;
};

inline constexpr std::size_t kLegacyCartesianSteps = 30;

// The prototype's "Cartesian" bounds (docs/tools/uncertainty.md), kept so users can compare:
// at every ω the masses move together along the box diagonal (30 values), so do the
// stiffnesses (30 values), and the dampers are all-low or all-high; lower/upper are the min/max
// of |H_d| over these 1800 structures. A 2-D slice of the box: an inner approximation only.
std::vector<FloorBounds> legacyCartesianBounds(const ChainModel& model, const ParameterBox& box,
                                               std::size_t inputFloor,
                                               const std::vector<double>& omegas,
                                               dynamics::FrfQuantity quantity,
                                               Progress& progress);

} // namespace dtop::uq
