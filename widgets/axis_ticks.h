// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <vector>

namespace dtop::widgets {

struct AxisTick {
    double position; // plot coordinate (log10 of the value on a log axis)
    QString label;   // "0", "2.5", "100", "1e-6"
};

// Tick positions and labels on a linear axis showing [min, max] over `lengthPx` pixels, at
// round values (1, 2, 5 × 10ⁿ) at least `minSpacingPx` apart. Labels read as plain numbers
// with as many decimals as the step needs ("0", "0.5", "1.0"), exponents when very large or
// small ("2e-6").
// A fixed `step` > 0 is used (doubled while crowded) instead of the automatic one. At least
// two ticks are shown whenever the axis is long enough for them.
std::vector<AxisTick> linearTicks(double min, double max, double lengthPx, double minSpacingPx,
                                  double step = 0.0);

// The same on a log10 axis; min and max are log10 of the values shown. Decades, then 1-2-5
// steps, then 1…9 as the axis gets longer; below a decade, round linear values. Labels are
// the values ("0.01", "1", "100", "1e-6"), never "0.0".
std::vector<AxisTick> logTicks(double min, double max, double lengthPx, double minSpacingPx);

// Minor grid positions of a log10 axis: 2…9 × 10ⁿ within [min, max], or none when a decade
// is too short for them to be `minSpacingPx` apart.
std::vector<double> logMinorTicks(double min, double max, double lengthPx, double minSpacingPx);

// Short text of a value for tick labels and read-outs: up to `significant` digits, no
// trailing zeros, short exponents ("1e-6", "2.5e5").
QString formatPlotNumber(double value, int significant = 6);

} // namespace dtop::widgets
