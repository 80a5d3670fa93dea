// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/panel_context.h"

#include <QHash>
#include <QMainWindow>

class QDialog;
class QDockWidget;
class QLabel;
class QStackedWidget;
class QTextBrowser;

namespace dtop::models {
class ActiveProfile;
class WorkspaceSession;
} // namespace dtop::models
namespace dtop::widgets {
class StructurePanel;
class ToolList;
class ToolPanel;
} // namespace dtop::widgets

class QUndoGroup;

namespace dtop::gui {

class ProfileActions;

// The shell: tool dock, one panel per tool (created on first use, kept with its state),
// menus, status bar, remembered layout and inputs.
struct StartupOptions {
    QString dataDirectory; // bundled datasets (data/)
    QString workspacePath; // empty: start without a workspace
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Loads the data and opens the workspace before panels restore their inputs; a workspace
    // that cannot be used is reported by offerWorkspaceRecovery() once the window shows.
    explicit MainWindow(const StartupOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows the tool's panel (creating it on first use); false for unknown/unavailable tools.
    bool showTool(const QString& id);
    // Shows the next (+1) or previous (-1) registered tool, wrapping around.
    void stepTool(int step);
    widgets::ToolPanel* currentPanel() const;
    widgets::ToolPanel* panel(const QString& id) const { return m_panels.value(id); }
    models::ActiveProfile& activeProfile() { return *m_activeProfile; }
    models::WorkspaceSession& session() { return *m_session; }
    ProfileActions& profileActions() { return *m_profileActions; }
    // The status bar's profile line ("Profile: my-rig v1").
    QString profileStatusText() const;

    // Opens the workspace at `path`. When it cannot be used (corrupt, not a workspace, ...)
    // and `interactive`, says why (the file is never touched) and offers a new one elsewhere
    // or none; otherwise returns false with `error`.
    bool openWorkspace(const QString& path, bool interactive, QString* error = nullptr);
    // After show(): if the startup workspace could not be used, says why and offers another.
    void offerWorkspaceRecovery();
    void importDataset();
    // File ▸ Export report into `dir`. A current result is written at once. Otherwise (results
    // out of date, cancelled or never computed) the user chooses: run the analysis in the
    // background (progress and Cancel in the panel) and write the report when it finishes, or
    // write what is shown marked out of date. Returns false when nothing was or will be written.
    bool exportReportTo(const QString& dir);
    // The Structure panel, shown (it hosts the measured-data browser).
    widgets::StructurePanel* structurePanel();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildDocks();
    void restoreLayout();
    void saveLayout() const;
    void resetLayout();
    void exportPlotPng();
    void exportPlotCsv();
    void exportReport();
    void showHelp();
    void showAbout();
    void updateStatus();

    models::ActiveProfile* m_activeProfile;
    models::WorkspaceSession* m_session;
    ProfileActions* m_profileActions = nullptr;
    QLabel* m_workspaceStatus = nullptr;
    QString m_startupWorkspaceError;
    widgets::PanelContext m_context;
    widgets::ToolList* m_toolList = nullptr;
    QDockWidget* m_toolDock = nullptr;
    QDialog* m_helpWindow = nullptr;
    QTextBrowser* m_help = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_profileStatus = nullptr;
    QHash<QString, widgets::ToolPanel*> m_panels;
    QUndoGroup* m_undo = nullptr; // Edit ▸ Undo/Redo act on the shown panel's stack
    QByteArray m_defaultState;
};

} // namespace dtop::gui
