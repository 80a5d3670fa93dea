// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/control.h"
#include "widgets/analysis_panel.h"

#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QTabWidget;
class QTableWidget;

namespace dtop::models {
class ActiveProfile;
} // namespace dtop::models

namespace dtop::widgets {

class ControlForm;
class PlotView;

// Tool `control`: the form (ControlForm) on the left; on the right a stability banner (a red
// "UNSTABLE" when a closed-loop pole is in the right half-plane), tabs with the kinetic-energy
// comparison, per-floor FRFs, Nyquist, Bode, root locus and time response, and a results table
// with one row per design (unstable rows red, without reduction or effort).
class ControlPanel : public AnalysisPanel {
    Q_OBJECT
public:
    explicit ControlPanel(PanelContext& context, QWidget* parent = nullptr);
    ~ControlPanel() override;

    QString toolId() const override { return QStringLiteral("control"); }
    QList<NamedPlot> plots() const override;
    PlotView* currentPlot() const override;
    nlohmann::json reportInput() const override;
    nlohmann::json reportResult() const override;
    // Keys of controlInputToJson (the profile excepted) plus "compare" (strategy names) and
    // "record_file" (the CSV of a recorded ground acceleration or force).
    void applyInput(const nlohmann::json& input) override;

    control::ControlInput currentInput(InputIssues* issues = nullptr) const;
    ControlForm* form() const { return m_form; }
    QLabel* stabilityBanner() const { return m_banner; }
    QTableWidget* resultsTable() const { return m_table; }
    const std::vector<control::ControlResult>& results() const { return m_results; }

protected:
    std::optional<Run> prepareRun(InputIssues& issues) override;
    void showIssues(const InputIssues& issues) override;
    void showStale(bool stale) override;
    void showEvent(QShowEvent* event) override;

private:
    // The parts of a run that the gain does not change, kept to redraw at drag speed.
    struct GainFreeParts {
        nlohmann::json key; // the run's input without the gain
        std::optional<double> criticalGain;
        std::optional<control::RootLocus> rootLocus;
        std::optional<control::BestGain> bestGain;
        std::vector<control::ControlResult> gainFree; // compared designs without a gain
    };
    // The design of `input`; with `cached` (a gain drag), its root locus and best stable gain
    // are the cached ones when the critical gain is unchanged. Runs on the worker thread.
    static control::ControlResult runMainDesign(const control::ControlInput& input,
                                                const GainFreeParts* cached,
                                                Progress& progress);
    void showResults(std::vector<control::ControlResult> results);
    void addRecordFile(nlohmann::json& input) const;
    // Draws the plots of tab `tab` from the results if they are not drawn yet.
    void drawTab(int tab) const;
    void drawPendingTabs() const;
    void fillTable();
    void fitTableHeight();
    void onProfileChanged();

    models::ActiveProfile& m_active;
    ControlForm* m_form;
    QLabel* m_banner;
    QTabWidget* m_tabs;
    PlotView* m_ke;
    PlotView* m_frf;
    PlotView* m_nyquist;
    PlotView* m_bodeMagnitude;
    PlotView* m_bodePhase;
    PlotView* m_rootLocus;
    PlotView* m_drift;
    PlotView* m_current;
    QTableWidget* m_table;
    std::vector<control::ControlResult> m_results; // the design first, then the compared ones
    std::shared_ptr<const GainFreeParts> m_gainFree;
    mutable std::vector<bool> m_dirtyTabs; // per tab: results not drawn yet
    bool m_shownOnce = false;
};

} // namespace dtop::widgets
