// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/figure.h"

#include <Eigen/Dense>

#include <QImage>
#include <QTimer>
#include <QWidget>

#include <array>
#include <vector>

namespace dtop::widgets {

// Wire frame of the FE model (columns and floor outlines) with one mode shape drawn over the
// undeformed frame, animated (u(t) = a·φ·sin 2πt/T) or frozen at its extreme. Projections: an
// orbiting 3-D view (drag to turn, wheel to zoom, double-click to reset) and the 2-D views along
// the axes — front (y–z, the weak sway), side (x–z, the strong sway), plan (x–y, torsion).
// The right-click menu exports the picture as PNG and the shape as CSV; reports do the same.
class FeModeView : public QWidget, public Figure {
    Q_OBJECT
public:
    enum class Projection { Orbit, Front, Side, Plan };

    explicit FeModeView(QWidget* parent = nullptr);

    // The undeformed frame [m]: view nodes, lines between them, and how many floors there are
    // (the last 4·floors nodes are the floor corners, four per floor).
    void setFrame(std::vector<Eigen::Vector3d> nodes, std::vector<std::array<int, 2>> lines,
                  int floors);
    // Node displacements of the mode shown (one row per node, any scale; the view draws the
    // largest at `amplitude` × the frame's height); an empty matrix shows the frame alone.
    void setMode(const Eigen::MatrixX3d& displacements, const QString& caption);
    void setProjection(Projection projection);
    Projection projection() const { return m_projection; }
    void setAmplitude(double fractionOfHeight);
    void setPlaying(bool playing);
    bool isPlaying() const { return m_timer.isActive(); }
    void setPhase(double phase);
    // Orbit angles [degrees] and zoom factor of the 3-D view.
    void setOrbit(double azimuthDeg, double elevationDeg, double zoom = 1.0);
    QString caption() const { return m_caption; }
    bool hasMode() const { return m_displacements.rows() > 0; }

    // The picture at `size`, drawn offscreen (for exports and reports).
    QImage renderImage(const QSize& size) const override;
    // One row per view node: position x, y, z [m] and the shape's displacement ux, uy, uz
    // (scaled so that the largest is 1).
    io::CsvTable table() const override;
    bool isEmpty() const override { return m_nodes.empty(); }

    QSize sizeHint() const override { return {520, 520}; }
    QSize minimumSizeHint() const override { return {200, 200}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void draw(QPainter& painter, const QRectF& area) const;
    // Screen direction of the model axes: (right, up, depth) rows.
    Eigen::Matrix3d viewRotation() const;

    std::vector<Eigen::Vector3d> m_nodes;
    std::vector<std::array<int, 2>> m_lines;
    int m_floors = 0;
    Eigen::MatrixX3d m_displacements;
    QString m_caption;
    Projection m_projection = Projection::Orbit;
    double m_azimuth = -35.0; // degrees about z, from looking along +y
    double m_elevation = 20.0;
    double m_zoom = 1.0;
    double m_amplitude = 0.12;
    double m_phase = 0.5 * 3.14159265358979323846;
    QPoint m_lastMouse;
    QTimer m_timer;
};

} // namespace dtop::widgets
