// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/plot_view.h"

#include "widgets/axis_ticks.h"
#include "widgets/figure.h"
#include "widgets/plot_chart.h"
#include "widgets/plot_data.h"

#include <QAction>
#include <QApplication>
#include <QCategoryAxis>
#include <QChartView>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QFont>
#include <QFontMetrics>
#include <QGraphicsScene>
#include <QGraphicsLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QRubberBand>
#include <QSaveFile>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <utility>
#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>

namespace dtop::widgets {

namespace {

constexpr double wheelZoomPerNotch = 1.2;
constexpr double keyPanFraction = 0.1;
constexpr double hoverRadiusPx = 24;
constexpr int dragThresholdPx = 6;
constexpr int exportNoteHeightPx = 24;
const QColor noteColor(0x8a, 0x55, 0x00);

double toPlot(double display, AxisScale scale)
{
    return scale == AxisScale::Log ? std::log10(display) : display;
}

double toDisplay(double plot, AxisScale scale)
{
    return scale == AxisScale::Log ? std::pow(10.0, plot) : plot;
}

// CSV headers are not quoted: keep separators out of series names.
std::string csvHeader(const QString& name, const QString& title)
{
    QString clean = name.isEmpty() ? QStringLiteral("series") : name;
    clean.replace(QLatin1Char(','), QLatin1Char(';'));
    clean.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return (clean + QStringLiteral(": ") + title).toStdString();
}

// [lo, hi] widened when degenerate, then padded by `pad` of its span on each side.
std::pair<double, double> padded(double lo, double hi, double pad, double degenerateHalfSpan)
{
    // A span lost in rounding (a coherence of 1 ± 1e-16) counts as degenerate too.
    if (!(hi - lo > 1e-10 * std::max(std::abs(lo), std::abs(hi)))) {
        const double half = std::max(degenerateHalfSpan, std::abs(lo) * 0.1);
        return {lo - half, hi + half};
    }
    const double d = (hi - lo) * pad;
    return {lo - d, hi + d};
}

// Keeps a range from collapsing below what doubles can resolve.
bool usableSpan(double lo, double hi)
{
    const double span = hi - lo;
    const double scale = std::max({std::abs(lo), std::abs(hi), 1e-300});
    return std::isfinite(lo) && std::isfinite(hi) && span > scale * 1e-10 && span < 1e300;
}

} // namespace

struct PlotView::Impl {
    class ChartView;

    PlotView* q = nullptr;
    PlotChart chart;
    ChartView* view = nullptr;
    QLabel* noteLabel = nullptr;
    QString callerNote;
    QLabel* readout = nullptr;
    QRubberBand* rubberBand = nullptr;
    QScatterSeries* hoverMarker = nullptr;

    QString title;
    AxisSpec xAxis{QStringLiteral("x"), {}, AxisScale::Linear};
    AxisSpec yAxis{QStringLiteral("y"), {}, AxisScale::Linear};
    std::vector<PlotItem> items;
    int nextId = 1;
    int nextColor = 0;
    std::optional<std::pair<double, double>> homeX; // display units, from setXRange
    double dynamicRangeDb = PlotView::defaultDynamicRangeDb;
    bool zoomed = false;
    bool updating = false; // inside showRange: the plot area moves, no redraw needed yet
    int lastColumns = 0;
    // UpdateBatch: changes are collected and drawn once when the outermost batch ends.
    int batchDepth = 0;
    bool batchDirty = false;
    bool batchHome = false;

    enum class Drag { None, Zoom, Pan };
    Drag drag = Drag::None;
    QPoint dragOrigin;
    QPoint dragLast;
    struct Hover {
        int id = 0;
        std::size_t curve = 0;
        std::size_t index = 0;
    };
    std::optional<Hover> hover;

    explicit Impl(PlotView* owner);

    int add(PlotItem item);
    PlotItem* find(int id);
    const PlotItem* find(int id) const;
    QRectF plotArea() const { return chart.chart()->plotArea(); }
    QPointF chartPos(const QPoint& viewPos) const;
    PlotRange homeRange() const;
    void showRange(const PlotRange& range);
    void showHome();
    // A range the user asked for (zoom, pan, reset): shown, and announced through
    // xRangeChangedByUser when its x part changed, so that linked plots can follow.
    void userRange(const PlotRange& range);
    void userReset();
    void redraw();
    // Redraw now (home: re-frame the data first), or once at the end of an UpdateBatch.
    void refresh(bool home);
    int columns() const;
    void refreshNote();
    QString fullNote() const;
    void rebuildDisplay();
    DropCounts visibleDrops() const;
    QString curveName(const PlotItem& item, std::size_t curve) const;

    // Interaction (pixel positions in chart coordinates).
    void zoomAt(const QPointF& pos, double factorX, double factorY);
    void zoomToPixels(const QRectF& rect, bool zoomX, bool zoomY);
    void panPixels(double dx, double dy);
    void updateHover(const QPointF& pos);
    void click(const QPointF& pos); // emits pointClicked for the point near pos
    void clearHover();
    void showContextMenu(const QPoint& globalPos);
};

// The QChartView with the plot's mouse and keyboard handling.
class PlotView::Impl::ChartView : public QChartView {
public:
    ChartView(QChart* chart, Impl* impl, QWidget* parent) : QChartView(chart, parent), m_impl(impl)
    {
        setRenderHint(QPainter::Antialiasing);
        setRenderHint(QPainter::TextAntialiasing);
        setRubberBand(QChartView::NoRubberBand);
        setMouseTracking(true);
        viewport()->setMouseTracking(true);
        setFocusPolicy(Qt::StrongFocus);
        setFrameShape(QFrame::NoFrame);
        setToolTip(tr("Wheel: zoom · drag: zoom to rectangle · Shift+drag or middle button: pan · "
                      "double-click or Home: reset · right-click: export"));
    }

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    Impl* m_impl;
};

PlotView::Impl::Impl(PlotView* owner) : q(owner)
{
    view = new ChartView(chart.chart(), this, owner);
    chart.setAxes(xAxis, yAxis);
    chart.setLegendClickHandler([this](int id) {
        if (const PlotItem* item = find(id))
            q->setSeriesVisible(id, !item->visible);
    });

    hoverMarker = new QScatterSeries;
    hoverMarker->setMarkerSize(9);
    hoverMarker->setColor(QColor(255, 255, 255, 0));
    hoverMarker->setBorderColor(QColor(0x26, 0x26, 0x26));
    hoverMarker->setPen(QPen(QColor(0x26, 0x26, 0x26), 1.5));
    chart.chart()->addSeries(hoverMarker);
    hoverMarker->attachAxis(chart.axisX());
    hoverMarker->attachAxis(chart.axisY());
    for (QLegendMarker* marker : chart.chart()->legend()->markers(hoverMarker))
        marker->setVisible(false);

    readout = new QLabel(view);
    readout->setAttribute(Qt::WA_TransparentForMouseEvents);
    readout->setStyleSheet(QStringLiteral(
        "QLabel { background: rgba(255,255,255,225); border: 1px solid #b8b8b8; "
        "border-radius: 3px; padding: 2px 6px; color: #262626; }"));
    readout->hide();

    rubberBand = new QRubberBand(QRubberBand::Rectangle, view->viewport());

    noteLabel = new QLabel(owner);
    noteLabel->setWordWrap(true);
    noteLabel->setStyleSheet(QStringLiteral("QLabel { color: %1; background: white; padding: 0px 8px 4px 8px; }")
                                 .arg(noteColor.name()));
    noteLabel->hide();

    auto* layout = new QVBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(view, 1);
    layout->addWidget(noteLabel);

    // Decimation follows the plot area's pixel width.
    QObject::connect(chart.chart(), &QChart::plotAreaChanged, owner, [this] {
        if (!updating && columns() != lastColumns)
            redraw();
    });
    showHome();
}

int PlotView::Impl::add(PlotItem item)
{
    item.id = nextId++;
    if (!item.style.color.isValid())
        item.style.color = paletteColor(nextColor++);
    item.updateDisplay(xAxis.scale, yAxis.scale);
    chart.addItem(item);
    items.push_back(std::move(item));
    refreshNote();
    refresh(!zoomed);
    return items.back().id;
}

PlotItem* PlotView::Impl::find(int id)
{
    auto it = std::find_if(items.begin(), items.end(), [id](const PlotItem& i) { return i.id == id; });
    return it == items.end() ? nullptr : &*it;
}

const PlotItem* PlotView::Impl::find(int id) const
{
    auto it = std::find_if(items.begin(), items.end(), [id](const PlotItem& i) { return i.id == id; });
    return it == items.end() ? nullptr : &*it;
}

QPointF PlotView::Impl::chartPos(const QPoint& viewPos) const
{
    return chart.chart()->mapFromScene(view->mapToScene(viewPos));
}

PlotRange PlotView::Impl::homeRange() const
{
    const bool logX = xAxis.scale == AxisScale::Log;
    const bool logY = yAxis.scale == AxisScale::Log;
    PlotRange r; // an empty plot shows 0 to 1 (1 to 10 on log axes)

    double xLo = HUGE_VAL, xHi = -HUGE_VAL;
    if (homeX && (!logX || homeX->first > 0)) {
        xLo = toPlot(homeX->first, xAxis.scale);
        xHi = toPlot(homeX->second, xAxis.scale);
    } else {
        for (const PlotItem& item : items) {
            if (!item.visible)
                continue;
            for (const PlotCurve& c : item.curves) {
                const auto& px = c.plotX();
                if (px.empty())
                    continue;
                const auto [lo, hi] = item.ascending
                                          ? std::pair{px.front(), px.back()}
                                          : [&] {
                                                auto mm = std::minmax_element(px.begin(), px.end());
                                                return std::pair{*mm.first, *mm.second};
                                            }();
                xLo = std::min(xLo, lo);
                xHi = std::max(xHi, hi);
            }
        }
    }
    if (xLo > xHi)
        return r; // nothing to show
    std::tie(r.x0, r.x1) = padded(xLo, xHi, 0.0, logX ? 0.5 : 1.0);

    double yLo = HUGE_VAL, yHi = -HUGE_VAL;
    for (const PlotItem& item : items) {
        if (!item.visible)
            continue;
        for (const PlotCurve& c : item.curves) {
            const auto& px = c.plotX();
            const auto& py = c.plotY();
            std::size_t begin = 0, end = px.size();
            if (item.ascending) {
                begin = static_cast<std::size_t>(
                    std::lower_bound(px.begin(), px.end(), r.x0) - px.begin());
                end = static_cast<std::size_t>(
                    std::upper_bound(px.begin(), px.end(), r.x1) - px.begin());
            }
            for (std::size_t i = begin; i < end; ++i) {
                if (px[i] < r.x0 || px[i] > r.x1)
                    continue;
                yLo = std::min(yLo, py[i]);
                yHi = std::max(yHi, py[i]);
            }
        }
    }
    // A dB axis shows at most the dynamic range below the highest value.
    if (yLo <= yHi && yAxis.scale == AxisScale::Decibel && dynamicRangeDb > 0 &&
        std::isfinite(dynamicRangeDb))
        yLo = std::max(yLo, yHi - dynamicRangeDb);
    if (yLo <= yHi)
        std::tie(r.y0, r.y1) = padded(yLo, yHi, 0.05, logY ? 0.5 : 1.0);
    return r;
}

void PlotView::Impl::showRange(const PlotRange& range)
{
    updating = true;
    chart.show(range, items, [this] { return columns(); });
    lastColumns = columns();
    updating = false;
    clearHover();
}

void PlotView::Impl::showHome()
{
    zoomed = false;
    showRange(homeRange());
}

void PlotView::Impl::userRange(const PlotRange& range)
{
    const PlotRange before = chart.range();
    zoomed = true;
    showRange(range);
    const PlotRange& now = chart.range();
    if (now.x0 != before.x0 || now.x1 != before.x1)
        emit q->xRangeChangedByUser(toDisplay(now.x0, xAxis.scale), toDisplay(now.x1, xAxis.scale));
}

void PlotView::Impl::userReset()
{
    showHome();
    const PlotRange& now = chart.range();
    emit q->xRangeChangedByUser(toDisplay(now.x0, xAxis.scale), toDisplay(now.x1, xAxis.scale));
}

int PlotView::Impl::columns() const
{
    const double width = plotArea().width() > 1 ? plotArea().width() : view->width();
    return std::max(1, static_cast<int>(std::ceil(width * view->devicePixelRatioF())));
}

void PlotView::Impl::refresh(bool home)
{
    if (batchDepth > 0) {
        batchDirty = true;
        batchHome = batchHome || home;
        return;
    }
    if (home)
        showHome();
    else
        redraw();
}

void PlotView::Impl::redraw()
{
    lastColumns = columns();
    chart.redraw(items, lastColumns);
}

DropCounts PlotView::Impl::visibleDrops() const
{
    DropCounts total;
    for (const PlotItem& item : items) {
        if (item.visible)
            total += item.dropped;
    }
    return total;
}

QString PlotView::Impl::fullNote() const
{
    QStringList lines;
    for (const QString& line : {callerNote, dropNote(visibleDrops(), xAxis.scale, yAxis.scale)})
        if (!line.isEmpty())
            lines << line;
    return lines.join(QLatin1Char('\n'));
}

void PlotView::Impl::refreshNote()
{
    const QString note = fullNote();
    noteLabel->setText(note);
    noteLabel->setVisible(!note.isEmpty());
}

void PlotView::Impl::rebuildDisplay()
{
    for (PlotItem& item : items)
        item.updateDisplay(xAxis.scale, yAxis.scale);
    chart.setAxes(xAxis, yAxis);
    refreshNote();
}

QString PlotView::Impl::curveName(const PlotItem& item, std::size_t curve) const
{
    if (!item.band)
        return item.name;
    return item.name + (curve == 0 ? QStringLiteral(" (lower)") : QStringLiteral(" (upper)"));
}

void PlotView::Impl::zoomAt(const QPointF& pos, double factorX, double factorY)
{
    const QRectF area = plotArea();
    if (area.width() < 2 || area.height() < 2)
        return;
    PlotRange r = chart.range();
    const double cx = r.x0 + (pos.x() - area.left()) / area.width() * (r.x1 - r.x0);
    const double cy = r.y1 - (pos.y() - area.top()) / area.height() * (r.y1 - r.y0);
    PlotRange n = r;
    n.x0 = cx - (cx - r.x0) * factorX;
    n.x1 = cx + (r.x1 - cx) * factorX;
    n.y0 = cy - (cy - r.y0) * factorY;
    n.y1 = cy + (r.y1 - cy) * factorY;
    if (!usableSpan(n.x0, n.x1) || !usableSpan(n.y0, n.y1))
        return;
    userRange(n);
}

void PlotView::Impl::zoomToPixels(const QRectF& rect, bool zoomX, bool zoomY)
{
    const QRectF area = plotArea();
    if (area.width() < 2 || area.height() < 2)
        return;
    const QRectF px = rect.intersected(area);
    PlotRange r = chart.range();
    PlotRange n = r;
    if (zoomX) {
        n.x0 = r.x0 + (px.left() - area.left()) / area.width() * (r.x1 - r.x0);
        n.x1 = r.x0 + (px.right() - area.left()) / area.width() * (r.x1 - r.x0);
    }
    if (zoomY) {
        n.y1 = r.y1 - (px.top() - area.top()) / area.height() * (r.y1 - r.y0);
        n.y0 = r.y1 - (px.bottom() - area.top()) / area.height() * (r.y1 - r.y0);
    }
    if (!usableSpan(n.x0, n.x1) || !usableSpan(n.y0, n.y1))
        return;
    userRange(n);
}

void PlotView::Impl::panPixels(double dx, double dy)
{
    const QRectF area = plotArea();
    if (area.width() < 2 || area.height() < 2)
        return;
    PlotRange n = chart.range();
    const double ux = -dx / area.width() * (n.x1 - n.x0);
    const double uy = dy / area.height() * (n.y1 - n.y0);
    n.x0 += ux;
    n.x1 += ux;
    n.y0 += uy;
    n.y1 += uy;
    userRange(n);
}

void PlotView::Impl::clearHover()
{
    hover.reset();
    hoverMarker->clear();
    readout->hide();
}

void PlotView::Impl::updateHover(const QPointF& pos)
{
    const QRectF area = plotArea();
    if (!area.contains(pos) || area.width() < 2 || area.height() < 2) {
        clearHover();
        return;
    }
    const PlotRange r = chart.range();
    const double sx = area.width() / (r.x1 - r.x0);
    const double sy = area.height() / (r.y1 - r.y0);
    const double uLo = r.x0 + (pos.x() - hoverRadiusPx - area.left()) / sx;
    const double uHi = r.x0 + (pos.x() + hoverRadiusPx - area.left()) / sx;

    double best = hoverRadiusPx * hoverRadiusPx;
    std::optional<Hover> found;
    for (const PlotItem& item : items) {
        if (!item.visible)
            continue;
        for (std::size_t c = 0; c < item.curves.size(); ++c) {
            const auto& px = item.curves[c].plotX();
            const auto& py = item.curves[c].plotY();
            std::size_t begin = 0, end = px.size();
            if (item.ascending) {
                begin = static_cast<std::size_t>(std::lower_bound(px.begin(), px.end(), uLo) - px.begin());
                end = static_cast<std::size_t>(std::upper_bound(px.begin(), px.end(), uHi) - px.begin());
            }
            for (std::size_t i = begin; i < end; ++i) {
                const double dx = area.left() + (px[i] - r.x0) * sx - pos.x();
                const double dy = area.top() + (r.y1 - py[i]) * sy - pos.y();
                const double d2 = dx * dx + dy * dy;
                if (d2 < best) {
                    best = d2;
                    found = Hover{item.id, c, i};
                }
            }
        }
    }
    if (!found) {
        clearHover();
        return;
    }
    const bool changed = !hover || hover->id != found->id || hover->curve != found->curve ||
                         hover->index != found->index;
    hover = found;
    const PlotItem& item = *find(found->id);
    const PlotCurve& curve = item.curves[found->curve];
    const double x = curve.displayX()[found->index];
    const double y = curve.displayY()[found->index];
    const QString name = curveName(item, found->curve);

    hoverMarker->replace({QPointF(curve.plotX()[found->index], curve.plotY()[found->index])});
    const QString xUnit = xAxis.unit.isEmpty() ? QString() : QStringLiteral(" ") + xAxis.unit;
    QString yUnit = yAxis.scale == AxisScale::Decibel ? QStringLiteral("dB") : yAxis.unit;
    if (!yUnit.isEmpty())
        yUnit.prepend(QLatin1Char(' '));
    readout->setText(QStringLiteral("<span style='color:%1'>■</span> %2:  %3 = %4%5,  %6 = %7%8")
                         .arg(item.style.color.name(), name.toHtmlEscaped(),
                              xAxis.label.toHtmlEscaped(), formatPlotNumber(x, 6), xUnit,
                              yAxis.label.toHtmlEscaped(), formatPlotNumber(y, 5), yUnit));
    readout->adjustSize();
    const QPointF topRight = view->mapFromScene(chart.chart()->mapToScene(area.topRight()));
    readout->move(static_cast<int>(topRight.x()) - readout->width() - 6,
                  static_cast<int>(topRight.y()) + 6);
    readout->show();
    if (changed)
        emit q->pointHovered(name, x, y);
}

void PlotView::Impl::click(const QPointF& pos)
{
    updateHover(pos);
    if (!hover)
        return;
    const PlotItem& item = *find(hover->id);
    const PlotCurve& curve = item.curves[hover->curve];
    emit q->pointClicked(curveName(item, hover->curve), curve.displayX()[hover->index],
                         curve.displayY()[hover->index]);
}

void PlotView::Impl::showContextMenu(const QPoint& globalPos)
{
    QMenu menu(q);
    QAction* reset = menu.addAction(PlotView::tr("Reset zoom"));
    reset->setShortcut(Qt::Key_Home);
    reset->setEnabled(zoomed);
    // dB axes: how far below the peak the axis reaches.
    std::map<QAction*, double> ranges;
    QAction* otherRange = nullptr;
    if (yAxis.scale == AxisScale::Decibel) {
        QMenu* sub = menu.addMenu(PlotView::tr("Dynamic range"));
        sub->setToolTip(PlotView::tr("How far below the highest value the dB axis reaches"));
        const bool full = !(dynamicRangeDb > 0) || !std::isfinite(dynamicRangeDb);
        bool listed = full;
        for (double db : {40.0, 60.0, 80.0, 100.0, 120.0, 160.0, 200.0}) {
            QAction* a = sub->addAction(PlotView::tr("%1 dB below the peak").arg(db));
            a->setCheckable(true);
            a->setChecked(!full && db == dynamicRangeDb);
            listed = listed || db == dynamicRangeDb;
            ranges[a] = db;
        }
        QAction* all = sub->addAction(PlotView::tr("Full range"));
        all->setCheckable(true);
        all->setChecked(full);
        ranges[all] = 0.0;
        sub->addSeparator();
        otherRange = sub->addAction(listed ? PlotView::tr("Other…")
                                           : PlotView::tr("Other (%1 dB)…").arg(dynamicRangeDb));
        otherRange->setCheckable(true);
        otherRange->setChecked(!listed);
    }
    menu.addSeparator();
    QAction* png = menu.addAction(PlotView::tr("Export PNG…"));
    QAction* csv = menu.addAction(PlotView::tr("Export CSV…"));
    QAction* copy = menu.addAction(PlotView::tr("Copy image"));
    QAction* chosen = menu.exec(globalPos);
    const QSize size = q->size().expandedTo(QSize(800, 500));
    if (chosen == reset) {
        userReset();
    } else if (ranges.count(chosen)) {
        q->setDynamicRange(ranges[chosen]);
    } else if (chosen && chosen == otherRange) {
        bool ok = false;
        const double db = QInputDialog::getDouble(
            q, PlotView::tr("Dynamic range"), PlotView::tr("Show down to this far below the peak [dB]:"),
            dynamicRangeDb > 0 && std::isfinite(dynamicRangeDb) ? dynamicRangeDb : 100.0, 1.0, 1000.0, 0,
            &ok);
        if (ok)
            q->setDynamicRange(db);
    } else if (chosen == png) {
        const QString path = QFileDialog::getSaveFileName(q, PlotView::tr("Export plot as PNG"),
                                                          QStringLiteral("plot.png"),
                                                          PlotView::tr("PNG images (*.png)"));
        QString error;
        if (!path.isEmpty() && !q->exportPng(path, size, &error))
            QMessageBox::warning(q, PlotView::tr("Export PNG"), error);
    } else if (chosen == csv) {
        const QString path = QFileDialog::getSaveFileName(q, PlotView::tr("Export plotted data as CSV"),
                                                          QStringLiteral("plot.csv"),
                                                          PlotView::tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !q->exportCsv(path, &error))
            QMessageBox::warning(q, PlotView::tr("Export CSV"), error);
    } else if (chosen == copy) {
        QApplication::clipboard()->setImage(q->renderImage(size));
    }
}

// ---- ChartView events -------------------------------------------------------------------

void PlotView::Impl::ChartView::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    const QPointF pos = m_impl->chartPos(event->pos());
    const bool inPlot = m_impl->plotArea().contains(pos);
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    if (inPlot && event->button() == Qt::LeftButton && !shift) {
        m_impl->drag = Drag::Zoom;
    } else if (inPlot && (event->button() == Qt::MiddleButton ||
                          (event->button() == Qt::LeftButton && shift))) {
        m_impl->drag = Drag::Pan;
        viewport()->setCursor(Qt::ClosedHandCursor);
    } else {
        QChartView::mousePressEvent(event); // legend clicks
        return;
    }
    m_impl->dragOrigin = event->pos();
    m_impl->dragLast = event->pos();
    m_impl->clearHover();
    event->accept();
}

void PlotView::Impl::ChartView::mouseMoveEvent(QMouseEvent* event)
{
    switch (m_impl->drag) {
    case Drag::Zoom: {
        const QRect rect = QRect(m_impl->dragOrigin, event->pos()).normalized();
        if (rect.width() >= dragThresholdPx || rect.height() >= dragThresholdPx) {
            m_impl->rubberBand->setGeometry(rect);
            m_impl->rubberBand->show();
        }
        break;
    }
    case Drag::Pan: {
        const QPoint d = event->pos() - m_impl->dragLast;
        m_impl->dragLast = event->pos();
        m_impl->panPixels(d.x(), d.y());
        break;
    }
    case Drag::None:
        m_impl->updateHover(m_impl->chartPos(event->pos()));
        QChartView::mouseMoveEvent(event);
        return;
    }
    event->accept();
}

void PlotView::Impl::ChartView::mouseReleaseEvent(QMouseEvent* event)
{
    const Drag drag = m_impl->drag;
    m_impl->drag = Drag::None;
    m_impl->rubberBand->hide();
    viewport()->unsetCursor();
    if (drag == Drag::None) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    if (drag == Drag::Zoom) {
        const QRectF a = QRectF(m_impl->chartPos(m_impl->dragOrigin),
                                m_impl->chartPos(event->pos())).normalized();
        // A thin drag zooms one axis only.
        const bool zoomX = a.width() >= dragThresholdPx;
        const bool zoomY = a.height() >= dragThresholdPx;
        if (zoomX || zoomY)
            m_impl->zoomToPixels(a, zoomX, zoomY);
        else
            m_impl->click(m_impl->chartPos(event->pos()));
    }
    event->accept();
}

void PlotView::Impl::ChartView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_impl->plotArea().contains(m_impl->chartPos(event->pos())) &&
        event->button() == Qt::LeftButton) {
        m_impl->drag = Drag::None;
        m_impl->userReset();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

void PlotView::Impl::ChartView::wheelEvent(QWheelEvent* event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0) {
        event->ignore();
        return;
    }
    const double f = std::pow(wheelZoomPerNotch, -notches);
    const QPointF pos = m_impl->chartPos(event->position().toPoint());
    const QRectF area = m_impl->plotArea();
    // Over the x axis: x only; over the y axis: y only; Shift / Ctrl pick one axis too.
    bool zoomX = true, zoomY = true;
    if (pos.y() > area.bottom() && pos.x() >= area.left())
        zoomY = false;
    else if (pos.x() < area.left() && pos.y() <= area.bottom())
        zoomX = false;
    if (event->modifiers() & Qt::ShiftModifier)
        zoomY = false;
    else if (event->modifiers() & Qt::ControlModifier)
        zoomX = false;
    const QPointF anchor(std::clamp(pos.x(), area.left(), area.right()),
                         std::clamp(pos.y(), area.top(), area.bottom()));
    m_impl->zoomAt(anchor, zoomX ? f : 1.0, zoomY ? f : 1.0);
    event->accept();
}

void PlotView::Impl::ChartView::keyPressEvent(QKeyEvent* event)
{
    const QRectF area = m_impl->plotArea();
    const double dx = area.width() * keyPanFraction;
    const double dy = area.height() * keyPanFraction;
    switch (event->key()) {
    case Qt::Key_Left:
        m_impl->panPixels(dx, 0);
        break;
    case Qt::Key_Right:
        m_impl->panPixels(-dx, 0);
        break;
    case Qt::Key_Up:
        m_impl->panPixels(0, dy);
        break;
    case Qt::Key_Down:
        m_impl->panPixels(0, -dy);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_impl->zoomAt(area.center(), 1 / wheelZoomPerNotch, 1 / wheelZoomPerNotch);
        break;
    case Qt::Key_Minus:
        m_impl->zoomAt(area.center(), wheelZoomPerNotch, wheelZoomPerNotch);
        break;
    case Qt::Key_Home:
    case Qt::Key_0:
        m_impl->userReset();
        break;
    case Qt::Key_Escape:
        m_impl->drag = Drag::None;
        m_impl->rubberBand->hide();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void PlotView::Impl::ChartView::contextMenuEvent(QContextMenuEvent* event)
{
    m_impl->showContextMenu(event->globalPos());
    event->accept();
}

void PlotView::Impl::ChartView::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    // Tick density follows the size, decimation the plot area.
    m_impl->showRange(m_impl->chart.range());
}

void PlotView::Impl::ChartView::leaveEvent(QEvent* event)
{
    m_impl->clearHover();
    QChartView::leaveEvent(event);
}

// ---- PlotView ---------------------------------------------------------------------------

QColor PlotView::paletteColor(int index)
{
    return widgets::paletteColor(index);
}

PlotView::PlotView(QWidget* parent) : QWidget(parent), m_impl(std::make_unique<Impl>(this))
{
    // On the chart, not the whole view: a note under the plot adds to the height instead of
    // squeezing the axes. Four fit in a 1024×700 window (docs/architecture.md, "Window sizes").
    m_impl->view->setMinimumSize(200, 120);
}

QString PlotView::title() const
{
    return m_impl->title;
}

QStringList PlotView::legendNames() const
{
    QStringList names;
    for (const PlotItem& item : m_impl->items)
        if (item.style.inLegend)
            names << item.name;
    return names;
}

void PlotView::setMinimumPlotHeight(int pixels)
{
    m_impl->view->setMinimumHeight(pixels);
}

PlotView::~PlotView() = default;

QStringList PlotView::clippedTexts() const
{
    return m_impl->chart.clippedTexts();
}

void PlotView::setTitle(const QString& title)
{
    m_impl->title = title;
    m_impl->chart.setTitle(title);
}

void PlotView::setXAxis(const AxisSpec& axis)
{
    const bool rescale = axis.scale != m_impl->xAxis.scale;
    m_impl->xAxis = axis;
    if (m_impl->xAxis.scale == AxisScale::Decibel)
        m_impl->xAxis.scale = AxisScale::Linear; // dB is for magnitudes (y) only
    m_impl->rebuildDisplay();
    if (rescale || !m_impl->zoomed)
        m_impl->refresh(true);
}

void PlotView::setYAxis(const AxisSpec& axis)
{
    const bool rescale = axis.scale != m_impl->yAxis.scale;
    m_impl->yAxis = axis;
    m_impl->rebuildDisplay();
    if (rescale || !m_impl->zoomed)
        m_impl->refresh(true);
}

void PlotView::clear()
{
    m_impl->chart.clearItems();
    m_impl->items.clear();
    m_impl->nextColor = 0;
    m_impl->clearHover();
    m_impl->callerNote.clear();
    m_impl->refreshNote();
    if (!m_impl->zoomed)
        m_impl->refresh(true);
}

int PlotView::addSeries(const QString& name, std::vector<double> x, std::vector<double> y,
                        const SeriesStyle& style)
{
    if (x.size() != y.size())
        throw std::invalid_argument("PlotView::addSeries: series '" + name.toStdString() +
                                    "' has " + std::to_string(x.size()) + " x values but " +
                                    std::to_string(y.size()) + " y values");
    PlotItem item;
    item.name = name;
    item.style = style;
    item.rawX = std::make_shared<const std::vector<double>>(std::move(x));
    item.rawY = std::make_shared<const std::vector<double>>(std::move(y));
    return m_impl->add(std::move(item));
}

int PlotView::addBand(const QString& name, std::vector<double> x, std::vector<double> lower,
                      std::vector<double> upper, const QColor& color)
{
    if (x.size() != lower.size() || x.size() != upper.size())
        throw std::invalid_argument("PlotView::addBand: band '" + name.toStdString() + "' has " +
                                    std::to_string(x.size()) + " x values but " +
                                    std::to_string(lower.size()) + " lower and " +
                                    std::to_string(upper.size()) + " upper values");
    PlotItem item;
    item.name = name;
    item.band = true;
    item.style.color = color;
    item.rawX = std::make_shared<const std::vector<double>>(std::move(x));
    item.rawY = std::make_shared<const std::vector<double>>(std::move(lower));
    item.rawUpper = std::make_shared<const std::vector<double>>(std::move(upper));
    return m_impl->add(std::move(item));
}

void PlotView::setLegendShown(bool shown)
{
    m_impl->chart.setLegendShown(shown);
}

void PlotView::setSeriesVisible(int id, bool visible)
{
    PlotItem* item = m_impl->find(id);
    if (!item || item->visible == visible)
        return;
    item->visible = visible;
    m_impl->chart.setItemVisible(*item);
    m_impl->clearHover();
    m_impl->refreshNote();
    m_impl->refresh(!m_impl->zoomed);
}

bool PlotView::isSeriesVisible(int id) const
{
    const PlotItem* item = m_impl->find(id);
    return item && item->visible;
}

int PlotView::seriesCount() const
{
    return static_cast<int>(m_impl->items.size());
}

void PlotView::resetZoom()
{
    m_impl->showHome();
}

void PlotView::setDynamicRange(double decibels)
{
    if (std::isnan(decibels) || decibels == m_impl->dynamicRangeDb)
        return;
    m_impl->dynamicRangeDb = decibels;
    if (m_impl->yAxis.scale == AxisScale::Decibel)
        m_impl->refresh(true);
    emit dynamicRangeChanged(decibels);
}

double PlotView::dynamicRange() const
{
    return m_impl->dynamicRangeDb;
}

void PlotView::showXRange(double min, double max)
{
    Impl& impl = *m_impl;
    if (!std::isfinite(min) || !std::isfinite(max) || !(min < max))
        return;
    if (impl.xAxis.scale == AxisScale::Log && !(min > 0))
        return;
    PlotRange n = impl.chart.range();
    n.x0 = toPlot(min, impl.xAxis.scale);
    n.x1 = toPlot(max, impl.xAxis.scale);
    if (n.x0 == impl.chart.range().x0 && n.x1 == impl.chart.range().x1)
        return;
    impl.zoomed = true;
    impl.showRange(n);
}

void PlotView::setXRange(double min, double max)
{
    if (!std::isfinite(min) || !std::isfinite(max) || !(min < max))
        return;
    if (m_impl->xAxis.scale == AxisScale::Log && !(min > 0))
        return;
    m_impl->homeX = std::pair{min, max};
    m_impl->refresh(true);
}

PlotView::UpdateBatch::UpdateBatch(PlotView& view) : m_view(view)
{
    ++m_view.m_impl->batchDepth;
}

PlotView::UpdateBatch::~UpdateBatch()
{
    Impl& impl = *m_view.m_impl;
    if (--impl.batchDepth > 0 || !impl.batchDirty)
        return;
    impl.batchDirty = false;
    const bool home = std::exchange(impl.batchHome, false);
    impl.refresh(home);
}

AxisRange PlotView::shownXRange() const
{
    const PlotRange& r = m_impl->chart.range();
    return {toDisplay(r.x0, m_impl->xAxis.scale), toDisplay(r.x1, m_impl->xAxis.scale)};
}

AxisRange PlotView::shownYRange() const
{
    const PlotRange& r = m_impl->chart.range();
    return {toDisplay(r.y0, m_impl->yAxis.scale), toDisplay(r.y1, m_impl->yAxis.scale)};
}

QString PlotView::note() const
{
    return m_impl->fullNote();
}

QString PlotView::callerNote() const
{
    return m_impl->callerNote;
}

void PlotView::setNote(const QString& text)
{
    m_impl->callerNote = text;
    m_impl->refreshNote();
}

QImage PlotView::renderImage(const QSize& size) const
{
    QImage image(size.expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    const QString note = this->note();
    QFont noteFont;
    noteFont.setPointSizeF(8.5);
    // Wrapped to the image width: a long note is never cut off in an export.
    const QRect noteBox = QFontMetrics(noteFont).boundingRect(
        QRect(0, 0, std::max(1, image.width() - 20), 10000), Qt::TextWordWrap, note);
    const int noteHeight =
        note.isEmpty() ? 0 : std::max(exportNoteHeightPx, noteBox.height() + 8);
    const QSizeF chartSize(image.width(), std::max(1, image.height() - noteHeight));

    // A chart of its own in a scene of its own: the view on screen is left as it is.
    QGraphicsScene scene;
    PlotChart exported;
    scene.addItem(exported.chart());
    exported.chart()->resize(chartSize);
    exported.setTitle(m_impl->title);
    exported.setAxes(m_impl->xAxis, m_impl->yAxis);
    for (const PlotItem& item : m_impl->items) {
        if (item.visible)
            exported.addItem(item);
    }
    exported.show(m_impl->chart.range(), m_impl->items, [&exported] {
        exported.chart()->layout()->activate();
        return std::max(1, static_cast<int>(std::ceil(exported.chart()->plotArea().width())));
    });
    exported.chart()->layout()->activate();

    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                           QPainter::SmoothPixmapTransform);
    const QRectF target(QPointF(0, 0), chartSize);
    scene.render(&painter, target, target);
    if (noteHeight > 0) {
        painter.setFont(noteFont);
        painter.setPen(noteColor);
        painter.drawText(QRectF(10, chartSize.height(), image.width() - 20, noteHeight),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, note);
    }
    painter.end();
    return image;
}

bool PlotView::exportPng(const QString& path, const QSize& size, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write the PNG file \"%1\": %2").arg(path, file.errorString());
        return false;
    }
    if (!renderImage(size).save(&file, "PNG") || !file.commit()) {
        if (error)
            *error = tr("Cannot write the PNG file \"%1\": %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

io::CsvTable PlotView::drawnTable() const
{
    io::CsvTable table;
    const QString xTitle = axisTitle(m_impl->xAxis);
    const QString yTitle = axisTitle(m_impl->yAxis);
    for (const PlotItem& item : m_impl->items) {
        if (!item.visible)
            continue;
        table.addColumn(csvHeader(item.name, xTitle), item.curves.front().displayX());
        for (std::size_t c = 0; c < item.curves.size(); ++c)
            table.addColumn(csvHeader(m_impl->curveName(item, c), yTitle), item.curves[c].displayY());
    }
    return table;
}

bool PlotView::exportCsv(const QString& path, QString* error) const
{
    return writeCsvFile(path, drawnTable(), error);
}

} // namespace dtop::widgets
