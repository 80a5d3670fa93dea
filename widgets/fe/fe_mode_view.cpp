// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/fe/fe_mode_view.h"

#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace dtop::widgets {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kPeriodMs = 1600.0; // one slow, readable oscillation
constexpr int kFrameMs = 33;
constexpr double kDefaultAzimuth = 55.0;
constexpr double kDefaultElevation = 18.0;

double radians(double degrees)
{
    return degrees * kPi / 180.0;
}
} // namespace

FeModeView::FeModeView(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("3-D mode shape of the frame"));
    setToolTip(tr("Drag to turn the 3-D view, wheel to zoom, double-click to reset; right-click "
                  "to export a PNG"));
    m_azimuth = kDefaultAzimuth;
    m_elevation = kDefaultElevation;
    m_timer.setInterval(kFrameMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_phase = std::fmod(m_phase + 2.0 * kPi * kFrameMs / kPeriodMs, 2.0 * kPi);
        update();
    });
}

void FeModeView::setFrame(std::vector<Eigen::Vector3d> nodes,
                          std::vector<std::array<int, 2>> lines, int floors)
{
    m_nodes = std::move(nodes);
    m_lines = std::move(lines);
    m_floors = std::max(0, floors);
    m_displacements.resize(0, 3);
    update();
}

void FeModeView::setMode(const Eigen::MatrixX3d& displacements, const QString& caption)
{
    m_displacements = static_cast<std::size_t>(displacements.rows()) == m_nodes.size()
                          ? displacements
                          : Eigen::MatrixX3d(0, 3);
    m_caption = caption;
    update();
}

void FeModeView::setProjection(Projection projection)
{
    m_projection = projection;
    update();
}

void FeModeView::setAmplitude(double fractionOfHeight)
{
    m_amplitude = std::clamp(fractionOfHeight, 0.0, 1.0);
    update();
}

void FeModeView::setPlaying(bool playing)
{
    if (playing)
        m_timer.start();
    else
        m_timer.stop();
}

void FeModeView::setPhase(double phase)
{
    m_phase = phase;
    update();
}

void FeModeView::setOrbit(double azimuthDeg, double elevationDeg, double zoom)
{
    m_azimuth = azimuthDeg;
    m_elevation = std::clamp(elevationDeg, -89.0, 89.0);
    m_zoom = std::clamp(zoom, 0.2, 20.0);
    update();
}

Eigen::Matrix3d FeModeView::viewRotation() const
{
    double a = m_azimuth, e = m_elevation;
    switch (m_projection) {
    case Projection::Front: a = 90.0, e = 0.0; break;
    case Projection::Side: a = 0.0, e = 0.0; break;
    case Projection::Plan: a = 0.0, e = 90.0; break;
    case Projection::Orbit: break;
    }
    const double ca = std::cos(radians(a)), sa = std::sin(radians(a));
    const double ce = std::cos(radians(e)), se = std::sin(radians(e));
    const Eigen::Vector3d right(ca, sa, 0.0), forward(-sa, ca, 0.0), z(0.0, 0.0, 1.0);
    Eigen::Matrix3d r;
    r.row(0) = right.transpose();
    r.row(1) = (se * forward + ce * z).transpose();
    r.row(2) = (ce * forward - se * z).transpose(); // depth: away from the viewer
    return r;
}

void FeModeView::draw(QPainter& p, const QRectF& area) const
{
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(area, palette().color(QPalette::Base));
    const QColor ink = palette().color(QPalette::Text);
    if (m_nodes.empty()) {
        p.setPen(ink);
        p.drawText(area, Qt::AlignCenter, tr("Run the model to see its modes."));
        return;
    }
    const std::size_t n = m_nodes.size();
    Eigen::Vector3d lo = m_nodes.front(), hi = m_nodes.front();
    for (const auto& x : m_nodes) {
        lo = lo.cwiseMin(x);
        hi = hi.cwiseMax(x);
    }
    const Eigen::Vector3d centre = 0.5 * (lo + hi);
    const double height = std::max(hi.z() - lo.z(), 1e-9);
    const double amplitude = hasMode() ? m_amplitude * height * std::sin(m_phase) : 0.0;
    const Eigen::Matrix3d r = viewRotation();

    // Scale: the bounding sphere in 3-D (steady while turning), the projected box in 2-D.
    const QRectF plot = area.adjusted(20, 40, -20, -20);
    double scale;
    double halfW = 0.0, halfH = 0.0;
    if (m_projection == Projection::Orbit) {
        double radius = 1e-9;
        for (const auto& x : m_nodes)
            radius = std::max(radius, (x - centre).norm());
        halfW = halfH = radius * 1.1;
    } else {
        for (const auto& x : m_nodes) {
            const Eigen::Vector3d s = r * (x - centre);
            halfW = std::max(halfW, std::abs(s.x()));
            halfH = std::max(halfH, std::abs(s.y()));
        }
        halfW += m_amplitude * height + 1e-9;
        halfH += 0.05 * height + 1e-9;
    }
    scale = m_zoom * std::min(plot.width() / (2.0 * halfW), plot.height() / (2.0 * halfH));
    const QPointF mid = plot.center();
    auto project = [&](const Eigen::Vector3d& x) {
        const Eigen::Vector3d s = r * (x - centre);
        return QPointF(mid.x() + scale * s.x(), mid.y() - scale * s.y());
    };
    auto deformed = [&](std::size_t i) {
        Eigen::Vector3d x = m_nodes[i];
        if (hasMode())
            x += amplitude * m_displacements.row(static_cast<Eigen::Index>(i)).transpose();
        return x;
    };

    const std::size_t cornerStart = n >= 4 * static_cast<std::size_t>(m_floors)
                                        ? n - 4 * static_cast<std::size_t>(m_floors)
                                        : n;
    // Undeformed frame, thin and light.
    p.setPen(QPen(QColor(170, 170, 170), 1, Qt::DashLine));
    for (const auto& l : m_lines)
        p.drawLine(project(m_nodes[static_cast<std::size_t>(l[0])]),
                   project(m_nodes[static_cast<std::size_t>(l[1])]));

    // Floors as shaded plates, back to front; then the columns.
    std::vector<std::pair<double, int>> floors;
    for (int f = 0; f < m_floors; ++f) {
        double depth = 0.0;
        for (int c = 0; c < 4; ++c)
            depth += (r * deformed(cornerStart + 4 * static_cast<std::size_t>(f) + c)).z();
        floors.push_back({-depth, f});
    }
    std::sort(floors.begin(), floors.end());
    for (const auto& [depth, f] : floors) {
        QPolygonF plate;
        for (int c = 0; c < 4; ++c)
            plate << project(deformed(cornerStart + 4 * static_cast<std::size_t>(f) + c));
        p.setPen(QPen(QColor(40, 60, 90), 1.5));
        p.setBrush(QColor(90, 130, 190, 110));
        p.drawPolygon(plate);
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(20, 70, 160), 2.2));
    for (const auto& l : m_lines) {
        const auto a = static_cast<std::size_t>(l[0]), b = static_cast<std::size_t>(l[1]);
        if (a < cornerStart && b < cornerStart)
            p.drawLine(project(deformed(a)), project(deformed(b)));
    }
    // Ground: the lowest column nodes are clamped.
    p.setPen(QPen(ink, 1));
    p.setBrush(ink);
    for (std::size_t i = 0; i < cornerStart; ++i)
        if (m_nodes[i].z() <= lo.z() + 1e-9)
            p.drawRect(QRectF(project(m_nodes[i]) - QPointF(3, 3), QSizeF(6, 6)));
    p.setBrush(Qt::NoBrush);

    // Axis triad, bottom left.
    const QPointF origin(area.left() + 34, area.bottom() - 30);
    const char* names[] = {"x", "y", "z"};
    const QColor colours[] = {QColor(200, 40, 40), QColor(30, 140, 50), QColor(30, 60, 200)};
    for (int k = 0; k < 3; ++k) {
        const Eigen::Vector3d s = r * Eigen::Vector3d::Unit(k);
        const QPointF tip = origin + QPointF(22 * s.x(), -22 * s.y());
        p.setPen(QPen(colours[k], 2));
        p.drawLine(origin, tip);
        p.drawText(tip + QPointF(3, -3), QString::fromLatin1(names[k]));
    }
    // Caption.
    p.setPen(ink);
    QFont bold = p.font();
    bold.setBold(true);
    p.setFont(bold);
    const QString caption = m_caption.isEmpty() ? tr("Undeformed frame") : m_caption;
    p.drawText(area.adjusted(10, 8, -10, 0), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
               caption);
}

void FeModeView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    draw(p, QRectF(rect()));
}

QImage FeModeView::renderImage(const QSize& size) const
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Base));
    QPainter p(&image);
    draw(p, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

io::CsvTable FeModeView::table() const
{
    io::CsvTable t;
    const std::size_t n = m_nodes.size();
    const bool shape = m_displacements.rows() == static_cast<Eigen::Index>(n) && n > 0;
    const double largest = shape ? m_displacements.rowwise().norm().maxCoeff() : 0.0;
    const char* axes[] = {"x", "y", "z"};
    for (int a = 0; a < 3; ++a) {
        std::vector<double> position(n);
        for (std::size_t i = 0; i < n; ++i)
            position[i] = m_nodes[i](a);
        t.addColumn(std::string(axes[a]) + "_m", std::move(position));
    }
    if (!shape)
        return t;
    for (int a = 0; a < 3; ++a) {
        std::vector<double> u(n);
        for (std::size_t i = 0; i < n; ++i)
            u[i] = (largest > 0.0 ? m_displacements(static_cast<Eigen::Index>(i), a) / largest : 0.0) +
                   0.0; // no "-0" in the CSV
        t.addColumn("u" + std::string(axes[a]), std::move(u));
    }
    return t;
}

void FeModeView::mousePressEvent(QMouseEvent* event)
{
    m_lastMouse = event->position().toPoint();
}

void FeModeView::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    const QPoint d = event->position().toPoint() - m_lastMouse;
    m_lastMouse = event->position().toPoint();
    if (m_projection != Projection::Orbit)
        return;
    setOrbit(m_azimuth - 0.5 * d.x(), m_elevation + 0.5 * d.y(), m_zoom);
}

void FeModeView::mouseDoubleClickEvent(QMouseEvent*)
{
    setOrbit(kDefaultAzimuth, kDefaultElevation, 1.0);
}

void FeModeView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    setOrbit(m_azimuth, m_elevation, m_zoom * std::pow(1.15, steps));
    event->accept();
}

void FeModeView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    QAction* reset = menu.addAction(tr("Reset view"));
    connect(reset, &QAction::triggered, this,
            [this] { setOrbit(kDefaultAzimuth, kDefaultElevation, 1.0); });
    addFigureExportActions(menu, this, *this, QStringLiteral("fe-mode"),
                           size().expandedTo(QSize(800, 800)));
    menu.exec(event->globalPos());
}

} // namespace dtop::widgets
