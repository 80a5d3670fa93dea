// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/heat_map.h"


#include <QContextMenuEvent>
#include <QMenu>
#include <QPainter>

#include <sstream>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dtop::widgets {

namespace {

QColor mix(const QColor& a, const QColor& b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

const QColor kHigh(8, 48, 107);  // dark blue
const QColor kLow(165, 15, 21);  // dark red
const QColor kNaN(200, 200, 200);

// Every k-th label so that they keep `minGap` pixels apart.
int labelStride(double cell, double minGap)
{
    return std::max(1, static_cast<int>(std::ceil(minGap / std::max(cell, 1e-9))));
}

} // namespace

HeatMap::HeatMap(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(240, 200);
    setContextMenuPolicy(Qt::DefaultContextMenu);
}

void HeatMap::setTitle(const QString& title)
{
    m_title = title;
    update();
}

void HeatMap::setData(std::vector<std::vector<double>> values, Axis x, Axis y, double lo, double hi)
{
    if (y.labels.size() != static_cast<qsizetype>(values.size()) || y.values.size() != values.size())
        throw std::invalid_argument("HeatMap: " + std::to_string(values.size()) +
                                    " rows but other row labels or values");
    for (const auto& row : values)
        if (row.size() != x.values.size() || x.labels.size() != static_cast<qsizetype>(row.size()))
            throw std::invalid_argument("HeatMap: a row's length differs from the columns'");
    m_values = std::move(values);
    m_x = std::move(x);
    m_y = std::move(y);
    m_lo = lo;
    m_hi = hi > lo ? hi : lo + 1.0;
    update();
}

void HeatMap::clear()
{
    m_values.clear();
    m_x = {};
    m_y = {};
    update();
}

QColor HeatMap::colorOf(double v) const
{
    if (!std::isfinite(v))
        return kNaN;
    if (v >= 0.0 || m_lo >= 0.0) {
        const double base = std::max(m_lo, 0.0);
        return mix(Qt::white, kHigh, (v - base) / (m_hi - base));
    }
    return mix(Qt::white, kLow, v / m_lo);
}

void HeatMap::paint(QPainter& p, const QRect& area) const
{
    p.fillRect(area, Qt::white);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QFontMetrics fm(p.font());
    const int line = fm.height();
    QRect titleRect(area.left(), area.top() + 4, area.width(), line + 4);
    QFont bold = p.font();
    bold.setBold(true);
    p.save();
    p.setFont(bold);
    p.drawText(titleRect, Qt::AlignCenter, m_title);
    p.restore();
    if (m_values.empty()) {
        p.setPen(Qt::darkGray);
        p.drawText(area, Qt::AlignCenter, tr("No data"));
        return;
    }
    const int rows = static_cast<int>(m_values.size());
    const int cols = static_cast<int>(m_values.front().size());
    int labelWidth = 0;
    for (const QString& l : m_y.labels)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(l));
    const int barWidth = 70;
    const QRect grid(area.left() + line + 10 + labelWidth, titleRect.bottom() + 8,
                     std::max(10, area.width() - (line + 10 + labelWidth) - barWidth - 16),
                     std::max(10, area.height() - (titleRect.height() + 8) - 2 * line - 24));
    if (cols == 0)
        return;
    const double cw = static_cast<double>(grid.width()) / cols;
    const double ch = static_cast<double>(grid.height()) / rows;
    const bool numbers = cw >= fm.horizontalAdvance(QStringLiteral("0.000")) + 6 && ch >= line + 4;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const double v = m_values[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
            const QRectF cell(grid.left() + c * cw, grid.top() + r * ch, cw + 0.5, ch + 0.5);
            const QColor color = colorOf(v);
            p.fillRect(cell, color);
            if (numbers) {
                p.setPen(color.lightnessF() < 0.55 ? Qt::white : Qt::black);
                p.drawText(cell, Qt::AlignCenter,
                           std::isfinite(v) ? QString::number(v, 'f', 3) : QStringLiteral("—"));
            }
        }
    p.setPen(Qt::black);
    p.drawRect(grid);
    // Column labels under the grid, row labels left of it, thinned when crowded.
    int widest = 0;
    for (const QString& l : m_x.labels)
        widest = std::max(widest, fm.horizontalAdvance(l));
    const int xs = labelStride(cw, widest + 8.0);
    for (int c = 0; c < cols; c += xs)
        p.drawText(QRectF(grid.left() + c * cw + cw / 2 - widest, grid.bottom() + 3, 2 * widest, line),
                   Qt::AlignHCenter | Qt::AlignTop, m_x.labels[c]);
    const int ys = labelStride(ch, line + 2.0);
    for (int r = 0; r < rows; r += ys)
        p.drawText(QRectF(grid.left() - labelWidth - 6, grid.top() + r * ch + ch / 2 - line / 2.0,
                          labelWidth, line),
                   Qt::AlignRight | Qt::AlignVCenter, m_y.labels[r]);
    p.drawText(QRect(grid.left(), grid.bottom() + line + 6, grid.width(), line),
               Qt::AlignHCenter, m_x.title);
    p.save();
    p.translate(area.left() + 2, grid.center().y());
    p.rotate(-90);
    p.drawText(QRect(-grid.height() / 2, 0, grid.height(), line), Qt::AlignHCenter, m_y.title);
    p.restore();
    // Colour bar.
    const QRect bar(grid.right() + 14, grid.top(), 14, grid.height());
    for (int y = 0; y < bar.height(); ++y) {
        const double v = m_hi - (m_hi - m_lo) * y / std::max(1, bar.height() - 1);
        p.fillRect(QRect(bar.left(), bar.top() + y, bar.width(), 1), colorOf(v));
    }
    p.setPen(Qt::black);
    p.drawRect(bar);
    const int ticks = m_lo < 0.0 ? 4 : 2;
    for (int t = 0; t <= ticks; ++t) {
        const double v = m_hi - (m_hi - m_lo) * t / ticks;
        const int y = bar.top() + static_cast<int>(std::lround(bar.height() * t / double(ticks)));
        p.drawText(QRect(bar.right() + 4, y - line / 2, barWidth - 24, line),
                   Qt::AlignLeft | Qt::AlignVCenter, QString::number(v, 'g', 3));
    }
}

void HeatMap::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    paint(p, rect());
}

QImage HeatMap::renderImage(const QSize& size) const
{
    QImage image(size.expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setFont(font());
    paint(p, image.rect());
    return image;
}

io::CsvTable HeatMap::table() const
{
    io::CsvTable t;
    if (m_values.empty())
        return t;
    t.addColumn(m_y.csvName.toStdString(), m_y.values);
    for (std::size_t c = 0; c < m_x.values.size(); ++c) {
        std::vector<double> column;
        for (const auto& row : m_values)
            column.push_back(row[c]);
        std::ostringstream name;
        name.precision(17);
        name << m_x.csvName.toStdString() << ' ' << m_x.values[c];
        t.addColumn(name.str(), std::move(column));
    }
    return t;
}

void HeatMap::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    addFigureExportActions(menu, this, *this, QStringLiteral("heatmap"), QSize(1200, 900));
    menu.exec(event->globalPos());
}

HeatMap::Axis frequencyAxis(const QString& title, const QString& csvName,
                            const std::vector<double>& hz)
{
    HeatMap::Axis a{title, csvName, {}, hz};
    for (double f : hz)
        a.labels << QString::number(f, 'f', 2);
    return a;
}

HeatMap::Axis modeAxis(const QString& title, const QString& csvName,
                       const std::vector<double>& frequenciesHz)
{
    HeatMap::Axis a = frequencyAxis(title, csvName, frequenciesHz);
    for (qsizetype i = 0; i < a.labels.size(); ++i)
        a.labels[i] = QObject::tr("%1: %2 Hz").arg(i + 1).arg(a.labels[i]);
    return a;
}

void drawMacMatrix(HeatMap& map, const Eigen::MatrixXd& mac, HeatMap::Axis columns,
                   HeatMap::Axis rows)
{
    std::vector<std::vector<double>> values(static_cast<std::size_t>(mac.rows()));
    for (Eigen::Index r = 0; r < mac.rows(); ++r)
        for (Eigen::Index c = 0; c < mac.cols(); ++c)
            values[static_cast<std::size_t>(r)].push_back(mac(r, c));
    map.setData(std::move(values), std::move(columns), std::move(rows), 0.0, 1.0);
}

} // namespace dtop::widgets
