// SPDX-License-Identifier: GPL-3.0-or-later
#include "panel_test_context.h"
#include "widgets/fe/fe_form.h"
#include "widgets/fe/fe_mode_view.h"
#include "widgets/fe/fe_panel.h"
#include "widgets/number_field.h"

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>

using namespace dtop;

TEST_CASE("FE panel runs the default rig and shows its modes", "[widgets][fe]")
{
    test::PanelTestContext c;
    widgets::FePanel panel(c.context);
    REQUIRE(panel.canRun());
    panel.finishPendingWork();
    REQUIRE(panel.result());
    QTableWidget* modes = panel.modeTable();
    REQUIRE(modes->rowCount() == 5);
    CHECK(modes->item(0, 1)->text() == "7.639");
    CHECK(modes->item(0, 2)->text() == "sway-weak");
    CHECK(modes->item(3, 2)->text() == "sway-strong");
    CHECK(modes->item(4, 2)->text() == "torsion");
    CHECK(panel.modeView()->hasMode());
    CHECK(panel.modeView()->caption().contains("7.639 Hz"));
    modes->selectRow(4);
    CHECK(panel.modeView()->caption().contains("torsion"));
    CHECK(panel.convergenceTable()->rowCount() == 6);
    CHECK(panel.massTable()->rowCount() > 5);
    const auto result = panel.reportResult();
    CHECK(result["modes"].size() == 5);
    CHECK(result["total_mass_kg"].get<double>() == Approx(16.93508).epsilon(1e-6));
    CHECK(panel.plots().size() == 2);
}

TEST_CASE("FE panel marks a bad field inline and refuses to run", "[widgets][fe]")
{
    test::PanelTestContext c;
    widgets::FePanel panel(c.context);
    widgets::NumberField* thickness = panel.form()->lengthField("column_thickness");
    REQUIRE(thickness);
    thickness->setTextAsTyped("0");
    CHECK_FALSE(panel.canRun());
    CHECK_FALSE(panel.runButton()->isEnabled());
    CHECK(thickness->issue().contains("column thickness"));
    thickness->setTextAsTyped("abc");
    CHECK_FALSE(panel.canRun());
    CHECK(thickness->issue().contains("not a number"));
    thickness->setTextAsTyped("0.003175");
    CHECK(panel.canRun());
    CHECK(thickness->issue().isEmpty());

    panel.form()->storeysBox()->setValue(4); // 22-in columns do not reach a fourth floor
    CHECK_FALSE(panel.canRun());
    panel.form()->storeysBox()->setValue(3);
    panel.form()->jointField()->setText("100, 200");
    emit panel.form()->jointField()->textEdited("100, 200");
    CHECK_FALSE(panel.canRun());
}

TEST_CASE("FE form shows inch units and keeps SI values exact", "[widgets][fe]")
{
    test::PanelTestContext c;
    widgets::FePanel panel(c.context);
    const nlohmann::json si = panel.reportInput();
    panel.form()->setUnits(widgets::FeForm::Units::Inch);
    widgets::NumberField* thickness = panel.form()->lengthField("column_thickness");
    CHECK(thickness->text() == "0.125");
    CHECK(panel.form()->modulusField()->text() == "10150000");
    panel.form()->setUnits(widgets::FeForm::Units::Si);
    nlohmann::json back = panel.reportInput();
    CHECK(back == si);

    panel.form()->setUnits(widgets::FeForm::Units::Inch);
    thickness->setTextAsTyped("0.25");
    InputIssues issues;
    CHECK(panel.form()->input(&issues).geometry.columnThicknessM == 0.00635);
    CHECK(issues.empty());
    CHECK(panel.reportInput()["units"] == "inch");
}

TEST_CASE("FE panel compares with the measured rig and calibrates", "[widgets][fe]")
{
    test::PanelTestContext c;
    widgets::FePanel panel(c.context);
    panel.applyInput({{"measured_dataset", "southampton-exp-force1"},
                      {"calibration", "single"},
                      {"equivalent_profile", true},
                      {"convergence", false}});
    REQUIRE(panel.canRun());
    panel.finishPendingWork();
    REQUIRE(panel.result());
    REQUIRE(panel.result()->calibration);
    QTableWidget* t = panel.comparisonTable();
    REQUIRE(t->rowCount() == 3);
    CHECK(t->item(0, 1)->text().toDouble() == Approx(6.5).margin(0.04));
    CHECK(t->item(0, 3)->text().toDouble() == Approx(17.3).margin(0.5));
    CHECK(std::abs(t->item(0, 6)->text().toDouble()) < 4.0);
    CHECK(panel.calibrationLabel()->text().contains("N·m/rad"));
    CHECK(panel.equivalentTable()->rowCount() == 3);
    CHECK(panel.saveProfileButton()->isEnabled());
    const auto result = panel.reportResult();
    CHECK(result["measured"]["dataset"] == "southampton-exp-force1");
    CHECK(result["calibration"]["joint_stiffness_nm_per_rad"][0].get<double>() ==
          Approx(445.0).epsilon(0.03));
    // No workspace in tests: saving says why instead of failing silently.
    QString error;
    CHECK_FALSE(panel.saveEquivalentProfile("rig-fe", &error));
    CHECK_FALSE(error.isEmpty());

    panel.applyInput({{"measured_dataset", "th-impulse"}});
    CHECK_FALSE(panel.canRun());
    CHECK(panel.form()->datasetBox()->toolTip().contains("time history"));
}

TEST_CASE("FE panel compares with a profile's modes and shapes", "[widgets][fe]")
{
    test::PanelTestContext c;
    widgets::FePanel panel(c.context);
    // Profiles are offered beside the FRF datasets.
    CHECK(panel.form()->datasetBox()->findData(QStringLiteral("profile:southampton-lpm")) >= 0);
    panel.applyInput({{"measured_dataset", "profile:southampton-lpm"},
                      {"calibration", "off"},
                      {"convergence", false}});
    REQUIRE(panel.canRun());
    panel.finishPendingWork();
    REQUIRE(panel.result());
    const auto result = panel.reportResult();
    CHECK(result["measured"]["dataset"] == "profile:southampton-lpm");
    CHECK(result["comparison"]["measured_hz"][0].get<double>() == Approx(6.20355733364265));
    CHECK(result["comparison"]["mac"][0].get<double>() > 0.99);
    // A profile with another storey count is refused inline.
    panel.form()->setMeasuredDataset("profile:southampton-lpm");
    panel.form()->storeysBox()->setValue(2);
    CHECK_FALSE(panel.canRun());
}

TEST_CASE("FE panel cancels a long run", "[widgets][fe]")
{
    test::PanelTestContext c;
    widgets::FePanel panel(c.context);
    panel.applyInput({{"elements_per_column", 300}, {"convergence", false}});
    REQUIRE(panel.canRun());
    panel.run();
    REQUIRE(panel.isRunning());
    panel.cancel();
    CHECK(test::waitFor([&] { return !panel.isRunning(); }));
    CHECK_FALSE(panel.hasResult());
    CHECK(panel.statusText().contains("Cancelled"));
}
