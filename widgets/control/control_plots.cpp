// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/control/control_plots.h"

#include "widgets/plot_view.h"

#include <cmath>
#include <numbers>

namespace dtop::widgets {

namespace {
const QColor kRed(200, 30, 30);
// The dense curves (9901 points) redrawn on every gain-drag step are drawn 1 px wide: Qt's
// raster engine strokes such pens directly, while wider antialiased pens go through its
// general path stroker, several times slower.
constexpr qreal kCurveWidth = 1.0;
} // namespace

void drawKineticEnergy(PlotView& plot, const std::vector<control::ControlResult>& designs)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Frequency"), QStringLiteral("Hz"), AxisScale::Log});
    if (designs.empty())
        return;
    const bool legacy = designs.front().legacy;
    plot.setYAxis({QObject::tr("Kinetic energy"),
                   legacy ? QStringLiteral("20·log10 dB re 1 J/N², prototype scale")
                          : QStringLiteral("dB re 1 J/N²")});
    plot.addSeries(QObject::tr("uncontrolled"), designs.front().frequencyHz,
                   designs.front().uncontrolled.keDb, {QColor(90, 90, 90), kCurveWidth, true});
    for (const auto& r : designs) {
        if (r.strategy == control::Strategy::None)
            continue;
        if (r.stable && !*r.stable)
            continue; // no steady state exists
        plot.addSeries(QString::fromStdString(r.label), r.frequencyHz, r.controlled.keDb,
                       {QColor(), kCurveWidth, false});
    }
}

void drawFloorFrfs(PlotView& plot, const control::ControlResult& r)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Frequency"), QStringLiteral("Hz"), AxisScale::Log});
    plot.setYAxis({QObject::tr("|H|"),
                   QString::fromUtf8(dynamics::frfQuantityUnit(r.frfQuantity)),
                   AxisScale::Decibel});
    const bool unstable = r.stable && !*r.stable;
    for (std::size_t i = 0; i < r.floors.size(); ++i) {
        const QColor c = PlotView::paletteColor(static_cast<int>(i));
        std::vector<double> a, a0;
        for (const auto& v : r.floors[i].controlled)
            a.push_back(std::abs(v));
        for (const auto& v : r.floors[i].uncontrolled)
            a0.push_back(std::abs(v));
        plot.addSeries(QObject::tr("floor %1 uncontrolled").arg(i + 1), r.frequencyHz, a0,
                       {c, kCurveWidth, true});
        if (!unstable)
            plot.addSeries(QObject::tr("floor %1 controlled").arg(i + 1), r.frequencyHz, a,
                           {c, kCurveWidth, false});
    }
}

void drawNyquist(PlotView& plot, const control::ControlResult& r)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Re κL₀"), QStringLiteral("1")});
    plot.setYAxis({QObject::tr("Im κL₀"), QStringLiteral("1")});
    if (!r.loop)
        return;
    std::vector<double> re, im, reNeg, imNeg;
    for (const auto& l : r.loop->response) {
        re.push_back(l.real());
        im.push_back(l.imag());
    }
    for (std::size_t k = r.loop->response.size(); k-- > 0;) {
        reNeg.push_back(r.loop->response[k].real());
        imNeg.push_back(-r.loop->response[k].imag());
    }
    std::vector<double> cx, cy;
    for (int k = 0; k <= 180; ++k) {
        const double t = 2.0 * std::numbers::pi * k / 180.0;
        cx.push_back(std::cos(t));
        cy.push_back(std::sin(t));
    }
    plot.addSeries(QObject::tr("unit circle"), cx, cy, {QColor(150, 150, 150), 1.0, true});
    plot.addSeries(QObject::tr("ω > 0"), re, im, {PlotView::paletteColor(0), 1.5, false});
    plot.addSeries(QObject::tr("ω < 0 (mirror)"), reNeg, imNeg,
                   {PlotView::paletteColor(0), 1.0, true});
    plot.addSeries(QObject::tr("−1"), {-1.0}, {0.0}, {kRed, 6.0, false, true});
    plot.setXRange(r.loop->reMin, r.loop->reMax);
}

void drawBode(PlotView& magnitude, PlotView& phase, const control::ControlResult& r)
{
    PlotView::UpdateBatch b1(magnitude), b2(phase);
    magnitude.clear();
    phase.clear();
    magnitude.setXAxis({QObject::tr("Frequency"), QStringLiteral("Hz"), AxisScale::Log});
    magnitude.setYAxis({QObject::tr("|κL₀|"), QStringLiteral("dB")});
    phase.setXAxis({QObject::tr("Frequency"), QStringLiteral("Hz"), AxisScale::Log});
    phase.setYAxis({QObject::tr("Phase of κL₀"), QStringLiteral("°"), AxisScale::Linear, 90.0});
    if (!r.loop)
        return;
    magnitude.addSeries(QObject::tr("|κL₀|"), r.loop->frequencyHz, r.loop->magnitudeDb);
    phase.addSeries(QObject::tr("phase"), r.loop->frequencyHz, r.loop->phaseDeg);
    if (r.margins && r.margins->gainCrossoverHz)
        magnitude.addSeries(QObject::tr("gain crossover (PM)"), {*r.margins->gainCrossoverHz},
                            {0.0}, {kRed, 6.0, false, true});
    if (r.margins && r.margins->phaseCrossoverHz && r.margins->gainMarginDb)
        magnitude.addSeries(QObject::tr("phase crossover (GM)"), {*r.margins->phaseCrossoverHz},
                            {-*r.margins->gainMarginDb}, {QColor(0, 120, 0), 6.0, false, true});
}

void drawRootLocus(PlotView& plot, const control::ControlResult& r)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Re λ"), QStringLiteral("rad/s")});
    plot.setYAxis({QObject::tr("Im λ"), QStringLiteral("rad/s")});
    plot.setLegendShown(false); // the title names the markers; branches need no entry each
    if (!r.rootLocus || r.rootLocus->poles.empty())
        return;
    const auto& rl = *r.rootLocus;
    const std::size_t nb = rl.poles.front().size();
    std::vector<double> x0, y0, xd, yd, xc, yc;
    std::size_t critical = rl.gains.size();
    for (std::size_t k = 0; k < rl.gains.size(); ++k)
        if (r.margins && r.margins->criticalGain && rl.gains[k] == *r.margins->criticalGain)
            critical = k;
    // The design gain's markers are the design's own closed-loop poles (both of each pair), so
    // they are exact even when the locus was computed at another design gain (gain drag).
    for (const auto& p : r.poles) {
        xd.push_back(p.eigenvalue.real());
        yd.push_back(p.eigenvalue.imag());
        if (p.eigenvalue.imag() != 0.0) {
            xd.push_back(p.eigenvalue.real());
            yd.push_back(-p.eigenvalue.imag());
        }
    }
    for (std::size_t j = 0; j < nb; ++j) {
        std::vector<double> x, y;
        for (const auto& atGain : rl.poles) {
            x.push_back(atGain[j].real());
            y.push_back(atGain[j].imag());
        }
        plot.addSeries(j == 0 ? QObject::tr("branches") : QString(), x, y,
                       {PlotView::paletteColor(0), 1.2, false});
        x0.push_back(rl.poles.front()[j].real());
        y0.push_back(rl.poles.front()[j].imag());
        if (critical < rl.gains.size()) {
            xc.push_back(rl.poles[critical][j].real());
            yc.push_back(rl.poles[critical][j].imag());
        }
    }
    plot.addSeries(QObject::tr("open loop (κ = 0)"), x0, y0, {QColor(90, 90, 90), 2.5, false, true});
    if (!xd.empty())
        plot.addSeries(QObject::tr("design gain %1").arg(r.gain, 0, 'g', 4), xd, yd,
                       {QColor(0, 120, 0), 2.5, false, true});
    if (!xc.empty())
        plot.addSeries(QObject::tr("critical gain %1 %2")
                           .arg(*r.margins->criticalGain, 0, 'g', 6)
                           .arg(QString::fromStdString(r.gainUnit)),
                       xc, yc, {kRed, 3.5, false, true});
}

void drawTimeResponse(PlotView& drift, PlotView& current, const control::ControlResult& r)
{
    PlotView::UpdateBatch b1(drift), b2(current);
    drift.clear();
    current.clear();
    drift.setXAxis({QObject::tr("Time"), QStringLiteral("s")});
    drift.setYAxis({QObject::tr("Storey drift at the device floor"), QStringLiteral("m")});
    current.setXAxis({QObject::tr("Time"), QStringLiteral("s")});
    current.setYAxis({QObject::tr("Coil current"), QStringLiteral("A")});
    if (!r.timeResponse)
        return;
    const auto& t = *r.timeResponse;
    const auto storey = static_cast<std::size_t>(r.floor - 1);
    if (storey < t.uncontrolled.driftM.size())
        drift.addSeries(QObject::tr("uncontrolled"), t.timeS, t.uncontrolled.driftM[storey],
                        {QColor(90, 90, 90), 1.0, true});
    if (storey < t.controlled.driftM.size())
        drift.addSeries(QString::fromStdString(r.label), t.timeS, t.controlled.driftM[storey]);
    if (!t.controlled.currentA.empty())
        current.addSeries(QObject::tr("coil current"), t.timeS, t.controlled.currentA);
}

} // namespace dtop::widgets
