// SPDX-License-Identifier: GPL-3.0-or-later
#include "panel_test_context.h"
#include "models/analysis_runner.h"
#include "widgets/identify/identify_form.h"
#include "widgets/identify/identify_panel.h"
#include "widgets/identify/identify_tables.h"
#include "widgets/field_issue.h"
#include "widgets/number_field.h"
#include "widgets/plot_view.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace dtop;

TEST_CASE("Identify panel identifies force1 and shows the modes, methods and chain",
          "[widgets][identify]")
{
    test::PanelTestContext c;
    widgets::IdentifyPanel panel(c.context);
    panel.applyInput({{"dataset", "southampton-exp-force1"}});
    REQUIRE(panel.canRun());
    panel.finishPendingWork();
    REQUIRE(panel.result());
    const auto& r = *panel.result();
    REQUIRE(r.modes.size() >= 3);
    // docs/tools/identify.md §8, global fit of force1.
    CHECK(r.modes[0].frequencyHz == Approx(6.5135).margin(6e-5));
    CHECK(panel.modesTable()->item(0, 1)->text() == QString::number(r.modes[0].frequencyHz, 'f', 4));
    CHECK(panel.modesTable()->item(0, 1)->text().startsWith("6.513"));
    CHECK(panel.methodsTable()->rowCount() == 3);
    CHECK(panel.methodsTable()->item(0, 0)->text() == "circle");
    REQUIRE(panel.physicalTable()->rowCount() == 3);
    CHECK(panel.physicalTable()->item(0, 1)->text().startsWith("5.18"));
    CHECK(panel.diagramPlot()->seriesCount() >= 3);
    CHECK(panel.summaryLabel()->text().contains("Masses"));
    CHECK(panel.reportResult()["modes"].size() == r.modes.size());
    // Tables are exported as CSV (context menu "Copy as CSV").
    const QString csv = widgets::tableCsv(*panel.modesTable());
    CHECK(csv.startsWith("Mode,f [Hz],ζ [%],"));
    CHECK(csv.count('\n') == int(r.modes.size()) + 1);
    CHECK(csv.contains("\n1,6.513"));
    CHECK(widgets::tableCsv(*panel.macTable()).startsWith(",mode 1 6.51 Hz,"));
    // Without updating there is nothing to save.
    CHECK_FALSE(panel.saveButton()->isEnabled());
}

TEST_CASE("Identify panel marks bad fields inline and refuses to run", "[widgets][identify]")
{
    test::PanelTestContext c;
    widgets::IdentifyPanel panel(c.context);
    REQUIRE(panel.canRun());
    panel.form()->bandHighField()->setTextAsTyped("abc");
    CHECK_FALSE(panel.canRun());
    CHECK_FALSE(panel.runButton()->isEnabled());
    CHECK_FALSE(panel.form()->bandHighField()->issue().isEmpty());

    panel.form()->bandHighField()->setTextAsTyped("2");
    CHECK_FALSE(panel.canRun());
    CHECK(panel.form()->bandLowField()->issue().contains("band"));

    panel.form()->bandHighField()->setTextAsTyped("35");
    CHECK(panel.canRun());
    CHECK(panel.form()->bandHighField()->issue().isEmpty());

    // A dataset of FRF magnitudes only cannot be identified.
    QComboBox* dataset = panel.form()->datasetBox();
    dataset->setCurrentIndex(dataset->findData(QStringLiteral("southampton-exp-db")));
    CHECK_FALSE(panel.canRun());
    CHECK_FALSE(widgets::fieldIssue(dataset).isEmpty());
}

TEST_CASE("Identify panel: a click on a pole of the diagram picks it", "[widgets][identify]")
{
    test::PanelTestContext c;
    widgets::IdentifyPanel panel(c.context);
    panel.applyInput({{"dataset", "southampton-exp-force2"}, {"compare_methods", false}});
    panel.finishPendingWork();
    REQUIRE(panel.result());
    REQUIRE(panel.result()->modes.size() >= 3);
    CHECK(panel.form()->picksLabel()->text().contains("automatic"));

    // A click on a stable pole near 17.46 Hz at order 30, then one near 6.51 Hz.
    emit panel.diagramPlot()->pointClicked(QStringLiteral("s all stable"), 17.46, 30.0);
    panel.finishPendingWork();
    emit panel.diagramPlot()->pointClicked(QStringLiteral("s all stable"), 6.51, 30.0);
    panel.finishPendingWork();
    // A click on the indicator curve is not a pick.
    emit panel.diagramPlot()->pointClicked(QStringLiteral("Σ|H|/rms (log, scaled)"), 26.5, 12.0);
    panel.finishPendingWork();
    REQUIRE(panel.result()->modes.size() == 2);
    CHECK(panel.result()->modes[0].frequencyHz == Approx(6.513).margin(3e-3));
    CHECK(panel.result()->modes[1].frequencyHz == Approx(17.46).margin(5e-3));
    CHECK(panel.form()->picksLabel()->text().contains("picked"));
    CHECK(panel.reportInput()["picks"].size() == 2);

    panel.form()->clearPicks();
    panel.finishPendingWork();
    CHECK(panel.result()->modes.size() >= 3);
}

TEST_CASE("Identify panel updates the twin, replays a record and saves a new version",
          "[widgets][identify]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    test::PanelTestContext c;
    REQUIRE(c.session.openWorkspace(dir.filePath(QStringLiteral("w.dtop")), nullptr));
    widgets::IdentifyPanel panel(c.context);
    panel.applyInput({{"dataset", "th-impulse"}, {"modes", 3}, {"update", true},
                      {"replay", "th-harmonic"}});
    REQUIRE(panel.canRun());
    panel.finishPendingWork();
    REQUIRE(panel.result());
    REQUIRE(panel.result()->update);
    REQUIRE(panel.replay());
    // docs/tools/identify.md §8: 0.34, 0.66, 0.35 → 0.0030, 0.0044, 0.0028.
    CHECK(panel.replay()->meanBefore > 0.3);
    CHECK(panel.replay()->meanAfter < 0.01);
    CHECK(panel.summaryLabel()->text().contains("NRMSE"));

    // The default name of a preset's update is a new name; saving makes it the active profile.
    CHECK(panel.saveNameEdit()->text() == "southampton-lpm-identified");
    REQUIRE(panel.saveButton()->isEnabled());
    panel.saveButton()->click();
    CHECK(c.active.profile().name == "southampton-lpm-identified");
    CHECK(c.active.version() == 1);
    CHECK(c.active.profile().stiffnesses == panel.result()->updatedProfile.stiffnesses);
    CHECK(c.active.profile().provenance.find("th-impulse") != std::string::npos);
    // The active profile changed: the result is out of date and cannot be saved again.
    CHECK(panel.isStale());
    CHECK_FALSE(panel.saveButton()->isEnabled());

    // A preset's name is refused.
    panel.saveNameEdit()->setText(QStringLiteral("southampton-lpm"));
    CHECK_FALSE(panel.saveButton()->isEnabled());
    CHECK_FALSE(panel.saveUpdatedProfile(QStringLiteral("southampton-lpm")));
}

TEST_CASE("Identify panel: a run is cancelled promptly", "[widgets][identify]")
{
    test::PanelTestContext c;
    widgets::IdentifyPanel panel(c.context);
    bool cancelled = false;
    QObject::connect(panel.runner(), &models::AnalysisRunner::cancelled, [&] { cancelled = true; });
    // The replay of the 60 s noise record is the long part of this run.
    panel.applyInput({{"dataset", "th-impulse"}, {"modes", 3}, {"update", true},
                      {"replay", "th-noise"}});
    REQUIRE(panel.runButton()->isEnabled());
    panel.run();
    REQUIRE(panel.runner()->isRunning());
    CHECK(panel.cancelButton()->isEnabled());
    panel.cancel();
    REQUIRE(test::waitFor([&] { return cancelled; }, 60000));
    CHECK_FALSE(panel.runner()->isRunning());
    CHECK_FALSE(panel.result());
    CHECK(panel.runButton()->isEnabled());
}
