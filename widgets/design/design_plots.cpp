// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/design/design_plots.h"

#include "widgets/heat_map.h"
#include "widgets/plot_view.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dtop::widgets {

namespace {

constexpr double kGap = PlotView::gap;
const QColor kGrey(90, 90, 90);
const QColor kRed(200, 30, 30);

// Bars from 0 to values[k] centred at k + offset, width `width`: one band with gaps.
void addBars(PlotView& plot, const QString& name, const std::vector<double>& values,
             double offset, double width, const QColor& color)
{
    std::vector<double> x, lower, upper;
    for (std::size_t k = 0; k < values.size(); ++k) {
        const double c = static_cast<double>(k) + offset;
        x.insert(x.end(), {c - width / 2, c + width / 2, c + width / 2});
        lower.insert(lower.end(), {0.0, 0.0, kGap});
        upper.insert(upper.end(), {values[k], values[k], kGap});
    }
    plot.addBand(name, std::move(x), std::move(lower), std::move(upper), color);
}

// Vertical error bars [low[k], high[k]] at k + offset: one series with gaps.
void addErrorBars(PlotView& plot, const QString& name, const std::vector<double>& low,
                  const std::vector<double>& high, double offset, const QColor& color)
{
    std::vector<double> x, y;
    for (std::size_t k = 0; k < low.size(); ++k) {
        const double c = static_cast<double>(k) + offset;
        x.insert(x.end(), {c, c, c});
        y.insert(y.end(), {low[k], high[k], kGap});
    }
    plot.addSeries(name, std::move(x), std::move(y), {color, 1.5, false});
}

// A vertical line at x from y0 to y1.
void addVertical(PlotView& plot, const QString& name, double x, double y0, double y1,
                 const QColor& color)
{
    plot.addSeries(name, {x, x}, {y0, y1}, {color, 1.2, true});
}

std::vector<QString> names(const std::vector<std::string>& v)
{
    std::vector<QString> out;
    for (const auto& s : v)
        out.push_back(QString::fromStdString(s));
    return out;
}

} // namespace

void drawDistribution(PlotView& plot, const design::DesignResult& r, std::size_t output)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    if (output >= r.outputs.size())
        return;
    const design::OutputSummary& o = r.outputs[output];
    const QString unit = QString::fromStdString(o.unit);
    plot.setXAxis({QString::fromStdString(o.name), unit});
    plot.setYAxis({QObject::tr("Probability density"), QStringLiteral("1/") + unit});
    const design::Histogram& h = o.statistics.histogram;
    double peak = 0.0;
    if (h.edges.size() == h.density.size() + 1 && !h.density.empty()) {
        std::vector<double> x, y;
        for (std::size_t b = 0; b < h.density.size(); ++b) {
            x.insert(x.end(), {h.edges[b], h.edges[b + 1]});
            y.insert(y.end(), {h.density[b], h.density[b]});
            peak = std::max(peak, h.density[b]);
        }
        plot.addSeries(QObject::tr("histogram (N = %1)").arg(o.statistics.samples), std::move(x),
                       std::move(y), {QColor(150, 150, 150), 1.0, false});
    }
    const design::KernelDensity& kde = o.statistics.kde;
    if (!kde.x.empty()) {
        plot.addSeries(QObject::tr("KDE (bandwidth %1 %2)").arg(kde.bandwidth, 0, 'g', 3).arg(unit),
                       kde.x, kde.density, {PlotView::paletteColor(0), 2.0, false});
        peak = std::max(peak, *std::max_element(kde.density.begin(), kde.density.end()));
    }
    addVertical(plot, QObject::tr("nominal %1 %2").arg(o.nominal, 0, 'g', 5).arg(unit), o.nominal,
                0.0, peak, kGrey);
    addVertical(plot, QObject::tr("mean %1 %2").arg(o.statistics.mean, 0, 'g', 5).arg(unit),
                o.statistics.mean, 0.0, peak, PlotView::paletteColor(1));
    if (r.probability.computed && r.probability.output == o.name)
        addVertical(plot, QObject::tr("threshold t = %1 %2").arg(r.probability.threshold, 0, 'g', 5).arg(unit),
                    r.probability.threshold, 0.0, peak, kRed);
}

void drawNominalFrf(PlotView& plot, const design::NominalResponse& n)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Frequency"), QStringLiteral("Hz")});
    plot.setYAxis({QObject::tr("|X|"), QStringLiteral("m"), AxisScale::Decibel});
    double lo = 0.0, hi = 0.0;
    bool first = true;
    for (std::size_t f = 0; f < n.floorsAbs.size(); ++f) {
        for (double v : n.floorsAbs[f])
            if (v > 0.0 && std::isfinite(v)) {
                lo = first ? v : std::min(lo, v);
                hi = first ? v : std::max(hi, v);
                first = false;
            }
        plot.addSeries(QObject::tr("floor %1").arg(f + 1), n.frequencyHz, n.floorsAbs[f]);
    }
    if (first)
        return;
    lo = std::max(lo, hi * 1e-5); // inside the plot's default dynamic range
    addVertical(plot, QObject::tr("analysis %1 Hz").arg(n.analysisFrequencyHz, 0, 'g', 4),
                n.analysisFrequencyHz, lo, hi, kRed);
    for (std::size_t k = 0; k < n.naturalFrequenciesHz.size(); ++k)
        addVertical(plot, QObject::tr("f%1 = %2 Hz").arg(k + 1).arg(n.naturalFrequenciesHz[k], 0, 'f', 3),
                    n.naturalFrequenciesHz[k], lo, hi, kGrey);
}

void drawSobolBars(PlotView& plot, const design::SobolOutputResult& s)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    std::vector<std::string> labels;
    std::vector<double> first, total, firstLo, firstHi, totalLo, totalHi;
    for (const auto& i : s.inputs) {
        if (!i.random)
            continue;
        labels.push_back(i.input);
        first.push_back(i.first);
        total.push_back(i.total);
        firstLo.push_back(i.firstLow);
        firstHi.push_back(i.firstHigh);
        totalLo.push_back(i.totalLow);
        totalHi.push_back(i.totalHigh);
    }
    AxisSpec x{QObject::tr("Input"), QString()};
    x.categories = names(labels);
    plot.setXAxis(x);
    plot.setYAxis({QObject::tr("Sobol' index"), QStringLiteral("–")});
    if (labels.empty())
        return;
    const QColor cf = PlotView::paletteColor(0), ct = PlotView::paletteColor(1);
    addBars(plot, QObject::tr("first order S_i (sum %1)").arg(s.sumFirst, 0, 'f', 3), first, -0.2,
            0.36, cf);
    addBars(plot, QObject::tr("total effect ST_i"), total, 0.2, 0.36, ct);
    addErrorBars(plot, QObject::tr("95 % CI of S_i"), firstLo, firstHi, -0.2, cf.darker(150));
    addErrorBars(plot, QObject::tr("95 % CI of ST_i"), totalLo, totalHi, 0.2, ct.darker(150));
    plot.setXRange(-0.7, static_cast<double>(labels.size()) - 0.3);
}

void drawSobolConvergence(PlotView& plot, const design::SobolOutputResult& s)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Base rows N_s"), QStringLiteral("rows"), AxisScale::Log});
    plot.setYAxis({QObject::tr("Sobol' index"), QStringLiteral("–")});
    const auto& c = s.convergence;
    if (c.rows.empty())
        return;
    // The five inputs with the largest total index.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < s.inputs.size() && i < c.total.size(); ++i)
        if (s.inputs[i].random)
            order.push_back(i);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return s.inputs[a].total > s.inputs[b].total; });
    if (order.size() > 5)
        order.resize(5);
    const std::vector<double> rows(c.rows.begin(), c.rows.end());
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t i = order[k];
        const QColor color = PlotView::paletteColor(static_cast<int>(k));
        const QString name = QString::fromStdString(s.inputs[i].input);
        plot.addSeries(QObject::tr("ST %1").arg(name), rows, c.total[i], {color, 2.0, false});
        plot.addSeries(QObject::tr("S %1").arg(name), rows, c.first[i], {color, 1.2, true});
    }
}

void drawFisherEigenvalues(PlotView& plot, const design::FisherResult& f)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    AxisSpec axis{QObject::tr("Eigenvalue index k"), QString()};
    for (std::size_t j = 0; j < f.eigenvaluesScaled.size(); ++j)
        axis.categories.push_back(QString::number(j + 1));
    plot.setXAxis(axis);
    plot.setYAxis({QObject::tr("λ̃_k"), QStringLiteral("–"), AxisScale::Log}); // scaled: the title says
    if (f.eigenvaluesScaled.empty())
        return;
    // The log axis shows the positive eigenvalues (the rest are estimation noise around 0).
    std::vector<double> k, v, x, y, kh, vh;
    for (std::size_t j = 0; j < f.eigenvaluesScaled.size(); ++j) {
        const double value = f.eigenvaluesScaled[j];
        if (value > 0.0) {
            k.push_back(static_cast<double>(j)); // category j is eigenvalue j + 1
            v.push_back(value);
            if (j < f.eigenvalueStdErrors.size()) {
                const double e = 2.0 * f.eigenvalueStdErrors[j];
                x.insert(x.end(), {k.back(), k.back(), k.back()});
                y.insert(y.end(), {value - e > 0.0 ? value - e : value * 1e-2, value + e, kGap});
            }
        }
        if (j < f.halfSampleEigenvalues.size() && f.halfSampleEigenvalues[j] > 0.0) {
            kh.push_back(static_cast<double>(j));
            vh.push_back(f.halfSampleEigenvalues[j]);
        }
    }
    const double last = static_cast<double>(f.eigenvaluesScaled.size()) - 0.5;
    plot.addSeries(QObject::tr("λ̃_k"), std::move(k), std::move(v),
                   {PlotView::paletteColor(0), 1.5, false, true});
    if (!x.empty())
        plot.addSeries(QObject::tr("±2 s.e."), std::move(x), std::move(y),
                       {PlotView::paletteColor(0).darker(150), 1.5, false});
    if (!kh.empty())
        plot.addSeries(QObject::tr("N/2"), std::move(kh), std::move(vh),
                       {PlotView::paletteColor(1), 1.0, false, true});
    plot.setXRange(-0.5, last);
}

void drawFisherConvergence(PlotView& plot, const design::FisherResult& f)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    plot.setXAxis({QObject::tr("Partition cells"), QString(), AxisScale::Log});
    plot.setYAxis({QObject::tr("λ̃_k"), QStringLiteral("–"), AxisScale::Log}); // scaled: the title says
    if (f.levels.empty())
        return;
    std::vector<const design::FisherLevel*> levels;
    for (const auto& L : f.levels)
        levels.push_back(&L);
    std::sort(levels.begin(), levels.end(), [](auto* a, auto* b) { return a->cells < b->cells; });
    const std::size_t shown = std::max<std::size_t>(1, std::min<std::size_t>(f.leading, 4));
    for (std::size_t k = 0; k < shown; ++k) {
        std::vector<double> x, y;
        for (const auto* L : levels)
            if (k < L->eigenvaluesScaled.size()) {
                x.push_back(static_cast<double>(L->cells));
                y.push_back(L->eigenvaluesScaled[k]);
            }
        plot.addSeries(QObject::tr("λ̃_%1").arg(k + 1), std::move(x), std::move(y),
                       {PlotView::paletteColor(static_cast<int>(k)), 1.8, false});
        if (k < f.halfSampleEigenvalues.size())
            plot.addSeries(QObject::tr("λ̃_%1, half sample").arg(k + 1),
                           {static_cast<double>(f.cells)}, {f.halfSampleEigenvalues[k]},
                           {PlotView::paletteColor(static_cast<int>(k)), 1.0, false, true});
    }
}

void drawProbabilityGradient(PlotView& plot, const std::vector<design::ParameterInfo>& parameters,
                             const design::ProbabilityResult& P)
{
    PlotView::UpdateBatch batch(plot);
    plot.clear();
    std::vector<std::string> labels;
    for (const auto& p : parameters)
        labels.push_back(p.name);
    AxisSpec x{QObject::tr("Distribution parameter b_j"), QString()};
    x.categories = names(labels);
    plot.setXAxis(x);
    plot.setYAxis({QObject::tr("Scaled gradient b_j·∂P/∂b_j"), QStringLiteral("–")});
    if (!P.computed || P.gradientScaled.size() != labels.size())
        return;
    addBars(plot, QObject::tr("b_j·∂P/∂b_j"), P.gradientScaled, 0.0, 0.6, PlotView::paletteColor(0));
    if (P.gradientStdError.size() == labels.size()) {
        std::vector<double> lo, hi;
        for (std::size_t j = 0; j < labels.size(); ++j) {
            lo.push_back(P.gradientScaled[j] - 2.0 * P.gradientStdError[j]);
            hi.push_back(P.gradientScaled[j] + 2.0 * P.gradientStdError[j]);
        }
        addErrorBars(plot, QObject::tr("±2 standard errors"), lo, hi, 0.0, kGrey);
    }
    if (P.boundScaled.size() == labels.size()) {
        std::vector<double> bx, by;
        for (std::size_t j = 0; j < labels.size(); ++j) {
            bx.insert(bx.end(), {static_cast<double>(j), static_cast<double>(j)});
            by.insert(by.end(), {-P.boundScaled[j], P.boundScaled[j]});
        }
        plot.addSeries(QObject::tr("information bound ±√(P(1−P)F̃_jj)"), std::move(bx),
                       std::move(by), {kRed, 1.0, false, true});
    }
    plot.setXRange(-0.7, static_cast<double>(labels.size()) - 0.3);
}

void drawFisherHeatMap(HeatMap& map, const std::vector<design::ParameterInfo>& parameters,
                       const design::FisherResult& fisher, bool correlationForm)
{
    const auto n = static_cast<Eigen::Index>(parameters.size());
    if (!fisher.computed || fisher.matrixScaled.rows() != n || fisher.correlation.rows() != n ||
        n == 0) {
        map.clear();
        return;
    }
    HeatMap::Axis axis{QObject::tr("Parameter"), QStringLiteral("parameter"), {}, {}};
    for (Eigen::Index j = 0; j < n; ++j) {
        axis.labels << QString::fromStdString(parameters[static_cast<std::size_t>(j)].name);
        axis.values.push_back(static_cast<double>(j + 1));
    }
    std::vector<std::vector<double>> values(static_cast<std::size_t>(n));
    double largest = 0.0;
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) {
            const double f = fisher.matrixScaled(i, j);
            const double v = correlationForm ? fisher.correlation(i, j)
                                             : std::copysign(std::log10(1.0 + std::abs(f)), f);
            values[static_cast<std::size_t>(i)].push_back(v);
            largest = std::max(largest, std::abs(v));
        }
    const double top = correlationForm ? 1.0 : std::max(largest, 1e-12);
    map.setData(std::move(values), axis, axis, -top, top);
}

} // namespace dtop::widgets
