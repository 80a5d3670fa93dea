// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace dtop::models {
class WorkspaceSession;
}

namespace dtop::widgets {

class PlotView;

// Lists the bundled and imported datasets by rig, plots the selected one with its
// description, and says where no measurements exist (Sheffield, Bristol).
class DatasetBrowser : public QWidget {
    Q_OBJECT
public:
    explicit DatasetBrowser(models::WorkspaceSession& session, QWidget* parent = nullptr);

    PlotView* plot() const { return m_plot; }
    bool selectDataset(const QString& id);
    // Asks for a file and what it holds, stores it in the workspace and selects it; a
    // malformed file is reported with its line and nothing is stored.
    void importFile();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void rebuild();
    void showDataset(const QString& id);

    models::WorkspaceSession& m_session;
    QTreeWidget* m_tree;
    QLabel* m_details;
    PlotView* m_plot;
};

} // namespace dtop::widgets
