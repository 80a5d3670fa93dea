// SPDX-License-Identifier: GPL-3.0-or-later
// The twin history panel (docs/tools/profiles.md).
#include "model/presets.h"
#include "panel_test_context.h"
#include "widgets/field_issue.h"
#include "widgets/plot_view.h"
#include "widgets/profiles/profiles_panel.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QPushButton>
#include <QScrollBar>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace dtop;

namespace {

// A session with a workspace holding "rig" v1 (southampton-lpm) and v2 (k2 + 10 %), and two
// run records, the newer one made with rig@2.
struct HistoryContext : test::PanelTestContext {
    QTemporaryDir dir;
    HistoryContext()
    {
        REQUIRE(dir.isValid());
        QString error;
        REQUIRE(session.openWorkspace(dir.filePath("w.dtop"), &error));
        model::Profile p = *model::preset("southampton-lpm");
        p.name = "rig";
        REQUIRE(session.saveProfile(p, "identified from the Southampton rig", &error));
        p.stiffnesses[1] *= 1.1;
        REQUIRE(session.saveProfile(p, "k2 edited", &error));
        session.recordRun("control", {{"strategy", "tmd"}}, std::nullopt, {{"stable", true}});
        session.recordRun("structure", {{"quantity", "mobility"}, {"input_floor", 2}}, std::nullopt,
                          {{"f1_hz", 6.29}}, io::ProfileRef{"rig", 2});
    }
};

QString cell(const QTableWidget* t, int row, int column)
{
    const auto* item = t->item(row, column);
    return item ? item->text() : QString();
}

int rowOf(const QTableWidget* t, const QString& first)
{
    for (int r = 0; r < t->rowCount(); ++r)
        if (cell(t, r, 0) == first)
            return r;
    return -1;
}

} // namespace

TEST_CASE("Twin history: timeline, evolution and the diff of the last change",
          "[widgets][profiles]")
{
    HistoryContext c;
    widgets::ProfilesPanel panel(c.context);
    panel.applyInput({{"history_profile", "rig"}});

    REQUIRE(panel.history());
    REQUIRE(panel.timelineTable()->rowCount() == 2);
    CHECK(cell(panel.timelineTable(), 0, 2) == "identified");
    CHECK(cell(panel.timelineTable(), 1, 2) == "edited");
    CHECK(cell(panel.timelineTable(), 1, 3) == "1");
    CHECK(cell(panel.timelineTable(), 1, 5) == "6.2897"); // f1 of v2 [Hz]
    CHECK(panel.plots()[0].plot->seriesCount() == 6);     // 3 modes, line and markers

    // The diff defaults to the last change.
    CHECK(panel.oldCombo()->currentText() == "rig@1");
    CHECK(panel.newCombo()->currentText() == "rig@2");
    REQUIRE(panel.diff());
    CHECK(panel.diff()->changedParameters == 1);
    const int k2 = rowOf(panel.parameterTable(), "k2");
    REQUIRE(k2 >= 0);
    CHECK(cell(panel.parameterTable(), k2, 2) == "43195.1237");
    CHECK(cell(panel.parameterTable(), k2, 4) == "+10");
    CHECK(panel.parameterTable()->item(k2, 0)->font().bold());
    CHECK_FALSE(
        panel.parameterTable()->item(rowOf(panel.parameterTable(), "m1"), 0)->font().bold());
    REQUIRE(panel.modeTable()->rowCount() == 3);
    CHECK(cell(panel.modeTable(), 0, 2) == "6.289749"); // 6.289749259 Hz, 7 digits
    CHECK(panel.plots()[1].plot->seriesCount() == 6); // 3 floors × 2 versions

    const auto result = panel.reportResult();
    CHECK(result["diff"]["old"] == "rig@1");
    CHECK(result["diff"]["changed_parameters"] == 1);
    CHECK(result["history"]["versions"].size() == 2);
    CHECK(result["runs"]["runs"].size() == 2);
}

TEST_CASE("Twin history: a bad version is marked inline and clears the diff", "[widgets][profiles]")
{
    HistoryContext c;
    widgets::ProfilesPanel panel(c.context);
    panel.applyInput({{"history_profile", "rig"}});
    panel.newCombo()->setCurrentText("rig@5");
    CHECK(widgets::fieldIssue(panel.newCombo()).contains("no version 5"));
    CHECK_FALSE(panel.diff());
    CHECK(panel.parameterTable()->rowCount() == 0);
    panel.newCombo()->setCurrentText("southampton-design");
    CHECK(widgets::fieldIssue(panel.newCombo()).isEmpty());
    REQUIRE(panel.diff());
    CHECK(panel.diff()->changedParameters > 1);
}

TEST_CASE("Twin history: runs listed and opened again with their profile version",
          "[widgets][profiles]")
{
    HistoryContext c;
    widgets::ProfilesPanel panel(c.context);
    REQUIRE(panel.runsTable()->rowCount() == 2);
    CHECK(cell(panel.runsTable(), 0, 1) == "structure"); // newest first
    CHECK(cell(panel.runsTable(), 0, 3) == "rig@2");
    CHECK(cell(panel.runsTable(), 1, 3) == "—");

    std::vector<std::pair<QString, QString>> requests;
    QObject::connect(
        &panel, &widgets::ToolPanel::openToolRequested,
        [&](const QString& tool, const QString& input) { requests.emplace_back(tool, input); });
    CHECK_FALSE(panel.openRunButton()->isEnabled());
    panel.runsTable()->selectRow(0);
    CHECK(panel.openRunButton()->isEnabled());
    panel.openRunButton()->click();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].first == "structure");
    CHECK(nlohmann::json::parse(requests[0].second.toStdString()) ==
          nlohmann::json({{"quantity", "mobility"}, {"input_floor", 2}}));
    CHECK(c.active.profile().name == "rig");
    CHECK(c.active.version() == 2);
    CHECK(c.active.profile().stiffnesses[1] == 43195.1237 * 1.1);

    panel.applyInput({{"runs_tool", "control"}});
    CHECK(panel.runsTable()->rowCount() == 1);
    CHECK(panel.reportInput()["runs_tool"] == "control");
    CHECK_FALSE(panel.openRun(5));
}

TEST_CASE("Twin history without a workspace shows the preset and compares presets",
          "[widgets][profiles]")
{
    test::PanelTestContext c;
    widgets::ProfilesPanel panel(c.context);
    REQUIRE(panel.history());
    CHECK(panel.timelineTable()->rowCount() == 1);
    CHECK(cell(panel.timelineTable(), 0, 0) == "preset");
    panel.applyInput({{"old", "southampton-lpm"}, {"new", "southampton-design"}});
    REQUIRE(panel.diff());
    CHECK(panel.diff()->changedParameters > 1);
    CHECK(panel.runsTable()->rowCount() == 0);
    const auto input = panel.reportInput();
    panel.applyInput(input);
    CHECK(panel.reportInput() == input);
}

TEST_CASE("Twin history of 100 versions is shown at once", "[widgets][profiles]")
{
    HistoryContext c;
    model::Profile p = *model::preset("southampton-lpm");
    p.name = "long";
    QString error;
    for (int v = 1; v <= 100; ++v) {
        p.masses[2] = 4.9693 + 0.01 * v;
        REQUIRE(c.session.saveProfile(p, "edited", &error));
    }
    widgets::ProfilesPanel panel(c.context);
    QElapsedTimer timer;
    timer.start();
    panel.applyInput({{"history_profile", "long"}});
    const auto ms = timer.elapsed();
    WARN("timeline, evolution, diff and FRF overlay of 100 versions: " << ms << " ms");
    REQUIRE(panel.history());
    CHECK(panel.timelineTable()->rowCount() == 100);
    CHECK(panel.history()->modeFrequenciesHz[0].size() == 100);
    CHECK(panel.newCombo()->currentText() == "long@100");
    CHECK(ms < 2000); // budget 50 ms for diff and history; generous for a starved CI core
}

// At 1280x800 the panel is about 1020 px wide: the parameter table keeps every column in view
// and the mode table beside it scrolls sideways to its last column.
TEST_CASE("Twin history: the diff tables show or scroll to every column at 1280x800",
          "[widgets][profiles]")
{
    HistoryContext c;
    widgets::ProfilesPanel panel(c.context);
    panel.resize(1020, 760);
    panel.applyInput({{"history_profile", "rig"}, {"tab", "Diff"}});
    panel.show();
    QApplication::processEvents();
    const auto lastColumnInView = [](QTableWidget* t) {
        QTableWidgetItem* item = t->item(0, t->columnCount() - 1);
        REQUIRE(item);
        t->scrollToItem(item);
        QApplication::processEvents();
        const QRect r = t->visualItemRect(item);
        return r.left() >= 0 && r.left() + t->horizontalHeader()->sectionSizeHint(
                                                 t->columnCount() - 1) <= t->viewport()->width();
    };
    QTableWidget* parameters = panel.parameterTable();
    CHECK(parameters->horizontalScrollBar()->maximum() == 0); // nothing cut
    CHECK(lastColumnInView(parameters));
    CHECK(lastColumnInView(panel.modeTable()));
}
