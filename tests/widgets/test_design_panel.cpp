// SPDX-License-Identifier: GPL-3.0-or-later
#include "design/design.h"
#include "models/analysis_runner.h"
#include "widgets/design/design_form.h"
#include "widgets/design/design_panel.h"
#include "widgets/heat_map.h"
#include "widgets/design/input_table.h"
#include "widgets/number_field.h"
#include "widgets/plot_view.h"

#include "panel_test_context.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>

#include <cmath>

using namespace dtop;
using nlohmann::json;
using test::waitFor;

namespace {

// A quick case: small main sample and Sobol' design, coarse Fisher partition.
const json kQuick = {{"samples", 40000}, {"sobol_samples", 2048}, {"sobol_max_samples", 2048},
                     {"bootstrap", 100}, {"fisher_max_cells", 64}, {"frf_points", 200}};

struct RunnerCount {
    int count = 0;
    template <typename Signal> RunnerCount(models::AnalysisRunner* runner, Signal signal)
    {
        QObject::connect(runner, signal, runner, [this] { ++count; });
    }
};

} // namespace

TEST_CASE("Design panel runs and shows the core's numbers", "[widgets][design]")
{
    test::PanelTestContext c;
    widgets::DesignPanel panel(c.context);
    json in = kQuick;
    in["outputs"] = {"x3", "x1"};
    panel.applyInput(in);
    REQUIRE(panel.canRun());
    panel.finishPendingWork();
    REQUIRE(panel.result());
    const design::DesignResult& r = *panel.result();

    // The same input through the core gives the same numbers (results do not depend on threads).
    const design::DesignResult direct = design::runDesign(panel.currentInput());
    CHECK(r.outputs.at(0).statistics.mean == direct.outputs.at(0).statistics.mean);
    CHECK(r.probability.value == direct.probability.value);
    CHECK(std::abs(r.nominal.outputs[2] - 0.06689627021126247) < 1e-9 * 0.0669);

    // Tables and labels show them.
    REQUIRE(panel.statisticsTable()->rowCount() == 2);
    CHECK(panel.statisticsTable()->item(0, 0)->text() == "x3 [m]");
    CHECK(panel.statisticsTable()->item(0, 2)->text().startsWith(
        QString::number(r.outputs[0].statistics.mean, 'g', 6)));
    CHECK(panel.summary()->text().contains(QString::number(r.probability.value, 'f', 5)));
    CHECK(panel.sobolTable()->rowCount() == 11); // ten random inputs and the sum
    CHECK(panel.sobolTable()->item(1, 0)->text() == "k1");
    CHECK(panel.parameterTable()->rowCount() == 20);
    CHECK(panel.parameterTable()->item(0, 0)->text() == "mu_f1");
    CHECK_FALSE(panel.heatMap()->isEmpty());
    CHECK(std::abs(panel.heatMap()->values()[1][1] - 1.0) < 1e-12); // correlation diagonal (mu_k1)
    CHECK(panel.figures().size() == 1); // the report writes it beside the plots

    // Every plot drew something, with axis units; the report result is the core's JSON.
    for (const auto& [stem, plot] : panel.plots()) {
        INFO(stem.toStdString());
        CHECK(plot->seriesCount() > 0);
        CHECK(plot->drawnTable().rows() > 0);
    }
    CHECK(panel.reportResult()["probability"]["value"] == r.probability.value);
    CHECK(panel.reportResult()["sobol"]["x1"].contains("m3"));
}

TEST_CASE("Design panel marks a bad field inline and disables Run", "[widgets][design]")
{
    test::PanelTestContext c;
    widgets::DesignPanel panel(c.context);
    REQUIRE(panel.canRun());

    // A negative standard deviation of k1 (row 3, column b).
    QTableWidget* table = panel.form()->inputTable()->table();
    table->item(3, 3)->setText("-5");
    CHECK_FALSE(panel.canRun());
    CHECK(table->item(3, 3)->toolTip().contains("sigma"));
    CHECK(table->item(3, 3)->background().style() != Qt::NoBrush);
    table->item(3, 3)->setText("83.76");
    CHECK(panel.canRun());
    CHECK(table->item(3, 3)->background().style() == Qt::NoBrush);

    // A gamma damper with θ = 0 is refused, never a silent zero.
    table->item(7, 3)->setText("0");
    CHECK_FALSE(panel.canRun());
    CHECK(table->item(7, 3)->toolTip().contains("theta"));
    table->item(7, 3)->setText("0.0015333");
    REQUIRE(panel.canRun());

    panel.form()->samplesField()->setTextAsTyped("1");
    CHECK_FALSE(panel.canRun());
    CHECK_FALSE(panel.form()->samplesField()->issue().isEmpty());
    panel.form()->samplesField()->setTextAsTyped("1e");
    CHECK_FALSE(panel.canRun());
    panel.form()->samplesField()->setTextAsTyped("1000");
    CHECK(panel.canRun());

    panel.form()->outputBox("x3")->setChecked(false);
    CHECK_FALSE(panel.canRun()); // no output chosen
    panel.form()->outputBox("s2")->setChecked(true);
    CHECK(panel.canRun());
    CHECK(panel.reportInput()["outputs"] == json::array({"s2"}));
}

TEST_CASE("Design panel cancels a long run", "[widgets][design]")
{
    test::PanelTestContext c;
    widgets::DesignPanel panel(c.context);
    panel.applyInput({{"samples", 500000000}, {"sobol", false}, {"fisher", false}});
    REQUIRE(panel.canRun());
    RunnerCount cancelled(panel.runner(), &models::AnalysisRunner::cancelled);
    panel.run();
    REQUIRE(panel.isRunning());
    REQUIRE(waitFor([&] { return panel.statusText().contains("%") || panel.statusText().startsWith("Running"); }, 30000));
    panel.cancel();
    REQUIRE(waitFor([&] { return cancelled.count > 0; }, 30000));
    CHECK_FALSE(panel.isRunning());
    CHECK(panel.statusText().startsWith("Cancelled"));
    CHECK_FALSE(panel.result());
}

TEST_CASE("Design panel shows legacy results labelled as the prototype's", "[widgets][design]")
{
    test::PanelTestContext c;
    widgets::DesignPanel panel(c.context);
    panel.applyInput({{"legacy", true}, {"frf_points", 200}});
    panel.finishPendingWork();
    REQUIRE(panel.result());
    CHECK(panel.result()->legacy);
    CHECK(panel.summary()->text().contains("Prototype"));
    CHECK_FALSE(panel.heatMap()->isEmpty());
    CHECK(panel.parameterTable()->rowCount() == 20);
    CHECK(panel.reportResult()["fisher"]["converged"] == false);
}

TEST_CASE("Design panel remembers its inputs", "[widgets][design]")
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
    {
        test::PanelTestContext c;
        widgets::DesignPanel panel(c.context);
        panel.applyInput({{"frequency_hz", 5.9}, {"outputs", {"s1", "x2"}}, {"seed", 7},
                          {"inputs", {{"k2", {{"type", "lognormal"}, {"a", 4147.0}, {"b", 70.0}}}}}});
        panel.saveSettings(settings);
    }
    test::PanelTestContext c;
    widgets::DesignPanel panel(c.context);
    panel.restoreSettings(settings);
    const design::DesignInput in = panel.currentInput();
    CHECK(in.frequencyHz == 5.9);
    CHECK(in.seed == 7);
    REQUIRE(in.outputs.size() == 2);
    CHECK(design::outputName(in.outputs[0]) == "s1");
    CHECK(in.inputs[4].kind == design::InputDistributionKind::LogNormal);
    CHECK(in.inputs[4].a == 4147.0);
}
