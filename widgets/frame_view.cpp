// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/frame_view.h"

#include <QPainter>
#include <QPainterPath>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace dtop::widgets {

namespace {
constexpr double kPeriodMs = 1600.0; // one slow, readable oscillation
constexpr int kFrameMs = 33;
} // namespace

FrameView::FrameView(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Animated mode shape of the frame"));
    m_timer.setInterval(kFrameMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_phase = std::fmod(m_phase + 2.0 * M_PI * kFrameMs / kPeriodMs, 2.0 * M_PI);
        update();
    });
}

void FrameView::setModeShape(const std::vector<double>& shape, const QString& caption)
{
    m_shape = shape;
    m_caption = caption;
    update();
}

void FrameView::setAmplitude(double fractionOfBay)
{
    m_amplitude = std::clamp(fractionOfBay, 0.0, 1.0);
    update();
}

void FrameView::setPlaying(bool playing)
{
    if (playing)
        m_timer.start();
    else
        m_timer.stop();
}

void FrameView::setPhase(double phase)
{
    m_phase = phase;
    update();
}

void FrameView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const int n = static_cast<int>(m_shape.size());
    const QRectF area = QRectF(rect()).adjusted(20, 30, -20, -34);
    if (n == 0 || area.width() < 40 || area.height() < 40)
        return;

    const double bay = std::min(area.width() * 0.45, area.height() * 0.6);
    const double storey = area.height() / n;
    const double x0 = area.center().x() - bay / 2.0;
    const double groundY = area.bottom();
    double peak = 0.0;
    for (double v : m_shape)
        peak = std::max(peak, std::abs(v));
    const double scale = peak > 0.0 ? m_amplitude * bay / peak : 0.0;
    const double s = std::sin(m_phase);
    auto sway = [&](int floor) { return floor == 0 ? 0.0 : scale * m_shape[floor - 1] * s; };

    // Ground with hatching.
    const QColor ink = palette().color(QPalette::Text);
    p.setPen(QPen(ink, 2));
    p.drawLine(QPointF(x0 - 30, groundY), QPointF(x0 + bay + 30, groundY));
    p.setPen(QPen(ink, 1));
    for (double x = x0 - 26; x < x0 + bay + 30; x += 10)
        p.drawLine(QPointF(x, groundY), QPointF(x - 8, groundY + 8));

    // Undeformed outline, faint.
    QColor faint = ink;
    faint.setAlphaF(0.18);
    p.setPen(QPen(faint, 1, Qt::DashLine));
    p.drawRect(QRectF(x0, groundY - n * storey, bay, n * storey));

    // Legs: a fixed-guided column deflects as d·(3ξ² − 2ξ³) between its two floors.
    const QColor steel(70, 90, 110);
    p.setPen(QPen(steel, 2.2));
    for (int f = 1; f <= n; ++f) {
        const double yBottom = groundY - (f - 1) * storey;
        const double yTop = groundY - f * storey;
        const double u0 = sway(f - 1), u1 = sway(f);
        for (double legX : {x0, x0 + bay}) {
            QPainterPath leg(QPointF(legX + u0, yBottom));
            // Cubic Bézier with vertical end tangents = the Hermite cubic above.
            leg.cubicTo(QPointF(legX + u0, yBottom - storey / 3.0),
                        QPointF(legX + u1, yTop + storey / 3.0), QPointF(legX + u1, yTop));
            p.drawPath(leg);
        }
    }
    // Floor slabs.
    const QColor slab = palette().color(QPalette::Highlight);
    for (int f = 1; f <= n; ++f) {
        const double y = groundY - f * storey;
        const QRectF r(x0 - 8 + sway(f), y - 5, bay + 16, 10);
        p.setPen(QPen(slab.darker(130), 1));
        p.setBrush(slab);
        p.drawRoundedRect(r, 2, 2);
        p.setPen(ink);
        p.drawText(QPointF(x0 + bay + 20 + sway(f), y + 4), tr("%1").arg(f));
    }
    p.setPen(ink);
    p.drawText(QRectF(rect()).adjusted(6, 4, -6, 0), Qt::AlignTop | Qt::AlignHCenter, m_caption);
}

} // namespace dtop::widgets
