// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fe/fe_analysis.h"
#include "fe/measured_sway.h"
#include "widgets/analysis_panel.h"

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace dtop::widgets {

class FeForm;
class FeModeView;
class PlotView;

// Tool `fe`: the form (FeForm) on the left; on the right a summary line and tabs with the mode
// table and the animated 3-D / 2-D mode view, the mesh-convergence table and plot, the
// comparison with the measured rig before and after calibration (table, plot, calibrated joint
// stiffness, equivalent shear building with Save as profile), and the masses of every part.
class FePanel : public AnalysisPanel {
    Q_OBJECT
public:
    explicit FePanel(PanelContext& context, QWidget* parent = nullptr);
    ~FePanel() override;

    QString toolId() const override { return QStringLiteral("fe"); }
    QList<NamedPlot> plots() const override;
    QList<NamedFigure> figures() const override;
    PlotView* currentPlot() const override;
    // feInputToJson's keys plus measured_dataset (id or null) and units ("si" or "inch").
    nlohmann::json reportInput() const override;
    // feResultToJson, plus `measured` when a dataset was used: what `dtop fe` prints.
    nlohmann::json reportResult() const override;
    // The keys of reportInput (missing keys keep their value) and, for screenshots of a chosen
    // view, "tab" (a tab's title), "mode" (1-based row of the mode table), "projection"
    // ("3d", "front", "side", "plan"), "shown_model" ("given" or "calibrated"), "animate"
    // (false: the view frozen at the mode's extreme).
    void applyInput(const nlohmann::json& input) override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    FeForm* form() const { return m_form; }
    FeModeView* modeView() const { return m_view; }
    QTableWidget* modeTable() const { return m_modeTable; }
    QTableWidget* convergenceTable() const { return m_convergenceTable; }
    QTableWidget* comparisonTable() const { return m_comparisonTable; }
    QTableWidget* equivalentTable() const { return m_equivalentTable; }
    QTableWidget* massTable() const { return m_massTable; }
    QLabel* calibrationLabel() const { return m_calibrationLabel; }
    QPushButton* saveProfileButton() const { return m_saveProfile; }
    const fe::FeResult* result() const { return m_result.get(); }

    // Saves the equivalent shear building of the shown result as a version of profile `name`
    // in the workspace; false with `error` when there is none or the workspace refuses it.
    bool saveEquivalentProfile(const QString& name, QString* error);

protected:
    std::optional<Run> prepareRun(InputIssues& issues) override;
    void showIssues(const InputIssues& issues) override;
    void showEvent(QShowEvent* event) override;

private:
    // The input the form shows with the chosen dataset's measured modes.
    fe::FeInput currentInput(InputIssues& issues, std::optional<fe::MeasuredSway>& measured);
    void showResult(std::shared_ptr<const fe::FeResult> result,
                    std::optional<fe::MeasuredSway> measured);
    void showModes();
    void showSelectedMode();
    void refreshDatasets();
    void askSaveProfile();
    const fe::FrameModes* shownModes() const;

    FeForm* m_form;
    QLabel* m_summary;
    QTabWidget* m_tabs;
    FeModeView* m_view;
    QComboBox* m_projection;
    QComboBox* m_shownModel;
    QCheckBox* m_animate;
    QTableWidget* m_modeTable;
    QTableWidget* m_convergenceTable;
    PlotView* m_convergencePlot;
    QTableWidget* m_comparisonTable;
    PlotView* m_comparisonPlot;
    QLabel* m_calibrationLabel;
    QTableWidget* m_equivalentTable;
    QPushButton* m_saveProfile;
    QTableWidget* m_massTable;
    std::shared_ptr<const fe::FeResult> m_result;
    std::optional<fe::MeasuredSway> m_measured;
    bool m_shownOnce = false;
};

} // namespace dtop::widgets
