// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QStackedWidget;

namespace dtop::widgets {
class ToolList;
}

namespace dtop::gui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

private:
    void showTool(const QString& id);

    widgets::ToolList* m_toolList = nullptr;
    QStackedWidget* m_stack = nullptr;
};

} // namespace dtop::gui
