// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/plot_chart.h"

#include <QFontMetricsF>

#include "signal/min_max_decimation.h"
#include "widgets/axis_ticks.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>

#include <algorithm>
#include <cmath>
#include <span>
#include <utility>

namespace dtop::widgets {

namespace {

const QColor textColor(0x26, 0x26, 0x26);
const QColor axisColor(0x8c, 0x8c, 0x8c);
const QColor gridColor(0xdd, 0xdd, 0xdd);
const QColor minorGridColor(0xf0, 0xf0, 0xf0);
const QColor hiddenColor(0xb0, 0xb0, 0xb0);

// Room the axis labels, titles, legend and margins take from the chart, for spacing ticks
// before the chart is laid out (the plot area itself is not used, to avoid a feedback loop
// between tick labels and layout).
constexpr double horizontalDecorationPx = 100;
constexpr double verticalDecorationPx = 120;
// Minimum distance between tick labels.
constexpr double xTickSpacingPx = 80;
constexpr double yTickSpacingPx = 36;
constexpr double minorTickSpacingPx = 3;

QFont scaledFont(qreal pointSize, bool bold = false)
{
    QFont font;
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}

void styleAxis(QCategoryAxis* axis)
{
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setLabelsFont(scaledFont(8.5));
    axis->setLabelsColor(textColor);
    axis->setTitleFont(scaledFont(9.5));
    axis->setTitleBrush(textColor);
    axis->setLinePen(QPen(axisColor, 1));
    axis->setLineVisible(false); // the plot area's frame draws the axes
    axis->setGridLinePen(QPen(gridColor, 1));
    axis->setGridLineVisible(true);
    axis->setMinorGridLineVisible(false);
    axis->setShadesVisible(false);
    axis->setTruncateLabels(false);
}

void setTicks(QCategoryAxis* axis, const std::vector<AxisTick>& ticks, double min, double max)
{
    for (const QString& label : axis->categoriesLabels())
        axis->remove(label);
    axis->setRange(min, max);
    axis->setStartValue(min);
    for (const AxisTick& tick : ticks) {
        // Labels must be unique; a repeated label (extreme zoom) is skipped.
        if (!axis->categoriesLabels().contains(tick.label))
            axis->append(tick.label, tick.position);
    }
}

std::vector<AxisTick> ticksFor(AxisScale scale, double min, double max, double lengthPx,
                               double spacingPx, double step)
{
    return scale == AxisScale::Log ? logTicks(min, max, lengthPx, spacingPx)
                                   : linearTicks(min, max, lengthPx, spacingPx, step);
}

// A tick at each integer position in [min, max] that has a name.
std::vector<AxisTick> categoryTicks(const std::vector<QString>& names, double min, double max)
{
    std::vector<AxisTick> ticks;
    for (std::size_t k = 0; k < names.size(); ++k)
        if (static_cast<double>(k) >= min && static_cast<double>(k) <= max)
            ticks.push_back({static_cast<double>(k), names[k]});
    return ticks;
}

std::vector<AxisTick> minorTicksFor(AxisScale scale, double min, double max, double lengthPx)
{
    if (scale != AxisScale::Log)
        return {};
    std::vector<AxisTick> ticks;
    for (double position : logMinorTicks(min, max, lengthPx, minorTickSpacingPx))
        ticks.push_back({position, QString::number(ticks.size())});
    return ticks;
}

// Segments drawn as separate series at most; the rest are joined into the last one (only a
// pathological series, e.g. every other value NaN, has more).
constexpr std::size_t maxSegmentSeries = 256;

// The segments of `item` that reach into the x range shown (all of them when x is not
// ascending), at most maxSegmentSeries.
std::vector<std::pair<std::size_t, std::size_t>> drawnSegments(const PlotItem& item,
                                                               const PlotRange& range)
{
    std::vector<std::pair<std::size_t, std::size_t>> drawn;
    const auto& px = item.curves.front().plotX();
    for (const auto& [begin, end] : item.segments()) {
        if (end <= begin)
            continue;
        if (item.ascending && (px[end - 1] < range.x0 || px[begin] > range.x1))
            continue;
        if (drawn.size() == maxSegmentSeries)
            drawn.back().second = end;
        else
            drawn.emplace_back(begin, end);
    }
    return drawn;
}

// The x range and pixel columns one of `count` segments is decimated over: the whole range
// for a single segment; else the part of it the segment spans, with its share of the columns
// (so that columns keep their width and a short segment is not thinned less than a long one).
struct SegmentColumns {
    double x0, x1;
    int columns;
};

SegmentColumns segmentColumns(const PlotItem& item, std::size_t begin, std::size_t end,
                              std::size_t count, const PlotRange& range, int columns)
{
    if (count <= 1 || !item.ascending || !(range.x1 > range.x0))
        return {range.x0, range.x1, std::max(columns, 1)};
    const auto& px = item.curves.front().plotX();
    const double x0 = std::max(range.x0, px[begin]);
    const double x1 = std::min(range.x1, px[end - 1]);
    const double share = x1 > x0 ? (x1 - x0) / (range.x1 - range.x0) : 0.0;
    return {x0, x1, std::max(1, static_cast<int>(std::ceil(share * columns)))};
}

// Points [begin, end) of one curve, decimated when x ascends.
QList<QPointF> segmentPoints(const PlotItem& item, std::size_t curve, std::size_t begin,
                             std::size_t end, const SegmentColumns& grid)
{
    const PlotCurve& c = item.curves[curve];
    const std::span<const double> x = std::span<const double>(c.plotX()).subspan(begin, end - begin);
    const std::span<const double> y = std::span<const double>(c.plotY()).subspan(begin, end - begin);
    QList<QPointF> points;
    if (!item.ascending) {
        points.reserve(static_cast<qsizetype>(x.size()));
        for (std::size_t i = 0; i < x.size(); ++i)
            points.append(QPointF(x[i], y[i]));
        return points;
    }
    const auto kept = signal::minMaxDecimate(x, y, grid.x0, grid.x1,
                                             static_cast<std::size_t>(grid.columns));
    points.reserve(static_cast<qsizetype>(kept.size()));
    for (std::size_t i : kept)
        points.append(QPointF(x[i], y[i]));
    return points;
}

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(alpha);
    return color;
}

} // namespace

PlotChart::PlotChart()
    : m_chart(new QChart), m_axisX(new QCategoryAxis), m_axisY(new QCategoryAxis),
      m_minorX(new QCategoryAxis), m_minorY(new QCategoryAxis)
{
    m_chart->setTheme(QChart::ChartThemeLight);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setDropShadowEnabled(false);
    m_chart->setBackgroundBrush(Qt::white);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(true);
    m_chart->setPlotAreaBackgroundBrush(Qt::white);
    m_chart->setPlotAreaBackgroundPen(QPen(axisColor, 1));
    m_chart->setMargins(QMargins(6, 6, 14, 4));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setTitleFont(scaledFont(10.5, true));
    m_chart->setTitleBrush(textColor);

    QLegend* legend = m_chart->legend();
    legend->setAlignment(Qt::AlignTop);
    legend->setFont(scaledFont(8.5));
    legend->setLabelColor(textColor);
    legend->setMarkerShape(QLegend::MarkerShapeFromSeries);
    legend->setShowToolTips(true);
    legend->setVisible(false);

    styleAxis(m_axisX);
    styleAxis(m_axisY);
    // Unlabelled axes under the main ones carry the minor grid of log axes (2…9 × 10ⁿ).
    for (QCategoryAxis* minor : {m_minorX, m_minorY}) {
        styleAxis(minor);
        minor->setLabelsVisible(false);
        minor->setTitleVisible(false);
        minor->setGridLinePen(QPen(minorGridColor, 1));
    }
    m_chart->addAxis(m_minorX, Qt::AlignBottom);
    m_chart->addAxis(m_minorY, Qt::AlignLeft);
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
}

void PlotChart::setTitle(const QString& title)
{
    m_chart->setTitle(title);
}

QStringList PlotChart::clippedTexts() const
{
    QStringList clipped;
    if (m_chart->layout())
        m_chart->layout()->activate(); // the plot area of the present size
    const QRectF area = m_chart->plotArea();
    const auto tooWide = [](const QString& text, const QFont& font, qreal room) {
        return !text.isEmpty() && QFontMetricsF(font).horizontalAdvance(text) > room;
    };
    const QMarginsF margins = m_chart->margins();
    if (tooWide(m_chart->title(), m_chart->titleFont(),
                m_chart->size().width() - margins.left() - margins.right()))
        clipped << m_chart->title();
    if (tooWide(m_axisX->titleText(), m_axisX->titleFont(), area.width()))
        clipped << m_axisX->titleText();
    if (tooWide(m_axisY->titleText(), m_axisY->titleFont(), area.height())) // drawn upright
        clipped << m_axisY->titleText();
    return clipped;
}

void PlotChart::setAxes(const AxisSpec& x, const AxisSpec& y)
{
    m_axisX->setTitleText(axisTitle(x));
    m_axisY->setTitleText(axisTitle(y));
    m_xScale = x.scale == AxisScale::Log ? AxisScale::Log : AxisScale::Linear;
    m_yScale = y.scale;
    m_xStep = x.tickStep;
    m_yStep = y.tickStep;
    m_xCategories = m_xScale == AxisScale::Linear ? x.categories : std::vector<QString>{};
    m_axisX->setLabelsAngle(m_xCategories.empty() ? 0 : -90);
}

void PlotChart::addItem(const PlotItem& item)
{
    ItemSeries s;
    s.color = item.style.color;
    s.style = item.style;
    QAbstractSeries* added = nullptr;
    if (item.band) {
        auto* area = new QAreaSeries;
        area->setUpperSeries(new QLineSeries(area));
        area->setLowerSeries(new QLineSeries(area));
        area->setBrush(withAlpha(s.color, 56));
        area->setPen(QPen(withAlpha(s.color, 110), 1));
        s.area = area;
        added = area;
    } else if (item.style.markers) {
        auto* scatter = new QScatterSeries;
        scatter->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        scatter->setMarkerSize(std::max(5.0, 4.0 * item.style.width));
        scatter->setColor(s.color);
        scatter->setBorderColor(s.color.darker(130));
        s.line = scatter;
        added = scatter;
    } else {
        auto* line = new QLineSeries;
        QPen pen(s.color, item.style.width, item.style.dashed ? Qt::DashLine : Qt::SolidLine,
                 Qt::RoundCap, Qt::RoundJoin);
        line->setPen(pen);
        s.line = line;
        added = line;
    }
    added->setName(item.name);
    m_chart->addSeries(added);
    added->attachAxis(m_axisX);
    added->attachAxis(m_axisY);
    added->setVisible(item.visible);
    m_series[item.id] = s;

    for (QLegendMarker* marker : m_chart->legend()->markers(added)) {
        const int id = item.id;
        QObject::connect(marker, &QLegendMarker::clicked, m_chart, [this, id] {
            if (m_legendClicked)
                m_legendClicked(id);
        });
    }
    styleLegendMarker(s, item.visible);
    m_chart->legend()->setVisible(m_legendShown && !m_series.empty());
}

void PlotChart::setLegendShown(bool shown)
{
    m_legendShown = shown;
    m_chart->legend()->setVisible(m_legendShown && !m_series.empty());
}

QAbstractSeries* PlotChart::segmentSeries(ItemSeries& s, std::size_t index, bool visible)
{
    while (s.more.size() < index) {
        QAbstractSeries* added = nullptr;
        if (s.area) {
            auto* area = new QAreaSeries;
            area->setUpperSeries(new QLineSeries(area));
            area->setLowerSeries(new QLineSeries(area));
            area->setBrush(s.area->brush());
            area->setPen(s.area->pen());
            added = area;
        } else {
            auto* line = new QLineSeries;
            line->setPen(s.line->pen());
            added = line;
        }
        added->setName(mainSeries(s)->name());
        m_chart->addSeries(added);
        added->attachAxis(m_axisX);
        added->attachAxis(m_axisY);
        s.more.push_back(added);
    }
    QAbstractSeries* series = s.more[index - 1];
    series->setVisible(visible);
    hideLegendMarkers(series);
    return series;
}

void PlotChart::hideLegendMarkers(QAbstractSeries* series)
{
    // The legend shows a series' marker again whenever the series is shown.
    for (QLegendMarker* marker : m_chart->legend()->markers(series))
        marker->setVisible(false);
}

void PlotChart::clearItems()
{
    for (auto& [id, s] : m_series) {
        for (QAbstractSeries* series : s.more) {
            m_chart->removeSeries(series);
            delete series;
        }
        QAbstractSeries* series = mainSeries(s);
        m_chart->removeSeries(series);
        delete series;
    }
    m_series.clear();
    m_chart->legend()->setVisible(false);
}

QAbstractSeries* PlotChart::mainSeries(const ItemSeries& s) const
{
    return s.area ? static_cast<QAbstractSeries*>(s.area) : static_cast<QAbstractSeries*>(s.line);
}

void PlotChart::setItemVisible(const PlotItem& item)
{
    auto it = m_series.find(item.id);
    if (it == m_series.end())
        return;
    mainSeries(it->second)->setVisible(item.visible);
    for (QAbstractSeries* series : it->second.more) {
        series->setVisible(item.visible);
        hideLegendMarkers(series);
    }
    styleLegendMarker(it->second, item.visible);
}

void PlotChart::styleLegendMarker(const ItemSeries& s, bool visible)
{
    // Hiding a series hides its marker too; keep the marker, greyed, so it can be clicked back.
    for (QLegendMarker* marker : m_chart->legend()->markers(mainSeries(s))) {
        marker->setVisible(s.style.inLegend);
        marker->setLabelBrush(visible ? textColor : hiddenColor);
        const QColor color = visible ? s.color : withAlpha(s.color, 60);
        if (s.area) {
            marker->setShape(QLegend::MarkerShapeRectangle);
            marker->setBrush(visible ? withAlpha(s.color, 90) : withAlpha(s.color, 25));
            marker->setPen(QPen(color, 1));
        } else {
            marker->setBrush(color);
            marker->setPen(QPen(color, 2));
        }
        marker->setFont(scaledFont(8.5));
    }
}

void PlotChart::setLegendClickHandler(std::function<void(int)> handler)
{
    m_legendClicked = std::move(handler);
}

void PlotChart::show(const PlotRange& range, const std::vector<PlotItem>& items,
                     const std::function<int()>& columns)
{
    // Empty the series first: every axis change re-lays out each series' points, which is
    // cheap only while there are none.
    auto empty = [](QAbstractSeries* series) {
        if (auto* area = qobject_cast<QAreaSeries*>(series)) {
            area->lowerSeries()->clear();
            area->upperSeries()->clear();
        } else if (auto* line = qobject_cast<QXYSeries*>(series)) {
            line->clear();
        }
    };
    for (auto& [id, s] : m_series) {
        empty(mainSeries(s));
        for (QAbstractSeries* series : s.more)
            empty(series);
    }
    setRange(range);
    redraw(items, columns());
}

void PlotChart::setRange(const PlotRange& range)
{
    m_range = range;
    const QSizeF size = m_chart->size();
    const double width = std::max(100.0, size.width() - horizontalDecorationPx);
    const double height = std::max(60.0, size.height() - verticalDecorationPx);
    setTicks(m_axisX,
             m_xCategories.empty()
                 ? ticksFor(m_xScale, range.x0, range.x1, width, xTickSpacingPx, m_xStep)
                 : categoryTicks(m_xCategories, range.x0, range.x1),
             range.x0, range.x1);
    setTicks(m_axisY, ticksFor(m_yScale, range.y0, range.y1, height, yTickSpacingPx, m_yStep), range.y0,
             range.y1);
    setTicks(m_minorX, minorTicksFor(m_xScale, range.x0, range.x1, width), range.x0, range.x1);
    setTicks(m_minorY, minorTicksFor(m_yScale, range.y0, range.y1, height), range.y0, range.y1);
}

void PlotChart::redraw(const std::vector<PlotItem>& items, int columns)
{
    for (const PlotItem& item : items) {
        auto it = m_series.find(item.id);
        if (it == m_series.end())
            continue;
        ItemSeries& s = it->second;
        if (!item.visible)
            continue; // hidden series keep their last points; redrawn when shown
        const auto segments = drawnSegments(item, m_range);
        if (s.area) {
            for (std::size_t k = 0; k < std::max<std::size_t>(segments.size(), 1); ++k) {
                auto* area = static_cast<QAreaSeries*>(k == 0 ? s.area : segmentSeries(s, k, true));
                QList<QPointF> lower, upper;
                if (k < segments.size()) {
                    const auto [begin, end] = segments[k];
                    const SegmentColumns grid =
                        segmentColumns(item, begin, end, segments.size(), m_range, columns);
                    lower = segmentPoints(item, 0, begin, end, grid);
                    upper = segmentPoints(item, 1, begin, end, grid);
                }
                area->lowerSeries()->replace(lower);
                area->upperSeries()->replace(upper);
            }
            for (std::size_t k = std::max<std::size_t>(segments.size(), 1); k <= s.more.size(); ++k) {
                auto* area = static_cast<QAreaSeries*>(s.more[k - 1]);
                area->lowerSeries()->clear();
                area->upperSeries()->clear();
            }
            continue;
        }
        // Points (markers) need no segments: a gap is simply no point.
        const std::size_t pieces = item.style.markers ? 1 : std::max<std::size_t>(segments.size(), 1);
        std::vector<QList<QPointF>> points(pieces);
        qsizetype total = 0;
        int totalColumns = 0;
        for (std::size_t k = 0; k < segments.size(); ++k) {
            const auto [begin, end] = segments[k];
            const SegmentColumns grid =
                segmentColumns(item, begin, end, segments.size(), m_range, columns);
            QList<QPointF> p = segmentPoints(item, 0, begin, end, grid);
            total += p.size();
            totalColumns += grid.columns;
            QList<QPointF>& target = points[std::min(k, pieces - 1)];
            if (target.isEmpty())
                target = std::move(p);
            else
                target.append(p);
        }
        // A trace that zigzags within pixel columns (noise, 10⁶ samples) is drawn with a
        // hairline: a wider anti-aliased pen costs ten times more to stroke and looks the
        // same where the trace is a solid fill.
        // (A smooth curve keeps about two points a column, a zigzag four.)
        const bool dense = static_cast<double>(total) > 3.0 * (segments.size() > 1 ? totalColumns : columns);
        if (!item.style.markers) {
            QPen pen = s.line->pen();
            const qreal width = dense ? std::min<qreal>(item.style.width, 1.0) : item.style.width;
            if (pen.widthF() != width) {
                pen.setWidthF(width);
                s.line->setPen(pen);
                for (QAbstractSeries* series : s.more)
                    static_cast<QXYSeries*>(series)->setPen(pen);
                styleLegendMarker(s, item.visible);
            }
        }
        for (std::size_t k = 0; k < pieces; ++k) {
            auto* line = static_cast<QXYSeries*>(k == 0 ? s.line : segmentSeries(s, k, true));
            line->replace(std::move(points[k]));
        }
        for (std::size_t k = pieces; k <= s.more.size(); ++k)
            static_cast<QXYSeries*>(s.more[k - 1])->clear();
    }
}

} // namespace dtop::widgets
