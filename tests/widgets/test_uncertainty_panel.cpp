// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/analysis_runner.h"
#include "models/workspace_session.h"
#include "widgets/number_field.h"
#include "widgets/plot_view.h"
#include "widgets/uncertainty/parameter_spread_editor.h"
#include "widgets/uncertainty/uncertainty_panel.h"

#include "panel_test_context.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QPushButton>
#include <QFile>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>

#include <sstream>

using namespace dtop;
using nlohmann::json;

namespace {
using test::waitFor;
// The shell's shared state for one panel: the full-scale preset, no workspace.
// The uncertainty tool's own default model is the building-scale one.
struct Context : test::PanelTestContext {
    Context() { active.setProfile(*model::preset("full-scale"), 0, false); }
};

// A small case: four frequencies, few samples, the cheap methods and a small verified budget.
const json kSmallCase = {{"grid", "explicit"},
                         {"percentile_band", true},
                         {"frequencies_hz", {2.0, 6.3, 12.0, 17.9}},
                         {"samples", 300},
                         {"seed", 3},
                         {"methods", {"sampled", "vertex", "optimised", "verified"}},
                         {"max_boxes", 40}};

// Counts a signal's emissions.
struct SignalCount {
    int count = 0;
    template <typename Signal> SignalCount(models::AnalysisRunner* runner, Signal signal)
    {
        QObject::connect(runner, signal, runner, [this] { ++count; });
    }
};

void runAndWait(widgets::UncertaintyPanel& panel)
{
    SignalCount finished(panel.runner(), &models::AnalysisRunner::finished);
    panel.run();
    REQUIRE(panel.isRunning());
    REQUIRE(waitFor([&] { return finished.count > 0; }, 120000));
    REQUIRE(panel.isResultComplete());
}

std::string csvOf(const widgets::PlotView& plot)
{
    std::ostringstream out;
    plot.drawnTable().write(out);
    return out.str();
}
} // namespace

TEST_CASE("Uncertainty panel runs a small case and shows a band per method on every floor",
          "[uncertainty][panel]")
{
    Context c;
    widgets::UncertaintyPanel panel(c.context);
    panel.applyInput(kSmallCase);
    REQUIRE(panel.canRun());
    CHECK_FALSE(panel.result());
    runAndWait(panel);

    const auto& r = *panel.result();
    REQUIRE(r.frequencyHz.size() == 4);
    REQUIRE(r.methods.size() == 4);
    CHECK(r.seed == 3);
    CHECK(r.samples == 300);
    CHECK_FALSE(panel.isStale());
    for (int floor = 1; floor <= 3; ++floor) {
        INFO("floor " << floor);
        widgets::PlotView* bounds = panel.boundsPlot(floor);
        REQUIRE(bounds);
        // Four method bands, the percentile band and the nominal line (CSV headers have no commas).
        CHECK(bounds->seriesCount() == 6);
        const std::string csv = csvOf(*bounds);
        for (const char* label : {"verified outer", "optimised (inner; best found)",
                                  "vertex (inner)", "sampled envelope (inner)", "nominal"})
            CHECK(csv.find(label) != std::string::npos);
        CHECK(csv.find("dB re 1 m/N") != std::string::npos);
        CHECK(csv.find("Frequency [Hz]") != std::string::npos);
        // One stacked band per parameter.
        CHECK(panel.importancePlot(floor)->seriesCount() == 9);
        // The bounds nest as their labels say, at every frequency.
        const auto* v = r.find(uq::UqMethod::Verified);
        const auto* o = r.find(uq::UqMethod::Optimised);
        const auto* s = r.find(uq::UqMethod::Sampled);
        const auto d = static_cast<std::size_t>(floor - 1);
        for (std::size_t w = 0; w < 4; ++w) {
            CHECK(v->floors[d].lower[w] <= o->floors[d].lower[w]);
            CHECK(o->floors[d].lower[w] <= s->floors[d].lower[w]);
            CHECK(s->floors[d].upper[w] <= o->floors[d].upper[w]);
            CHECK(o->floors[d].upper[w] <= v->floors[d].upper[w]);
        }
    }
    // Top floor first, then the gap tab; three floor curves and the tolerance line.
    CHECK(panel.floorTabs()->tabText(0).startsWith("Floor 3"));
    CHECK(panel.floorTabs()->tabText(3) == "Gap");
    CHECK(panel.gapPlot()->seriesCount() == 4);
    CHECK(panel.summaryText().contains("1/(N+1)"));
    CHECK(panel.summaryText().contains("Worst gap"));
    CHECK(panel.plots().size() == 7);
    const json result = panel.reportResult();
    CHECK(result["complete"] == true);
    CHECK(result["methods"].size() == 4);
}

TEST_CASE("Uncertainty panel: an invalid spread shows its message and disables Run",
          "[uncertainty][panel]")
{
    Context c;
    widgets::UncertaintyPanel panel(c.context);
    auto* spreads = panel.spreadEditor();
    CHECK(panel.canRun());
    // Live interval of m1 = 5.36e4 kg at ±20 %.
    REQUIRE(spreads->setFieldText("m1", "20"));
    CHECK(spreads->liveText("m1") == "[4.288e4, 6.432e4] kg");

    REQUIRE(spreads->setFieldText("k2", "-5"));
    CHECK_FALSE(panel.canRun());
    CHECK(panel.issues() == QStringList{"spread of k2 must be a finite percentage >= 0, got -5"});
    CHECK(spreads->liveText("k2") == "invalid");
    panel.run(); // ignored while invalid
    CHECK_FALSE(panel.isRunning());

    REQUIRE(spreads->setFieldText("k2", "abc"));
    CHECK(panel.issues() == QStringList{"k2: 'abc' is not a number (± percent)"});
    REQUIRE(spreads->setFieldText("k2", "150"));
    CHECK(panel.issues().size() == 1);
    CHECK(panel.issues().front().contains("k2"));

    REQUIRE(spreads->setFieldText("k2", "10"));
    CHECK(panel.canRun());
    CHECK(spreads->liveText("k2").startsWith("[4.014e8, 4.906e8]"));

    panel.fminField()->setTextAsTyped("x");
    CHECK(panel.issues() == QStringList{"fmin: 'x' is not a number (Hz)"});
    panel.fminField()->setTextAsTyped("40");
    CHECK_FALSE(panel.canRun());
    CHECK(panel.issues().front().contains("fmax must be a finite number > fmin"));
    panel.fminField()->setTextAsTyped("1");
    CHECK(panel.canRun());

    panel.applyInput({{"methods", json::array()}});
    CHECK_FALSE(panel.canRun());
    panel.applyInput({{"methods", {"vertex"}}, {"scale_all", 2.0}});
    CHECK(panel.canRun());
    // Scale all doubles every half-width: m1 ±40 %.
    CHECK(spreads->liveText("m1") == "[3.216e4, 7.504e4] kg");
}

TEST_CASE("Uncertainty panel: changing an input marks the results stale", "[uncertainty][panel]")
{
    Context c;
    widgets::UncertaintyPanel panel(c.context);
    panel.applyInput(kSmallCase);
    runAndWait(panel);
    CHECK_FALSE(panel.isStale());
    REQUIRE(panel.spreadEditor()->setFieldText("c1", "30"));
    CHECK(panel.isStale());
    CHECK(panel.reportResult()["stale"] == true);
    CHECK(panel.summaryText().contains("Previous inputs"));
    // Still drawn, but marked.
    CHECK(panel.boundsPlot(3)->seriesCount() == 6);
    runAndWait(panel);
    CHECK_FALSE(panel.isStale());
    CHECK(panel.result()->box.upper[6] == Approx(1.70e4 * 1.3));

    // The active profile is an input too.
    c.active.setProfile(*model::preset("southampton-lpm"), 0, false);
    CHECK(panel.isStale());
}

TEST_CASE("Uncertainty panel: cheap methods are shown first, Cancel stops the verified bound",
          "[uncertainty][panel]")
{
    Context c;
    widgets::UncertaintyPanel panel(c.context);
    // A verified budget far beyond what the test waits for.
    panel.applyInput({{"grid", "linear"}, {"points", 400}, {"samples", 500}, {"percentile_band", true},
                      {"methods", {"sampled", "vertex", "optimised", "verified"}},
                      {"tolerance", 1e-6}, {"max_boxes", 200000}});
    SignalCount cancelled(panel.runner(), &models::AnalysisRunner::cancelled);
    panel.run();
    REQUIRE(waitFor([&] { return panel.result() && panel.result()->find(uq::UqMethod::Optimised); },
                    60000));
    CHECK(panel.isRunning());
    CHECK_FALSE(panel.isResultComplete());
    CHECK_FALSE(panel.result()->find(uq::UqMethod::Verified));
    CHECK(panel.boundsPlot(1)->seriesCount() == 5); // three inner bands, percentiles, nominal
    CHECK(panel.summaryText().contains("running"));

    panel.cancel();
    REQUIRE(waitFor([&] { return cancelled.count > 0; }, 30000));
    CHECK_FALSE(panel.isRunning());
    CHECK(panel.statusText().startsWith("Cancelled"));
    CHECK(panel.result()->methods.size() == 3);

    // An edit during a run that has just started stops it, and nothing of it arrives later:
    // wait until its worker has ended (not for a while) and look.
    panel.setEditStopsRunWithin(-1); // "just started", however loaded the machine
    SignalCount discarded(panel.runner(), &models::AnalysisRunner::discarded);
    panel.run();
    REQUIRE(panel.isRunning());
    panel.applyInput({{"seed", 11}});
    CHECK_FALSE(panel.isRunning());
    CHECK(panel.statusText().startsWith("Inputs changed"));
    REQUIRE(waitFor([&] { return discarded.count > 0; }, 60000));
    QCoreApplication::processEvents(); // anything it posted before it ended has been delivered
    CHECK(panel.isStale());
    CHECK(panel.result()->seed == 1);
    CHECK(panel.result()->methods.size() == 3);
}

TEST_CASE("Uncertainty panel: an edit during a long run flags it instead of stopping it",
          "[uncertainty][panel]")
{
    Context c;
    widgets::UncertaintyPanel panel(c.context);
    panel.setEditStopsRunWithin(0); // a run is never "just started" here
    panel.applyInput({{"grid", "linear"}, {"points", 400}, {"samples", 500},
                      {"methods", {"sampled", "vertex", "optimised", "verified"}},
                      {"tolerance", 1e-6}, {"max_boxes", 200000}});
    SignalCount cancelled(panel.runner(), &models::AnalysisRunner::cancelled);
    panel.run();
    // Run is not offered again for the inputs being computed (it used to restart the run).
    CHECK_FALSE(panel.runButton()->isEnabled());
    REQUIRE(waitFor([&] { return panel.result() && panel.result()->find(uq::UqMethod::Sampled); },
                    60000));
    panel.applyInput({{"seed", 11}});
    CHECK(panel.isRunning());
    CHECK(panel.isStale());
    CHECK(panel.statusText().contains("The inputs changed since this run started"));
    CHECK(panel.runButton()->isEnabled()); // restarts with the new inputs
    // The stage line follows the analysis, not stuck on the first stage.
    REQUIRE(waitFor([&] { return panel.statusText().startsWith("Running: verified outer"); },
                    60000));
    panel.cancel();
    REQUIRE(waitFor([&] { return cancelled.count > 0; }, 30000));
    // After Cancel, no method is said to be running.
    CHECK_FALSE(panel.summaryText().contains("running"));
    CHECK(panel.summaryText().contains("not finished"));
}

TEST_CASE("Uncertainty panel: report runs synchronously, inputs round-trip and are remembered",
          "[uncertainty][panel]")
{
    Context c;
    widgets::UncertaintyPanel panel(c.context);
    panel.applyInput(kSmallCase);
    panel.applyInput({{"magnitude_scale", "log"}, {"quantity", "mobility"}});
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    QString error;
    REQUIRE(widgets::writeReport(panel, dir.path(), QSize(800, 500), &error));
    for (const char* stem : {"floor1_bounds", "floor3_bounds", "floor2_importance", "gap"}) {
        CHECK(QFile::exists(QDir(dir.path()).filePath(QString::fromLatin1(stem) + ".png")));
        CHECK(QFile::exists(QDir(dir.path()).filePath(QString::fromLatin1(stem) + ".csv")));
    }
    QFile file(QDir(dir.path()).filePath("uncertainty.json"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    const json report = json::parse(file.readAll().toStdString());
    CHECK(report["tool"] == "uncertainty");
    CHECK(report["input"]["quantity"] == "mobility");
    CHECK(report["input"]["magnitude_scale"] == "log");
    CHECK(report["result"]["unit"] == "(m/s)/N");
    CHECK(report["result"]["methods"].size() == 4);
    CHECK(csvOf(*panel.boundsPlot(2)).find("(m/s)/N") != std::string::npos);

    // The panel's input JSON round-trips through applyInput and through the settings.
    const json input = panel.reportInput();
    widgets::UncertaintyPanel other(c.context);
    other.applyInput(input);
    CHECK(other.reportInput() == input);
    const QString ini = QDir(dir.path()).filePath("settings.ini");
    {
        QSettings settings(ini, QSettings::IniFormat);
        panel.saveSettings(settings);
    }
    QSettings settings(ini, QSettings::IniFormat);
    widgets::UncertaintyPanel restored(c.context);
    restored.restoreSettings(settings);
    CHECK(restored.reportInput() == input);
}

TEST_CASE("Uncertainty panel: prototype defaults and other storey counts", "[uncertainty][panel]")
{
    Context c;
    c.active.setProfile(*model::preset("southampton-lpm"), 0, false);
    widgets::UncertaintyPanel panel(c.context);
    CHECK(panel.spreadEditor()->liveText("k1").endsWith("N/m"));
    model::Profile four = c.active.profile();
    four.masses.push_back(5.0);
    four.stiffnesses.push_back(4e4);
    four.dampers.push_back(5.0);
    c.active.edit(four);
    CHECK(panel.floorTabs()->count() == 5);
    CHECK(panel.floorTabs()->tabText(0) == "Floor 4 (top)");
    CHECK(panel.spreadEditor()->liveText("c4") == "[4.5, 5.5] N·s/m");
    CHECK(panel.reportInput()["parameters"].size() == 12);

    panel.applyPrototypeDefaults();
    CHECK(c.active.profile().name == "full-scale");
    CHECK(panel.floorTabs()->count() == 4);
    const json input = panel.reportInput();
    CHECK(input["input_floor"] == 2);
    CHECK(input["fmin_hz"].get<double>() == 5.0 / (2.0 * 3.141592653589793));
    CHECK(input["fmax_hz"].get<double>() == 200.0 / (2.0 * 3.141592653589793));
    CHECK(input["parameters"][3]["lower"].get<double>() == Approx(3.465e8));
    CHECK(input["methods"].size() == 4);
}
