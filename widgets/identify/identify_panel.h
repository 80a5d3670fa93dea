// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "identification/identify.h"
#include "widgets/analysis_panel.h"

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace dtop::models {
class ActiveProfile;
} // namespace dtop::models

namespace dtop::widgets {

class HeatMap;
class IdentifyForm;
class PlotView;

// Tool `identify`: the form (IdentifyForm) on the left; on the right the plots (stabilisation
// diagram — click a pole to pick it —, resynthesis overlay, Nyquist view per mode, MAC matrices,
// updating history, replay before and after updating) over the tables (modes, comparison of
// methods, physical chain and updated profile, updated parameters) and "Save as new version",
// which stores the updated profile in the workspace and makes it the active profile.
class IdentifyPanel : public AnalysisPanel {
    Q_OBJECT
public:
    explicit IdentifyPanel(PanelContext& context, QWidget* parent = nullptr);
    ~IdentifyPanel() override;

    QString toolId() const override { return QStringLiteral("identify"); }
    QList<NamedPlot> plots() const override;
    QList<NamedFigure> figures() const override;
    PlotView* currentPlot() const override;
    nlohmann::json reportInput() const override;
    nlohmann::json reportResult() const override;
    // Keys of identifyInputToJson (the profile excepted) plus "replay" (record id or "") and
    // "tab" (the plot tab shown).
    void applyInput(const nlohmann::json& input) override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    IdentifyForm* form() const { return m_form; }
    PlotView* diagramPlot() const { return m_diagram; }
    QTableWidget* modesTable() const { return m_modesTable; }
    QTableWidget* methodsTable() const { return m_methodsTable; }
    QTableWidget* physicalTable() const { return m_physicalTable; }
    QTableWidget* macTable() const { return m_macTable; }
    QPushButton* saveButton() const { return m_save; }
    QLineEdit* saveNameEdit() const { return m_saveName; }
    QLabel* summaryLabel() const { return m_summary; }
    const identification::IdentifyResult* result() const;
    const identification::ReplayComparison* replay() const;
    // Picks the pole of the diagram at (frequency, order), as a click on it does.
    void pickPole(double frequencyHz, int order);
    // Saves the updated profile as a new version of `name` in the workspace and makes it the
    // active profile; false with the reason in the status line otherwise.
    bool saveUpdatedProfile(const QString& name);

protected:
    std::optional<Run> prepareRun(InputIssues& issues) override;
    void showIssues(const InputIssues& issues) override;
    void showStale(bool stale) override;
    void showEvent(QShowEvent* event) override;

private:
    struct Shown {
        identification::IdentifyResult result;
        std::optional<identification::ReplayComparison> replay;
    };
    identification::IdentifyInput currentInput(InputIssues* issues) const;
    void reloadDatasets();
    void showResult(std::shared_ptr<const Shown> shown);
    void showNyquist();
    void updateSaveControls();
    void onProfileChanged();

    models::ActiveProfile& m_active;
    IdentifyForm* m_form;
    QLabel* m_summary;
    QTabWidget* m_tabs;
    PlotView* m_diagram;
    PlotView* m_resynthesis;
    PlotView* m_nyquist;
    QComboBox* m_nyquistMode;
    HeatMap* m_mac;
    HeatMap* m_macProfile;
    PlotView* m_history;
    PlotView* m_replayPlot;
    QTableWidget* m_macTable;
    QTableWidget* m_macProfileTable;
    QTabWidget* m_tables;
    QTableWidget* m_modesTable;
    QTableWidget* m_methodsTable;
    QTableWidget* m_physicalTable;
    QTableWidget* m_updateTable;
    QLineEdit* m_saveName;
    QPushButton* m_save;
    std::shared_ptr<const Shown> m_shown;
    bool m_shownOnce = false;
};

} // namespace dtop::widgets
