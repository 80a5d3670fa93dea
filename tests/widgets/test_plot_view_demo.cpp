// SPDX-License-Identifier: GPL-3.0-or-later
// Demo renderings for looking at the plots by eye (hidden: run `dtop_widgets_tests "[demo]"`
// with DTOP_PLOT_DEMO_DIR set; the PNGs are written there).
#include "plot_test_data.h"
#include "widgets/plot_view.h"

#include <catch2/catch.hpp>

#include <QDir>

using namespace dtop::widgets;
using dtop::test::linspace;

TEST_CASE("PlotView demo renderings", "[.][demo]")
{
    const QString dir = qEnvironmentVariable("DTOP_PLOT_DEMO_DIR", QDir::tempPath());
    const auto f = linspace(0.0, 50.0, 5001);
    const auto mag = dtop::test::modalMagnitude(f);
    std::vector<double> lo(mag.size()), hi(mag.size());
    for (std::size_t i = 0; i < mag.size(); ++i) {
        lo[i] = mag[i] * 0.7;
        hi[i] = mag[i] * 1.4;
    }
    {
        PlotView view;
        view.setTitle("Receptance, floor 1 → floor 3");
        view.setXAxis({"Frequency", "Hz", AxisScale::Linear});
        view.setYAxis({"Magnitude", "m/N", AxisScale::Decibel});
        view.addBand("±30 % bounds", f, lo, hi);
        view.addSeries("Model", f, mag);
        auto meas = dtop::test::lcgNoise(f.size(), 7);
        std::vector<double> fm, mm;
        for (std::size_t i = 0; i < f.size(); i += 50) {
            fm.push_back(f[i]);
            mm.push_back(mag[i] * (1 + 0.2 * meas[i]));
        }
        view.addSeries("Measured", fm, mm, {QColor(), 1.5, false, true});
        REQUIRE(view.exportPng(dir + "/demo_frf_db.png", {900, 560}));
        REQUIRE(view.exportPng(dir + "/demo_frf_db_small.png", {420, 280}));
        view.setXAxis({"Frequency", "Hz", AxisScale::Log});
        view.setYAxis({"Magnitude", "m/N", AxisScale::Log});
        REQUIRE(view.exportPng(dir + "/demo_frf_loglog.png", {900, 560}));
        view.setXRange(18, 40);
        REQUIRE(view.exportPng(dir + "/demo_frf_loglog_zoom.png", {900, 560}));
    }
    {
        const std::size_t n = 1'000'000;
        auto t = linspace(0.0, 100.0, n);
        auto noise = dtop::test::lcgNoise(n, 3);
        std::vector<double> a(n);
        for (std::size_t i = 0; i < n; ++i)
            a[i] = std::sin(2 * M_PI * 8 * t[i]) * std::exp(-0.02 * t[i]) + 0.3 * noise[i] +
                   (i == 654321 ? 4.0 : 0.0);
        PlotView view;
        view.setTitle("Acceleration, floor 3 (10⁶ samples)");
        view.setXAxis({"Time", "s", AxisScale::Linear});
        view.setYAxis({"Acceleration", "m/s²", AxisScale::Linear});
        view.addSeries("Floor 3", t, a);
        REQUIRE(view.exportPng(dir + "/demo_time_history.png", {1000, 500}));
    }
}
