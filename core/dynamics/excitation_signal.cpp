// SPDX-License-Identifier: GPL-3.0-or-later
#include "dynamics/excitation_signal.h"

#include "dynamics/random_force.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace dtop::dynamics {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTwoPi = 2.0 * std::numbers::pi;
// Beyond ±8σ the Gaussian is below 1.3e-14 of its peak: treated as zero for step control.
constexpr double kGaussianHalfSupport = 8.0;

bool overlaps(double a0, double a1, double b0, double b1) {
    return a1 >= b0 && a0 <= b1;
}
} // namespace

ExcitationSignal::ExcitationSignal(const Excitation& e, const TimeGrid& grid,
                                   std::uint64_t realisationSeed)
    : m_kind(e.kind), m_floor(e.floor > 0 ? static_cast<std::size_t>(e.floor - 1) : 0),
      m_hammer(e.hammer), m_halfSine(e.halfSine), m_sine(e.sine), m_sweep(e.sweep) {
    const SampledSignal* record = nullptr;
    if (m_kind == ExcitationKind::Random) {
        m_values =
            randomForceRealisation(e.random, grid.sampleRateHz(), grid.samples, realisationSeed);
        m_time.resize(grid.samples);
        for (std::size_t k = 0; k < grid.samples; ++k)
            m_time[k] = grid.at(k);
    } else if (m_kind == ExcitationKind::BaseMotion) {
        record = &e.baseAcceleration;
    } else if (m_kind == ExcitationKind::RecordedForce) {
        record = &e.recordedForce;
    }
    if (record) {
        m_time = record->timeS;
        m_values = record->values;
        m_hold = resolveSampleHold(record->hold, record->values);
    }
    if (m_time.size() >= 2) {
        m_t0 = m_time.front();
        m_dt = (m_time.back() - m_t0) / static_cast<double>(m_time.size() - 1);
        m_minSpacing = kInf;
        m_uniform = true;
        for (std::size_t i = 1; i < m_time.size(); ++i) {
            const double d = m_time[i] - m_time[i - 1];
            m_minSpacing = std::min(m_minSpacing, d);
            if (std::abs(m_time[i] - (m_t0 + static_cast<double>(i) * m_dt)) > 1e-9 * m_dt)
                m_uniform = false;
        }
        // Knots at whole multiples of the output step, aligned with the grid, never fall
        // strictly inside an output interval (the random force, a replayed record).
        const double ratio = m_dt / grid.stepS;
        const double offset = (m_t0 - grid.startS) / grid.stepS;
        m_knotsOnGrid =
            m_uniform && std::abs(ratio - std::round(ratio)) < 1e-9 * ratio &&
            std::round(ratio) >= 1.0 &&
            std::abs(offset - std::round(offset)) < 1e-9 * std::max(1.0, std::abs(offset));
    }
}

double ExcitationSignal::sampledValue(double t) const {
    const std::size_t n = m_time.size();
    if (n == 0 || t < m_time.front() || t > m_time.back())
        return 0.0;
    std::size_t i;
    if (m_uniform) {
        const double pos = (t - m_t0) / m_dt;
        i = std::min(static_cast<std::size_t>(pos), n - 2);
        // A time a rounding error below a knot belongs to that knot.
        if (i + 1 < n && std::abs(pos - static_cast<double>(i + 1)) < 1e-9)
            ++i;
        i = std::min(i, n - 2);
    } else {
        i = static_cast<std::size_t>(std::upper_bound(m_time.begin(), m_time.end(), t) -
                                     m_time.begin());
        i = i == 0 ? 0 : std::min(i - 1, n - 2);
    }
    const double t0 = m_time[i];
    const double t1 = m_time[i + 1];
    if (m_hold == SampleHold::ZeroOrder)
        return t >= t1 - 1e-9 * (t1 - t0) ? m_values[i + 1] : m_values[i];
    const double w = std::clamp((t - t0) / (t1 - t0), 0.0, 1.0);
    return m_values[i] + w * (m_values[i + 1] - m_values[i]);
}

double ExcitationSignal::value(double t) const {
    switch (m_kind) {
    case ExcitationKind::Hammer: {
        const double z = (t - m_hammer.centreS) / m_hammer.widthS;
        return m_hammer.peakN * std::exp(-0.5 * z * z);
    }
    case ExcitationKind::HalfSine: {
        const double s = t - m_halfSine.startS;
        if (s < 0.0 || s > m_halfSine.durationS)
            return 0.0;
        return m_halfSine.peakN * std::sin(std::numbers::pi * s / m_halfSine.durationS);
    }
    case ExcitationKind::Sine:
        return m_sine.amplitudeN * std::sin(kTwoPi * m_sine.frequencyHz * t + m_sine.phaseRad);
    case ExcitationKind::Sweep: {
        const double s = t - m_sweep.startS;
        if (s < 0.0 || s > m_sweep.durationS)
            return 0.0;
        const double f0 = m_sweep.startHz;
        const double f1 = m_sweep.endHz;
        const double d = m_sweep.durationS;
        double phase;
        if (m_sweep.law == SweepLaw::Linear || f0 == f1) {
            phase = kTwoPi * (f0 * s + 0.5 * (f1 - f0) * s * s / d);
        } else {
            const double k = std::log(f1 / f0) / d; // f(s) = f0·exp(k s)
            phase = kTwoPi * f0 * std::expm1(k * s) / k;
        }
        return m_sweep.amplitudeN * std::sin(phase);
    }
    case ExcitationKind::Random:
    case ExcitationKind::BaseMotion:
    case ExcitationKind::RecordedForce:
        break;
    }
    return sampledValue(t);
}

std::vector<double> ExcitationSignal::sample(const TimeGrid& grid) const {
    std::vector<double> v(grid.samples);
    for (std::size_t k = 0; k < grid.samples; ++k)
        v[k] = value(grid.at(k));
    return v;
}

bool ExcitationSignal::hasKnotInside(double t0, double t1) const {
    const double eps = 1e-9 * (t1 - t0);
    if (m_uniform) {
        const double a = std::floor((t0 + eps - m_t0) / m_dt) + 1.0; // first knot index > t0
        const double t = m_t0 + a * m_dt;
        return t < t1 - eps && a < static_cast<double>(m_time.size()) && t > m_time.front();
    }
    const auto it = std::upper_bound(m_time.begin(), m_time.end(), t0 + eps);
    return it != m_time.end() && *it < t1 - eps;
}

double ExcitationSignal::shortestTimeScale() const {
    switch (m_kind) {
    case ExcitationKind::Hammer:
        return m_hammer.widthS;
    case ExcitationKind::HalfSine:
        return m_halfSine.durationS / std::numbers::pi;
    case ExcitationKind::Sine:
        return 1.0 / (kTwoPi * m_sine.frequencyHz);
    case ExcitationKind::Sweep:
        return 1.0 / (kTwoPi * std::max(m_sweep.startHz, m_sweep.endHz));
    case ExcitationKind::Random:
    case ExcitationKind::BaseMotion:
    case ExcitationKind::RecordedForce:
        break;
    }
    return m_minSpacing;
}

double ExcitationSignal::maxStep(double t0, double t1) const {
    const double fine = shortestTimeScale() / kStepsPerTimeScale;
    switch (m_kind) {
    case ExcitationKind::Hammer: {
        const double half = kGaussianHalfSupport * m_hammer.widthS;
        return overlaps(t0, t1, m_hammer.centreS - half, m_hammer.centreS + half) ? fine : kInf;
    }
    case ExcitationKind::HalfSine:
        return overlaps(t0, t1, m_halfSine.startS, m_halfSine.startS + m_halfSine.durationS) ? fine
                                                                                             : kInf;
    case ExcitationKind::Sine:
        return fine;
    case ExcitationKind::Sweep:
        return overlaps(t0, t1, m_sweep.startS, m_sweep.startS + m_sweep.durationS) ? fine : kInf;
    case ExcitationKind::Random:
    case ExcitationKind::BaseMotion:
    case ExcitationKind::RecordedForce:
        break;
    }
    // A record is straight (or constant) between knots: exact unless a knot falls inside the
    // step; then sub-steps of 1/16 of the sample spacing keep the kink's error small.
    return !m_knotsOnGrid && hasKnotInside(t0, t1) ? m_minSpacing / 16.0 : kInf;
}

} // namespace dtop::dynamics
