// SPDX-License-Identifier: GPL-3.0-or-later
#include "fe/measured_sway.h"

#include "crossval/peak_picking.h"
#include "dynamics/modal_analysis.h"
#include "dynamics/shear_building.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <stdexcept>

namespace dtop::fe {

MeasuredSway measuredSwayFromDataset(const io::Dataset& dataset, int storeys,
                                     double maxFrequencyHz)
{
    const std::string& id = dataset.info.id;
    if (!dataset.isFrf())
        throw std::invalid_argument("dataset '" + id + "' is " +
                                    (dataset.isTimeHistory() ? "a time history" : "mode shapes") +
                                    "; the measured modes need an FRF dataset");
    if (storeys < 1)
        throw std::invalid_argument("measured modes need at least one storey");
    const io::FrfData& frf = dataset.frf();
    crossval::ModeSearch search;
    search.bandLoHz = 0.5;
    search.bandHiHz = maxFrequencyHz;
    search.maxModes = static_cast<std::size_t>(storeys);
    search.quantity = dataset.info.quantity.value_or(dynamics::FrfQuantity::Accelerance);
    search.inputFloor = std::max(1, dataset.info.excitationFloor);
    const crossval::PeakPickingEstimator estimator;
    const crossval::ModeEstimate modes = estimator.estimate(frf, search, Progress::none());
    if (modes.size() == 0)
        throw std::invalid_argument("dataset '" + id + "' has no resonance peak between 0.5 and " +
                                    formatValue(maxFrequencyHz) + " Hz");

    MeasuredSway out;
    out.dataset = id;
    out.method = modes.method;
    out.frequenciesHz = modes.frequenciesHz;
    bool everyFloor =
        modes.shapesHavePhase && modes.floors.size() == static_cast<std::size_t>(storeys);
    for (int floor = 1; floor <= storeys; ++floor)
        everyFloor = everyFloor &&
                     std::count(modes.floors.begin(), modes.floors.end(), floor) == 1;
    if (!everyFloor)
        return out;
    for (Eigen::Index r = 0; r < modes.shapes.cols(); ++r) {
        Eigen::Index ref = 0;
        modes.shapes.col(r).cwiseAbs().maxCoeff(&ref);
        const std::complex<double> h0 = modes.shapes(ref, r);
        std::vector<double> shape(static_cast<std::size_t>(storeys), 0.0);
        for (std::size_t d = 0; d < modes.floors.size(); ++d) {
            const std::complex<double> h = modes.shapes(static_cast<Eigen::Index>(d), r);
            const double sign = std::abs(h0) > 0.0 && (h / h0).real() < 0.0 ? -1.0 : 1.0;
            shape[static_cast<std::size_t>(modes.floors[d] - 1)] = sign * std::abs(h);
        }
        out.shapes.push_back(std::move(shape));
    }
    return out;
}

MeasuredSway measuredSwayFromProfile(const model::Profile& profile, const std::string& label,
                                     int storeys, double maxFrequencyHz)
{
    if (static_cast<int>(profile.storeys()) != storeys)
        throw std::invalid_argument("profile '" + label + "' has " +
                                    std::to_string(profile.storeys()) + " storeys, the frame " +
                                    std::to_string(storeys));
    const dynamics::UndampedModes modes = dynamics::undampedModes(dynamics::ShearBuilding(profile));
    MeasuredSway out;
    out.dataset = label;
    out.method = "undamped modes of the profile";
    const std::vector<double> hz = modes.frequenciesHz();
    for (std::size_t r = 0; r < hz.size() && hz[r] <= maxFrequencyHz; ++r) {
        out.frequenciesHz.push_back(hz[r]);
        const auto column = modes.shapes.col(static_cast<Eigen::Index>(r));
        out.shapes.emplace_back(column.data(), column.data() + column.size());
    }
    if (out.frequenciesHz.empty())
        throw std::invalid_argument("profile '" + label + "' has no mode below " +
                                    formatValue(maxFrequencyHz) + " Hz");
    return out;
}

} // namespace dtop::fe
