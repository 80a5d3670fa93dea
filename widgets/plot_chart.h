// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/plot_data.h"

#include <QChart>

#include <functional>
#include <map>
#include <vector>

class QAbstractSeries;
class QAreaSeries;
class QCategoryAxis;
class QXYSeries;

namespace dtop::widgets {

// The range shown, in plot coordinates (log10 on log axes).
struct PlotRange {
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
};

// A styled QChart showing PlotItems: one line / scatter series per series item, one area
// series per band, on two linear axes in plot coordinates whose ticks and labels are computed
// here (so log axes label any range, even less than a decade, with real values). Used by the
// live view and, built afresh, for offscreen rendering at any size.
class PlotChart {
public:
    PlotChart();
    PlotChart(const PlotChart&) = delete;
    PlotChart& operator=(const PlotChart&) = delete;

    // The chart; whoever shows it (a QChartView or a QGraphicsScene) owns it.
    QChart* chart() const { return m_chart; }
    QCategoryAxis* axisX() const { return m_axisX; }
    QCategoryAxis* axisY() const { return m_axisY; }

    void setTitle(const QString& title);
    void setAxes(const AxisSpec& x, const AxisSpec& y);
    // The chart title and axis titles that do not fit the room they have at the present size
    // (Qt Charts elides them with "…"); empty when every one is shown whole.
    QStringList clippedTexts() const;
    void addItem(const PlotItem& item);
    void clearItems();
    void setItemVisible(const PlotItem& item);
    // Called with the item id when its legend marker is clicked.
    void setLegendClickHandler(std::function<void(int)> handler);
    // false: no legend even with items (the caller shows its own key).
    void setLegendShown(bool shown);

    // Shows `range`: axis ranges and ticks, then every visible item decimated to columns()
    // pixel columns (asked after the axes changed, as their labels move the plot area).
    void show(const PlotRange& range, const std::vector<PlotItem>& items,
              const std::function<int()>& columns);
    const PlotRange& range() const { return m_range; }
    // Decimates every visible item again (same range) to `columns` pixel columns.
    void redraw(const std::vector<PlotItem>& items, int columns);

private:
    // The Qt series of one item: one per drawn segment (a NaN in the data ends a segment);
    // the first carries the legend marker, the others are added as gaps require.
    struct ItemSeries {
        QXYSeries* line = nullptr; // series items: first segment
        QAreaSeries* area = nullptr; // bands: first segment
        std::vector<QAbstractSeries*> more; // further segments
        QColor color;
        SeriesStyle style;
    };
    void styleLegendMarker(const ItemSeries& s, bool visible);
    QAbstractSeries* mainSeries(const ItemSeries& s) const;
    // A new series drawn like `s` (legend marker hidden), for segment `index` >= 1.
    QAbstractSeries* segmentSeries(ItemSeries& s, std::size_t index, bool visible);
    void hideLegendMarkers(QAbstractSeries* series);
    void setRange(const PlotRange& range);

    QChart* m_chart = nullptr;
    QCategoryAxis* m_axisX = nullptr;
    QCategoryAxis* m_axisY = nullptr;
    QCategoryAxis* m_minorX = nullptr;
    QCategoryAxis* m_minorY = nullptr;
    std::map<int, ItemSeries> m_series;
    std::function<void(int)> m_legendClicked;
    bool m_legendShown = true;
    PlotRange m_range;
    AxisScale m_xScale = AxisScale::Linear;
    AxisScale m_yScale = AxisScale::Linear;
    double m_xStep = 0.0; // AxisSpec::tickStep
    double m_yStep = 0.0;
    std::vector<QString> m_xCategories; // AxisSpec::categories
};

} // namespace dtop::widgets
