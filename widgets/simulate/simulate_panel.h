// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/replay.h"
#include "dynamics/simulate.h"
#include "widgets/analysis_panel.h"

#include <map>
#include <optional>

namespace dtop::models {
class ActiveProfile;
} // namespace dtop::models

namespace dtop::widgets {

class SimulateForm;
class SimulatePlots;

// Tool `simulate`: the virtual test of the active profile (hammer, half-sine, random shaker,
// sine, swept sine, ground motion or a recorded force; Monte-Carlo scenarios; PSDs and the H1
// estimate over the model FRF) and the replay of a recorded test against the twin. Runs,
// cancels, marks out-of-date results and records runs through AnalysisPanel.
class SimulatePanel : public AnalysisPanel {
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
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    SimulateForm* form() const { return m_form; }
    SimulatePlots* resultView() const { return m_plots; }
    const std::optional<dynamics::SimulateResult>& testResult() const { return m_testResult; }
    const std::optional<dynamics::ReplayResult>& replayResult() const { return m_replayResult; }

protected:
    std::optional<Run> prepareRun(InputIssues& issues) override;
    void showIssues(const InputIssues& issues) override;
    void showStale(bool stale) override;

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
    void onInputsChanged();
    void onActiveProfileChanged();
    void populateDatasets();
    void updateReplayInfo();
    void runIfNothingShown();
    void applyResult(const Prepared& p, std::optional<dynamics::SimulateResult> test,
                     std::optional<dynamics::ReplayResult> replay);
    bool loadRecord(const SimulateForm* form, dynamics::SimulateInput& in, InputIssues& issues) const;

    models::ActiveProfile& m_active;
    SimulateForm* m_form;
    SimulatePlots* m_plots;

    mutable std::map<QString, dynamics::SampledSignal> m_records; // loaded files, dataset forces
    std::optional<Prepared> m_shown;                      // inputs of the result on screen
    std::optional<dynamics::SimulateResult> m_testResult;
    std::optional<dynamics::ReplayResult> m_replayResult;
};

} // namespace dtop::widgets
