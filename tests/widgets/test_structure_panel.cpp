// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "widgets/plot_view.h"
#include "widgets/profile_editor.h"
#include "widgets/structure/structure_panel.h"

#include "panel_test_context.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include <QAbstractSeries>
#include <QChartView>
#include <QCoreApplication>
#include <QImage>
#include <QLineSeries>
#include <QTableWidget>

using namespace dtop;

namespace {
using Context = test::PanelTestContext;

double tableFrequency(const widgets::StructurePanel& panel, int mode)
{
    return panel.modalTable()->item(mode, 1)->text().toDouble();
}
} // namespace

TEST_CASE("Editing k2 updates the modal table live", "[structure]")
{
    Context c;
    auto& active = c.active;
    widgets::StructurePanel panel(c.context);
    CHECK(tableFrequency(panel, 0) == Approx(6.2036).margin(1e-4));
    REQUIRE(panel.editor()->setFieldText("k2", "60000"));
    // Stiffer second storey: every frequency rises; the active profile follows the edit.
    CHECK(active.profile().stiffnesses[1] == 60000.0);
    CHECK(active.isEdited());
    CHECK(tableFrequency(panel, 0) > 6.25);
    const auto expected = dynamics::runModal({active.profile()}).undamped.frequenciesHz();
    for (int r = 0; r < 3; ++r)
        CHECK(tableFrequency(panel, r) == Approx(expected[static_cast<std::size_t>(r)]).margin(1e-4));
}

TEST_CASE("An invalid field shows its message and keeps the last valid result", "[structure]")
{
    Context c;
    auto& active = c.active;
    widgets::StructurePanel panel(c.context);
    REQUIRE(panel.editor()->setFieldText("k2", "50000"));
    const double valid = tableFrequency(panel, 1);
    REQUIRE(panel.editor()->setFieldText("k2", "-3"));
    CHECK(panel.editor()->issues() == QStringList{"stiffness k2 must be > 0 N/m, got -3"});
    CHECK(tableFrequency(panel, 1) == valid);
    CHECK(active.profile().stiffnesses[1] == 50000.0);
    REQUIRE(panel.editor()->setFieldText("m1", "abc"));
    CHECK(panel.editor()->issues().contains("m1: 'abc' is not a number"));
    // Fixing both restores live updates.
    panel.editor()->setFieldText("k2", "40000");
    panel.editor()->setFieldText("m1", "5");
    CHECK(panel.editor()->issues().isEmpty());
    CHECK(active.profile().stiffnesses[1] == 40000.0);
    CHECK(tableFrequency(panel, 1) != valid);
}

TEST_CASE("Changing the number of storeys resizes the model", "[structure]")
{
    Context c;
    auto& active = c.active;
    active.setProfile(*model::preset("southampton-design"), 0, false);
    widgets::StructurePanel panel(c.context);
    model::Profile p = active.profile();
    p.masses.push_back(5.201);
    p.stiffnesses.push_back(p.stiffnesses.back());
    active.edit(p);
    CHECK(panel.modalTable()->rowCount() == 4);
    CHECK(panel.modalResult()->undamped.angularFrequencies.size() == 4);
}

TEST_CASE("Structure panel report input and plots", "[structure]")
{
    Context c;
    widgets::StructurePanel panel(c.context);
    panel.applyInput({{"quantity", "accelerance"}, {"input_floor", 2}});
    const auto input = panel.reportInput();
    CHECK(input["quantity"] == "accelerance");
    CHECK(input["input_floor"] == 2);
    CHECK(panel.plots().size() == 2);
    CHECK(panel.plots().front().plot->seriesCount() == 3);
    CHECK(panel.reportResult()["modal"]["frequencies_hz"].size() == 3);
}

TEST_CASE("Measured FRF overlay in the model's quantity", "[structure]")
{
    Context c;
    widgets::StructurePanel panel(c.context);
    panel.applyInput({{"measured_dataset", "southampton-exp-force2"}, {"quantity", "receptance"}});
    // The force moves to the measurement's floor; three model and three measured series.
    CHECK(panel.reportInput()["input_floor"] == 2);
    CHECK(panel.plots().front().plot->seriesCount() == 6);
    const auto table = panel.plots().front().plot->drawnTable();
    bool measured = false;
    for (const auto& h : table.headers)
        measured = measured || h.find("measured") != std::string::npos;
    CHECK(measured);
}

TEST_CASE("The measured phase follows the model's branch", "[structure]")
{
    Context c;
    widgets::StructurePanel panel(c.context);
    panel.applyInput({{"measured_dataset", "southampton-exp-force1"}, {"quantity", "receptance"}});
    const auto table = panel.plots().at(1).plot->drawnTable(); // phase: x, y per series
    REQUIRE(table.columns.size() == 12);
    for (std::size_t floor = 0; floor < 3; ++floor) {
        CAPTURE(floor, table.headers[7 + 2 * floor]);
        REQUIRE(table.headers[7 + 2 * floor].find("measured") != std::string::npos);
        const auto& fm = table.columns[2 * floor];
        const auto& pm = table.columns[2 * floor + 1];
        const auto& f = table.columns[6 + 2 * floor];
        const auto& p = table.columns[7 + 2 * floor];
        REQUIRE(!f.empty());
        for (std::size_t i = 0; i < f.size(); ++i) {
            // Nearest model frequency, as the panel does.
            auto it = std::lower_bound(fm.begin(), fm.end(), f[i]);
            if (it == fm.end() || (it != fm.begin() && f[i] - *(it - 1) < *it - f[i]))
                --it;
            const double model = pm[static_cast<std::size_t>(it - fm.begin())];
            CHECK(std::abs(p[i] - model) <= 180.0 + 1e-9);
        }
    }
}

TEST_CASE("The wrapped phase draws no vertical strokes and magnitudes clip to 100 dB",
          "[structure][gaps]")
{
    Context c;
    widgets::StructurePanel panel(c.context);
    panel.applyInput({{"measured_dataset", "southampton-exp-force1"}, {"quantity", "receptance"}});
    panel.resize(1280, 800);
    panel.show();
    QCoreApplication::processEvents();
    widgets::PlotView* phase = panel.plots().at(1).plot;
    auto* view = phase->findChild<QChartView*>();
    REQUIRE(view);
    int drawn = 0;
    for (QAbstractSeries* s : view->chart()->series()) {
        auto* line = qobject_cast<QLineSeries*>(s);
        if (!line || line->count() < 2)
            continue;
        ++drawn;
        const auto points = line->points();
        for (qsizetype i = 1; i < points.size(); ++i) {
            CAPTURE(line->name().toStdString(), points[i].x());
            CHECK(std::abs(points[i].y() - points[i - 1].y()) <= 180.0);
        }
    }
    // The phases of the upper floors wrap: more polylines than series.
    CHECK(drawn > phase->seriesCount());
    // The gaps are not data: the CSV has none.
    for (const auto& column : phase->drawnTable().columns)
        for (double v : column)
            CHECK(std::isfinite(v));

    // The accelerance from 0 Hz spans far more than 100 dB (it vanishes at 0 Hz); the dB axis
    // reaches 100 dB (and its 5 % padding) below the peak, not down to the lowest value.
    panel.applyInput({{"measured_dataset", ""}, {"quantity", "accelerance"}});
    widgets::PlotView* magnitude = panel.plots().at(0).plot;
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    const auto table = magnitude->drawnTable();
    for (std::size_t k = 1; k < table.columns.size(); k += 2)
        for (double db : table.columns[k]) {
            lo = std::min(lo, db);
            hi = std::max(hi, db);
        }
    REQUIRE(hi - lo > 150.0);
    const auto range = magnitude->shownYRange();
    CHECK(range.max - range.min == Approx(1.1 * widgets::PlotView::defaultDynamicRangeDb));
    CHECK(range.max == Approx(hi + 5.0));
}

TEST_CASE("A measurement with another force floor is hidden with a note, on screen and in exports",
          "[structure][overlay]")
{
    // First-use issue #18 item 3: floor-1 measurements must not sit on a force-at-floor-3 model.
    Context c;
    widgets::StructurePanel panel(c.context);
    panel.applyInput({{"measured_dataset", "southampton-exp-force1"}, {"quantity", "receptance"}});
    widgets::PlotView* magnitude = panel.plots().front().plot;
    REQUIRE(magnitude->seriesCount() == 6);
    CHECK(magnitude->note().isEmpty());

    panel.applyInput({{"input_floor", 3}});
    CHECK(panel.reportInput()["input_floor"] == 3);
    CHECK(magnitude->seriesCount() == 3); // the model only
    for (const auto& h : magnitude->drawnTable().headers)
        CHECK(h.find("measured") == std::string::npos);
    for (const auto& named : panel.plots()) {
        CAPTURE(named.plot->note().toStdString());
        CHECK(named.plot->note().contains("Measured overlay hidden"));
        CHECK(named.plot->note().contains("force at floor 1"));
    }
    // The exported image carries the note: a strip of text below the chart.
    const QImage withNote = magnitude->renderImage(QSize(900, 500));
    panel.applyInput({{"input_floor", 1}});
    CHECK(magnitude->note().isEmpty());
    CHECK(magnitude->seriesCount() == 6);
    const QImage without = magnitude->renderImage(QSize(900, 500));
    int differing = 0;
    for (int y = 470; y < 500; ++y)
        for (int x = 0; x < 900; ++x)
            differing += withNote.pixel(x, y) != without.pixel(x, y);
    CHECK(differing > 100);
}
