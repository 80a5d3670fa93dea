// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QWidget>

class QVBoxLayout;

namespace dtop::widgets {

class PlotView;

// One plot per floor stacked vertically, the top floor at the top (as the building stands;
// the prototype's titles were reversed, defect D3). Each keeps a readable height; more floors
// than fit scroll.
class FloorPlots : public QWidget {
    Q_OBJECT
public:
    explicit FloorPlots(QWidget* parent = nullptr);

    // Makes exactly `floors` plots (kept when the count is unchanged, so zooms survive).
    void setFloors(int floors);
    int floors() const { return static_cast<int>(m_plots.size()); }
    PlotView* plot(int floor) const; // 1-based
    void clear();

private:
    QVBoxLayout* m_layout;
    QList<PlotView*> m_plots; // floor 1 first
};

} // namespace dtop::widgets
