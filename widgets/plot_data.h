// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/plot_view.h"

#include <QString>

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace dtop::widgets {

// One drawn polyline in two coordinate systems: display units (what the user reads and the
// CSV holds: dB applied, dropped points removed) and plot coordinates (log10 of the display
// value on log axes, the display value otherwise; the chart itself is always linear).
// The vectors are shared, not copied, where nothing changes (linear axes, nothing dropped):
// a 10⁶-point series is stored once.
using SharedValues = std::shared_ptr<const std::vector<double>>;

struct PlotCurve {
    SharedValues x, y;   // display units
    SharedValues px, py; // plot coordinates (the same vectors as x / y on linear axes)

    const std::vector<double>& displayX() const { return *x; }
    const std::vector<double>& displayY() const { return *y; }
    const std::vector<double>& plotX() const { return *px; }
    const std::vector<double>& plotY() const { return *py; }
};

// Points that cannot be drawn on the current axes, by reason. (A NaN is not one of them: it is
// a gap, where the line stops and a new segment starts.)
struct DropCounts {
    std::size_t nonPositive = 0; // x or y ≤ 0 on a log axis
    std::size_t zeroDecibel = 0; // y = 0 on a dB axis (−∞ dB)
    std::size_t infinite = 0;    // ±∞ in the data

    DropCounts& operator+=(const DropCounts& other);
    std::size_t total() const { return nonPositive + zeroDecibel + infinite; }
};

// A series or a shaded band as the user gave it, plus its display form on the current axes.
struct PlotItem {
    int id = 0;
    QString name;
    bool band = false;
    SeriesStyle style; // colour resolved from the palette
    bool visible = true;
    SharedValues rawX, rawY, rawUpper;        // series: rawY; band: rawY = lower, rawUpper
    std::vector<PlotCurve> curves;            // series: one; band: lower, upper (same x)
    // Where the line breaks: the index into the curves of the first point of every segment
    // after the first (a NaN in the data, between the points around it). Empty: one segment.
    std::vector<std::size_t> breaks;
    bool ascending = true;                    // plot x ascending (needed to decimate)
    DropCounts dropped;

    // Recomputes `curves`, `breaks`, `ascending` and `dropped` for the given axis scales. A
    // band point is dropped (or is a gap) when any of its values is, so lower and upper stay
    // paired.
    void updateDisplay(AxisScale xScale, AxisScale yScale);
    // The segments as [begin, end) index ranges into the curves (one when there is no break).
    std::vector<std::pair<std::size_t, std::size_t>> segments() const;
};


// "12 non-positive values not shown on the log axis; ..." or empty.
QString dropNote(const DropCounts& counts, AxisScale xScale, AxisScale yScale);

// "Frequency [Hz]", "Magnitude [dB re 1 m/N]", "Magnitude [dB]", "Time" (no unit).
QString axisTitle(const AxisSpec& axis);

// The colour-blind-safe palette (Okabe & Ito 2008), in the order series take it.
QColor paletteColor(int index);

// Floor `index` (0-based) of `count`: the palette up to its seven colours; beyond, a
// perceptually ordered ramp (viridis, Smith & van der Walt 2015, without its palest yellow)
// from floor 1 (dark blue-violet) to the top floor (green-yellow), so no two floors share a
// colour and the order can be read from it.
QColor floorColor(int index, int count);
// Whether floor `index` of `count` gets a legend entry: all up to seven floors; beyond, floor
// 1, the top floor and about three evenly spaced between them, so the labels fit and the
// ramp between them reads as a scale.
bool floorInLegend(int index, int count);

} // namespace dtop::widgets
