// SPDX-License-Identifier: GPL-3.0-or-later
// Buildings of many storeys (first-use issue #18, item 10): every floor its own colour on an
// ordered ramp, a legend of at most five labelled floors, and the modes table in view.
#include "model/presets.h"
#include "models/active_profile.h"
#include "widgets/plot_data.h"
#include "widgets/plot_view.h"
#include "widgets/structure/structure_panel.h"

#include "panel_test_context.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QTableWidget>

#include <set>

using namespace dtop;

TEST_CASE("Floor colours: the palette up to seven floors, a ramp of distinct colours beyond",
          "[plot][floors]")
{
    for (int i = 0; i < 7; ++i) {
        CHECK(widgets::floorColor(i, 7) == widgets::paletteColor(i));
        CHECK(widgets::floorInLegend(i, 7));
    }
    for (int count : {8, 12, 20, 40}) {
        INFO(count << " floors");
        std::set<QRgb> colours;
        int labelled = 0;
        for (int i = 0; i < count; ++i) {
            colours.insert(widgets::floorColor(i, count).rgb());
            labelled += widgets::floorInLegend(i, count) ? 1 : 0;
        }
        CHECK(static_cast<int>(colours.size()) == count);
        CHECK(labelled <= 5);
        CHECK(widgets::floorInLegend(0, count));
        CHECK(widgets::floorInLegend(count - 1, count));
        // Ordered: the ramp gets lighter from floor 1 to the top.
        CHECK(widgets::floorColor(0, count).lightnessF() <
              widgets::floorColor(count - 1, count).lightnessF());
    }
    // The ramp's ends are viridis at 0 and 0.9.
    CHECK(widgets::floorColor(0, 20) == QColor(0x440154));
    CHECK(widgets::floorColor(19, 20) == QColor(0xBDDF26));
}

TEST_CASE("Twenty storeys: a labelled legend and the modes table in view", "[structure][floors]")
{
    test::PanelTestContext c;
    model::Profile p = *model::preset("southampton-design");
    p.masses.assign(20, 5.0);
    p.stiffnesses.assign(20, 40000.0);
    c.active.edit(p);
    widgets::StructurePanel panel(c.context);
    panel.resize(1014, 759); // what a 1280×800 window gives the panel
    panel.show();
    for (int i = 0; i < 4; ++i)
        QApplication::processEvents();

    for (const auto& named : panel.plots()) {
        INFO(named.fileStem.toStdString());
        CHECK(named.plot->seriesCount() == 20);
        CHECK(named.plot->legendNames() ==
              QStringList({"Floor 1", "Floor 6", "Floor 11", "Floor 16", "Floor 20"}));
    }
    // At least three modes readable without scrolling the profile away.
    const QTableWidget* modes = panel.modalTable();
    REQUIRE(modes->rowCount() == 20);
    const QRect shown = modes->viewport()->visibleRegion().boundingRect();
    CHECK(shown.height() >= 3 * modes->rowHeight(0));
    CHECK(modes->viewport()->mapTo(&panel, shown.bottomLeft()).y() <= panel.height());
}
