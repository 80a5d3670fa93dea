// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "dynamics/frf_quantity.h"
#include "io/dataset.h"
#include "model/profile.h"

#include <Eigen/Dense>

#include <cstddef>
#include <string>
#include <vector>

namespace dtop::crossval {

// Modes of one side of a comparison, restricted to the compared floors and the band.
struct ModeEstimate {
    std::string method;                // how they were obtained, shown with the results
    std::vector<int> floors;           // 1-based response floors = rows of `shapes`
    std::vector<double> frequenciesHz; // ascending
    std::vector<double> dampingRatios; // viscous ratio ζ; NaN where not estimated
    Eigen::MatrixXcd shapes;           // floors × modes, largest entry of each column = 1
    bool shapesHavePhase = true;       // false: |φ| only (magnitude-only FRFs)

    std::size_t size() const { return frequenciesHz.size(); }
};

// What a mode estimator is asked for.
struct ModeSearch {
    double bandLoHz = 0.0;
    double bandHiHz = 0.0;
    std::size_t maxModes = 3; // at most this many modes (the most prominent ones)
    dynamics::FrfQuantity quantity = dynamics::FrfQuantity::Accelerance; // of the data given
    int inputFloor = 1;
};

// Estimates modes from measured FRFs. The identification tool's core plugs in here; until
// then PeakPickingEstimator (peak_picking.h) is used. Implementations must be thread-safe
// (const) and call progress.report()/checkCancelled() in long loops.
class DatasetModeEstimator {
public:
    virtual ~DatasetModeEstimator() = default;
    // Short label shown with the results, e.g. "peak picking with parabolic interpolation".
    virtual std::string method() const = 0;
    // `frf` holds the compared floors only, already in search.quantity, on their own axes.
    virtual ModeEstimate estimate(const io::FrfData& frf, const ModeSearch& search,
                                  Progress& progress) const = 0;
};

// The exact modes of a profile's linear part from the state-space eigenvalues
// (dynamics::dampedModes): natural frequency |λ|/2π, ζ = −Re λ/|λ|, complex shapes restricted
// to `floors`. Only underdamped modes with a natural frequency in [bandLoHz, bandHiHz].
// Throws std::invalid_argument for an invalid profile or a floor outside 1..storeys.
ModeEstimate profileModes(const model::Profile& profile, const std::vector<int>& floors,
                          double bandLoHz, double bandHiHz);

// The modes of a mode-shape dataset (e.g. a lab's identified modes from UFF dataset 55) with a
// natural frequency in [bandLoHz, bandHiHz], ascending, their shapes restricted to `floors`:
// node k is floor k (docs/tools/crossval.md, "Mode-shape datasets"). Throws
// std::invalid_argument for a floor without a node.
ModeEstimate storedModes(const io::ModeShapeData& modes, const std::vector<int>& floors,
                         double bandLoHz, double bandHiHz);

// The floors a mode-shape dataset answers for: its node labels within 1..model::kMaxStoreys,
// ascending.
std::vector<int> modeShapeFloors(const io::ModeShapeData& modes);

// Scales each column so that its entry of largest magnitude is exactly 1 (real).
void normaliseShapes(Eigen::MatrixXcd& shapes);

} // namespace dtop::crossval
