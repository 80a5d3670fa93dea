// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/main_window.h"
#include "gui/resources_init.h"
#include "models/active_profile.h"
#include "widgets/profile_editor.h"
#include "widgets/structure/structure_panel.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

using namespace dtop;

namespace {
// Each test gets its own settings file, never the user's.
void isolateSettings()
{
    gui::initResources();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("DTOP-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("dtop-gui-tests"));
    QSettings().clear();
}

// Bundled data from the source tree, no workspace: tests never touch the user's files.
gui::StartupOptions testStartup()
{
    return {QString::fromLatin1(DTOP_DATA_DIR), QString()};
}
} // namespace

TEST_CASE("Main window opens on the structure tool", "[gui]")
{
    isolateSettings();
    gui::MainWindow window(testStartup());
    REQUIRE(window.currentPanel());
    CHECK(window.currentPanel()->toolId() == "structure");
    CHECK_FALSE(window.showTool(QStringLiteral("control"))); // not built yet: stays disabled
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
