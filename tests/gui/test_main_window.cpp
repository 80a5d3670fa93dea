// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/main_window.h"
#include "gui/resources_init.h"
#include "io/workspace_backup.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "tools/tool_descriptor.h"
#include "widgets/profile_editor.h"
#include "widgets/structure/structure_panel.h"

#include "gui_test_support.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

using namespace dtop;
using test::isolateSettings;
using test::testStartup;

namespace {
} // namespace

TEST_CASE("Main window opens on the structure tool", "[gui]")
{
    isolateSettings();
    gui::MainWindow window(testStartup());
    REQUIRE(window.currentPanel());
    CHECK(window.currentPanel()->toolId() == "structure");
    // A planned tool (not built yet) stays disabled; which one depends on what is registered.
    if (!tools::plannedTools().empty())
        CHECK_FALSE(window.showTool(QString::fromLatin1(tools::plannedTools().front().id)));
    CHECK_FALSE(window.showTool(QStringLiteral("nope")));
}

TEST_CASE("Switching tools keeps a panel's state", "[gui]")
{
    isolateSettings();
    gui::MainWindow window(testStartup());
    auto* structure = qobject_cast<widgets::StructurePanel*>(window.panel("structure"));
    REQUIRE(structure);
    structure->editor()->setFieldText("k1", "30000");
    for (const QString& id : {QStringLiteral("simulate"), QStringLiteral("uncertainty")})
        window.showTool(id); // whichever of these exist
    REQUIRE(window.showTool(QStringLiteral("structure")));
    CHECK(window.panel("structure") == structure);
    CHECK(window.activeProfile().profile().stiffnesses[0] == 30000.0);
}

TEST_CASE("Panel inputs are remembered across sessions", "[gui]")
{
    isolateSettings();
    {
        gui::MainWindow window(testStartup());
        auto* structure = window.panel("structure");
        structure->applyInput({{"quantity", "mobility"}, {"input_floor", 3}});
        window.close();
    }
    gui::MainWindow again(testStartup());
    const auto input = again.panel("structure")->reportInput();
    CHECK(input["quantity"] == "mobility");
    CHECK(input["input_floor"] == 3);
}

TEST_CASE("Icons, help pages and licences are compiled in", "[gui]")
{
    gui::initResources();
    for (const char* path : {":/icons/dtop.svg", ":/icons/structure.svg", ":/help/structure.html",
                             ":/licences/LICENSE-Cristallo-BSD-3"})
        CHECK(QFile::exists(QString::fromLatin1(path)));
}

TEST_CASE("A corrupt workspace is left untouched and the window still opens", "[gui]")
{
    isolateSettings();
    const QString path = QDir::temp().filePath(QStringLiteral("dtop_gui_corrupt.dtop"));
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("this is not an SQLite database, just text that must survive\n");
    }
    QFile before(path);
    REQUIRE(before.open(QIODevice::ReadOnly));
    const QByteArray bytes = before.readAll();
    before.close();
    {
        gui::MainWindow window({QString::fromLatin1(DTOP_DATA_DIR), path});
        CHECK_FALSE(window.session().hasWorkspace());
        CHECK(window.currentPanel());
        // Saving is refused with a message, never written anywhere.
        QString error;
        CHECK_FALSE(window.session().saveProfile(window.activeProfile().profile(), {}, &error));
        CHECK_FALSE(error.isEmpty());
    }
    QFile after(path);
    REQUIRE(after.open(QIODevice::ReadOnly));
    CHECK(after.readAll() == bytes);
    QFile::remove(path);
}

TEST_CASE("Saving a profile version from the shell appends to the workspace", "[gui]")
{
    isolateSettings();
    const QString path = QDir::temp().filePath(QStringLiteral("dtop_gui_ws_%1.dtop").arg(QCoreApplication::applicationPid()));
    QFile::remove(path);
    gui::MainWindow window({QString::fromLatin1(DTOP_DATA_DIR), path});
    REQUIRE(window.session().hasWorkspace());
    model::Profile p = window.activeProfile().profile();
    p.name = "lab-rig";
    QString error;
    const auto v1 = window.session().saveProfile(p, QStringLiteral("first"), &error);
    REQUIRE(v1);
    p.stiffnesses[1] = 40000;
    const auto v2 = window.session().saveProfile(p, QStringLiteral("softer k2"), &error);
    REQUIRE(v2);
    CHECK(v2->version == 2);
    CHECK(window.session().workspace()->profileHistory("lab-rig").size() == 2);
    // The structure panel's profile list offers the saved profile.
    auto* structure = qobject_cast<widgets::StructurePanel*>(window.panel("structure"));
    REQUIRE(structure);
    CHECK(window.session().savedProfiles().size() == 1);
    QFile::remove(path);
}

TEST_CASE("The session remembers a refused workspace and backs up the one it opens",
          "[gui][backup]")
{
    isolateSettings();
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString bad = dir.filePath(QStringLiteral("bad.dtop"));
    {
        QFile f(bad);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("not a workspace\n");
    }
    models::WorkspaceSession session;
    QString error;
    CHECK_FALSE(session.openWorkspace(bad, &error));
    CHECK(session.failedWorkspacePath() == bad);
    // The refused file has no backup, so the window offers none; nothing was written beside it.
    CHECK_FALSE(io::latestGoodBackup(bad.toStdString()));
    CHECK(io::listBackups(bad.toStdString()).empty());

    const QString good = dir.filePath(QStringLiteral("good.dtop"));
    REQUIRE(session.openWorkspace(good, &error));
    CHECK(session.failedWorkspacePath().isEmpty());
    const auto backups = io::listBackups(good.toStdString());
    REQUIRE(backups.size() == 1);
    CHECK(io::latestGoodBackup(good.toStdString()) == backups.front());
}
