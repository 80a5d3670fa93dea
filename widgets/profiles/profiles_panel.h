// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crossval/profile_diff.h"
#include "crossval/profile_history.h"
#include "io/workspace_records.h"
#include "widgets/panel_context.h"
#include "widgets/tool_panel.h"

#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace dtop::widgets {

// Tool `profiles` (Twin history, docs/tools/profiles.md): the saved versions of a profile as a
// timeline with their provenance, modes and changes, the evolution of each modal frequency
// over the versions, a side-by-side diff of any two profiles (every parameter, the modes and
// their FRFs overlaid), and the run records of the workspace with "Open this run again".
// Everything here takes milliseconds (≤ 50 ms for 100 versions), so it is computed at once.
class ProfilesPanel : public ToolPanel {
    Q_OBJECT
public:
    explicit ProfilesPanel(PanelContext& context, QWidget* parent = nullptr);
    ~ProfilesPanel() override;

    QString toolId() const override { return QStringLiteral("profiles"); }
    QList<NamedPlot> plots() const override;
    PlotView* currentPlot() const override;
    nlohmann::json reportInput() const override;
    // {"history": timeline, "diff": {"old", "new", parameters, modes}, "runs": {"runs"}}; the
    // diff and runs as `dtop profile diff` and `dtop runs list` print them.
    nlohmann::json reportResult() const override;
    // Keys "history_profile", "old", "new" (NAME or NAME@VERSION), "runs_tool" (null: all),
    // "runs_limit" (0: all); also "tab" ("Timeline", "Diff", "Runs"), the tab shown.
    void applyInput(const nlohmann::json& input) override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    // Re-reads the saved profiles and run records of the workspace.
    void refresh();
    // Restores run `row` of the runs table in its tool: its saved profile version (when the
    // run recorded one) becomes the active profile, then openToolRequested is emitted.
    bool openRun(int row);

    QComboBox* historyCombo() const { return m_history; }
    QComboBox* oldCombo() const { return m_old; }
    QComboBox* newCombo() const { return m_new; }
    QTableWidget* timelineTable() const { return m_timeline; }
    QTableWidget* parameterTable() const { return m_parameters; }
    QTableWidget* modeTable() const { return m_modes; }
    QTableWidget* runsTable() const { return m_runsTable; }
    QPushButton* openRunButton() const { return m_openRun; }
    QTabWidget* tabs() const { return m_tabs; }
    const std::optional<crossval::ProfileHistory>& history() const { return m_historyResult; }
    const std::optional<crossval::ProfileDiff>& diff() const { return m_diff; }
    const std::vector<io::RunRecord>& runs() const { return m_runs; }

private:
    void fillProfileLists();
    void onHistoryChosen();
    void updateHistory();
    void updateDiff();
    void updateRuns();
    void showDiff();
    // The profile a diff side names, or nullopt with the field marked.
    struct Side;
    std::optional<Side> resolveSide(QComboBox* field, const char* name);

    PanelContext& m_context;
    QComboBox* m_history;
    QComboBox* m_old;
    QComboBox* m_new;
    QComboBox* m_runsTool;
    QSpinBox* m_runsLimit;
    QLabel* m_diffSummary;
    QLabel* m_historyNote;
    QTabWidget* m_tabs;
    QTableWidget* m_timeline;
    QTableWidget* m_parameters;
    QTableWidget* m_modes;
    QTableWidget* m_runsTable;
    QPushButton* m_openRun;
    PlotView* m_evolution;
    PlotView* m_frf;
    std::optional<crossval::ProfileHistory> m_historyResult;
    std::optional<crossval::ProfileDiff> m_diff;
    QString m_oldLabel, m_newLabel; // canonical labels of the diff shown
    std::vector<io::RunRecord> m_runs;
    bool m_filling = false;
};

} // namespace dtop::widgets
