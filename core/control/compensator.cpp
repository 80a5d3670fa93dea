// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/compensator.h"

#include <cmath>
#include <numbers>
#include <string>

namespace dtop::control {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kMaxCompensatorHz = 1e4;
constexpr double kMaxCompensatorDamping = 100.0;
} // namespace

std::complex<double> Compensator::response(double omega) const
{
    const double wp = kTwoPi * estimateHz;
    const double wc = kTwoPi * targetHz;
    const std::complex<double> num(wp * wp - omega * omega, 2.0 * estimateDamping * wp * omega);
    const std::complex<double> den(wc * wc - omega * omega, 2.0 * targetDamping * wc * omega);
    return num / den;
}

Eigen::Matrix2d Compensator::a() const
{
    const double wc = kTwoPi * targetHz;
    Eigen::Matrix2d m;
    m << 0.0, 1.0, -wc * wc, -2.0 * targetDamping * wc;
    return m;
}

Eigen::Vector2d Compensator::b() const
{
    return {0.0, 1.0};
}

Eigen::RowVector2d Compensator::c() const
{
    const double wp = kTwoPi * estimateHz;
    const double wc = kTwoPi * targetHz;
    return {wp * wp - wc * wc, 2.0 * estimateDamping * wp - 2.0 * targetDamping * wc};
}

InputIssues CompensatorSettings::validate() const
{
    InputIssues issues;
    auto frequency = [&](const std::optional<double>& v, const char* field, const char* what) {
        if (v && !(std::isfinite(*v) && *v > 0.0 && *v <= kMaxCompensatorHz))
            issues.push_back({field, std::string(what) + " must be > 0 and at most " +
                                         formatValue(kMaxCompensatorHz) + " Hz, got " +
                                         formatValue(*v)});
    };
    frequency(estimateHz, "ec_estimate_hz", "compensator estimate of the actuator frequency");
    frequency(targetHz, "ec_target_hz", "compensator target frequency");
    if (estimateDamping && !(std::isfinite(*estimateDamping) && *estimateDamping >= 0.0 &&
                             *estimateDamping <= kMaxCompensatorDamping))
        issues.push_back({"ec_estimate_damping",
                          "compensator estimate of the actuator damping ratio must be >= 0 and "
                          "at most " + formatValue(kMaxCompensatorDamping) +
                              " (a ratio, not %), got " + formatValue(*estimateDamping)});
    // A stable compensator is needed for the loop to be stable at small gains.
    if (targetDamping && !(std::isfinite(*targetDamping) && *targetDamping > 0.0 &&
                           *targetDamping <= kMaxCompensatorDamping))
        issues.push_back({"ec_target_damping",
                          "compensator target damping ratio must be > 0 and at most " +
                              formatValue(kMaxCompensatorDamping) + " (a ratio, not %), got " +
                              formatValue(*targetDamping)});
    return issues;
}

Compensator effectiveCompensator(const CompensatorSettings& s, const InertialActuator& actuator,
                                 double firstFrequencyHz, bool legacy)
{
    Compensator c;
    if (legacy) {
        c.estimateHz = s.estimateHz.value_or(kLegacyCompensatorHz);
        c.estimateDamping = s.estimateDamping.value_or(kLegacyCompensatorDamping);
        c.targetHz = s.targetHz.value_or(kLegacyCompensatorHz);
        c.targetDamping = s.targetDamping.value_or(kLegacyCompensatorDamping);
        return c;
    }
    c.estimateHz = s.estimateHz.value_or(actuator.naturalFrequencyHz());
    c.estimateDamping = s.estimateDamping.value_or(actuator.dampingRatio());
    c.targetHz = s.targetHz.value_or(kDefaultTargetFrequencyFactor * firstFrequencyHz);
    c.targetDamping = s.targetDamping.value_or(kDefaultTargetDamping);
    return c;
}

} // namespace dtop::control
