// SPDX-License-Identifier: GPL-3.0-or-later
#include "fe/mode_comparison.h"

#include <cmath>
#include <limits>

namespace dtop::fe {

double modalAssuranceCriterion(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size() || a.empty())
        return std::numeric_limits<double>::quiet_NaN();
    double ab = 0.0, aa = 0.0, bb = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ab += a[i] * b[i];
        aa += a[i] * a[i];
        bb += b[i] * b[i];
    }
    if (!(aa > 0.0) || !(bb > 0.0))
        return std::numeric_limits<double>::quiet_NaN();
    return ab * ab / (aa * bb);
}

ModeComparison compareSwayModes(const FrameModes& modes, const std::vector<double>& measuredHz,
                                const std::vector<std::vector<double>>& measuredShapes) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto sway = modes.ofKind(ModeKind::SwayWeak);
    ModeComparison c;
    c.measuredHz = measuredHz;
    double sum = 0.0;
    std::size_t counted = 0;
    for (std::size_t i = 0; i < measuredHz.size(); ++i) {
        const double model = i < sway.size() ? sway[i]->frequencyHz : nan;
        c.modelHz.push_back(model);
        const double error = 100.0 * (model - measuredHz[i]) / measuredHz[i];
        c.errorsPct.push_back(error);
        if (std::isfinite(error)) {
            sum += error * error;
            ++counted;
        }
        c.mac.push_back(i < sway.size() && i < measuredShapes.size()
                            ? modalAssuranceCriterion(measuredShapes[i], sway[i]->floorShape)
                            : nan);
    }
    c.rmsErrorPct = counted ? std::sqrt(sum / static_cast<double>(counted)) : nan;
    if (!measuredShapes.empty()) {
        c.macMatrix.resize(static_cast<Eigen::Index>(measuredShapes.size()),
                           static_cast<Eigen::Index>(sway.size()));
        for (std::size_t i = 0; i < measuredShapes.size(); ++i)
            for (std::size_t j = 0; j < sway.size(); ++j)
                c.macMatrix(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
                    modalAssuranceCriterion(measuredShapes[i], sway[j]->floorShape);
    }
    return c;
}

} // namespace dtop::fe
