// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/fe/fe_schematic.h"

#include <QPainter>
#include <QPalette>

#include <algorithm>

namespace dtop::widgets {

FeSchematic::FeSchematic(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setFixedHeight(320);
    setAccessibleName(tr("Schematic of the rig"));
    setToolTip(tr("Elevation of the rig seen along x: the weak sway direction y runs left to "
                  "right; red: where the columns are clamped"));
}

void FeSchematic::setGeometry(const fe::RigGeometry& geometry, fe::BaseClamp clamp, bool inch)
{
    m_geometry = geometry;
    m_clamp = clamp;
    m_inch = inch;
    m_valid = geometry.validate().empty();
    update();
}

QString FeSchematic::length(double metres) const
{
    return m_inch ? tr("%1 in").arg(fe::toInches(metres), 0, 'g', 5)
                  : tr("%1 mm").arg(1000.0 * metres, 0, 'g', 5);
}

void FeSchematic::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const QColor ink = palette().color(QPalette::Text);
    p.setPen(ink);
    if (!m_valid) {
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("The geometry has an invalid value: see the marked field."));
        return;
    }
    const fe::RigGeometry& g = m_geometry;
    const double halfSpan = 0.5 * g.columnSpacingYM + 0.5 * g.columnThicknessM + g.clampBlockYM;
    const double width = 2.0 * std::max(halfSpan, 0.5 * g.floorWidthYM);
    const double height = std::max(g.columnLengthM, g.requiredColumnLengthM());
    const QRectF area = QRectF(rect()).adjusted(110, 24, -80, -40);
    const double s = std::min(area.width() / width, area.height() / height);
    const double cx = area.center().x(), base = area.bottom();
    auto X = [&](double y) { return cx + s * y; };
    auto Z = [&](double z) { return base - s * z; };
    auto box = [&](double y0, double y1, double z0, double z1) {
        return QRectF(QPointF(X(y0), Z(z1)), QPointF(X(y1), Z(z0)));
    };

    // Base plate.
    p.fillRect(QRectF(X(-0.5 * width) - 10, base, s * width + 20, 5), QColor(120, 120, 120));
    const double yc = 0.5 * g.columnSpacingYM, t = 0.5 * g.columnThicknessM;
    const double minT = std::max(1.5 / s, t);
    const QColor metal(150, 170, 200), block(110, 120, 140);
    for (double side : {-1.0, 1.0}) {
        // Column, thickened to stay visible.
        p.fillRect(box(side * yc - minT, side * yc + minT, 0.0, g.columnLengthM), QColor(60, 90, 160));
        // Clamp blocks outside the column: at the base and at every floor.
        const double inner = side * (yc + t), outer = side * (yc + t + g.clampBlockYM);
        p.fillRect(box(std::min(inner, outer), std::max(inner, outer), 0.0, g.clampBlockZM), block);
        for (int f = 1; f <= g.storeys; ++f)
            p.fillRect(box(std::min(inner, outer), std::max(inner, outer), g.floorBottomZ(f),
                           g.floorBottomZ(f) + g.clampBlockZM),
                       block);
    }
    for (int f = 1; f <= g.storeys; ++f) {
        const QRectF plate = box(-0.5 * g.floorWidthYM, 0.5 * g.floorWidthYM, g.floorBottomZ(f),
                                 g.floorTopZ(f));
        p.fillRect(plate, metal);
        p.setPen(ink);
        p.drawRect(plate);
        p.drawText(QRectF(plate.right() + 4 + s * g.clampBlockYM, plate.top() - 6, 80, 20),
                   Qt::AlignLeft | Qt::AlignVCenter, tr("floor %1").arg(f));
    }
    // Where the columns are clamped.
    const double clampZ = m_clamp == fe::BaseClamp::TopOfClamp ? g.baseClampTopZ() : 0.0;
    p.setPen(QPen(QColor(200, 30, 30), 2, Qt::DashLine));
    p.drawLine(QPointF(X(-0.5 * width) - 10, Z(clampZ)), QPointF(X(0.5 * width) + 10, Z(clampZ)));
    p.drawText(QRectF(X(0.5 * width) + 14, Z(clampZ) - 10, 80, 20),
               Qt::AlignLeft | Qt::AlignVCenter, tr("clamped"));

    // Dimensions, left side: pitch and column length; bottom: column spacing.
    p.setPen(QPen(ink, 1));
    const double left = X(-0.5 * width) - 14;
    auto vertical = [&](double x, double z0, double z1, const QString& text) {
        p.drawLine(QPointF(x, Z(z0)), QPointF(x, Z(z1)));
        p.drawLine(QPointF(x - 3, Z(z0)), QPointF(x + 3, Z(z0)));
        p.drawLine(QPointF(x - 3, Z(z1)), QPointF(x + 3, Z(z1)));
        p.drawText(QRectF(2, 0.5 * (Z(z0) + Z(z1)) - 9, x - 6, 18),
                   Qt::AlignRight | Qt::AlignVCenter, text);
    };
    if (g.storeys >= 1)
        vertical(left, g.floorBottomZ(1) - g.storeyPitchM, g.floorBottomZ(1),
                 tr("pitch %1").arg(length(g.storeyPitchM)));
    vertical(left, g.floorBottomZ(g.storeys), g.floorTopZ(g.storeys),
             tr("plate %1").arg(length(g.floorThicknessM)));
    p.drawText(QRectF(0, base + 6, QWidget::width(), 16), Qt::AlignCenter,
               tr("columns %1 × %2, %3 long").arg(length(g.columnWidthM),
                                                 length(g.columnThicknessM),
                                                 length(g.columnLengthM)));
    p.drawText(QRectF(0, base + 21, QWidget::width(), 16), Qt::AlignCenter,
               tr("%1 apart in y, %2 in x").arg(length(g.columnSpacingYM),
                                               length(g.columnSpacingXM)));
    p.drawText(QRectF(4, 2, QWidget::width() - 8, 16), Qt::AlignLeft | Qt::AlignTop,
               tr("Elevation along x (y →, z ↑)"));
}

} // namespace dtop::widgets
