// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/parameter_scatter.h"

#include <algorithm>
#include <cmath>

namespace dtop::uq {

Distribution ParameterScatter::distribution(double mean) const {
    if (!isActive())
        return Distribution::fixed(mean);
    const double sd = relative ? std::abs(mean) * spread : spread;
    if (sd == 0.0)
        return Distribution::fixed(mean);
    Distribution d{kind, mean, sd, 0.0, 0.0};
    if (kind == DistributionKind::TruncatedNormal) {
        d.lower = std::max(mean - truncationSds * sd, 1e-6 * std::abs(mean));
        d.upper = mean + truncationSds * sd;
    }
    return d;
}

InputIssues ParameterScatter::validate(const std::string& name, const std::string& unit) const {
    InputIssues issues;
    if (kind != DistributionKind::Normal && kind != DistributionKind::TruncatedNormal &&
        kind != DistributionKind::LogNormal)
        issues.push_back({name + "_distribution",
                          name +
                              " scatter distribution must be normal, truncated-normal or "
                              "lognormal, got " +
                              distributionKindName(kind)});
    if (!std::isfinite(spread) || spread < 0.0)
        issues.push_back(
            {name + "_spread",
             relative ? name + " coefficient of variation must be >= 0, got " + formatValue(spread)
                      : name + " standard deviation must be >= 0 " + unit + ", got " +
                            formatValue(spread)});
    if (kind == DistributionKind::TruncatedNormal &&
        (!std::isfinite(truncationSds) || !(truncationSds > 0.0)))
        issues.push_back(
            {name + "_truncation", name + " truncation must be > 0 standard deviations, got " +
                                       formatValue(truncationSds)});
    return issues;
}

} // namespace dtop::uq
