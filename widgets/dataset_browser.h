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

signals:
    void importRequested();

private:
    void rebuild();
    void showDataset(const QString& id);

    models::WorkspaceSession& m_session;
    QTreeWidget* m_tree;
    QLabel* m_details;
    PlotView* m_plot;
};

} // namespace dtop::widgets
