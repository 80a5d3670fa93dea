// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/csv_table.h"

#include <QColor>
#include <QImage>
#include <QString>
#include <QWidget>

#include <limits>
#include <memory>
#include <vector>

namespace dtop::widgets {

enum class AxisScale {
    Linear,
    Log,     // log10 axis; non-positive values are dropped and counted in note()
    Decibel, // y only: data given as linear magnitudes, drawn as 20·log10(|y|) "dB re 1 <unit>"
};

struct AxisSpec {
    QString label;  // "Frequency"
    QString unit;   // "Hz"; the axis title reads "Frequency [Hz]" (or "[dB re 1 m/N]")
    AxisScale scale = AxisScale::Linear;
    // Linear axes only: labelled ticks at multiples of this step (e.g. 90 for a phase in
    // degrees), doubled while they would crowd; 0 = automatic 1-2-5 steps.
    double tickStep = 0.0;
    // x axis only, linear: when not empty, the ticks are at 0, 1, 2, … labelled with these
    // names (bar charts of named items, e.g. one bar per input), labels turned upright.
    std::vector<QString> categories = {};
};

// A range along one axis in display units (Hz, dB, ...).
struct AxisRange {
    double min = 0;
    double max = 0;
};

struct SeriesStyle {
    QColor color;          // invalid = next colour of the palette
    qreal width = 1.5;
    bool dashed = false;
    bool markers = false;  // draw points instead of a line (measured data, peaks)
    bool inLegend = true;  // false: no legend entry (one of many floors; the read-out names it)
};

// The one wrapper around Qt Charts. Takes plain vectors, draws lines and shaded
// bands on linear / log / dB axes with units, decimates every series to min/max per pixel
// column so that 10⁶ points redraw instantly, and offers wheel and rubber-band zoom, pan,
// reset, a nearest-point read-out, legend toggling, PNG export rendered offscreen at any size
// and CSV export of what is drawn.
// dB axes clip their automatic range to a dynamic range below the peak (setDynamicRange()), and
// a NaN in the data breaks the line (PlotView::gap).
// Mouse and keys: wheel zooms around the pointer (over an axis, or with Shift / Ctrl: that
// axis only); left drag zooms to a rectangle (a thin one: one axis); Shift+drag or middle drag
// pans, as do the arrow keys; +/- zoom; double-click, Home or 0 reset; right-click offers reset,
// the dynamic range of a dB axis, PNG / CSV export and copying the image.
class PlotView : public QWidget {
    Q_OBJECT
public:
    explicit PlotView(QWidget* parent = nullptr);

    // Collects the changes made while it lives (clear, axes, series, range) and redraws once
    // when it ends: a live update of several series then costs one redraw, not one per call.
    class UpdateBatch {
    public:
        explicit UpdateBatch(PlotView& view);
        ~UpdateBatch();
        UpdateBatch(const UpdateBatch&) = delete;
        UpdateBatch& operator=(const UpdateBatch&) = delete;

    private:
        PlotView& m_view;
    };

    // The i-th colour series take by default (colour-blind-safe palette), for callers that
    // pair series, e.g. a model and a measured FRF of the same floor.
    static QColor paletteColor(int index);
    // A gap in a series or band: at a NaN (this one or any other) the line stops and the next
    // point starts a new segment. Decimation works segment by segment.
    static constexpr double gap = std::numeric_limits<double>::quiet_NaN();
    // Default of setDynamicRange().
    static constexpr double defaultDynamicRangeDb = 100.0;
    ~PlotView() override;

    void setTitle(const QString& title);
    // Changing an axis' scale redisplays the data on it and resets the zoom. Decibel applies
    // to y only (an x axis given it is linear).
    void setXAxis(const AxisSpec& axis);
    void setYAxis(const AxisSpec& axis);

    // Removes every series and band and the caller's note (axes and title stay). A zoom the
    // user made is kept, so that live updates of the data do not throw it away; resetZoom()
    // returns to the data.
    void clear();
    // A note of the caller's, shown under the plot and in exported images above the plot's own
    // (e.g. "Measured overlay hidden: …"), in the warning colour. Empty: none.
    void setNote(const QString& text);
    QString callerNote() const;
    // Returns the series id (ids are never reused). x and y must have the same length
    // (std::invalid_argument otherwise). For decimation x should be ascending; a series that
    // is not (a Nyquist plot, say) is drawn point by point.
    int addSeries(const QString& name, std::vector<double> x, std::vector<double> y,
                  const SeriesStyle& style = {});
    // A shaded band between lower and upper (for bounds and envelopes).
    int addBand(const QString& name, std::vector<double> x, std::vector<double> lower,
                std::vector<double> upper, const QColor& color = {});
    // Hides the legend on screen when the caller shows its own key (e.g. one key for several
    // plots); exported images always carry the legend.
    void setLegendShown(bool shown);
    void setSeriesVisible(int id, bool visible);
    bool isSeriesVisible(int id) const;
    int seriesCount() const;

    // dB axes: the automatic y range reaches at most this far below the highest value shown,
    // so that a value near zero (an antiresonance, a lower bound of 0) does not squeeze the
    // peaks into the top of the plot. Values below are still drawn (off the axis), exported
    // in the CSV and read out. <= 0 or ∞: the full range. Default 100 dB; the context menu
    // offers the choice too. Resets the zoom.
    void setDynamicRange(double decibels);
    double dynamicRange() const;

    // Back to the full data range (or the range given to setXRange) of the visible series.
    void resetZoom();
    // Sets the x range shown (e.g. to frame the modes); resetZoom() returns to it. Ignored
    // unless min < max, both finite (and > 0 on a log axis).
    void setXRange(double min, double max);
    // Shows this x range (display units) as a zoom, keeping the y range; for following another
    // plot's zoom (linkXAxes). Emits nothing. Ignored where setXRange would ignore it.
    void showXRange(double min, double max);
    // The ranges shown now, in display units.
    AxisRange shownXRange() const;
    AxisRange shownYRange() const;

    // Informational note shown under the plot and in exports: the caller's note (setNote) and
    // the plot's own, e.g. "12 non-positive values not shown on the log axis"; one per line,
    // empty when there is nothing to say.
    QString note() const;

    QString title() const;
    // The names the legend lists (series and bands with SeriesStyle::inLegend), in order.
    QStringList legendNames() const;
    // The chart's own minimum height (notes under it come on top); 120 px by default.
    void setMinimumPlotHeight(int pixels);
    // Titles (chart, x axis, y axis) cut short at the present size: for layout tests.
    QStringList clippedTexts() const;

    // Offscreen rendering at the given pixel size (not a screen grab).
    QImage renderImage(const QSize& size) const;
    bool exportPng(const QString& path, const QSize& size, QString* error = nullptr) const;
    // Every visible series and band in display units (dB applied, log-dropped points removed),
    // full resolution: x then y (or lower/upper) columns named after the series and units.
    io::CsvTable drawnTable() const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;

signals:
    // Emitted when the pointer is near a data point: series name, x and y in display units.
    void pointHovered(const QString& series, double x, double y);
    // A left click (no drag) near a data point: series name, x and y in display units (the
    // point pointHovered reports there). For plots whose points can be picked.
    void pointClicked(const QString& series, double x, double y);
    // The dynamic range of the dB axis changed (from the context menu or setDynamicRange()).
    void dynamicRangeChanged(double decibels);
    // The user zoomed, panned or reset the view and the x range shown changed (display units).
    // Not emitted for ranges set by code (setXRange, showXRange, new data).
    void xRangeChangedByUser(double min, double max);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Puts a gap (PlotView::gap, at the midpoint of x) wherever y jumps by more than `maxJump`
// between neighbours: a phase wrapped to (−180°, 180°] then draws no vertical stroke where it
// wraps (maxJump = 180 for degrees).
void breakAtJumps(std::vector<double>& x, std::vector<double>& y, double maxJump);

} // namespace dtop::widgets
