// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/axis_ticks.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace dtop::widgets {

namespace {

// Smallest of 1, 2, 5 × 10ⁿ that is ≥ raw.
double niceStep(double raw)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= raw * (1 - 1e-9))
            return m * magnitude;
    }
    return 10 * magnitude;
}

// Label of k·step with exactly the decimals the step needs.
QString stepLabel(double value, double step, double largest)
{
    if (std::abs(value) < step * 1e-6)
        return QStringLiteral("0");
    if (largest >= 1e6 || step < 1e-4)
        return formatPlotNumber(value, std::clamp(static_cast<int>(std::floor(std::log10(largest)) - std::floor(std::log10(step))) + 1, 1, 15));
    const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
    return QString::number(value, 'f', decimals);
}

// Ticks at k·step within [lo, hi] of a value axis; `position` maps a value to plot coordinates.
template <class Position>
std::vector<AxisTick> stepTicks(double lo, double hi, double step, Position position)
{
    std::vector<AxisTick> ticks;
    const double first = std::ceil(lo / step - 1e-9);
    const double last = std::floor(hi / step + 1e-9);
    const double largest = std::max(std::abs(first), std::abs(last)) * step;
    for (double k = first; k <= last; k += 1) {
        const double value = k * step;
        ticks.push_back({position(value), stepLabel(value, step, largest)});
    }
    return ticks;
}

double minSpacing(const std::vector<AxisTick>& ticks)
{
    double spacing = HUGE_VAL;
    for (std::size_t i = 1; i < ticks.size(); ++i)
        spacing = std::min(spacing, ticks[i].position - ticks[i - 1].position);
    return spacing;
}

// Ticks at mantissa·10ᵏ (k a multiple of `every`) within [min, max] of a log10 axis.
std::vector<AxisTick> decadeTicks(double min, double max, const std::vector<int>& mantissas,
                                  int every)
{
    std::vector<AxisTick> ticks;
    const int kFirst = static_cast<int>(std::floor(min)) - 1;
    const int kLast = static_cast<int>(std::ceil(max));
    for (int k = kFirst; k <= kLast; ++k) {
        if (k % every != 0)
            continue;
        for (int m : mantissas) {
            const double position = k + std::log10(static_cast<double>(m));
            if (position < min - 1e-9 || position > max + 1e-9)
                continue;
            // Exact decimal text: 10^k itself can be inexact (1e-7 prints as 9.99…e-8).
            const double value = std::stod(std::to_string(m) + "e" + std::to_string(k));
            ticks.push_back({position, formatPlotNumber(value)});
        }
    }
    return ticks;
}

// One notation per axis: when some labels need an exponent and none is an everyday number,
// all get one ("5e-5", "1e-4", "2e-4" rather than "5e-5", "0.0001", "0.0002"), with the fewest
// digits that keep them distinct.
std::vector<AxisTick> unifyNotation(std::vector<AxisTick> ticks)
{
    const bool anyExponent = std::any_of(ticks.begin(), ticks.end(), [](const AxisTick& t) {
        return t.label.contains(QLatin1Char('e'));
    });
    // Decades from 1e-6 to 100 read best as they are: 1e-6 … 0.001, 0.01, 1, 100.
    const bool anyPlain = std::any_of(ticks.begin(), ticks.end(), [](const AxisTick& t) {
        const double v = std::abs(t.label.toDouble());
        return v >= 1e-3 && v < 1e4;
    });
    if (!anyExponent || anyPlain)
        return ticks;
    static const QRegularExpression trailingZeros(QStringLiteral("\\.?0+e"));
    static const QRegularExpression exponent(QStringLiteral("e([+-])0*(\\d)"));
    for (int digits = 0; digits <= 15; ++digits) {
        std::vector<AxisTick> relabelled = ticks;
        QStringList seen;
        bool unique = true;
        for (AxisTick& t : relabelled) {
            if (t.label == QStringLiteral("0"))
                continue;
            QString text = QString::number(t.label.toDouble(), 'e', digits);
            if (text.contains(QLatin1Char('.')))
                text.replace(trailingZeros, QStringLiteral("e"));
            text.replace(exponent, QStringLiteral("e\\1\\2"));
            text.replace(QStringLiteral("e+"), QStringLiteral("e"));
            unique = unique && !seen.contains(text);
            seen << text;
            t.label = text;
        }
        if (unique)
            return relabelled;
    }
    return ticks;
}

} // namespace

QString formatPlotNumber(double value, int significant)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    QString text = QString::number(value, 'g', significant);
    // "1e-06" → "1e-6", "2.5e+07" → "2.5e7"
    static const QRegularExpression exponent(QStringLiteral("e([+-])0*(\\d)"));
    text.replace(exponent, QStringLiteral("e\\1\\2"));
    text.replace(QStringLiteral("e+"), QStringLiteral("e"));
    return text;
}

std::vector<AxisTick> linearTicks(double min, double max, double lengthPx, double minSpacingPx,
                                  double fixedStep)
{
    if (!(max > min) || !std::isfinite(min) || !std::isfinite(max))
        return {};
    const double maxCount = std::max(1.0, lengthPx / std::max(minSpacingPx, 1.0));
    const auto identity = [](double v) { return v; };
    if (fixedStep > 0.0) {
        double step = fixedStep;
        while ((max - min) / step > maxCount)
            step *= 2.0;
        return unifyNotation(stepTicks(min, max, step, identity));
    }
    double step = niceStep((max - min) / maxCount);
    auto ticks = stepTicks(min, max, step, identity);
    // A short axis can fall between two round values: take the next finer 1-2-5 step
    // rather than leave a single label, as long as labels keep half their spacing.
    while (ticks.size() < 2 && (max - min) / step < 2.0 * maxCount) {
        const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
        step *= mantissa < 1.5 ? 0.5 : (mantissa < 3.0 ? 0.5 : 0.4);
        ticks = stepTicks(min, max, step, identity);
    }
    return unifyNotation(std::move(ticks));
}

std::vector<AxisTick> logTicks(double min, double max, double lengthPx, double minSpacingPx)
{
    if (!(max > min) || !std::isfinite(min) || !std::isfinite(max))
        return {};
    const double pxPerDecade = lengthPx / (max - min);
    auto fits = [&](const std::vector<AxisTick>& ticks) {
        return ticks.size() >= 2 && minSpacing(ticks) * pxPerDecade >= minSpacingPx;
    };
    // Less than about a decade shown: round linear values, spaced for the crowded (upper) end.
    if (max - min < 1.0) {
        const double lo = std::pow(10.0, min);
        const double hi = std::pow(10.0, max);
        double step = niceStep((hi - lo) / std::max(1.0, lengthPx / minSpacingPx));
        for (int attempt = 0; attempt < 20; ++attempt) {
            auto ticks = stepTicks(lo, hi, step, [](double v) { return std::log10(v); });
            if (fits(ticks) || ticks.size() <= 2)
                return unifyNotation(std::move(ticks));
            step = niceStep(step * 1.01);
        }
    }
    for (const auto& mantissas : {std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9},
                                  std::vector<int>{1, 2, 5}}) {
        auto ticks = decadeTicks(min, max, mantissas, 1);
        if (fits(ticks))
            return unifyNotation(std::move(ticks));
    }
    for (int every : {1, 2, 3, 5, 10, 20, 50, 100}) {
        auto ticks = decadeTicks(min, max, {1}, every);
        if (fits(ticks) || every == 100)
            return unifyNotation(std::move(ticks));
    }
    return {};
}

std::vector<double> logMinorTicks(double min, double max, double lengthPx, double minSpacingPx)
{
    std::vector<double> positions;
    if (!(max > min) || !std::isfinite(min) || !std::isfinite(max))
        return positions;
    // The closest pair is 9 and 10 × 10ⁿ.
    if (lengthPx / (max - min) * std::log10(10.0 / 9.0) < minSpacingPx || max - min > 30)
        return positions;
    for (int k = static_cast<int>(std::floor(min)); k <= static_cast<int>(std::ceil(max)); ++k) {
        for (int m = 2; m <= 9; ++m) {
            const double position = k + std::log10(static_cast<double>(m));
            if (position >= min && position <= max)
                positions.push_back(position);
        }
    }
    return positions;
}

} // namespace dtop::widgets
