// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTimer>
#include <QWidget>

#include <vector>

namespace dtop::widgets {

// Side view of the n-storey frame: ground, two columns per storey drawn as fixed-guided
// (cubic, zero end slope) legs, and floor slabs. Shows one mode shape, animated
// (x_i(t) = a·φ_i·sin 2πt/T) or frozen at its extreme.
class FrameView : public QWidget {
    Q_OBJECT
public:
    explicit FrameView(QWidget* parent = nullptr);

    // Shape φ (floor 1 first) of the mode shown, any scale; the view normalises it.
    void setModeShape(const std::vector<double>& shape, const QString& caption);
    void setAmplitude(double fractionOfBay); // peak sway as a fraction of the bay width
    void setPlaying(bool playing);
    bool isPlaying() const { return m_timer.isActive(); }
    // Draws the frame at phase `phase` (radians) — used for the still image and reports.
    void setPhase(double phase);

    QSize sizeHint() const override { return {320, 420}; }
    QSize minimumSizeHint() const override { return {160, 200}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<double> m_shape;
    QString m_caption;
    double m_amplitude = 0.25;
    double m_phase = 0.5 * 3.14159265358979323846;
    QTimer m_timer;
};

} // namespace dtop::widgets
