// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/crossval/crossval_plots.h"

#include "widgets/heat_map.h"
#include "widgets/plot_view.h"

#include <QObject>

#include <algorithm>
#include <cmath>
#include <limits>

namespace dtop::widgets {

namespace {

std::vector<double> magnitudes(const std::vector<std::complex<double>>& values)
{
    std::vector<double> m;
    m.reserve(values.size());
    for (const auto& v : values)
        m.push_back(std::abs(v));
    return m;
}

} // namespace

void drawOverlay(PlotView& plot, const crossval::CrossvalResult& result,
                 const crossval::CrossvalPair& pair)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Frequency"), QStringLiteral("Hz"), AxisScale::Linear});
    plot.setYAxis({QObject::tr("|H|"), QString::fromUtf8(dynamics::frfQuantityUnit(result.quantity)),
                   AxisScale::Decibel});
    // A modes-only pair has floors but no values.
    for (std::size_t i = 0; i < pair.floors.size() && i < pair.referenceValues.size(); ++i) {
        const QColor c = PlotView::paletteColor(static_cast<int>(i));
        plot.addSeries(QObject::tr("ref. floor %1").arg(pair.floors[i]),
                       pair.frequencyHz, magnitudes(pair.referenceValues[i]), {c, 1.5, false});
        plot.addSeries(QObject::tr("cand. floor %1").arg(pair.floors[i]),
                       pair.frequencyHz, magnitudes(pair.candidateValues[i]), {c, 1.5, true});
    }
}

void drawSignature(PlotView& plot, const crossval::CrossvalPair& pair)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Frequency"), QStringLiteral("Hz"), AxisScale::Linear});
    plot.setYAxis({QObject::tr("Correlation"), QStringLiteral("–"), AxisScale::Linear});
    plot.addSeries(QObject::tr("CSAC (shape)"), pair.frequencyHz, pair.csac,
                   {PlotView::paletteColor(0), 1.5, false});
    plot.addSeries(QObject::tr("CSF (level)"), pair.frequencyHz, pair.csf,
                   {PlotView::paletteColor(1), 1.5, false});
}

void drawFdac(HeatMap& map, const crossval::CrossvalPair& pair)
{
    const auto& f = pair.fdac;
    map.setData(f.values,
                frequencyAxis(QObject::tr("Candidate frequency [Hz]"),
                              QStringLiteral("candidate_frequency_hz"), f.frequencyHz),
                frequencyAxis(QObject::tr("Reference frequency [Hz]"),
                              QStringLiteral("reference_frequency_hz"), f.frequencyHz),
                pair.signatureBasis == crossval::CorrelationBasis::Complex ? -1.0 : 0.0, 1.0);
}

void drawMac(HeatMap& map, const crossval::CrossvalPair& pair)
{
    drawMacMatrix(map, pair.macMatrix,
                  modeAxis(QObject::tr("Candidate mode (%1)").arg(QString::fromStdString(pair.candidate)),
                           QStringLiteral("candidate_frequency_hz"), pair.candidateModes.frequenciesHz),
                  modeAxis(QObject::tr("Reference mode"), QStringLiteral("reference_frequency_hz"),
                           pair.referenceModes.frequenciesHz));
}

void drawInterlab(PlotView& plot, const crossval::InterlabResult& result)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Frequency"), QStringLiteral("Hz"), AxisScale::Linear});
    plot.setYAxis({QObject::tr("|H|"), QStringLiteral("dB, each record's reference"),
                   AxisScale::Linear});
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    int colour = 0;
    // The measurements, and the models when the spread includes them (dashed).
    auto draw = [&](const crossval::InterlabCurve& c, bool measured) {
        if (c.floor != result.floor)
            return;
        for (double v : c.magnitudeDb)
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        plot.addSeries(QString::fromStdString(c.datasetId + " (" + c.quantity + ")"),
                       c.frequencyHz, c.magnitudeDb,
                       {PlotView::paletteColor(colour++), 1.5, !measured});
    };
    const auto& sources = result.spreadSources;
    for (const crossval::InterlabRigResult& rig : result.rigs) {
        for (const crossval::InterlabCurve& c : rig.measured)
            draw(c, true);
        for (const crossval::InterlabCurve& c : rig.model)
            if (std::find(sources.begin(), sources.end(), c.datasetId) != sources.end())
                draw(c, false);
    }
    if (!(lo < hi))
        return;
    // One band and one mean line for all modes (gaps between modes): a short legend.
    std::vector<double> bandX, bandLo, bandHi, meanX, meanY;
    for (const crossval::ModeSpread& s : result.spread) {
        if (!std::isfinite(s.meanHz))
            continue;
        if (!bandX.empty()) {
            for (auto* v : {&bandX, &bandLo, &bandHi, &meanX, &meanY})
                v->push_back(PlotView::gap);
        }
        bandX.insert(bandX.end(), {s.minHz, s.maxHz});
        bandLo.insert(bandLo.end(), {lo, lo});
        bandHi.insert(bandHi.end(), {hi, hi});
        meanX.insert(meanX.end(), {s.meanHz, s.meanHz});
        meanY.insert(meanY.end(), {lo, hi});
    }
    if (bandX.empty())
        return;
    plot.addBand(QObject::tr("natural-frequency range"), std::move(bandX), std::move(bandLo),
                 std::move(bandHi), QColor(120, 120, 120));
    plot.addSeries(QObject::tr("mean"), std::move(meanX), std::move(meanY),
                   {QColor(60, 60, 60), 1.0, true});
}

void drawViewPanel(PlotView& plot, const crossval::ViewPanel& panel)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setTitle(QString::fromStdString(panel.title));
    plot.setXAxis({QObject::tr("Frequency"), QStringLiteral("Hz"), AxisScale::Linear});
    plot.setYAxis({QObject::tr("|H|"), QStringLiteral("dB"), AxisScale::Linear});
    int colour = 0;
    for (const crossval::ViewTrace& t : panel.traces)
        plot.addSeries(QString::fromStdString(t.name), t.frequencyHz, t.magnitudeDb,
                       {PlotView::paletteColor(colour++), t.markers ? 0.8 : 1.5, !t.measured,
                        t.markers});
}

} // namespace dtop::widgets
