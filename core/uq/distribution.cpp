// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/distribution.h"

#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>

namespace dtop::uq {

const char* distributionKindName(DistributionKind kind)
{
    switch (kind) {
    case DistributionKind::Uniform:
        return "uniform";
    case DistributionKind::Normal:
        return "normal";
    case DistributionKind::TruncatedNormal:
        return "truncated-normal";
    case DistributionKind::LogNormal:
        return "lognormal";
    case DistributionKind::Fixed:
        break;
    }
    return "fixed";
}

bool parseDistributionKind(const std::string& text, DistributionKind& kind)
{
    for (auto k : {DistributionKind::Fixed, DistributionKind::Uniform, DistributionKind::Normal,
                   DistributionKind::TruncatedNormal, DistributionKind::LogNormal})
        if (text == distributionKindName(k)) {
            kind = k;
            return true;
        }
    return false;
}

Distribution Distribution::normalCv(double mean, double cv)
{
    return {DistributionKind::Normal, mean, std::abs(mean) * cv, 0.0, 0.0};
}

Distribution Distribution::logNormalCv(double mean, double cv)
{
    return {DistributionKind::LogNormal, mean, std::abs(mean) * cv, 0.0, 0.0};
}

double Distribution::quantile(double u) const
{
    // Keep u strictly inside (0, 1) so the tails stay finite.
    u = std::clamp(u, 1e-300, 1.0 - 1e-16);
    switch (kind) {
    case DistributionKind::Fixed:
        return mean;
    case DistributionKind::Uniform:
        return lower + u * (upper - lower);
    case DistributionKind::Normal:
        if (sd == 0.0)
            return mean;
        return boost::math::quantile(boost::math::normal(mean, sd), u);
    case DistributionKind::TruncatedNormal: {
        if (sd == 0.0)
            return std::clamp(mean, lower, upper);
        const boost::math::normal n(mean, sd);
        const double a = boost::math::cdf(n, lower);
        const double b = boost::math::cdf(n, upper);
        const double p = std::clamp(a + u * (b - a), 1e-300, 1.0 - 1e-16);
        return std::clamp(boost::math::quantile(n, p), lower, upper);
    }
    case DistributionKind::LogNormal: {
        if (sd == 0.0)
            return mean;
        // Parameters of ln X from the mean and sd of X.
        const double s2 = std::log1p((sd / mean) * (sd / mean));
        const double mu = std::log(mean) - 0.5 * s2;
        return boost::math::quantile(boost::math::lognormal(mu, std::sqrt(s2)), u);
    }
    }
    return mean;
}

InputIssues Distribution::validate(const std::string& name, const std::string& unit) const
{
    InputIssues issues;
    const std::string u = unit.empty() ? "" : " " + unit;
    auto bad = [&](const std::string& what) { issues.push_back({name, name + ": " + what}); };
    if (!std::isfinite(mean))
        bad("mean must be a finite number, got " + formatValue(mean));
    switch (kind) {
    case DistributionKind::Fixed:
        break;
    case DistributionKind::Uniform:
        if (!std::isfinite(lower) || !std::isfinite(upper) || !(lower <= upper))
            bad("uniform bounds must be finite with lower <= upper, got [" + formatValue(lower) +
                ", " + formatValue(upper) + "]" + u);
        break;
    case DistributionKind::TruncatedNormal:
        if (!std::isfinite(lower) || !std::isfinite(upper) || !(lower < upper))
            bad("truncation bounds must be finite with lower < upper, got [" +
                formatValue(lower) + ", " + formatValue(upper) + "]" + u);
        [[fallthrough]];
    case DistributionKind::Normal:
        if (!std::isfinite(sd) || sd < 0.0)
            bad("standard deviation must be >= 0" + u + ", got " + formatValue(sd));
        break;
    case DistributionKind::LogNormal:
        if (!(mean > 0.0))
            bad("a lognormal parameter needs a mean > 0" + u + ", got " + formatValue(mean));
        if (!std::isfinite(sd) || sd < 0.0)
            bad("standard deviation must be >= 0" + u + ", got " + formatValue(sd));
        break;
    }
    return issues;
}

} // namespace dtop::uq
