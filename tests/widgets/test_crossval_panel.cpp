// SPDX-License-Identifier: GPL-3.0-or-later
#include "panel_test_context.h"
#include "io/dataset_library.h"
#include "models/workspace_session.h"
#include "widgets/plot_view.h"
#include "widgets/crossval/crossval_form.h"
#include "widgets/crossval/crossval_panel.h"
#include "widgets/heat_map.h"
#include "widgets/field_issue.h"
#include "widgets/number_field.h"
#include "widgets/table_csv.h"

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTableWidget>

using namespace dtop;

TEST_CASE("Crossval panel: the Southampton rig against its twin, tables and heat map",
          "[widgets][crossval]")
{
    test::PanelTestContext c;
    widgets::CrossvalPanel panel(c.context);
    // The defaults: southampton-exp-force1 against profile:southampton-lpm.
    REQUIRE(panel.canRun());
    panel.finishPendingWork();
    REQUIRE(panel.result());
    const crossval::CrossvalResult& r = *panel.result();
    REQUIRE(r.pairs.size() == 1);
    CHECK(r.reference == "southampton-exp-force1");
    CHECK(r.pairs[0].candidate == "profile:southampton-lpm");

    // The metric table: one row per floor with the complex FRAC of docs/tools/crossval.md.
    QTableWidget* m = panel.metricTable();
    REQUIRE(m->rowCount() == 3);
    const QStringList frac = {"0.1506", "0.3519", "0.1042"};
    for (int row = 0; row < 3; ++row) {
        CHECK(m->item(row, 1)->text() == QString::number(row + 1));
        CHECK(m->item(row, 2)->text() == frac[row]);
        CHECK(m->item(row, 3)->text() == "complex");
    }
    // The mode table: Δf/f of the twin, −4.73 / +1.92 / −0.40 %.
    QTableWidget* modes = panel.modeTable();
    REQUIRE(modes->rowCount() == 3);
    CHECK(modes->item(0, 4)->text() == "-4.73");
    CHECK(modes->item(1, 4)->text() == "+1.92");
    CHECK(modes->item(2, 4)->text() == "-0.40");
    // The MAC heat map holds the matrix of the result.
    const auto& mac = panel.macMap()->values();
    REQUIRE(mac.size() == 3);
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(mac[i][i] == Approx(r.pairs[0].macMatrix(static_cast<Eigen::Index>(i),
                                                        static_cast<Eigen::Index>(i))));
    CHECK(panel.macMap()->table().headers.size() == 4);
    CHECK(panel.fdacMap()->values().size() == r.pairs[0].fdac.frequencyHz.size());

    // The inter-lab view: floor 1, Swansea 7.004 and Southampton 6.511 Hz for mode 1.
    REQUIRE(panel.interlab());
    REQUIRE_FALSE(panel.interlab()->spread.empty());
    CHECK(panel.interlab()->spread[0].meanHz == Approx(6.758).margin(0.001));
    CHECK(panel.spreadTable()->item(0, 1)->text() == "6.758");
    const nlohmann::json result = panel.reportResult();
    CHECK(result["pairs"][0]["responses"][0]["frac"].get<double>() ==
          Approx(0.1505971202).epsilon(1e-8));
    CHECK(result["interlab"]["floor"] == 1);
    CHECK_FALSE(panel.plots().isEmpty());
}

TEST_CASE("Crossval panel: two candidates, the pair shown, input round trip",
          "[widgets][crossval]")
{
    test::PanelTestContext c;
    widgets::CrossvalPanel panel(c.context);
    panel.applyInput({{"reference", "southampton-exp-db"},
                      {"candidates", {"southampton-num-db", "profile:southampton-lpm"}},
                      {"interlab_floor", 2},
                      {"pair", 1}});
    REQUIRE(panel.canRun());
    const nlohmann::json input = panel.reportInput();
    CHECK(input["candidates"].size() == 2);
    CHECK(input["interlab_floor"] == 2);
    panel.applyInput(input);
    CHECK(panel.reportInput() == input);
    panel.finishPendingWork();
    REQUIRE(panel.result());
    REQUIRE(panel.result()->pairs.size() == 2);
    CHECK(panel.pairBox()->count() == 2);
    CHECK(panel.pairBox()->currentIndex() == 1);
    CHECK(panel.metricTable()->rowCount() == 6);
    CHECK(panel.metricTable()->item(0, 0)->text() == "southampton-num-db");
    CHECK(panel.metricTable()->item(0, 2)->text() == "0.2364");
    CHECK(panel.interlab()->floor == 2);
}

TEST_CASE("Crossval panel: a bad field is marked in place and Run is disabled",
          "[widgets][crossval]")
{
    test::PanelTestContext c;
    widgets::CrossvalPanel panel(c.context);
    REQUIRE(panel.canRun());
    widgets::CrossvalForm* form = panel.form();

    form->bandLoField()->setTextAsTyped("abc");
    CHECK_FALSE(panel.canRun());
    CHECK_FALSE(form->bandLoField()->issue().isEmpty());
    CHECK_FALSE(panel.runButton()->isEnabled());
    form->bandLoField()->setTextAsTyped("2");
    CHECK(panel.canRun());
    CHECK(form->bandLoField()->issue().isEmpty());

    // A band outside both grids: known only once the data is loaded.
    form->bandLoField()->setTextAsTyped("200");
    form->bandHiField()->setTextAsTyped("300");
    CHECK_FALSE(panel.canRun());
    CHECK(form->bandHiField()->issue().contains("Hz"));
    form->bandLoField()->setTextAsTyped("2");
    form->bandHiField()->setTextAsTyped("40");
    CHECK(panel.canRun());

    // An unknown version of a preset, and a dataset measured with the force elsewhere.
    form->candidateChoice()->setCurrentText("profile:southampton-lpm@2");
    form->addCandidateButton()->click();
    CHECK_FALSE(panel.canRun());
    CHECK(widgets::fieldIssue(form->candidateList()).contains("no version 2"));
    delete form->candidateList()->takeItem(1);
    emit form->changed();
    CHECK(panel.canRun());
    form->inputFloorBox()->setValue(1); // not "from the sources": the force at floor 1
    form->referenceBox()->setCurrentText("southampton-exp-force2");
    CHECK_FALSE(panel.canRun());
    CHECK(widgets::fieldIssue(form->inputFloorBox()).contains("floor 2"));
    form->inputFloorBox()->setValue(2);
    CHECK(panel.canRun());
    form->responseFloorsEdit()->setText("1,5");
    emit form->changed();
    CHECK_FALSE(panel.canRun());
    CHECK(widgets::fieldIssue(form->responseFloorsEdit()).contains("floor 5"));
}

TEST_CASE("Crossval panel: cancel stops a run and the next run completes", "[widgets][crossval]")
{
    test::PanelTestContext c;
    widgets::CrossvalPanel panel(c.context);
    panel.run();
    panel.cancel();
    CHECK(test::waitFor([&] { return !panel.isRunning(); }));
    panel.run();
    CHECK(test::waitFor([&] { return panel.hasCurrentResult(); }, 120000));
    CHECK(panel.metricTable()->rowCount() == 3);
}

TEST_CASE("Crossval panel: tables export as CSV, inputs are remembered", "[widgets][crossval]")
{
    test::PanelTestContext c;
    widgets::CrossvalPanel panel(c.context);
    panel.applyInput({{"band_hz", {3.0, 30.0}}, {"interlab_floor", 3}});
    panel.finishPendingWork();
    const QStringList lines = widgets::tableCsv(*panel.modeTable()).split('\n', Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].startsWith("Candidate,Mode,f ref [Hz]"));
    CHECK(lines[1].startsWith("profile:southampton-lpm,1,"));
    CHECK(lines[1].contains(",-4.73,"));
    // A peaks cell holds commas: quoted.
    CHECK(widgets::tableCsv(*panel.metricTable()).contains("\"6.511, 17.465, 26.508\""));

    const QString file = QDir::temp().filePath(QStringLiteral("crossval_settings_%1.ini")
                                                   .arg(QCoreApplication::applicationPid()));
    {
        QSettings settings(file, QSettings::IniFormat);
        panel.saveSettings(settings);
    }
    test::PanelTestContext c2;
    widgets::CrossvalPanel restored(c2.context);
    QSettings settings(file, QSettings::IniFormat);
    restored.restoreSettings(settings);
    CHECK(restored.reportInput() == panel.reportInput());
    CHECK(restored.form()->interlabFloorBox()->value() == 3);
    QFile::remove(file);
}

TEST_CASE("Crossval panel: a dataset of mode shapes gives a modes-only comparison",
          "[widgets][crossval][uff-modes]")
{
    test::PanelTestContext c;
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    QString error;
    REQUIRE(c.session.openWorkspace(dir.filePath(QStringLiteral("w.dtop")), &error));
    io::DatasetImportOptions options;
    options.id = "lab-modes";
    const auto imported = c.session.importDataset(
        QString::fromLatin1(DTOP_TEST_DATA_DIR) + QStringLiteral("/crossval/lab_modes55.uff"),
        options);
    REQUIRE(imported.ok());

    widgets::CrossvalPanel panel(c.context);
    panel.resize(1014, 759); // what a 1280×800 window gives the panel
    panel.show();
    panel.applyInput({{"reference", "profile:southampton-lpm"}, {"candidates", {"lab-modes"}}});
    panel.finishPendingWork();
    QCoreApplication::processEvents();
    REQUIRE(panel.result());
    const crossval::CrossvalPair& p = panel.result()->pairs.at(0);
    CHECK_FALSE(p.frfCompared);
    CHECK(p.modes.size() == 3);
    CHECK(panel.modeTable()->rowCount() == 3);
    CHECK(panel.metricTable()->rowCount() == 0);
    // The MAC is what there is to see: its tab comes forward, and no title is cut.
    CHECK(panel.tabs()->tabText(panel.tabs()->currentIndex()) == QStringLiteral("MAC"));
    int shown = 0;
    for (int tab : {0, 1}) { // the overlay and CSAC / CSF pages say why they are empty
        panel.tabs()->setCurrentIndex(tab);
        QCoreApplication::processEvents();
        for (const auto& named : panel.plots())
            if (named.plot->isVisible()) {
                INFO(named.fileStem.toStdString());
                CHECK(named.plot->title().startsWith(QStringLiteral("No FRFs")));
                CHECK(named.plot->clippedTexts().isEmpty());
                ++shown;
            }
    }
    CHECK(shown == 2);
    // The notes say what was compared, without a force floor that does not apply.
    int notes = 0;
    for (const QLabel* label : panel.findChildren<QLabel*>())
        if (label->text().startsWith(QStringLiteral("Compared: modes only"))) {
            CHECK_FALSE(label->text().contains(QStringLiteral("force at floor")));
            ++notes;
        }
    CHECK(notes == 1);
}
