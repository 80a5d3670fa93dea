// SPDX-License-Identifier: GPL-3.0-or-later
#include "uq/parameter_box.h"

#include "uq/distribution.h"

#include <boost/math/distributions/lognormal.hpp>

#include <algorithm>
#include <cmath>

namespace dtop::uq {

const char* spreadShapeName(SpreadShape shape)
{
    switch (shape) {
    case SpreadShape::Normal:
        return "normal";
    case SpreadShape::LogNormal:
        return "lognormal";
    case SpreadShape::Uniform:
        break;
    }
    return "uniform";
}

bool parseSpreadShape(const std::string& text, SpreadShape& shape)
{
    for (auto s : {SpreadShape::Uniform, SpreadShape::Normal, SpreadShape::LogNormal})
        if (text == spreadShapeName(s)) {
            shape = s;
            return true;
        }
    return false;
}

std::vector<std::size_t> ParameterBox::uncertainIndices() const
{
    std::vector<std::size_t> indices;
    for (std::size_t i = 0; i < size(); ++i)
        if (upper[i] > lower[i])
            indices.push_back(i);
    return indices;
}

void ParameterBox::fromUnit(const double* t, double* p) const
{
    for (std::size_t i = 0; i < size(); ++i)
        p[i] = t[i] >= 1.0 ? upper[i] : lower[i] + t[i] * (upper[i] - lower[i]);
}

ParameterBox ParameterBox::build(const std::vector<double>& nominal, std::size_t storeys,
                                 const std::vector<ParameterSpread>& spreads, double scale,
                                 double sdsPerHalfWidth, InputIssues& issues)
{
    ParameterBox box;
    box.sdsPerHalfWidth = sdsPerHalfWidth;
    const std::size_t count = nominal.size();
    if (spreads.size() != count) {
        issues.push_back({"parameters", "the uncertainty needs one spread per parameter (3 × " +
                                            std::to_string(storeys) + " = " +
                                            std::to_string(count) + "), got " +
                                            std::to_string(spreads.size())});
        return box;
    }
    if (!std::isfinite(scale) || scale < 0.0)
        issues.push_back({"scale", "scale-all factor must be a finite number >= 0, got " +
                                       formatValue(scale)});
    if (!std::isfinite(sdsPerHalfWidth) || !(sdsPerHalfWidth > 0.0))
        issues.push_back({"sds_per_half_width", "standard deviations per half-width must be > 0, "
                                                "got " + formatValue(sdsPerHalfWidth)});
    for (std::size_t i = 0; i < count; ++i) {
        const std::string name = parameterName(i, storeys);
        const ParameterKind kind = parameterKind(i, storeys);
        const std::string unit = parameterUnit(kind);
        const ParameterSpread& s = spreads[i];
        const double x = nominal[i];
        double lo = x;
        double hi = x;
        if (s.form == ParameterSpread::Form::RelativePercent) {
            if (!std::isfinite(s.percent) || s.percent < 0.0) {
                issues.push_back({name, "spread of " + name + " must be a finite percentage >= 0, "
                                        "got " + formatValue(s.percent)});
                continue;
            }
            const double half = std::abs(x) * s.percent / 100.0 * scale;
            lo = x - half;
            hi = x + half;
        } else {
            if (!std::isfinite(s.lower) || !std::isfinite(s.upper) || !(s.lower <= x) ||
                !(x <= s.upper)) {
                issues.push_back({name, "interval of " + name + " must be finite and contain its "
                                        "profile value " + formatValue(x) + " " + unit + ", got [" +
                                        formatValue(s.lower) + ", " + formatValue(s.upper) + "]"});
                continue;
            }
            lo = x - (x - s.lower) * scale;
            hi = x + (s.upper - x) * scale;
        }
        if (std::isfinite(scale) && scale >= 0.0) {
            if (kind != ParameterKind::Damping && !(lo > 0.0))
                issues.push_back({name, "lower end of " + name + " must be > 0 " + unit +
                                            ", got " + formatValue(lo)});
            if (kind == ParameterKind::Damping && !(lo >= 0.0))
                issues.push_back({name, "lower end of " + name + " must be >= 0 " + unit +
                                            ", got " + formatValue(lo)});
        }
        box.names.push_back(name);
        box.units.push_back(unit);
        box.nominal.push_back(x);
        box.lower.push_back(lo);
        box.upper.push_back(hi);
        box.shapes.push_back(s.shape);
    }
    return box;
}

namespace {
// Lognormal with mean `mean` and sd `sd`, truncated to [lo, hi], at probability u.
double truncatedLogNormalQuantile(double mean, double sd, double lo, double hi, double u)
{
    const double s2 = std::log1p((sd / mean) * (sd / mean));
    const boost::math::lognormal d(std::log(mean) - 0.5 * s2, std::sqrt(s2));
    const double a = boost::math::cdf(d, lo);
    const double b = boost::math::cdf(d, hi);
    const double q = std::clamp(a + u * (b - a), 1e-300, 1.0 - 1e-16);
    return std::clamp(boost::math::quantile(d, q), lo, hi);
}
} // namespace

Eigen::MatrixXd ParameterBox::sample(std::size_t n, SamplingMethod method,
                                     std::uint64_t seed) const
{
    Eigen::MatrixXd x = uniformSamples(n, size(), method, seed);
    for (std::size_t j = 0; j < size(); ++j) {
        const auto col = static_cast<Eigen::Index>(j);
        const double lo = lower[j];
        const double hi = upper[j];
        const double sd = 0.5 * (hi - lo) / sdsPerHalfWidth;
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            const double u = x(i, col);
            double v = lo + u * (hi - lo);
            if (hi > lo && shapes[j] == SpreadShape::Normal)
                v = Distribution{DistributionKind::TruncatedNormal, nominal[j], sd, lo, hi}
                        .quantile(u);
            else if (hi > lo && shapes[j] == SpreadShape::LogNormal)
                v = truncatedLogNormalQuantile(nominal[j], sd, lo, hi, u);
            x(i, col) = hi > lo ? std::clamp(v, lo, hi) : lo;
        }
    }
    return x;
}

} // namespace dtop::uq
