// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossval/mode_estimate.h"

#include "dynamics/modal_analysis.h"
#include "dynamics/shear_building.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace dtop::crossval {

void normaliseShapes(Eigen::MatrixXcd& shapes)
{
    for (Eigen::Index c = 0; c < shapes.cols(); ++c) {
        Eigen::Index best = 0;
        double largest = -1.0;
        for (Eigen::Index r = 0; r < shapes.rows(); ++r) {
            const double a = std::abs(shapes(r, c));
            if (a > largest) {
                largest = a;
                best = r;
            }
        }
        if (largest > 0.0) {
            const std::complex<double> pivot = shapes(best, c);
            shapes.col(c) /= pivot;
            shapes(best, c) = 1.0;
        }
    }
}

ModeEstimate profileModes(const model::Profile& profile, const std::vector<int>& floors,
                          double bandLoHz, double bandHiHz)
{
    const dynamics::ShearBuilding building(profile); // throws on an invalid profile
    const int n = static_cast<int>(building.dofs());
    for (int f : floors)
        if (f < 1 || f > n)
            throw std::invalid_argument("profile '" + profile.name + "' has no floor " +
                                        std::to_string(f) + " (it has " + std::to_string(n) + ")");
    const dynamics::DampedModes damped = dynamics::dampedModes(building);
    ModeEstimate out;
    out.method = "exact (state-space eigenvalues of the profile)";
    out.floors = floors;
    out.shapesHavePhase = true;
    std::vector<Eigen::Index> keep;
    for (std::size_t r = 0; r < damped.eigenvalues.size(); ++r) {
        if (!(damped.eigenvalues[r].imag() > 0.0))
            continue; // overdamped: not a vibration mode
        const double f = damped.naturalFrequenciesHz[r];
        if (f < bandLoHz || f > bandHiHz)
            continue;
        keep.push_back(static_cast<Eigen::Index>(r));
        out.frequenciesHz.push_back(f);
        out.dampingRatios.push_back(damped.dampingRatios[r]);
    }
    out.shapes.resize(static_cast<Eigen::Index>(floors.size()),
                      static_cast<Eigen::Index>(keep.size()));
    for (std::size_t c = 0; c < keep.size(); ++c)
        for (std::size_t i = 0; i < floors.size(); ++i)
            out.shapes(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) =
                damped.shapes(floors[i] - 1, keep[c]);
    normaliseShapes(out.shapes);
    return out;
}

std::vector<int> modeShapeFloors(const io::ModeShapeData& modes)
{
    std::vector<int> floors;
    for (int node : modes.nodes)
        if (node >= 1 && node <= static_cast<int>(model::kMaxStoreys))
            floors.push_back(node);
    std::sort(floors.begin(), floors.end());
    floors.erase(std::unique(floors.begin(), floors.end()), floors.end());
    return floors;
}

ModeEstimate storedModes(const io::ModeShapeData& modes, const std::vector<int>& floors,
                         double bandLoHz, double bandHiHz)
{
    std::vector<Eigen::Index> rows;
    for (int f : floors) {
        const auto it = std::find(modes.nodes.begin(), modes.nodes.end(), f);
        if (it == modes.nodes.end())
            throw std::invalid_argument("the mode shapes have no node " + std::to_string(f) +
                                        " (floor " + std::to_string(f) + ")");
        rows.push_back(static_cast<Eigen::Index>(it - modes.nodes.begin()));
    }
    std::vector<std::size_t> order(modes.modes());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return modes.frequenciesHz[a] < modes.frequenciesHz[b];
    });
    ModeEstimate out;
    out.method = std::string("stored mode shapes (") + (modes.complex ? "complex" : "real") + ")";
    out.floors = floors;
    out.shapesHavePhase = true; // real shapes carry their sign
    std::vector<Eigen::Index> keep;
    for (std::size_t r : order) {
        const double f = modes.frequenciesHz[r];
        if (f < bandLoHz || f > bandHiHz)
            continue;
        keep.push_back(static_cast<Eigen::Index>(r));
        out.frequenciesHz.push_back(f);
        out.dampingRatios.push_back(modes.dampingRatios[r]);
    }
    out.shapes.resize(static_cast<Eigen::Index>(rows.size()),
                      static_cast<Eigen::Index>(keep.size()));
    for (std::size_t c = 0; c < keep.size(); ++c)
        for (std::size_t i = 0; i < rows.size(); ++i)
            out.shapes(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) =
                modes.shapes(rows[i], keep[c]);
    normaliseShapes(out.shapes);
    return out;
}

} // namespace dtop::crossval
