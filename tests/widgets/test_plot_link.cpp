// SPDX-License-Identifier: GPL-3.0-or-later
// Stacked plots share their frequency axis, and the structure tool's range fields follow a zoom
// (first-use issue #18, item 11).
#include "widgets/plot_link.h"
#include "widgets/plot_view.h"
#include "widgets/structure/structure_panel.h"

#include "panel_test_context.h"
#include "plot_test_data.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QChartView>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QKeyEvent>

using namespace dtop;
using widgets::PlotView;

namespace {

void pressKey(PlotView& view, int key)
{
    auto* chartView = view.findChild<QChartView*>();
    REQUIRE(chartView != nullptr);
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier);
    QApplication::sendEvent(chartView, &press);
}

void fill(PlotView& view)
{
    const auto f = dtop::test::linspace(0.0, 50.0, 501);
    view.addSeries(QStringLiteral("H"), f, dtop::test::modalMagnitude(f));
    view.resize(800, 400);
    view.show();
    QApplication::processEvents();
}

} // namespace

TEST_CASE("A zoom in one linked plot shows in the other and code ranges do not echo", "[link]")
{
    PlotView magnitude, phase, unlinked;
    for (PlotView* p : {&magnitude, &phase, &unlinked})
        fill(*p);
    widgets::linkXAxes({&magnitude, &phase});
    int announced = 0;
    QObject::connect(&phase, &PlotView::xRangeChangedByUser, [&] { ++announced; });

    pressKey(magnitude, Qt::Key_Plus); // zoom in around the centre
    const auto zoomed = magnitude.shownXRange();
    CHECK(zoomed.max - zoomed.min < 49.0);
    CHECK(phase.shownXRange().min == Approx(zoomed.min));
    CHECK(phase.shownXRange().max == Approx(zoomed.max));
    CHECK(unlinked.shownXRange().max - unlinked.shownXRange().min > 49.0);
    CHECK(announced == 0); // the follower does not announce what it was told

    pressKey(phase, Qt::Key_Right); // pan the other one: the first follows
    CHECK(magnitude.shownXRange().min == Approx(phase.shownXRange().min));
    CHECK(announced == 1);

    pressKey(phase, Qt::Key_Home); // reset in either resets both
    CHECK(magnitude.shownXRange().min == Approx(0.0).margin(1e-9));
    CHECK(magnitude.shownXRange().max == Approx(50.0).margin(1e-9));
    magnitude.setXRange(10.0, 20.0); // a range set by code is not a user zoom
    CHECK(phase.shownXRange().max == Approx(50.0).margin(1e-9));
}

TEST_CASE("The structure tool's range fields take the range of a zoom", "[link][structure]")
{
    test::PanelTestContext c;
    widgets::StructurePanel panel(c.context);
    panel.resize(1200, 800);
    panel.show();
    QApplication::processEvents();
    PlotView* magnitude = nullptr;
    PlotView* phase = nullptr;
    for (const auto& named : panel.plots()) {
        if (named.fileStem == QStringLiteral("frf_magnitude"))
            magnitude = named.plot;
        if (named.fileStem == QStringLiteral("frf_phase"))
            phase = named.plot;
    }
    REQUIRE(magnitude);
    REQUIRE(phase);
    auto* autoRange = panel.findChild<QCheckBox*>(QStringLiteral("auto_range"));
    auto* fmin = panel.findChild<QDoubleSpinBox*>(QStringLiteral("fmin"));
    auto* fmax = panel.findChild<QDoubleSpinBox*>(QStringLiteral("fmax"));
    REQUIRE(autoRange);
    REQUIRE(fmin);
    REQUIRE(fmax);
    CHECK(autoRange->isChecked());
    const double autoMax = fmax->value();

    pressKey(*magnitude, Qt::Key_Plus);
    CHECK_FALSE(autoRange->isChecked());
    CHECK(fmax->value() < autoMax);
    CHECK(fmin->value() > 0.0);
    // The fields and both plots show the zoomed range (the FRF is recomputed on it, and the
    // plots framed on the fields' values).
    CHECK(magnitude->shownXRange().min == Approx(fmin->value()).margin(1e-9));
    CHECK(magnitude->shownXRange().max == Approx(fmax->value()).margin(1e-9));
    CHECK(phase->shownXRange().max == Approx(fmax->value()).margin(1e-9));
}
