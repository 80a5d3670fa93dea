// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/plot_data.h"

#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>

namespace dtop::widgets {

namespace {

enum class Drop { None, NonPositive, ZeroDecibel, Infinite, Gap };

// Display value of a raw x or y on an axis, or the reason it cannot be shown.
Drop toDisplay(double raw, AxisScale scale, double& display)
{
    if (std::isnan(raw))
        return Drop::Gap;
    if (std::isinf(raw))
        return Drop::Infinite;
    switch (scale) {
    case AxisScale::Linear:
        display = raw;
        return Drop::None;
    case AxisScale::Log:
        if (raw <= 0)
            return Drop::NonPositive;
        display = raw;
        return Drop::None;
    case AxisScale::Decibel:
        if (raw == 0)
            return Drop::ZeroDecibel;
        display = 20.0 * std::log10(std::abs(raw));
        return Drop::None;
    }
    return Drop::Infinite;
}

void count(Drop reason, DropCounts& counts)
{
    switch (reason) {
    case Drop::None:
    case Drop::Gap:
        break;
    case Drop::NonPositive:
        ++counts.nonPositive;
        break;
    case Drop::ZeroDecibel:
        ++counts.zeroDecibel;
        break;
    case Drop::Infinite:
        ++counts.infinite;
        break;
    }
}

SharedValues toPlot(const SharedValues& display, AxisScale scale)
{
    if (scale != AxisScale::Log)
        return display;
    auto plot = std::make_shared<std::vector<double>>(display->size());
    for (std::size_t i = 0; i < display->size(); ++i)
        (*plot)[i] = std::log10((*display)[i]);
    return plot;
}

QString countPhrase(std::size_t n, const QString& singular, const QString& plural)
{
    return QString::number(n) + QLatin1Char(' ') + (n == 1 ? singular : plural);
}

} // namespace

DropCounts& DropCounts::operator+=(const DropCounts& other)
{
    nonPositive += other.nonPositive;
    zeroDecibel += other.zeroDecibel;
    infinite += other.infinite;
    return *this;
}

void PlotItem::updateDisplay(AxisScale xScale, AxisScale yScale)
{
    const std::size_t nCurves = band ? 2 : 1;
    const SharedValues raws[2] = {rawY, rawUpper};
    const std::size_t n = rawX->size();
    curves.assign(nCurves, PlotCurve{});
    dropped = {};

    // Which points stay, why the others go, and where the line breaks.
    std::vector<char> keep(n, 1);
    breaks.clear();
    std::size_t keptCount = 0, gaps = 0;
    bool gapPending = false;
    double unused = 0;
    for (std::size_t i = 0; i < n; ++i) {
        Drop reason = toDisplay((*rawX)[i], xScale, unused);
        for (std::size_t k = 0; k < nCurves && reason == Drop::None; ++k)
            reason = toDisplay((*raws[k])[i], yScale, unused);
        // A gap outranks any other reason a value of the same point cannot be drawn.
        if (reason != Drop::None && reason != Drop::Gap)
            for (std::size_t k = 0; k < nCurves; ++k)
                if (std::isnan((*raws[k])[i]))
                    reason = Drop::Gap;
        if (reason == Drop::None) {
            if (gapPending && keptCount > 0)
                breaks.push_back(keptCount);
            gapPending = false;
            ++keptCount;
            continue;
        }
        keep[i] = 0;
        if (reason == Drop::Gap) {
            gapPending = true;
            ++gaps;
        }
        count(reason, dropped);
    }
    const bool all = dropped.total() == 0 && gaps == 0;
    auto kept = [&](const SharedValues& raw, AxisScale scale) -> SharedValues {
        if (all && scale != AxisScale::Decibel)
            return raw; // nothing to change: share
        auto out = std::make_shared<std::vector<double>>();
        out->reserve(keptCount);
        for (std::size_t i = 0; i < n; ++i) {
            double display = 0;
            if (keep[i]) {
                toDisplay((*raw)[i], scale, display);
                out->push_back(display);
            }
        }
        return out;
    };
    const SharedValues x = kept(rawX, xScale);
    const SharedValues px = toPlot(x, xScale);
    for (std::size_t k = 0; k < nCurves; ++k) {
        PlotCurve& c = curves[k];
        c.x = x;
        c.px = px;
        c.y = kept(raws[k], yScale);
        c.py = toPlot(c.y, yScale);
    }
    ascending = std::is_sorted(px->begin(), px->end());
}

std::vector<std::pair<std::size_t, std::size_t>> PlotItem::segments() const
{
    const std::size_t n = curves.empty() ? 0 : curves.front().px->size();
    std::vector<std::pair<std::size_t, std::size_t>> list;
    std::size_t begin = 0;
    for (std::size_t b : breaks) {
        list.emplace_back(begin, b);
        begin = b;
    }
    list.emplace_back(begin, n);
    return list;
}

void breakAtJumps(std::vector<double>& x, std::vector<double>& y, double maxJump)
{
    std::vector<double> bx, by;
    bx.reserve(x.size() + 8);
    by.reserve(y.size() + 8);
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (i > 0 && std::abs(y[i] - y[i - 1]) > maxJump) {
            bx.push_back(0.5 * (x[i - 1] + x[i]));
            by.push_back(std::numeric_limits<double>::quiet_NaN());
        }
        bx.push_back(x[i]);
        by.push_back(y[i]);
    }
    x = std::move(bx);
    y = std::move(by);
}

QString dropNote(const DropCounts& counts, AxisScale xScale, AxisScale yScale)
{
    QStringList parts;
    if (counts.nonPositive > 0) {
        const bool both = xScale == AxisScale::Log && yScale == AxisScale::Log;
        parts << countPhrase(counts.nonPositive, QStringLiteral("non-positive value"),
                             QStringLiteral("non-positive values")) +
                     (both ? QStringLiteral(" not shown on the log axes")
                           : QStringLiteral(" not shown on the log axis"));
    }
    if (counts.zeroDecibel > 0) {
        parts << countPhrase(counts.zeroDecibel, QStringLiteral("zero value"),
                             QStringLiteral("zero values")) +
                     QStringLiteral(" (−∞ dB) not shown on the dB axis");
    }
    if (counts.infinite > 0) {
        parts << countPhrase(counts.infinite, QStringLiteral("infinite value"),
                             QStringLiteral("infinite values")) +
                     QStringLiteral(" (±∞) not shown");
    }
    return parts.join(QStringLiteral("; "));
}

QString axisTitle(const AxisSpec& axis)
{
    QString unit = axis.unit;
    if (axis.scale == AxisScale::Decibel)
        unit = unit.isEmpty() ? QStringLiteral("dB") : QStringLiteral("dB re 1 ") + unit;
    if (unit.isEmpty())
        return axis.label;
    return axis.label + QStringLiteral(" [") + unit + QLatin1Char(']');
}

QColor paletteColor(int index)
{
    // Okabe–Ito without its yellow (too pale on white), black last.
    static constexpr std::array<QRgb, 7> colors = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7,
                                                   0xE69F00, 0x56B4E9, 0x000000};
    return QColor(colors[static_cast<std::size_t>(index) % colors.size()]);
}

namespace {
constexpr int kPaletteSize = 7;
}

QColor floorColor(int index, int count)
{
    if (count <= kPaletteSize)
        return paletteColor(index);
    // viridis at 0, 0.2, 0.4, 0.6, 0.8, 0.9 (matplotlib's _viridis_data), linearly between.
    static constexpr std::array<QRgb, 6> stops = {0x440154, 0x414487, 0x2A788E,
                                                  0x22A884, 0x7AD151, 0xBDDF26};
    static constexpr std::array<double, 6> at = {0.0, 0.2, 0.4, 0.6, 0.8, 0.9};
    const double t = 0.9 * std::clamp(index, 0, count - 1) / static_cast<double>(count - 1);
    std::size_t k = 0;
    while (k + 2 < at.size() && t > at[k + 1])
        ++k;
    const double u = (t - at[k]) / (at[k + 1] - at[k]);
    const QColor a(stops[k]), b(stops[k + 1]);
    return QColor::fromRgbF(static_cast<float>(a.redF() + u * (b.redF() - a.redF())),
                            static_cast<float>(a.greenF() + u * (b.greenF() - a.greenF())),
                            static_cast<float>(a.blueF() + u * (b.blueF() - a.blueF())));
}

bool floorInLegend(int index, int count)
{
    if (count <= kPaletteSize)
        return true;
    const int step = (count - 1 + 3) / 4; // ceil((count − 1) / 4): at most five entries
    return index % step == 0 || index == count - 1;
}

} // namespace dtop::widgets
