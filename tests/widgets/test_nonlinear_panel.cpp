// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/analysis_runner.h"
#include "widgets/nonlinear/nonlinear_form.h"
#include "widgets/nonlinear/nonlinear_panel.h"
#include "widgets/number_field.h"
#include "widgets/plot_view.h"
#include "widgets/table_csv.h"

#include "panel_test_context.h"

#include <catch2/catch.hpp>

#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace dtop;
using nlohmann::json;

namespace {

// The shell's shared state with the tool's model, the cbc-demo preset, active.
struct Context : test::PanelTestContext {
    Context() { active.setProfile(*model::preset("cbc-demo"), 0, false); }
};

} // namespace

TEST_CASE("Nonlinear panel computes the S-curve with both folds", "[widgets][nonlinear]")
{
    Context c;
    widgets::NonlinearPanel panel(c.context);
    panel.applyInput({{"analysis", "force-curve"}, {"frequency_rad_s", 16.0}, {"from", 1.0},
                      {"to", 81.0}});
    REQUIRE(panel.canRun());
    panel.finishPendingWork();
    REQUIRE(panel.result());
    const auto& r = *panel.result();
    REQUIRE(r.folds.size() == 2);
    // docs/tools/nonlinear.md §9: 57.321041 N and 13.107389 N (shooting reference).
    CHECK(r.folds[0].forceN == Approx(57.321041).margin(0.01));
    CHECK(r.folds[1].forceN == Approx(13.107389).margin(0.01));
    CHECK(panel.summary()->text().contains("57.3210"));
    CHECK(panel.summary()->text().contains("13.1073"));
    REQUIRE(panel.foldTable()->rowCount() == 2);
    CHECK(panel.foldTable()->item(0, 0)->text() == "fold");
    CHECK(panel.foldTable()->item(0, 1)->text().toDouble() == Approx(57.321041).margin(0.01));
    // Stable and unstable parts, the jumps at the folds and the folds are drawn.
    CHECK(panel.branchPlot()->seriesCount() == 4);
    const auto csv = panel.branchPlot()->drawnTable();
    CHECK(csv.columns.size() == 8); // x and y of each series: the plot exports as CSV
    // The picked orbit defaults to the largest amplitude, on the stable upper branch.
    const auto& picked = r.branch[static_cast<std::size_t>(panel.orbitSlider()->value())];
    CHECK(picked.stable);
    CHECK(panel.reportResult()["folds"].size() == 2);
}

TEST_CASE("Nonlinear panel exports its table as CSV and picks an orbit by a click",
          "[widgets][nonlinear]")
{
    Context c;
    widgets::NonlinearPanel panel(c.context);
    panel.applyInput({{"analysis", "force-curve"}, {"frequency_rad_s", 16.0}, {"from", 1.0},
                      {"to", 81.0}});
    panel.finishPendingWork();
    REQUIRE(panel.result());
    const auto& r = *panel.result();
    // The fold table has the CSV context-menu actions and exports the folds.
    QStringList actions;
    for (const auto* a : panel.foldTable()->actions())
        actions << a->text();
    CHECK(actions.contains("Copy table as CSV"));
    CHECK(panel.foldTable()->contextMenuPolicy() == Qt::ActionsContextMenu);
    const QStringList lines = widgets::tableCsv(*panel.foldTable()).split('\n', Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].startsWith("Point,Force [N]"));
    CHECK(lines[2].startsWith("fold,13.1073"));

    // A click near the lower fold on the branch plot shows the nearest orbit on the Orbit tab.
    panel.tabs()->setCurrentIndex(0);
    const auto& fold = r.folds[1];
    emit panel.branchPlot()->pointClicked(QStringLiteral("branch"), fold.forceN, fold.amplitudeM);
    const auto picked = static_cast<std::size_t>(panel.orbitSlider()->value());
    REQUIRE(picked < r.branch.size());
    CHECK(r.branch[picked].forceN == Approx(fold.forceN).margin(0.5));
    CHECK(r.branch[picked].amplitudeM[0] == Approx(fold.amplitudeM).margin(0.02));
    CHECK(panel.tabs()->tabText(panel.tabs()->currentIndex()) == "Orbit");
    bool labelled = false;
    for (const auto* l : panel.findChildren<QLabel*>())
        labelled = labelled || l->text().startsWith(QStringLiteral("point %1 of").arg(picked + 1));
    CHECK(labelled);
    // A click at the upper fold moves the pick there.
    emit panel.branchPlot()->pointClicked(QStringLiteral("branch"), r.folds[0].forceN,
                                          r.folds[0].amplitudeM);
    const auto upper = static_cast<std::size_t>(panel.orbitSlider()->value());
    CHECK(r.branch[upper].forceN == Approx(r.folds[0].forceN).margin(0.5));
    CHECK(r.branch[upper].amplitudeM[0] < 0.6);
}

TEST_CASE("Nonlinear panel marks a bad field and refuses to run", "[widgets][nonlinear]")
{
    Context c;
    widgets::NonlinearPanel panel(c.context);
    panel.form()->frequencyField()->setTextAsTyped("0");
    CHECK_FALSE(panel.canRun());
    CHECK(panel.form()->frequencyField()->issue().contains("rad/s"));
    CHECK_FALSE(panel.runButton()->isEnabled());
    panel.form()->frequencyField()->setTextAsTyped("abc");
    CHECK_FALSE(panel.canRun());
    CHECK(panel.form()->frequencyField()->issue().contains("not a number"));
    panel.form()->frequencyField()->setTextAsTyped("16");
    CHECK(panel.canRun());
    panel.form()->fromField()->setTextAsTyped("5");
    panel.form()->toField()->setTextAsTyped("5");
    CHECK_FALSE(panel.canRun());
    CHECK_FALSE(panel.form()->toField()->issue().isEmpty());
}

TEST_CASE("Nonlinear panel shows the CBC growing and cancel keeps its points",
          "[widgets][nonlinear]")
{
    Context c;
    widgets::NonlinearPanel panel(c.context);
    panel.applyInput({{"analysis", "cbc"}});
    REQUIRE(panel.canRun());
    int cancelled = 0;
    QObject::connect(panel.runner(), &models::AnalysisRunner::cancelled, &panel,
                     [&] { ++cancelled; });
    panel.run();
    // Points appear while the run goes on.
    REQUIRE(test::waitFor([&] { return panel.result() && !panel.result()->cbc.empty(); }, 60000));
    CHECK(panel.isRunning());
    CHECK_FALSE(panel.isResultComplete());
    panel.cancel();
    REQUIRE(test::waitFor([&] { return cancelled > 0; }, 30000));
    CHECK_FALSE(panel.isRunning());
    CHECK_FALSE(panel.result()->cbc.empty());
}

TEST_CASE("Nonlinear panel offers the cbc-demo preset for a linear profile",
          "[widgets][nonlinear]")
{
    test::PanelTestContext c;
    c.active.setProfile(*model::preset("southampton-lpm"), 0, false);
    widgets::NonlinearPanel panel(c.context);
    QPushButton* preset = nullptr;
    for (auto* b : panel.findChildren<QPushButton*>())
        if (b->text().contains("cbc-demo"))
            preset = b;
    REQUIRE(preset);
    CHECK_FALSE(preset->isHidden());
    preset->click();
    CHECK(c.active.profile().name == "cbc-demo");
    CHECK(preset->isHidden());
}

TEST_CASE("Nonlinear panel remembers its last inputs", "[widgets][nonlinear]")
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
    json saved;
    {
        Context c;
        widgets::NonlinearPanel panel(c.context);
        panel.applyInput({{"analysis", "frequency-curve"}, {"force_n", 7.5}, {"harmonics", 9},
                          {"tab", "Floors"}});
        saved = panel.reportInput();
        panel.saveSettings(settings);
    }
    Context c;
    widgets::NonlinearPanel panel(c.context);
    panel.restoreSettings(settings);
    CHECK(panel.reportInput() == saved);
    CHECK(panel.reportInput()["force_n"] == 7.5);
    CHECK(panel.tabs()->currentIndex() == 1);
}
