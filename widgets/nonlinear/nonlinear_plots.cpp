// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/nonlinear/nonlinear_plots.h"

#include "widgets/plot_view.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace dtop::widgets {

namespace {

using nonlinear::NonlinearAnalysis;
using nonlinear::NonlinearResult;

const QColor kRed(200, 30, 30);
const QColor kGrey(120, 120, 120);

double parameterOf(const NonlinearResult& r, double forceN, double frequencyRadS)
{
    return branchInForce(r) ? forceN : frequencyRadS;
}

AxisSpec parameterAxis(const NonlinearResult& r)
{
    return branchInForce(r) ? AxisSpec{QObject::tr("Force amplitude F"), QStringLiteral("N")}
                            : AxisSpec{QObject::tr("Frequency ω"), QStringLiteral("rad/s")};
}

double amplitude(const std::vector<double>& a, std::size_t floor)
{
    return floor < a.size() ? a[floor] : PlotView::gap;
}

// The branch as two series: stable parts solid, unstable parts dashed (each part includes the
// neighbouring point of the other kind, so that the two meet where stability changes).
void addBranch(PlotView& plot, const NonlinearResult& r, std::size_t floor, const QColor& color,
               const QString& name)
{
    const auto& b = r.branch;
    if (b.empty())
        return;
    std::vector<double> x, ys, yu;
    bool anyStable = false, anyUnstable = false;
    for (std::size_t i = 0; i < b.size(); ++i) {
        x.push_back(parameterOf(r, b[i].forceN, b[i].frequencyRadS));
        const double a = amplitude(b[i].amplitudeM, floor);
        const bool prevS = i > 0 && b[i - 1].stable, nextS = i + 1 < b.size() && b[i + 1].stable;
        const bool prevU = i > 0 && !b[i - 1].stable, nextU = i + 1 < b.size() && !b[i + 1].stable;
        ys.push_back(b[i].stable || (prevS && nextS) ? a : PlotView::gap);
        yu.push_back(!b[i].stable || prevU || nextU ? a : PlotView::gap);
        anyStable = anyStable || b[i].stable;
        anyUnstable = anyUnstable || !b[i].stable;
    }
    if (anyStable)
        plot.addSeries(name + QObject::tr(" stable"), x, ys, {color, 2.0, false});
    if (anyUnstable)
        plot.addSeries(name + QObject::tr(" unstable"), x, yu, {color, 1.5, true});
}

void addFolds(PlotView& plot, const NonlinearResult& r,
              const std::vector<nonlinear::FoldPoint>& folds, std::size_t floor, const QString& name, const QColor& color)
{
    if (folds.empty())
        return;
    std::vector<double> x, y;
    for (const auto& f : folds) {
        x.push_back(parameterOf(r, f.forceN, f.frequencyRadS));
        y.push_back(floor < f.amplitudesM.size() ? f.amplitudesM[floor] : f.amplitudeM);
    }
    plot.addSeries(name, x, y, {color, 2.5, false, true});
}

void addSamples(PlotView& plot, const std::vector<nonlinear::SweepSample>& s, std::size_t floor,
                const QString& name, const SeriesStyle& style)
{
    if (s.empty())
        return;
    std::vector<double> x, y;
    for (const auto& p : s) {
        x.push_back(p.parameter);
        y.push_back(amplitude(p.amplitudeM, floor));
    }
    plot.addSeries(name, x, y, style);
}

void addBackbones(PlotView& plot, const NonlinearResult& r, std::size_t floor)
{
    std::vector<double> x, y;
    int mode = 0;
    auto flush = [&] {
        if (!x.empty())
            plot.addSeries(QObject::tr("backbone %1").arg(mode), x, y,
                           {PlotView::paletteColor(3 + mode), 1.5, true});
        x.clear();
        y.clear();
    };
    for (const auto& p : r.backbone) {
        if (p.mode != mode) {
            flush();
            mode = p.mode;
        }
        x.push_back(p.frequencyRadS);
        y.push_back(amplitude(p.amplitudeM, floor));
    }
    flush();
}

// The jumps an open-loop sweep makes at each fold: from the fold, at the fold's parameter, to
// the nearest other stable part of the branch there (dotted verticals).
void addJumps(PlotView& plot, const NonlinearResult& r, std::size_t floor)
{
    const auto& b = r.branch;
    std::vector<double> x, y;
    for (const auto& f : r.folds) {
        const double p = parameterOf(r, f.forceN, f.frequencyRadS);
        const double from = floor < f.amplitudesM.size() ? f.amplitudesM[floor] : f.amplitudeM;
        double best = PlotView::gap, bestDistance = 0.0;
        for (std::size_t i = 0; i + 1 < b.size(); ++i) {
            const double p0 = parameterOf(r, b[i].forceN, b[i].frequencyRadS);
            const double p1 = parameterOf(r, b[i + 1].forceN, b[i + 1].frequencyRadS);
            if (!b[i].stable || !b[i + 1].stable || (p0 - p) * (p1 - p) > 0.0 || p0 == p1)
                continue;
            const double t = (p - p0) / (p1 - p0);
            const double a0 = amplitude(b[i].amplitudeM, floor);
            const double a = a0 + t * (amplitude(b[i + 1].amplitudeM, floor) - a0);
            const double d = std::abs(a - from);
            // Not the fold's own stable neighbour (it meets the fold), the nearest other part.
            const bool elsewhere = d > 1e-3 * std::max(std::abs(from), 1e-9);
            if (elsewhere && (std::isnan(best) || d < bestDistance)) {
                best = a;
                bestDistance = d;
            }
        }
        if (std::isnan(best))
            continue;
        x.insert(x.end(), {p, p, PlotView::gap});
        y.insert(y.end(), {from, best, PlotView::gap});
    }
    if (!x.empty())
        plot.addSeries(QObject::tr("jumps"), x, y, {kRed, 1.5, true});
}

} // namespace

bool branchInForce(const NonlinearResult& r)
{
    switch (r.analysis) {
    case NonlinearAnalysis::ForceCurve:
    case NonlinearAnalysis::Cbc:
    case NonlinearAnalysis::FoldCurve:
        return true;
    case NonlinearAnalysis::Sweep:
        return r.sweep.parameter == nonlinear::ContinuationParameter::Force;
    case NonlinearAnalysis::FrequencyCurve:
    case NonlinearAnalysis::Backbone:
        return false;
    }
    return false;
}

void drawBranch(PlotView& plot, const NonlinearResult& r, std::size_t floor)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis(parameterAxis(r));
    plot.setYAxis({QObject::tr("Amplitude of floor %1, 1st harmonic").arg(floor + 1),
                   QStringLiteral("m")});
    const QColor main = PlotView::paletteColor(0);
    switch (r.analysis) {
    case NonlinearAnalysis::Backbone:
        addBackbones(plot, r, floor);
        return;
    case NonlinearAnalysis::Sweep:
        addBranch(plot, r, floor, QColor(170, 170, 170), QObject::tr("model"));
        addSamples(plot, r.sweep.up, floor, QObject::tr("QS up"),
                   {PlotView::paletteColor(0), 2.0, false});
        addSamples(plot, r.sweep.down, floor, QObject::tr("QS down"),
                   {PlotView::paletteColor(1), 2.0, false});
        addSamples(plot, r.sweep.timeUp, floor, QObject::tr("TD up"),
                   {PlotView::paletteColor(2), 1.0, false});
        addSamples(plot, r.sweep.timeDown, floor, QObject::tr("TD down"),
                   {PlotView::paletteColor(4), 1.0, false});
        addFolds(plot, r, r.folds, floor, QObject::tr("folds"), kRed);
        return;
    case NonlinearAnalysis::Cbc: {
        addBranch(plot, r, floor, QColor(150, 150, 150), QObject::tr("model"));
        std::vector<double> x, y, xb, yb;
        for (const auto& p : r.cbc) {
            (p.converged ? x : xb).push_back(p.forceN);
            (p.converged ? y : yb).push_back(amplitude(p.amplitudeM, floor));
        }
        if (!x.empty())
            plot.addSeries(QObject::tr("CBC"), x, y, {main, 1.5, false, true});
        if (!xb.empty())
            plot.addSeries(QObject::tr("not converged"), xb, yb, {kRed, 2.0, false, true});
        addFolds(plot, r, r.folds, floor, QObject::tr("CBC fold"), PlotView::paletteColor(1));
        return;
    }
    case NonlinearAnalysis::ForceCurve:
    case NonlinearAnalysis::FrequencyCurve:
    case NonlinearAnalysis::FoldCurve:
        addBranch(plot, r, floor, main, QObject::tr("branch"));
        addBackbones(plot, r, floor);
        addJumps(plot, r, floor);
        addFolds(plot, r, r.folds, floor, QObject::tr("folds"), kRed);
        return;
    }
}

void drawFloorAmplitudes(PlotView& plot, const NonlinearResult& r)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis(parameterAxis(r));
    plot.setYAxis({QObject::tr("Amplitude, 1st harmonic"), QStringLiteral("m")});
    if (r.analysis == NonlinearAnalysis::Backbone) {
        const std::size_t floors = r.backbone.empty() ? 0 : r.backbone.front().amplitudeM.size();
        for (std::size_t f = 0; f < floors; ++f) {
            std::vector<double> x, y;
            for (const auto& p : r.backbone) {
                x.push_back(p.frequencyRadS);
                y.push_back(amplitude(p.amplitudeM, f));
            }
            plot.addSeries(QObject::tr("floor %1").arg(f + 1), x, y,
                           {PlotView::paletteColor(static_cast<int>(f)), 1.5, false});
        }
        return;
    }
    const std::size_t floors = r.branch.empty() ? 0 : r.branch.front().amplitudeM.size();
    for (std::size_t f = 0; f < floors; ++f) {
        addBranch(plot, r, f, PlotView::paletteColor(static_cast<int>(f)),
                  QObject::tr("floor %1").arg(f + 1));
        addFolds(plot, r, r.analysis == NonlinearAnalysis::Cbc ? r.modelFolds : r.folds, f,
                 QObject::tr("folds, floor %1").arg(f + 1), kRed);
    }
}

void drawOrbit(PlotView& time, PlotView& phase, const model::Profile& profile,
               const nonlinear::BranchPoint& point, std::size_t floor)
{
    PlotView::UpdateBatch b1(time), b2(phase);
    time.clear();
    phase.clear();
    time.setXAxis({QObject::tr("Time"), QStringLiteral("s")});
    time.setYAxis({QObject::tr("Displacement"), QStringLiteral("m")});
    phase.setXAxis({QObject::tr("Displacement x%1").arg(floor + 1), QStringLiteral("m")});
    phase.setYAxis({QObject::tr("Velocity ẋ%1").arg(floor + 1), QStringLiteral("m/s")});
    if (point.coefficients.empty())
        return;
    const Eigen::MatrixXd z = nonlinear::orbitTimeResponse(profile, point, 256);
    const Eigen::Index n = (z.rows() - 1) / 2;
    auto row = [&](Eigen::Index i, bool closed) {
        std::vector<double> v(z.cols());
        for (Eigen::Index k = 0; k < z.cols(); ++k)
            v[static_cast<std::size_t>(k)] = z(i, k);
        if (closed)
            v.push_back(v.front());
        return v;
    };
    std::vector<double> t = row(0, false);
    t.push_back(2.0 * std::numbers::pi / point.frequencyRadS);
    for (Eigen::Index i = 0; i < n; ++i)
        time.addSeries(QObject::tr("x%1").arg(i + 1), t, row(1 + i, true),
                       {PlotView::paletteColor(static_cast<int>(i)), 1.5, false});
    const Eigen::Index f = std::min(static_cast<Eigen::Index>(floor), n - 1);
    phase.addSeries(QObject::tr("floor %1").arg(f + 1), row(1 + f, true), row(1 + n + f, true),
                    {PlotView::paletteColor(static_cast<int>(f)), 1.5, false});
}

void drawHarmonicContent(PlotView& plot, const nonlinear::BranchPoint& point)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Harmonic order"), QStringLiteral("×ω"), AxisScale::Linear, 2.0});
    plot.setYAxis({QObject::tr("Amplitude"), QStringLiteral("m"), AxisScale::Log});
    const std::size_t n = point.amplitudeM.size();
    const auto h = static_cast<std::size_t>(point.harmonics);
    if (n == 0 || point.coefficients.size() < 2 * n * h)
        return;
    for (std::size_t f = 0; f < n; ++f) {
        std::vector<double> order, a;
        for (std::size_t j = 0; j < h; ++j) {
            order.push_back(static_cast<double>(2 * j + 1));
            a.push_back(std::hypot(point.coefficients[j * 2 * n + f],
                                   point.coefficients[j * 2 * n + n + f]));
        }
        plot.addSeries(QObject::tr("floor %1").arg(f + 1), order, a,
                       {PlotView::paletteColor(static_cast<int>(f)), 2.0, false, true});
    }
    plot.setXRange(0.0, static_cast<double>(2 * h));
}

void drawBistabilityMap(PlotView& plot, const NonlinearResult& r)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Frequency ω"), QStringLiteral("rad/s")});
    plot.setYAxis({QObject::tr("Force amplitude F"), QStringLiteral("N")});
    const auto& pts = r.foldCurve.points;
    if (pts.empty())
        return;
    std::vector<double> w, f;
    for (const auto& p : pts) {
        w.push_back(p.frequencyRadS);
        f.push_back(p.forceN);
    }
    // A margin around the curve, so that the cusp at its end is not cut by the frame.
    const auto [wMin, wMax] = std::minmax_element(w.begin(), w.end());
    const double margin = 0.04 * std::max(*wMax - *wMin, 1e-6);
    plot.setXRange(*wMin - margin, *wMax + margin);
    plot.addSeries(QObject::tr("fold curve (bistable inside)"), w, f,
                   {PlotView::paletteColor(0), 2.0, false});
    if (r.foldCurve.hasCusp)
        plot.addSeries(QObject::tr("cusp"), {r.foldCurve.cusp.frequencyRadS},
                       {r.foldCurve.cusp.forceN}, {kRed, 3.0, false, true});
    std::vector<double> fw, ff;
    for (const auto& fold : r.folds) {
        fw.push_back(fold.frequencyRadS);
        ff.push_back(fold.forceN);
    }
    if (!fw.empty())
        plot.addSeries(QObject::tr("S-curve folds at ω = %1 rad/s").arg(fw.front(), 0, 'g', 4), fw,
                       ff, {PlotView::paletteColor(1), 2.5, false, true});
}

void drawCbcErrors(PlotView& plot, const NonlinearResult& r)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Amplitude of floor 1, 1st harmonic"), QStringLiteral("m")});
    plot.setYAxis({QObject::tr("Force"), QStringLiteral("N")});
    if (r.cbc.empty())
        return;
    std::vector<double> a, err, res;
    for (const auto& p : r.cbc) {
        a.push_back(amplitude(p.amplitudeM, 0));
        err.push_back(p.errorN);
        res.push_back(p.residualControlN);
    }
    plot.addSeries(QObject::tr("CBC force − model force"), a, err,
                   {PlotView::paletteColor(0), 1.5, false});
    plot.addSeries(QObject::tr("invasive control force"), a, res,
                   {PlotView::paletteColor(1), 1.5, false});
}

void drawLegacy(PlotView& frequency, PlotView& force, const nonlinear::LegacyRun* run,
                const nonlinear::LegacyRun* reference)
{
    PlotView::UpdateBatch b1(frequency), b2(force);
    frequency.clear();
    force.clear();
    frequency.setXAxis({QObject::tr("Frequency ω"), QStringLiteral("rad/s")});
    frequency.setYAxis({QObject::tr("x₁ half p-p"), QStringLiteral("m")});
    force.setXAxis({QObject::tr("Force amplitude F"), QStringLiteral("N")});
    force.setYAxis({QObject::tr("x₁ 1st harmonic"), QStringLiteral("m")});
    auto add = [](PlotView& plot, const std::vector<std::vector<double>>& rows, const QString& name,
                  const SeriesStyle& style) {
        std::vector<double> x, y;
        for (const auto& row : rows)
            if (row.size() >= 2) {
                x.push_back(row[0]);
                y.push_back(row[1]);
            }
        if (!x.empty())
            plot.addSeries(name, x, y, style);
    };
    if (reference) {
        const QString ref = QObject::tr("file ");
        add(frequency, reference->frequencyUp, ref + QObject::tr("up"),
            {QColor(150, 150, 150), 1.5, false, true});
        add(frequency, reference->frequencyDown, ref + QObject::tr("down"),
            {QColor(90, 90, 90), 1.5, false, true});
        add(force, reference->amplitudeUp, ref + QObject::tr("up"),
            {QColor(150, 150, 150), 1.5, false, true});
        add(force, reference->amplitudeDown, ref + QObject::tr("down"),
            {QColor(90, 90, 90), 1.5, false, true});
        add(force, reference->cbc, ref + QObject::tr("CBC"),
            {QColor(230, 140, 140), 1.5, false, true});
    }
    if (run) {
        const QString mode = QObject::tr("repro ");
        add(frequency, run->frequencyUp, mode + QObject::tr("up"),
            {PlotView::paletteColor(0), 1.5, false});
        add(frequency, run->frequencyDown, mode + QObject::tr("down"),
            {PlotView::paletteColor(1), 1.5, false});
        add(force, run->amplitudeUp, mode + QObject::tr("up"),
            {PlotView::paletteColor(0), 1.5, false});
        add(force, run->amplitudeDown, mode + QObject::tr("down"),
            {PlotView::paletteColor(1), 1.5, false});
        add(force, run->cbc, mode + QObject::tr("CBC"), {kRed, 1.5, false});
    }
}

} // namespace dtop::widgets
