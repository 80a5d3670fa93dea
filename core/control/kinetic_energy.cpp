// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/kinetic_energy.h"

#include "control/lyapunov.h"
#include "control/feedback_loop.h"

#include <boost/math/tools/minima.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

namespace dtop::control {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kMaxBandHz = 1e6;
} // namespace

std::size_t FrequencyBand::points() const
{
    return static_cast<std::size_t>(std::llround((highHz - lowHz) / stepHz)) + 1;
}

std::vector<double> FrequencyBand::frequenciesHz() const
{
    std::vector<double> f(points());
    // low + i·step, as numpy.arange builds the prototype's grid.
    for (std::size_t i = 0; i < f.size(); ++i)
        f[i] = lowHz + static_cast<double>(i) * stepHz;
    return f;
}

std::vector<double> FrequencyBand::omegas() const
{
    std::vector<double> w = frequenciesHz();
    for (double& x : w)
        x *= kTwoPi;
    return w;
}

InputIssues FrequencyBand::validate() const
{
    InputIssues issues;
    const bool lowOk = std::isfinite(lowHz) && lowHz > 0.0 && lowHz < kMaxBandHz;
    if (!lowOk)
        issues.push_back({"band_low_hz", "band lower frequency must be > 0 and below " +
                                             formatValue(kMaxBandHz) + " Hz, got " +
                                             formatValue(lowHz)});
    const bool highOk = std::isfinite(highHz) && highHz <= kMaxBandHz && (!lowOk || highHz > lowHz);
    if (!highOk)
        issues.push_back({"band_high_hz", "band upper frequency must be above the lower one (" +
                                              formatValue(lowHz) + " Hz) and at most " +
                                              formatValue(kMaxBandHz) + " Hz, got " +
                                              formatValue(highHz)});
    if (!(std::isfinite(stepHz) && stepHz > 0.0))
        issues.push_back({"band_step_hz", "band step must be > 0 Hz, got " + formatValue(stepHz)});
    else if (lowOk && highOk) {
        const double count = (highHz - lowHz) / stepHz + 1.0;
        if (count < 3.0 || count > static_cast<double>(kMaxBandPoints))
            issues.push_back({"band_step_hz", "the band " + formatValue(lowHz) + "–" +
                                                  formatValue(highHz) + " Hz in steps of " +
                                                  formatValue(stepHz) + " Hz gives " +
                                                  formatValue(std::floor(count)) +
                                                  " points; between 3 and " +
                                                  std::to_string(kMaxBandPoints) +
                                                  " are allowed"});
    }
    return issues;
}

double trapezoid(const std::vector<double>& x, const std::vector<double>& y)
{
    double s = 0.0;
    for (std::size_t i = 1; i < x.size() && i < y.size(); ++i)
        s += 0.5 * (x[i] - x[i - 1]) * (y[i] + y[i - 1]);
    return s;
}

StateResponse primaryResponse(const ControlDesign& design)
{
    Eigen::MatrixXd c(design.cVelocity.rows() + 1, design.states());
    c << design.cVelocity, design.cCurrent;
    return StateResponse(design.a, design.bPrimary, c);
}

std::optional<double> exactKineticEnergyIntegral(const ControlDesign& design)
{
    if (!(maxRealPart(design.a) < 0.0))
        return std::nullopt;
    const Eigen::MatrixXd p =
        solveLyapunov(design.a, design.bPrimary * design.bPrimary.transpose());
    const Eigen::MatrixXd pv = design.cVelocity * p * design.cVelocity.transpose();
    double trace = 0.0;
    for (Eigen::Index i = 0; i < design.keMasses.size(); ++i)
        trace += design.keMasses[i] * pv(i, i);
    return 0.25 * std::numbers::pi * trace;
}

std::vector<KePeak> kineticEnergyPeaks(const StateResponse& response, const Eigen::VectorXd& masses,
                                       const std::vector<double>& f, const std::vector<double>& ke,
                                       double dbFactor)
{
    std::vector<KePeak> peaks;
    if (f.size() < 3)
        return peaks;
    const double step = f[1] - f[0];
    const double fmin = f.front(), fmax = f.back();
    std::vector<std::pair<double, double>> brackets;
    for (std::size_t i = 1; i + 1 < f.size(); ++i)
        if (ke[i] >= ke[i - 1] && ke[i] > ke[i + 1])
            brackets.emplace_back(f[i - 1], f[i + 1]);
    for (Eigen::Index r = 0; r < response.poles().size(); ++r) {
        const std::complex<double> z = response.poles()[r];
        const double fd = z.imag() / kTwoPi;
        const double halfBand = -z.real() / kTwoPi; // half-power half-width [Hz]
        if (fd > fmin && fd < fmax && halfBand < step)
            brackets.emplace_back(std::max(fmin, fd - step), std::min(fmax, fd + step));
    }
    auto negative = [&](double hz) { return -response.kineticEnergy(kTwoPi * hz, masses); };
    for (const auto& [a, b] : brackets) {
        const auto [x, v] = boost::math::tools::brent_find_minima(negative, a, b, std::numeric_limits<double>::digits / 2);
        const double t = -v;
        // A maximum on the bracket's edge is not a local maximum of T inside it.
        const double edge = 1e-6 * (b - a);
        if (!(x > a + edge && x < b - edge) || !(t > 0.0))
            continue;
        if (-negative(x - 1e-4 * step) > t || -negative(x + 1e-4 * step) > t)
            continue;
        bool duplicate = false;
        for (const auto& p : peaks)
            if (std::abs(p.frequencyHz - x) <= 1e-7 * x + 1e-3 * step)
                duplicate = true;
        if (!duplicate)
            peaks.push_back({x, t, dbFactor * std::log10(t)});
    }
    std::sort(peaks.begin(), peaks.end(),
              [](const KePeak& p, const KePeak& q) { return p.frequencyHz < q.frequencyHz; });
    return peaks;
}

std::vector<KePeak> bandMaxima(const std::vector<double>& f, const std::vector<double>& ke,
                               double dbFactor)
{
    // The prototype's bands, the last closed at 100.001 Hz.
    const double bands[3][2] = {{1.0, 12.0}, {12.0, 24.0}, {24.0, 100.001}};
    std::vector<KePeak> out;
    for (const auto& band : bands) {
        std::size_t best = f.size();
        for (std::size_t i = 0; i < f.size(); ++i)
            if (f[i] >= band[0] && f[i] < band[1] && (best == f.size() || ke[i] > ke[best]))
                best = i;
        if (best < f.size())
            out.push_back({f[best], ke[best], dbFactor * std::log10(ke[best])});
    }
    return out;
}

} // namespace dtop::control
