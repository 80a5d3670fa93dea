// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/replay.h"
#include "dynamics/simulate.h"
#include "widgets/tool_panel.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableWidget;

namespace dtop::widgets {

class FloorPlots;
class PlotView;

// The right-hand side of the virtual-test panel: a summary table (peaks per floor, or the
// replay's NRMSE per floor) over tabs of plots — for a virtual test the force and the response
// of every floor with the scenario mean, 5–95 % and min–max bands, the PSDs, and the H1
// estimate with its coherence over the model's exact FRF; for a replay the measured against
// the simulated floor velocities and both spectra.
class SimulatePlots : public QWidget {
    Q_OBJECT
public:
    explicit SimulatePlots(QWidget* parent = nullptr);

    void showTest(const dynamics::SimulateResult& result, const dynamics::SimulateInput& input,
                  dynamics::ResponseQuantity quantity);
    void showReplay(const dynamics::ReplayResult& result, const dynamics::ReplayInput& input,
                    const QString& recordTitle);
    void clear();

    // The plots of the mode shown that hold data, named for reports.
    QList<ToolPanel::NamedPlot> plots() const;
    PlotView* currentPlot() const;
    QTableWidget* summaryTable() const { return m_summary; }
    QTabWidget* testTabs() const { return m_testTabs; }
    QTabWidget* replayTabs() const { return m_replayTabs; }
    // 0 = all floors, else the floor shown alone with every band.
    QComboBox* floorChoice() const { return m_floorChoice; }
    // Index of floorChoice() to show once a result is drawn (0 = all floors).
    void setFloorShown(int index) { m_floorShown = index; }

private:
    void setSummaryHeaders(const QStringList& headers, int rows);
    void drawResponse();
    void setCell(int row, int column, const QString& text, bool emphasise = false);

    QTableWidget* m_summary;
    QLabel* m_info;
    QStackedWidget* m_modes;
    QTabWidget* m_testTabs;
    QTabWidget* m_replayTabs;
    PlotView* m_force;
    QComboBox* m_floorChoice;
    PlotView* m_response;
    PlotView* m_psd;
    PlotView* m_excitationPsd;
    PlotView* m_h1;
    PlotView* m_coherence;
    PlotView* m_replayForce;
    FloorPlots* m_replayVelocity;
    FloorPlots* m_replayPsd;
    PlotView* m_replayForcePsd;
    bool m_replayShown = false;
    int m_floorShown = -1;
    // What drawResponse() draws (the result is owned by the panel and outlives the plots).
    const dynamics::SimulateResult* m_result = nullptr;
    dynamics::ResponseQuantity m_quantity = dynamics::ResponseQuantity::Displacement;
};

} // namespace dtop::widgets
