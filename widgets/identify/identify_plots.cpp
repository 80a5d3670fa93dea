// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/identify/identify_plots.h"

#include "identification/eigen_index.h"
#include "widgets/plot_view.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace dtop::widgets {

using identification::IdentifyResult;
using identification::ix;
using identification::PoleStability;

namespace {

struct PoleClass {
    PoleStability stability;
    const char* name;
    QColor color;
};

const PoleClass kClasses[] = {
    {PoleStability::New, "o new pole", QColor(170, 170, 170)},
    {PoleStability::Frequency, "f stable frequency", QColor(230, 159, 0)},
    {PoleStability::FrequencyDamping, "d frequency + damping", QColor(86, 180, 233)},
    {PoleStability::FrequencyVector, "v frequency + shape", QColor(0, 158, 115)},
    {PoleStability::Stable, "s all stable", QColor(0, 80, 160)},
};

const QColor kPicked(213, 94, 0);

// The mobility of `h` (in `quantity`) at f: H · jω / (jω)^q.
std::complex<double> mobility(std::complex<double> h, dynamics::FrfQuantity quantity, double fHz)
{
    const double w = 2.0 * std::numbers::pi * fHz;
    return h * std::complex<double>(0.0, w) / identification::receptanceFactor(quantity, w);
}

} // namespace

bool isPoleSeries(const QString& series)
{
    for (const auto& c : kClasses)
        if (series == QObject::tr(c.name))
            return true;
    return series == QObject::tr("picked poles");
}

void drawStabilisation(PlotView& plot, const IdentifyResult& r)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Frequency"), QStringLiteral("Hz")});
    plot.setYAxis({QObject::tr("Model order"), QString()});
    const auto& d = r.diagram;
    if (d.orders.empty())
        return;
    const double lo = d.orders.front(), hi = d.orders.back();
    // Modal indicator, log-scaled onto [lo, hi] of the order axis.
    double iMin = HUGE_VAL, iMax = 0.0;
    for (double v : d.indicator)
        if (v > 0.0) {
            iMin = std::min(iMin, v);
            iMax = std::max(iMax, v);
        }
    if (iMax > iMin) {
        std::vector<double> y;
        for (double v : d.indicator)
            y.push_back(v > 0.0 ? lo + (hi - lo) * std::log(v / iMin) / std::log(iMax / iMin)
                                : PlotView::gap);
        plot.addSeries(QObject::tr("Σ|H|/rms (log, scaled)"), d.frequencyHz, y,
                       {QColor(120, 120, 120), 1.0, false});
    }
    // Poles in diagram order (by order, then frequency): not ascending in x, so every point is
    // drawn (no decimation).
    for (const auto& c : kClasses) {
        std::vector<double> f, order;
        for (const auto& p : d.poles)
            if (p.stability == c.stability) {
                f.push_back(p.frequencyHz());
                order.push_back(p.order);
            }
        if (!f.empty())
            plot.addSeries(QObject::tr(c.name), f, order, {c.color, 1.5, false, true});
    }
    std::vector<double> f, order;
    for (const auto& p : r.picked) {
        f.push_back(p.pole.naturalFrequencyHz());
        order.push_back(p.order);
    }
    if (!f.empty())
        plot.addSeries(QObject::tr("picked poles"), f, order, {kPicked, 4.0, false, true});
}

void drawResynthesis(PlotView& plot, const IdentifyResult& r)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    const auto& b = r.measured;
    plot.setXAxis({QObject::tr("Frequency"), QStringLiteral("Hz")});
    plot.setYAxis({QObject::tr("|H|"), QString::fromUtf8(dynamics::frfQuantityUnit(b.quantity)),
                   AxisScale::Decibel});
    for (std::size_t o = 0; o < b.responses(); ++o) {
        const QColor c = PlotView::paletteColor(static_cast<int>(o));
        std::vector<double> measured, model;
        for (std::size_t k = 0; k < b.lines(); ++k)
            measured.push_back(std::abs(b.h(ix(k), ix(o))));
        plot.addSeries(QObject::tr("floor %1").arg(b.floors[o]), b.frequencyHz, measured,
                       {c, 1.0, false});
        if (r.fit.synthesised.rows() == ix(b.lines()) && r.fit.synthesised.cols() > ix(o)) {
            for (std::size_t k = 0; k < b.lines(); ++k)
                model.push_back(std::abs(r.fit.synthesised(ix(k), ix(o))));
            const double e = o < r.resynthesisError.size() ? r.resynthesisError[o] : NAN;
            plot.addSeries(QObject::tr("model %1: %2 %")
                               .arg(b.floors[o])
                               .arg(100.0 * e, 0, 'f', 1),
                           b.frequencyHz, model, {c, 2.0, true});
        }
    }
}

void drawModeNyquist(PlotView& plot, const IdentifyResult& r, std::size_t mode)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Re Y"), QStringLiteral("(m/s)/N")});
    plot.setYAxis({QObject::tr("Im Y"), QStringLiteral("(m/s)/N")});
    if (mode >= r.modes.size())
        return;
    const auto& b = r.measured;
    const double fr = r.modes[mode].frequencyHz;
    const double zeta = r.modes[mode].dampingRatio;
    // The circle fit of this mode, if it ran: the one whose window is centred nearest.
    std::optional<std::size_t> circle;
    for (std::size_t m = 0; m < r.circle.peakFrequencyHz.size(); ++m)
        if (std::abs(r.circle.peakFrequencyHz[m] - fr) <= 0.02 * fr &&
            (!circle || std::abs(r.circle.peakFrequencyHz[m] - fr) <
                            std::abs(r.circle.peakFrequencyHz[*circle] - fr)))
            circle = m;
    double wLo = fr * (1.0 - 6.0 * zeta), wHi = fr * (1.0 + 6.0 * zeta);
    if (circle && !r.circle.fits[*circle].empty() &&
        !r.circle.fits[*circle].front().frequencyHz.empty()) {
        wLo = r.circle.fits[*circle].front().frequencyHz.front();
        wHi = r.circle.fits[*circle].front().frequencyHz.back();
    }
    // The model on a fine grid: a mode of ζ ≈ 0.2 % spans only a few measured lines.
    std::vector<double> fine;
    for (int k = 0; k <= 400; ++k)
        fine.push_back(wLo + (wHi - wLo) * k / 400.0);
    const bool model = !r.fit.poles.empty() && r.fit.residues.rows() == ix(b.responses());
    const Eigen::MatrixXcd synthesised =
        model ? identification::synthesise(r.fit, b.quantity, fine) : Eigen::MatrixXcd();
    for (std::size_t o = 0; o < b.responses(); ++o) {
        const QColor c = PlotView::paletteColor(static_cast<int>(o));
        std::vector<double> re, im, mre, mim;
        for (std::size_t k = 0; k < b.lines(); ++k) {
            const double f = b.frequencyHz[k];
            if (f < wLo || f > wHi)
                continue;
            const auto y = mobility(b.h(ix(k), ix(o)), b.quantity, f);
            re.push_back(y.real());
            im.push_back(y.imag());
        }
        for (std::size_t k = 0; model && k < fine.size(); ++k) {
            const auto s = mobility(synthesised(ix(k), ix(o)), b.quantity, fine[k]);
            mre.push_back(s.real());
            mim.push_back(s.imag());
        }
        plot.addSeries(QObject::tr("floor %1").arg(b.floors[o]), re, im,
                       {c, 1.5, false, true});
        if (!mre.empty())
            plot.addSeries(QObject::tr("model %1").arg(b.floors[o]), mre, mim,
                           {c, 1.5, false});
        if (circle)
            for (const auto& fit : r.circle.fits[*circle])
                if (fit.response == o && fit.valid) {
                    std::vector<double> cx, cy;
                    for (int k = 0; k <= 120; ++k) {
                        const double t = 2.0 * std::numbers::pi * k / 120.0;
                        cx.push_back(fit.circle.centre.real() + fit.circle.radius * std::cos(t));
                        cy.push_back(fit.circle.centre.imag() + fit.circle.radius * std::sin(t));
                    }
                    plot.addSeries(QObject::tr("circle %1").arg(b.floors[o]), cx, cy,
                                   {c, 1.0, true});
                }
    }
}

void drawUpdateHistory(PlotView& plot, const std::optional<identification::UpdateResult>& u)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Iteration"), QString(), AxisScale::Linear, 1.0});
    plot.setYAxis({QObject::tr("Objective J"), QString(), AxisScale::Log});
    if (!u)
        return;
    std::vector<double> it, j;
    for (const auto& h : u->history) {
        it.push_back(h.iteration);
        j.push_back(h.objective);
    }
    plot.addSeries(QObject::tr("objective"), it, j, {PlotView::paletteColor(0), 1.5, false});
    plot.addSeries(QObject::tr("objective (iterations)"), it, j,
                   {PlotView::paletteColor(0), 1.5, false, true});
}

void drawReplay(PlotView& plot, const std::optional<identification::ReplayComparison>& c)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Floor"), QString(), AxisScale::Linear, 1.0});
    plot.setYAxis({QObject::tr("Velocity NRMSE"), QString(), AxisScale::Log});
    if (!c)
        return;
    std::vector<double> floors;
    for (std::size_t i = 0; i < c->nrmseBefore.size(); ++i)
        floors.push_back(double(i + 1));
    plot.addSeries(QObject::tr("before updating (mean %1)").arg(c->meanBefore, 0, 'g', 3), floors,
                   c->nrmseBefore, {QColor(200, 30, 30), 2.0, true});
    plot.addSeries(QObject::tr("after updating (mean %1)").arg(c->meanAfter, 0, 'g', 3), floors,
                   c->nrmseAfter, {QColor(0, 120, 60), 2.0, false});
}

} // namespace dtop::widgets
