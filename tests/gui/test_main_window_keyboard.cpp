// SPDX-License-Identifier: GPL-3.0-or-later
// The shell from the keyboard, and the choice offered when a workspace cannot be opened.
#include "gui/main_window.h"
#include "gui/resources_init.h"
#include "models/workspace_session.h"
#include "tools/tool_descriptor.h"
#include "widgets/tool_panel.h"

#include "gui_test_support.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

using namespace dtop;

namespace {
void isolateSettings()
{
    test::isolateSettings(QStringLiteral("dtop-gui-keyboard-tests"));
}
} // namespace

TEST_CASE("Every tool has a View menu entry, Ctrl+1… in dock order, and PgUp/PgDn steps",
          "[gui][keyboard]")
{
    isolateSettings();
    gui::MainWindow window({QString::fromLatin1(DTOP_DATA_DIR), QString()});
    int number = 1;
    for (const tools::ToolDescriptor* tool : tools::registeredTools()) {
        auto* action = window.findChild<QAction*>(QStringLiteral("showTool_") +
                                                  QLatin1String(tool->id));
        REQUIRE(action);
        if (number <= 9)
            CHECK(action->shortcut() == QKeySequence(QStringLiteral("Ctrl+%1").arg(number)));
        action->trigger();
        REQUIRE(window.currentPanel());
        CHECK(window.currentPanel()->toolId() == QLatin1String(tool->id));
        ++number;
    }
    // From the last tool, "next" wraps to the first and "previous" back to the last.
    window.stepTool(+1);
    CHECK(window.currentPanel()->toolId() ==
          QLatin1String(tools::registeredTools().front()->id));
    window.stepTool(-1);
    CHECK(window.currentPanel()->toolId() == QLatin1String(tools::registeredTools().back()->id));
}

TEST_CASE("A file that is not a workspace: keeping the current workspace is the default",
          "[gui][workspace]")
{
    isolateSettings();
    const QString dir = QDir::temp().filePath(
        QStringLiteral("dtop_gui_keep_%1").arg(QCoreApplication::applicationPid()));
    QDir().mkpath(dir);
    const QString good = QDir(dir).filePath(QStringLiteral("good.dtop"));
    const QString bad = QDir(dir).filePath(QStringLiteral("notes.txt"));
    QFile::remove(good);
    {
        QFile f(bad);
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("not a workspace\n");
    }
    gui::MainWindow window({QString::fromLatin1(DTOP_DATA_DIR), good});
    REQUIRE(window.session().hasWorkspace());

    QString defaultText;
    QTimer::singleShot(0, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        REQUIRE(box);
        defaultText = box->defaultButton() ? box->defaultButton()->text() : QString();
        box->defaultButton()->click();
    });
    CHECK_FALSE(window.openWorkspace(bad, true));
    CHECK(defaultText == "Keep the current workspace");
    CHECK(window.session().workspacePath() == good);
    QDir(dir).removeRecursively();
}
