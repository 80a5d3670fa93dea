// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/stability_margins.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace dtop::control {

namespace {

using Complex = std::complex<double>;
constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kInf = std::numeric_limits<double>::infinity();

// Loop gains beyond this multiple of 1/max|L₀| are not credible boundaries: the closed-loop
// eigenvalues there are dominated by rounding (poles far out on asymptotes).
constexpr double kMaxLoopGain = 1e8;

} // namespace

std::vector<ClosedLoopPole> polesOf(const Eigen::MatrixXd& a)
{
    std::vector<ClosedLoopPole> poles;
    if (a.rows() == 0)
        return poles;
    const Eigen::EigenSolver<Eigen::MatrixXd> eig(a, false);
    for (Eigen::Index k = 0; k < a.rows(); ++k) {
        const Complex z = eig.eigenvalues()[k];
        if (z.imag() < 0.0)
            continue; // the conjugate (Im > 0) represents the pair
        const double mag = std::abs(z);
        ClosedLoopPole p;
        p.eigenvalue = z;
        p.frequencyHz = mag / kTwoPi;
        p.dampingRatio = mag > 0.0 ? -z.real() / mag : 1.0;
        poles.push_back(p);
    }
    std::sort(poles.begin(), poles.end(), [](const ClosedLoopPole& x, const ClosedLoopPole& y) {
        return x.frequencyHz < y.frequencyHz;
    });
    return poles;
}

StabilityMargins stabilityMargins(const FeedbackLoop& loop, double gain)
{
    StabilityMargins m;
    m.abscissa = closedLoopAbscissa(loop, gain);
    m.stable = m.abscissa < 0.0;
    m.crossings = axisCrossings(loop);

    // Scale of the loop: its largest magnitude at the open-loop resonances.
    double peak = 0.0;
    if (loop.states() > 0) {
        const Eigen::EigenSolver<Eigen::MatrixXd> eig(loop.a, false);
        for (Eigen::Index k = 0; k < loop.states(); ++k)
            if (const double v = std::abs(loop.response(std::abs(eig.eigenvalues()[k])));
                std::isfinite(v))
                peak = std::max(peak, v);
    }
    const double gainCap = peak > 0.0 ? kMaxLoopGain / peak : kInf;

    // Interval boundaries on the gain axis, each with the crossing frequency behind it.
    std::vector<std::pair<double, double>> bounds = {{0.0, 0.0}};
    for (const auto& c : m.crossings)
        if (std::isfinite(c.gain) && std::abs(c.gain) <= gainCap && c.gain != 0.0)
            bounds.emplace_back(c.gain, c.omega);
    std::sort(bounds.begin(), bounds.end());
    const std::size_t nb = bounds.size();
    // Interval i lies between bounds[i-1] and bounds[i] (i = 0: below the first, i = nb: above
    // the last). Classify each by one eigenvalue test at an interior gain.
    auto interior = [&](std::size_t i) {
        const double lo = i == 0 ? -kInf : bounds[i - 1].first;
        const double hi = i == nb ? kInf : bounds[i].first;
        const double unit = peak > 0.0 ? 1.0 / peak : 1.0;
        if (!std::isfinite(lo))
            return hi < 0.0 ? 2.0 * hi : hi - unit;
        if (!std::isfinite(hi))
            return lo > 0.0 ? 2.0 * lo : lo + unit;
        if (lo >= 0.0 && hi > 0.0)
            return lo == 0.0 ? 0.5 * hi : std::sqrt(lo * hi);
        if (hi <= 0.0 && lo < 0.0)
            return hi == 0.0 ? 0.5 * lo : -std::sqrt(lo * hi);
        return 0.5 * (lo + hi);
    };
    std::vector<bool> stableInterval(nb + 1);
    for (std::size_t i = 0; i <= nb; ++i)
        stableInterval[i] = closedLoopAbscissa(loop, interior(i)) < 0.0;

    // The interval holding κ (κ on a boundary, e.g. κ = 0: the interval just above it).
    std::size_t home = 0;
    while (home < nb && bounds[home].first <= gain)
        ++home;
    auto upperEnd = [&](std::size_t i) -> std::optional<std::size_t> {
        // Boundary index ending the stable run that starts at interval i.
        while (i < nb && stableInterval[i + 1])
            ++i;
        if (i == nb)
            return std::nullopt;
        return i;
    };
    std::optional<std::size_t> top;
    if (m.stable) {
        top = upperEnd(home);
        std::size_t i = home;
        while (i > 0 && stableInterval[i - 1])
            --i;
        if (i > 0 && bounds[i - 1].first > 0.0) {
            m.lowerCriticalGain = bounds[i - 1].first;
            if (gain > 0.0)
                m.lowerGainMarginDb = 20.0 * std::log10(*m.lowerCriticalGain / gain);
        }
    } else {
        // First stable range of positive gains.
        std::size_t zero = 0;
        while (zero < nb && bounds[zero].first <= 0.0)
            ++zero;
        for (std::size_t i = zero; i <= nb; ++i)
            if (stableInterval[i]) {
                top = upperEnd(i);
                break;
            }
    }
    if (top && bounds[*top].first > 0.0) {
        m.criticalGain = bounds[*top].first;
        m.criticalFrequencyHz = bounds[*top].second / kTwoPi;
        if (m.stable && gain > 0.0) {
            m.gainMarginDb = 20.0 * std::log10(*m.criticalGain / gain);
            m.phaseCrossoverHz = m.criticalFrequencyHz;
        }
    }

    for (double w : unitGainFrequencies(loop, gain)) {
        m.unitGainFrequenciesHz.push_back(w / kTwoPi);
        // The smallest phase change, lag or lead, that takes κL₀(jω) to −1.
        const double pm =
            180.0 - std::abs(std::arg(gain * loop.response(w))) * 180.0 / std::numbers::pi;
        if (!m.phaseMarginDeg || std::abs(pm) < std::abs(*m.phaseMarginDeg)) {
            m.phaseMarginDeg = pm;
            m.gainCrossoverHz = w / kTwoPi;
        }
    }
    return m;
}

std::vector<double> rootLocusGains(double maxGain, std::size_t count,
                                   const std::vector<double>& include)
{
    std::vector<double> gains;
    gains.reserve(count + include.size());
    for (std::size_t k = 0; k < count; ++k) {
        const double t = count > 1 ? static_cast<double>(k) / static_cast<double>(count - 1) : 0.0;
        gains.push_back(maxGain * t * t);
    }
    for (double g : include)
        if (std::isfinite(g) && g >= 0.0 && g <= maxGain)
            gains.push_back(g);
    std::sort(gains.begin(), gains.end());
    gains.erase(std::unique(gains.begin(), gains.end()), gains.end());
    return gains;
}

RootLocus rootLocus(const FeedbackLoop& loop, const std::vector<double>& gains)
{
    RootLocus locus;
    locus.gains = gains;
    const Eigen::Index n = loop.states();
    const Eigen::MatrixXd bc = loop.b * loop.c;
    Eigen::EigenSolver<Eigen::MatrixXd> eig(n);
    std::vector<Complex> previous;
    std::vector<bool> used(static_cast<std::size_t>(n));
    for (double g : gains) {
        eig.compute(loop.a - g * bc, false);
        std::vector<Complex> current(static_cast<std::size_t>(n));
        for (Eigen::Index k = 0; k < n; ++k)
            current[static_cast<std::size_t>(k)] = eig.eigenvalues()[k];
        double abscissa = -kInf;
        for (const auto& z : current)
            abscissa = std::max(abscissa, z.real());
        if (!previous.empty()) {
            // Greedy nearest-neighbour continuation of each branch.
            std::vector<Complex> ordered(current.size());
            std::fill(used.begin(), used.end(), false);
            for (std::size_t j = 0; j < previous.size(); ++j) {
                std::size_t best = 0;
                double bestDistance = kInf;
                for (std::size_t k = 0; k < current.size(); ++k)
                    if (!used[k] && std::abs(current[k] - previous[j]) < bestDistance) {
                        bestDistance = std::abs(current[k] - previous[j]);
                        best = k;
                    }
                used[best] = true;
                ordered[j] = current[best];
            }
            current = std::move(ordered);
        }
        previous = current;
        locus.poles.push_back(std::move(current));
        locus.abscissa.push_back(abscissa);
    }
    return locus;
}

} // namespace dtop::control
