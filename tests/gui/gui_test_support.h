// SPDX-License-Identifier: GPL-3.0-or-later
// Set-up shared by the main-window tests.
#pragma once

#include "gui/main_window.h"
#include "gui/resources_init.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>

#include <memory>

namespace dtop::test {

// Each test starts from empty settings in the per-process directory of qt_catch_main.cpp.
inline void isolateSettings(const QString& application = QStringLiteral("dtop-gui-tests"))
{
    gui::initResources();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("DTOP-tests"));
    QCoreApplication::setApplicationName(application);
    QSettings().clear();
}

// Bundled data from the source tree, no workspace: tests never touch the user's files.
inline gui::StartupOptions testStartup()
{
    return {QString::fromLatin1(DTOP_DATA_DIR), QString()};
}

// A main window on empty settings and the bundled data, shown at 1280×800.
inline std::unique_ptr<gui::MainWindow> shownWindow()
{
    isolateSettings();
    auto window = std::make_unique<gui::MainWindow>(testStartup());
    window->resize(1280, 800);
    window->show();
    return window;
}

} // namespace dtop::test
