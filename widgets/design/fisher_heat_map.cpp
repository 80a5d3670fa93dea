// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/design/fisher_heat_map.h"

#include "io/atomic_file.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QMenu>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace dtop::widgets {

namespace {

// Diverging blue–white–red for t in [−1, 1].
QColor divergingColor(double t)
{
    t = std::clamp(std::isfinite(t) ? t : 0.0, -1.0, 1.0);
    const QColor blue(33, 102, 172), white(247, 247, 247), red(178, 24, 43);
    const QColor& end = t < 0 ? blue : red;
    const double a = std::abs(t);
    return QColor::fromRgbF(static_cast<float>(white.redF() + a * (end.redF() - white.redF())),
                            static_cast<float>(white.greenF() + a * (end.greenF() - white.greenF())),
                            static_cast<float>(white.blueF() + a * (end.blueF() - white.blueF())));
}

} // namespace

HeatMapView::HeatMapView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(260, 240);
    setToolTip(tr("Right-click to save the heat map as PNG or CSV"));
}

void HeatMapView::setTitle(const QString& title)
{
    m_title = title;
    update();
}

void HeatMapView::setMatrix(const QStringList& labels, const Eigen::MatrixXd& matrixScaled,
                            const Eigen::MatrixXd& correlation)
{
    const auto n = static_cast<Eigen::Index>(labels.size());
    const bool ok = matrixScaled.rows() == n && matrixScaled.cols() == n &&
                    correlation.rows() == n && correlation.cols() == n;
    m_labels = ok ? labels : QStringList();
    m_scaled = ok ? matrixScaled : Eigen::MatrixXd();
    m_correlation = ok ? correlation : Eigen::MatrixXd();
    update();
}

void HeatMapView::setForm(Form form)
{
    m_form = form;
    update();
}

double HeatMapView::shownValue(int row, int column) const
{
    if (m_form == Form::Correlation)
        return m_correlation(row, column);
    const double v = m_scaled(row, column);
    return (v < 0 ? -1.0 : 1.0) * std::log10(1.0 + std::abs(v));
}

void HeatMapView::paint(QPainter& p, const QRect& area) const
{
    p.fillRect(area, Qt::white);
    p.setRenderHint(QPainter::Antialiasing, false);
    QFont titleFont = p.font();
    titleFont.setPointSizeF(10.0);
    titleFont.setBold(true);
    p.setFont(titleFont);
    const int titleHeight = p.fontMetrics().height() + 8;
    p.setPen(QColor(40, 40, 40));
    p.drawText(QRect(area.left(), area.top() + 2, area.width(), titleHeight),
               Qt::AlignCenter | Qt::TextWordWrap, m_title);
    if (m_labels.isEmpty()) {
        p.drawText(area, Qt::AlignCenter, tr("No Fisher information computed"));
        return;
    }
    QFont labelFont = p.font();
    labelFont.setBold(false);
    const int n = static_cast<int>(m_labels.size());
    double maxAbs = 0.0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            maxAbs = std::max(maxAbs, std::abs(shownValue(i, j)));
    const double scale = m_form == Form::Correlation ? 1.0 : std::max(maxAbs, 1e-300);
    const int barWidth = 90;
    const int rough = std::min(area.width() - barWidth, area.height() - titleHeight);
    labelFont.setPointSizeF(std::clamp(rough / (n + 8.0) * 0.6, 5.5, 9.0));
    p.setFont(labelFont);
    int labelWidth = 0;
    for (const QString& l : m_labels)
        labelWidth = std::max(labelWidth, p.fontMetrics().horizontalAdvance(l));
    // Row labels left of the grid, column labels (turned) under it, colour bar right of it.
    const int side = std::max(n, std::min(area.width() - labelWidth - barWidth - 20,
                                          area.height() - titleHeight - labelWidth - 16));
    const double cell = static_cast<double>(side) / n;
    const double left = area.left() + labelWidth + 8;
    const double gridTop = area.top() + titleHeight + 4;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            p.fillRect(QRectF(left + j * cell, gridTop + i * cell, cell + 0.5, cell + 0.5),
                       divergingColor(shownValue(i, j) / scale));
    p.setPen(QColor(140, 140, 140));
    p.drawRect(QRectF(left, gridTop, side, side));
    p.setPen(QColor(40, 40, 40));
    for (int i = 0; i < n; ++i) {
        p.drawText(QRectF(area.left(), gridTop + i * cell, labelWidth + 4, cell),
                   Qt::AlignRight | Qt::AlignVCenter, m_labels[i]);
        p.save();
        p.translate(left + (i + 0.5) * cell, gridTop + side + 4);
        p.rotate(90);
        p.drawText(QRectF(0, -cell / 2, labelWidth + 4, cell), Qt::AlignLeft | Qt::AlignVCenter,
                   m_labels[i]);
        p.restore();
    }
    // Colour bar.
    const double bx = left + side + 16, bh = side;
    for (int k = 0; k < 100; ++k)
        p.fillRect(QRectF(bx, gridTop + bh * k / 100.0, 14, bh / 100.0 + 1),
                   divergingColor(1.0 - 2.0 * k / 99.0));
    p.setPen(QColor(140, 140, 140));
    p.drawRect(QRectF(bx, gridTop, 14, bh));
    p.setPen(QColor(40, 40, 40));
    const QString topText = QString::number(scale, 'g', 3), bottomText = QString::number(-scale, 'g', 3);
    p.drawText(QRectF(bx + 18, gridTop - 6, barWidth, 14), Qt::AlignLeft, topText);
    p.drawText(QRectF(bx + 18, gridTop + bh / 2 - 7, barWidth, 14), Qt::AlignLeft, QStringLiteral("0"));
    p.drawText(QRectF(bx + 18, gridTop + bh - 8, barWidth, 14), Qt::AlignLeft, bottomText);
    p.save();
    p.translate(bx + 18 + p.fontMetrics().horizontalAdvance(QStringLiteral("−0.000")) + 10, gridTop + bh / 2);
    p.rotate(90);
    p.drawText(QRectF(-bh / 2, -12, bh, 14), Qt::AlignCenter,
               m_form == Form::Correlation ? tr("F̃_jk / √(F̃_jj F̃_kk) [–]")
                                           : tr("sign·log10(1 + |F̃_jk|) [–]"));
    p.restore();
}

void HeatMapView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    paint(p, rect());
}

QImage HeatMapView::renderImage(const QSize& size) const
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    paint(p, QRect(QPoint(0, 0), size));
    return image;
}

bool HeatMapView::exportPng(const QString& path, const QSize& size, QString* error) const
{
    if (renderImage(size).save(path, "PNG"))
        return true;
    if (error)
        *error = tr("cannot write %1").arg(path);
    return false;
}

io::CsvTable HeatMapView::table() const
{
    io::CsvTable t;
    std::vector<double> index;
    for (int i = 0; i < m_labels.size(); ++i)
        index.push_back(i);
    t.addColumn("parameter_index", index);
    for (int j = 0; j < m_labels.size(); ++j) {
        std::vector<double> column;
        for (int i = 0; i < m_labels.size(); ++i)
            column.push_back(shownValue(i, j));
        t.addColumn(m_labels[j].toStdString(), column);
    }
    return t;
}

bool HeatMapView::exportCsv(const QString& path, QString* error) const
{
    std::ostringstream out;
    table().write(out);
    std::string message;
    if (io::writeFileAtomically(path.toStdString(), out.str(), message))
        return true;
    if (error)
        *error = QString::fromStdString(message);
    return false;
}

void HeatMapView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    menu.addAction(tr("Save PNG…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save heat map"), QString(),
                                                          tr("PNG image (*.png)"));
        if (!path.isEmpty())
            exportPng(path, QSize(1200, 1000));
    });
    menu.addAction(tr("Save CSV…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save heat map data"), QString(),
                                                          tr("CSV (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    menu.addAction(tr("Copy image"), this, [this] {
        QApplication::clipboard()->setImage(renderImage(size()));
    });
    menu.exec(event->globalPos());
}

} // namespace dtop::widgets
