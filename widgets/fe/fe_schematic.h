// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fe/rig_geometry.h"

#include <QWidget>

namespace dtop::widgets {

// Elevation of the rig as the form describes it, seen along x (the weak sway direction y runs
// left to right): base plate, columns, floor plates, clamp blocks, where the columns are
// clamped, and the main dimensions in the form's units. Redrawn on every change of the form.
class FeSchematic : public QWidget {
    Q_OBJECT
public:
    explicit FeSchematic(QWidget* parent = nullptr);

    // An invalid geometry (validate() not empty) is drawn as a note instead.
    void setGeometry(const fe::RigGeometry& geometry, fe::BaseClamp clamp, bool inch);

    QSize sizeHint() const override { return {360, 300}; }
    QSize minimumSizeHint() const override { return {200, 220}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString length(double metres) const;

    fe::RigGeometry m_geometry;
    fe::BaseClamp m_clamp = fe::BaseClamp::TopOfClamp;
    bool m_inch = false;
    bool m_valid = true;
};

} // namespace dtop::widgets
