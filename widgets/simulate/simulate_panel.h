// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/replay.h"
#include "dynamics/simulate.h"
#include "widgets/panel_context.h"
#include "widgets/tool_panel.h"

#include <map>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace dtop::models {
class ActiveProfile;
class AnalysisRunner;
} // namespace dtop::models

namespace dtop::widgets {

class SimulateForm;
class SimulatePlots;

// Tool `simulate`: the virtual test of the active profile (hammer, half-sine, random shaker,
// sine, swept sine, ground motion or a recorded force; Monte-Carlo scenarios; PSDs and the H1
// estimate over the model FRF) and the replay of a recorded test against the twin. Runs off
// the GUI thread with progress and cancel; any input change marks the shown result out of
// date; every run is recorded in the workspace.
class SimulatePanel : public ToolPanel {
    Q_OBJECT
public:
    explicit SimulatePanel(PanelContext& context, QWidget* parent = nullptr);
    ~SimulatePanel() override;

    QString toolId() const override { return QStringLiteral("simulate"); }
    QList<NamedPlot> plots() const override;
    PlotView* currentPlot() const override;
    nlohmann::json reportInput() const override;
    nlohmann::json reportResult() const override;
    // Keys of reportInput(); "profile" is ignored (the panel works on the active profile).
    void applyInput(const nlohmann::json& input) override;
    void finishPendingWork() override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    // Starts the analysis of the current inputs (no-op while they are invalid).
    void run();
    void cancel();

    SimulateForm* form() const { return m_form; }
    SimulatePlots* resultView() const { return m_plots; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    models::AnalysisRunner* runner() const { return m_runner; }
    // A result is shown and the inputs have not changed since it was computed.
    bool hasCurrentResult() const;
    bool isStale() const { return m_stale; }
    const std::optional<dynamics::SimulateResult>& testResult() const { return m_testResult; }
    const std::optional<dynamics::ReplayResult>& replayResult() const { return m_replayResult; }

private:
    // Everything one run needs, read from the form and checked.
    struct Prepared {
        bool replay = false;
        dynamics::SimulateInput test;
        dynamics::ReplayInput replayInput;
        QString datasetId;
        QString recordTitle;
        dynamics::ResponseQuantity quantity = dynamics::ResponseQuantity::Displacement;
        nlohmann::json json; // reportInput() of this run
    };

    bool prepare(Prepared& out, InputIssues& issues) const;
    nlohmann::json inputJson(const Prepared& p) const;
    void validateInputs();
    void onInputsChanged();
    void onActiveProfileChanged();
    void populateDatasets();
    void updateReplayInfo();
    void runIfNothingShown();
    void applyResult(const Prepared& p, std::optional<dynamics::SimulateResult> test,
                     std::optional<dynamics::ReplayResult> replay, double seconds);
    void setRunning(bool running);
    bool loadRecord(const SimulateForm* form, dynamics::SimulateInput& in, InputIssues& issues) const;

    models::ActiveProfile& m_active;
    models::WorkspaceSession& m_session;
    SimulateForm* m_form;
    SimulatePlots* m_plots;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_banner;
    models::AnalysisRunner* m_runner;

    mutable std::map<QString, dynamics::SampledSignal> m_records; // loaded files, dataset forces
    std::optional<Prepared> m_shown;                      // inputs of the result on screen
    std::optional<dynamics::SimulateResult> m_testResult;
    std::optional<dynamics::ReplayResult> m_replayResult;
    bool m_valid = false;
    bool m_stale = false;
};

} // namespace dtop::widgets
