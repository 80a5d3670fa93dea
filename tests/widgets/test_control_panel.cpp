// SPDX-License-Identifier: GPL-3.0-or-later
#include "panel_test_context.h"
#include "widgets/control/control_form.h"
#include "widgets/control/control_panel.h"
#include "widgets/field_issue.h"
#include "widgets/record_file_field.h"
#include "widgets/number_field.h"
#include "widgets/plot_view.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QCoreApplication>
#include <QScrollBar>
#include <QSlider>
#include <QTableWidget>

using namespace dtop;

TEST_CASE("Control panel runs and flags an unstable design in red", "[widgets][control]")
{
    test::PanelTestContext c;
    widgets::ControlPanel panel(c.context);
    panel.applyInput({{"strategy", "dvf"}, {"gain", 1000.0}, {"floor", 1},
                      {"compare", {"none", "tmd"}}});
    REQUIRE(panel.canRun());
    panel.finishPendingWork();
    REQUIRE(panel.results().size() == 3);
    CHECK(panel.results().front().stable == std::optional<bool>(false));
    CHECK_FALSE(panel.results().front().keReductionDb);
    CHECK(panel.stabilityBanner()->text().startsWith("UNSTABLE"));
    CHECK(panel.resultsTable()->item(0, 1)->text() == "UNSTABLE");
    CHECK(panel.reportResult()["stable"] == false);

    panel.applyInput({{"gain", 0.5}});
    panel.finishPendingWork();
    CHECK(panel.results().front().stable == std::optional<bool>(true));
    CHECK(panel.resultsTable()->item(0, 1)->text() == "yes");
}

TEST_CASE("Control panel marks a bad field and refuses to run", "[widgets][control]")
{
    test::PanelTestContext c;
    widgets::ControlPanel panel(c.context);
    panel.form()->proofMassField()->setText("0");
    emit panel.form()->proofMassField()->edited();
    CHECK_FALSE(panel.canRun());
    CHECK_FALSE(panel.form()->proofMassField()->issue().isEmpty());
    CHECK(panel.form()->deviceReadout()->text().contains("needs"));
}

TEST_CASE("Control panel gain drag reuses what the gain does not change", "[widgets][control]")
{
    test::PanelTestContext c;
    widgets::ControlPanel panel(c.context);
    panel.applyInput({{"strategy", "dvf"}, {"gain", 2.0}, {"compare", {"none", "tmd"}}});
    panel.finishPendingWork();
    REQUIRE(panel.results().size() == 3);
    const auto first = panel.results().front();
    REQUIRE(first.rootLocus);
    REQUIRE(first.bestGain);

    QSlider* slider = panel.form()->gainSlider();
    slider->setSliderDown(true);
    slider->setValue(slider->value() + 7);
    panel.finishPendingWork();
    CHECK(panel.staleBanner()->isHidden()); // no flashing banner while the handle is held
    const auto dragged = panel.results().front();
    CHECK(dragged.gain != first.gain);
    // The locus and best gain of the loop are the last run's; the design itself is new.
    REQUIRE(dragged.rootLocus);
    CHECK(dragged.rootLocus->gains == first.rootLocus->gains);
    REQUIRE(dragged.bestGain);
    CHECK(dragged.bestGain->gain == first.bestGain->gain);
    CHECK(dragged.margins->criticalGain == first.margins->criticalGain);
    CHECK(dragged.controlled.bandIntegral != first.controlled.bandIntegral);
    // Equal to a fresh run of the dragged gain in everything the drag recomputes.
    auto input = panel.currentInput();
    input.rootLocus = false;
    input.bestGain = false;
    const auto fresh = control::runControl(input);
    CHECK(dragged.controlled.bandIntegral == fresh.controlled.bandIntegral);
    CHECK(dragged.margins->gainMarginDb == fresh.margins->gainMarginDb);
    CHECK(panel.results()[2].strategy == control::Strategy::Tmd);
    CHECK(panel.results()[2].gain == dragged.gain);

    // Releasing the handle computes everything afresh: the locus now passes the new gain.
    slider->setSliderDown(false);
    panel.finishPendingWork();
    const auto& released = panel.results().front();
    CHECK(released.gain == dragged.gain);
    REQUIRE(released.rootLocus);
    CHECK(std::find(released.rootLocus->gains.begin(), released.rootLocus->gains.end(),
                    released.gain) != released.rootLocus->gains.end());
}

TEST_CASE("Control panel draws hidden tabs when they are exported", "[widgets][control]")
{
    test::PanelTestContext c;
    widgets::ControlPanel panel(c.context);
    panel.applyInput({{"strategy", "dvf"}, {"gain", 2.0}});
    panel.finishPendingWork();
    int drawn = 0;
    for (const auto& [name, plot] : panel.plots())
        if (plot->seriesCount() > 0)
            ++drawn;
    // Every tab but the time response (not simulated) has series.
    CHECK(drawn == 6);
}

TEST_CASE("Control panel results table shows every compared design without scrolling",
          "[widgets][control]")
{
    test::PanelTestContext c;
    widgets::ControlPanel panel(c.context);
    panel.applyInput({{"strategy", "dvf"}, {"gain", 2.0},
                      {"compare", {"none", "tmd", "dvf-ec", "lqg", "ideal-dvf"}}});
    panel.resize(1020, 760); // the panel's share of a 1280×800 window
    panel.show();
    panel.finishPendingWork();
    QCoreApplication::processEvents();
    QTableWidget* table = panel.resultsTable();
    REQUIRE(table->rowCount() == 6);
    CHECK(table->verticalScrollBar()->maximum() == 0);
    CHECK(table->horizontalScrollBar()->maximum() == 0);
}

TEST_CASE("Control panel drives the time response with a ground acceleration record",
          "[widgets][control][record]")
{
    // Issue #10 item 6: the time domain takes a recorded ground acceleration in the panel too.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("ground.csv"));
    {
        std::ofstream out(file.toStdString());
        out << "time_s,acceleration_m_s2\n";
        for (int k = 0; k <= 2000; ++k) {
            const double t = k / 1000.0;
            out << t << "," << (t < 0.5 ? std::sin(2.0 * 3.14159265358979 * 6.0 * t) : 0.0)
                << "\n";
        }
    }
    test::PanelTestContext c;
    widgets::ControlPanel panel(c.context);
    panel.applyInput({{"strategy", "dvf"},
                      {"gain", 2.0},
                      {"time_response", true},
                      {"time_duration", 2.0},
                      {"excitation", {{"kind", "base"}}}});
    // No file yet: the record field says so and nothing runs.
    CHECK_FALSE(panel.canRun());
    CHECK_FALSE(widgets::fieldIssue(panel.form()->recordFile()).isEmpty());

    panel.applyInput({{"record_file", file.toStdString()}});
    REQUIRE(panel.canRun());
    panel.finishPendingWork();
    REQUIRE(panel.results().front().timeResponse);
    const auto& t = *panel.results().front().timeResponse;
    CHECK(t.excitationUnit == "m/s²");
    CHECK(t.excitation.size() == t.timeS.size());
    CHECK(panel.reportInput()["record_file"] == file.toStdString());

    // A broken file is named with its line.
    {
        std::ofstream out(file.toStdString());
        out << "time_s,acceleration_m_s2\n0,1\n0.001,x\n";
    }
    {
        QFile f(file);
        REQUIRE(f.open(QIODevice::ReadWrite));
        f.setFileTime(QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime);
    }
    panel.applyInput({{"gain", 2.5}});
    CHECK_FALSE(panel.canRun());
    CHECK(widgets::fieldIssue(panel.form()->recordFile()).contains(QStringLiteral(":3:")));
}
