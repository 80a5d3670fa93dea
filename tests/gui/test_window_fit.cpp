// SPDX-License-Identifier: GPL-3.0-or-later
// The main window fits a 1024×700 screen with every tool (docs/architecture.md, "Window sizes").
#include "gui/main_window.h"
#include "gui/resources_init.h"
#include "tools/tool_descriptor.h"
#include "widgets/tool_panel.h"

#include "gui_test_support.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QCoreApplication>
#include <QLayout>
#include <QSettings>
#include <QStandardPaths>

#include <iostream>

using namespace dtop;

namespace {

int g_minHeight = 400;
void dump(const QWidget* w, int depth, int minWidth)
{
    const QSize hint = w->minimumSizeHint();
    const QSize min = w->minimumSize();
    const int effW = std::max(hint.width(), min.width());
    const int effH = std::max(hint.height(), min.height());
    if (effW >= minWidth || effH >= g_minHeight)
        std::cerr << std::string(static_cast<std::size_t>(depth) * 2, ' ')
                  << w->metaObject()->className() << " '" << w->objectName().toStdString()
                  << "' " << (w->isVisibleTo(w->window()) ? "" : "(hidden) ") << "hint " << hint.width() << "x" << hint.height() << " min " << min.width()
                  << "x" << min.height() << " size " << w->width() << "x" << w->height() << "\n";
    for (const QObject* c : w->children())
        if (const auto* cw = qobject_cast<const QWidget*>(c); cw && !cw->isWindow())
            dump(cw, depth + 1, minWidth);
}
} // namespace

TEST_CASE("The window fits 1024x700 with every tool shown", "[gui][layout]")
{
    const auto shown = test::shownWindow();
    gui::MainWindow& window = *shown;
    for (const tools::ToolDescriptor* tool : tools::registeredTools()) {
        INFO("tool " << tool->id);
        window.showTool(QString::fromLatin1(tool->id));
        // With its results shown (keys, tables and notes appear with them).
        window.currentPanel()->finishPendingWork();
        QApplication::processEvents();
        const QSize min = window.minimumSizeHint().expandedTo(window.minimumSize());
        CHECK(min.width() <= 1024);
        if (min.width() > 1024)
            dump(&window, 0, 500); // which widget holds the window up
        CHECK(min.height() <= 700);
        window.resize(1024, 700);
        QApplication::processEvents();
        CHECK(window.size() == QSize(1024, 700));
        // The panel gets what the dock leaves: nothing is pushed off the right edge.
        const QWidget* panel = window.centralWidget();
        REQUIRE(panel != nullptr);
        CHECK(panel->geometry().right() < window.width());
        CHECK(panel->width() >= 700);
        window.resize(1280, 800);
    }
}

// Run with DIAG_W=700 DIAG_H=650 to list the widgets whose minimum size holds the window up.
TEST_CASE("Widget tree minimum sizes (diagnostic)", "[.diag]")
{
    const auto shown = test::shownWindow();
    gui::MainWindow& window = *shown;
    for (const tools::ToolDescriptor* tool : tools::registeredTools()) {
        window.showTool(QString::fromLatin1(tool->id));
        QApplication::processEvents();
        std::cerr << "=== " << tool->id << " window min " << window.minimumSizeHint().width() << "x"
                  << window.minimumSizeHint().height() << "\n";
        g_minHeight = qEnvironmentVariableIntValue("DIAG_H");
        if (qEnvironmentVariableIsSet("DIAG_RESIZE"))
            window.resize(1024, 700), QApplication::processEvents();
        dump(&window, 0, qEnvironmentVariableIntValue("DIAG_W"));
    }
}
