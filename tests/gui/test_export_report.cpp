// SPDX-License-Identifier: GPL-3.0-or-later
// File ▸ Export report never computes on the GUI thread: a stale result is exported as shown
// (marked out of date) or after a background run (first-use issue #18, item 5).
#include "gui/main_window.h"
#include "gui/resources_init.h"
#include "widgets/analysis_panel.h"

#include "modal_script.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace dtop;
using test::clickButton;
using test::ModalScript;

namespace {

nlohmann::json readJson(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return nlohmann::json::parse(f.readAll().toStdString());
}

// Processes events until `done` or a generous upper bound (a hung run fails, a slow one waits).
template <typename Done>
bool waitFor(Done done)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return done();
}

} // namespace

TEST_CASE("Export report of an out-of-date result asks and never computes on the GUI thread",
          "[gui]")
{
    gui::initResources();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("DTOP-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("dtop-gui-tests"));
    QSettings().clear();
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    gui::MainWindow window(gui::StartupOptions{QString::fromLatin1(DTOP_DATA_DIR), QString()});
    REQUIRE(window.showTool(QStringLiteral("fe")));
    auto* panel = qobject_cast<widgets::AnalysisPanel*>(window.currentPanel());
    REQUIRE(panel);
    panel->applyInput({{"convergence", false}, {"elements_per_column", 4}});
    panel->finishPendingWork();
    REQUIRE(panel->hasCurrentResult());

    // A current result: written at once, no question.
    {
        ModalScript unexpected({[](QWidget* w) {
            FAIL_CHECK("unexpected dialog");
            w->close();
        }});
        REQUIRE(window.exportReportTo(dir.filePath("current")));
        CHECK(unexpected.remaining() == 1);
        CHECK_FALSE(readJson(dir.filePath("current/fe.json")).contains("out_of_date"));
    }

    // Out of date: "Export as shown" writes the shown result, marked, and computes nothing.
    panel->applyInput({{"elements_per_column", 6}});
    REQUIRE(panel->isStale());
    {
        QString question;
        ModalScript script({clickButton("Export as shown", &question)});
        REQUIRE(window.exportReportTo(dir.filePath("shown")));
        CHECK(script.remaining() == 0);
        CHECK(question.contains("inputs changed"));
        CHECK_FALSE(panel->isRunning());
        CHECK(panel->isStale());
        const auto json = readJson(dir.filePath("shown/fe.json"));
        CHECK(json["out_of_date"].get<std::string>().find("Out of date") == 0);
        CHECK(json["result"]["elements_per_column"] == 4); // the result shown
    }

    // "Run, then export": the run goes in the background; the report follows when it ends.
    {
        ModalScript script({clickButton("Run, then export")});
        REQUIRE(window.exportReportTo(dir.filePath("after-run")));
        CHECK(script.remaining() == 0);
        CHECK_FALSE(QFile::exists(dir.filePath("after-run/fe.json"))); // not on the GUI thread
        REQUIRE(waitFor([&] { return QFile::exists(dir.filePath("after-run/fe.json")); }));
        CHECK(panel->hasCurrentResult());
        const auto json = readJson(dir.filePath("after-run/fe.json"));
        CHECK_FALSE(json.contains("out_of_date"));
        CHECK(json["result"]["elements_per_column"] == 6);
    }

    // Cancel in the question writes nothing.
    panel->applyInput({{"elements_per_column", 8}});
    {
        ModalScript script({clickButton("Cancel")});
        CHECK_FALSE(window.exportReportTo(dir.filePath("cancelled")));
        CHECK_FALSE(QDir(dir.filePath("cancelled")).exists());
    }
}
