// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nonlinear/nonlinear_analysis.h"
#include "widgets/analysis_panel.h"

#include <optional>

class QLabel;
class QPushButton;
class QSlider;
class QTabWidget;
class QTableWidget;

namespace dtop::models {
class ActiveProfile;
} // namespace dtop::models

namespace dtop::widgets {

class NonlinearForm;
class PlotView;

// Tool `nonlinear`: the form (NonlinearForm) on the left; on the right a summary line (folds,
// harmonics used, warnings), tabs with the branch (stable solid, unstable dashed, folds
// marked; backbones, sweeps or CBC points over it), the amplitude of every floor, the time
// response, phase portrait and harmonic content of a picked orbit, the bistability map, the
// CBC errors and the prototype's run (compatibility mode), and a table of the folds and
// bifurcations (exportable as CSV). A click on the branch plot picks the orbit shown. The
// branch grows on screen while it is computed.
class NonlinearPanel : public AnalysisPanel {
    Q_OBJECT
public:
    explicit NonlinearPanel(PanelContext& context, QWidget* parent = nullptr);
    ~NonlinearPanel() override;

    QString toolId() const override { return QStringLiteral("nonlinear"); }
    QList<NamedPlot> plots() const override;
    PlotView* currentPlot() const override;
    nlohmann::json reportInput() const override;
    nlohmann::json reportResult() const override;
    // Keys of nonlinearInputToJson (the profile excepted), plus "tab" (a plot tab's title) and
    // "orbit" (index of the picked branch point).
    void applyInput(const nlohmann::json& input) override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    nonlinear::NonlinearInput currentInput(InputIssues* issues = nullptr) const;
    NonlinearForm* form() const { return m_form; }
    const std::optional<nonlinear::NonlinearResult>& result() const { return m_result; }
    QLabel* summary() const { return m_summary; }
    QTableWidget* foldTable() const { return m_table; }
    QSlider* orbitSlider() const { return m_orbit; }
    PlotView* branchPlot() const { return m_branch; }
    QTabWidget* tabs() const { return m_tabs; }

protected:
    std::optional<Run> prepareRun(InputIssues& issues) override;
    void showIssues(const InputIssues& issues) override;
    void showEvent(QShowEvent* event) override;

private:
    void showResult(const nonlinear::NonlinearResult& result, const model::Profile& profile,
                    bool complete);
    void showOrbit();
    // A click on the branch plot at (x, y) in display units: the nearest branch point's orbit
    // is picked and the Orbit tab shown.
    void pickOrbitAt(double x, double y);
    void fillTable();
    void onProfileChanged();
    std::string legacyReferencePath() const;

    models::ActiveProfile& m_active;
    NonlinearForm* m_form;
    QLabel* m_profileNote;
    QPushButton* m_usePreset;
    QLabel* m_summary;
    QTabWidget* m_tabs;
    PlotView* m_branch;
    PlotView* m_floors;
    PlotView* m_time;
    PlotView* m_phase;
    PlotView* m_harmonics;
    PlotView* m_map;
    PlotView* m_cbcErrors;
    PlotView* m_legacyFrequency;
    PlotView* m_legacyForce;
    QSlider* m_orbit;
    QLabel* m_orbitLabel;
    QTableWidget* m_table;
    std::optional<nonlinear::NonlinearResult> m_result;
    std::optional<nonlinear::LegacyRun> m_reference; // the bundled reference run, if readable
    model::Profile m_resultProfile;
    int m_pendingOrbit = -1; // "orbit" of applyInput, applied when the result arrives
    bool m_shownOnce = false;
};

} // namespace dtop::widgets
