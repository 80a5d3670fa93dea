// SPDX-License-Identifier: GPL-3.0-or-later
// Catch2 runner for the Qt suites: one application object for the whole run, offscreen.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#ifdef DTOP_TEST_WIDGETS
#include <QApplication>
using TestApplication = QApplication;
#else
#include <QCoreApplication>
using TestApplication = QCoreApplication;
#endif

#include <QSettings>
#include <QTemporaryDir>

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TestApplication app(argc, argv);
    // ctest runs every test case as its own process, several at once: each process keeps its
    // default QSettings in its own directory, so parallel cases never read each other's writes.
    QTemporaryDir settingsDir;
    if (!settingsDir.isValid())
        return 2;
    for (auto format : {QSettings::NativeFormat, QSettings::IniFormat})
        QSettings::setPath(format, QSettings::UserScope, settingsDir.path());
    return Catch::Session().run(argc, argv);
}
