// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "design/design_input.h"
#include "design/design_result.h"
#include "widgets/analysis_panel.h"

#include <optional>

class QComboBox;
class QLabel;
class QTabWidget;
class QTableWidget;

namespace dtop::models {
class ActiveProfile;
} // namespace dtop::models

namespace dtop::widgets {

class DesignForm;
class HeatMap;
class PlotView;

// Tool `design`: the form (DesignForm: input distributions, outputs, sampling, analyses) on the
// left; on the right a summary line and tabs with the output distributions and statistics,
// the nominal FRF, the Sobol' indices (bars with intervals, convergence, table), the Fisher
// information (heat map, eigenvalues, convergence in cells and N, tables) and the probability
// with its gradient. A legacy run shows the prototype's estimates, labelled as such.
class DesignPanel : public AnalysisPanel {
    Q_OBJECT
public:
    explicit DesignPanel(PanelContext& context, QWidget* parent = nullptr);
    ~DesignPanel() override;

    QString toolId() const override { return QStringLiteral("design"); }
    QList<NamedPlot> plots() const override;
    QList<NamedFigure> figures() const override;
    PlotView* currentPlot() const override;
    nlohmann::json reportInput() const override;
    nlohmann::json reportResult() const override;
    // Keys of designInputToJson plus "shown_output" (the output the distribution and Sobol'
    // tabs show), "heat_map" ("correlation" | "signed-log") and "tab" (a tab's title).
    void applyInput(const nlohmann::json& input) override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    design::DesignInput currentInput(InputIssues* issues = nullptr) const;
    DesignForm* form() const { return m_form; }
    QLabel* summary() const { return m_summary; }
    QTabWidget* tabs() const { return m_tabs; }
    HeatMap* heatMap() const { return m_heatMap; }
    QTableWidget* statisticsTable() const { return m_statsTable; }
    QTableWidget* sobolTable() const { return m_sobolTable; }
    QTableWidget* parameterTable() const { return m_parameterTable; }
    const std::optional<design::DesignResult>& result() const { return m_result; }

protected:
    std::optional<Run> prepareRun(InputIssues& issues) override;
    void showIssues(const InputIssues& issues) override;

private:
    void showResult(design::DesignResult result);
    void drawShownOutput();
    void drawFisher();
    void drawFisherMap();
    void fillOutputChoice();
    void onProfileInputs();

    models::ActiveProfile& m_active;
    DesignForm* m_form;
    QLabel* m_summary;
    QComboBox* m_outputChoice;
    QTabWidget* m_tabs;
    PlotView* m_distribution;
    QTableWidget* m_statsTable;
    PlotView* m_frf;
    PlotView* m_sobol;
    PlotView* m_sobolConvergence;
    QTableWidget* m_sobolTable;
    QLabel* m_fisherStatus;
    QComboBox* m_heatMapForm;
    HeatMap* m_heatMap;
    PlotView* m_eigenvalues;
    PlotView* m_fisherConvergence;
    QTableWidget* m_eigenTable;
    QLabel* m_probabilityStatus;
    PlotView* m_gradient;
    QTableWidget* m_parameterTable;
    std::optional<design::DesignResult> m_result;
    design::FisherResult m_shownFisher;           // the corrected or the prototype's estimate
    design::ProbabilityResult m_shownProbability; // likewise
};

} // namespace dtop::widgets
