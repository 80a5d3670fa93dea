// SPDX-License-Identifier: GPL-3.0-or-later
#include "panel_test_context.h"
#include "widgets/control/control_form.h"
#include "widgets/control/control_panel.h"
#include "widgets/number_field.h"

#include <catch2/catch.hpp>

#include <QLabel>
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
