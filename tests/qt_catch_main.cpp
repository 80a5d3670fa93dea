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

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TestApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
