// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/main_window.h"

#include "gui/tool_registry.h"
#include "widgets/tool_list.h"

#include <QDockWidget>
#include <QLabel>
#include <QStackedWidget>

namespace dtop::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("DTOP desktop"));
    resize(1280, 800);

    m_toolList = new widgets::ToolList(this);
    for (const auto& tool : tools())
        m_toolList->addTool(QString::fromLatin1(tool.id), QIcon(QString::fromLatin1(tool.icon)),
                            tr(tool.name), tr(tool.description), tool.available);
    auto* dock = new QDockWidget(tr("Tools"), this);
    dock->setObjectName(QStringLiteral("toolDock"));
    dock->setWidget(m_toolList);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    m_stack = new QStackedWidget(this);
    setCentralWidget(m_stack);
    connect(m_toolList, &widgets::ToolList::toolChosen, this, &MainWindow::showTool);
    m_toolList->selectTool(QStringLiteral("structure"));
}

void MainWindow::showTool(const QString& id)
{
    auto* label = new QLabel(tr("Tool: %1").arg(id), m_stack);
    label->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(label);
    m_stack->setCurrentWidget(label);
}

} // namespace dtop::gui
