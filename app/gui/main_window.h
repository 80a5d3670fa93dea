// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/panel_context.h"

#include <QHash>
#include <QMainWindow>

class QDockWidget;
class QLabel;
class QStackedWidget;
class QTextBrowser;

namespace dtop::models {
class ActiveProfile;
}
namespace dtop::widgets {
class ToolList;
class ToolPanel;
} // namespace dtop::widgets

namespace dtop::gui {

// The shell: tool dock, one panel per tool (created on first use, kept with its state),
// menus, status bar, remembered layout and inputs.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows the tool's panel (creating it on first use); false for unknown/unavailable tools.
    bool showTool(const QString& id);
    widgets::ToolPanel* currentPanel() const;
    widgets::ToolPanel* panel(const QString& id) const { return m_panels.value(id); }
    models::ActiveProfile& activeProfile() { return *m_activeProfile; }

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
    widgets::PanelContext m_context;
    widgets::ToolList* m_toolList = nullptr;
    QDockWidget* m_toolDock = nullptr;
    QDockWidget* m_helpDock = nullptr;
    QTextBrowser* m_help = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_profileStatus = nullptr;
    QHash<QString, widgets::ToolPanel*> m_panels;
    QByteArray m_defaultState;
};

} // namespace dtop::gui
