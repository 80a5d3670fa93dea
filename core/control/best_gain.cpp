// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/best_gain.h"

#include <Eigen/Eigenvalues>
#include <boost/math/tools/minima.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace dtop::control {

namespace {
constexpr int kScanPoints = 48;
} // namespace

BestGain bestStableGain(const ControlDesign& design, std::optional<double> criticalGain,
                        double uncontrolledBandIntegral, const FrequencyBand& band,
                        Progress& progress)
{
    if (!design.hasLoop)
        throw std::invalid_argument("bestStableGain: the design has no feedback loop");
    const std::vector<double> omegas = band.omegas();
    BestGain best;
    auto integral = [&](double h) {
        progress.checkCancelled();
        ++best.evaluations;
        const StateResponse r(design.loop.closedLoop(h), design.bPrimary, design.cVelocity);
        return trapezoid(omegas, r.kineticEnergy(omegas, design.keMasses));
    };
    // Work in u = ln h (log-spaced for an open range) or h/h_c (linear below a critical gain).
    std::vector<double> gains;
    if (criticalGain) {
        for (int k = 1; k <= kScanPoints; ++k)
            gains.push_back(*criticalGain * static_cast<double>(k) / (kScanPoints + 1));
        best.upperLimit = *criticalGain;
        best.criterion = "largest band KE reduction for 0 < h < critical gain";
    } else {
        double peak = 0.0;
        const Eigen::EigenSolver<Eigen::MatrixXd> eig(design.loop.a, false);
        for (Eigen::Index k = 0; k < eig.eigenvalues().size(); ++k)
            if (const double v = std::abs(design.loop.response(std::abs(eig.eigenvalues()[k])));
                std::isfinite(v))
                peak = std::max(peak, v);
        const double scale = peak > 0.0 ? 1.0 / peak : 1.0;
        for (int k = 0; k < kScanPoints; ++k)
            gains.push_back(scale * std::pow(10.0, -4.0 + 8.0 * k / (kScanPoints - 1)));
        best.upperLimit = gains.back();
        best.criterion = "largest band KE reduction over h > 0 (no finite gain destabilises)";
    }
    std::vector<double> values;
    for (std::size_t k = 0; k < gains.size(); ++k) {
        progress.report(static_cast<double>(k) / gains.size(), "best stable gain");
        values.push_back(integral(gains[k]));
    }
    const auto k = static_cast<std::size_t>(std::min_element(values.begin(), values.end()) -
                                            values.begin());
    if (!criticalGain && k + 1 == gains.size()) {
        best.atSearchLimit = true;
        best.gain = gains.back();
        best.keBandIntegral = values.back();
        best.keReductionDb = -10.0 * std::log10(values.back() / uncontrolledBandIntegral);
        best.criterion += "; still improving at the top of the range (no finite optimum)";
        return best;
    }
    const double lo = k == 0 ? (criticalGain ? 0.0 : gains[0] / 10.0) : gains[k - 1];
    const double hi = k + 1 == gains.size() ? *criticalGain : gains[k + 1];
    double h = gains[k], value = values[k];
    if (criticalGain) {
        const auto [x, v] = boost::math::tools::brent_find_minima(
            integral, std::max(lo, 1e-9 * *criticalGain), std::min(hi, *criticalGain * (1 - 1e-9)),
            std::numeric_limits<double>::digits / 2);
        if (v < value) {
            h = x;
            value = v;
        }
    } else {
        auto logIntegral = [&](double u) { return integral(std::exp(u)); };
        const auto [x, v] = boost::math::tools::brent_find_minima(
            logIntegral, std::log(lo), std::log(hi), std::numeric_limits<double>::digits / 2);
        if (v < value) {
            h = std::exp(x);
            value = v;
        }
    }
    best.gain = h;
    best.keBandIntegral = value;
    best.keReductionDb = -10.0 * std::log10(value / uncontrolledBandIntegral);
    return best;
}

} // namespace dtop::control
