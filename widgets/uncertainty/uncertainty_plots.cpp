// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/uncertainty/uncertainty_plots.h"

#include "dynamics/frf_quantity.h"
#include "uq/chain_model.h"

#include <algorithm>
#include <cmath>

namespace dtop::widgets {

namespace {
QString unitOf(dynamics::FrfQuantity q)
{
    return QString::fromUtf8(dynamics::frfQuantityUnit(q));
}

void setFrequencyAxis(PlotView& plot, const uq::UncertaintyResult& result)
{
    plot.setXAxis({QObject::tr("Frequency"), QObject::tr("Hz"), AxisScale::Linear});
    if (result.frequencyHz.size() >= 2)
        plot.setXRange(result.frequencyHz.front(), result.frequencyHz.back());
}

// Draw order: the widest (outer) band first so the inner ones stay visible on top of it.
constexpr uq::UqMethod kDrawOrder[] = {uq::UqMethod::Verified, uq::UqMethod::Cartesian,
                                       uq::UqMethod::Optimised, uq::UqMethod::Vertex,
                                       uq::UqMethod::Sampled};
} // namespace

QColor uqMethodColor(uq::UqMethod method)
{
    switch (method) {
    case uq::UqMethod::Verified:
        return QColor(0x6E6E6E);
    case uq::UqMethod::Optimised:
        return QColor(0x0072B2);
    case uq::UqMethod::Vertex:
        return QColor(0x009E73);
    case uq::UqMethod::Sampled:
        return QColor(0xE69F00);
    case uq::UqMethod::Cartesian:
        return QColor(0xCC79A7);
    }
    return QColor(Qt::black);
}

QColor uqParameterColor(std::size_t index, std::size_t storeys)
{
    static constexpr int hues[] = {210, 25, 140}; // m, k, c
    const auto kind = static_cast<std::size_t>(uq::parameterKind(index, storeys));
    const double t = storeys > 1 ? static_cast<double>(uq::parameterStorey(index, storeys) - 1) /
                                       static_cast<double>(storeys - 1)
                                 : 0.0;
    return QColor::fromHsv(hues[kind], 230 - static_cast<int>(120 * t), 150 + static_cast<int>(95 * t));
}

namespace {
// The sampled envelope's outermost percentile pair, if there is one to draw.
bool percentilePair(const uq::UncertaintyResult& result, const UqPlotOptions& options,
                    std::size_t& a, std::size_t& b)
{
    const auto& q = result.bands.percentiles;
    if (!options.percentileBand || !result.find(uq::UqMethod::Sampled) || q.size() < 2)
        return false;
    const auto [lo, hi] = std::minmax_element(q.begin(), q.end());
    a = static_cast<std::size_t>(lo - q.begin());
    b = static_cast<std::size_t>(hi - q.begin());
    return *hi > *lo;
}

QString percentileName(const uq::UncertaintyResult& result, std::size_t a, std::size_t b)
{
    return QObject::tr("sampled %1–%2 % band")
        .arg(result.bands.percentiles[a])
        .arg(result.bands.percentiles[b]);
}

const QColor kPercentileColor(0xD55E00);
} // namespace

std::map<QString, int> drawUqFloorBounds(PlotView& plot, const uq::UncertaintyResult& result,
                                         std::size_t floor, const UqPlotOptions& options)
{
    const PlotView::UpdateBatch batch(plot);
    std::map<QString, int> ids;
    plot.clear();
    setFrequencyAxis(plot, result);
    plot.setYAxis({QObject::tr("|H|"), unitOf(result.quantity), options.magnitudeScale});
    if (floor >= result.nominal.size())
        return ids;
    const auto& f = result.frequencyHz;
    for (uq::UqMethod method : kDrawOrder) {
        const uq::MethodBounds* m = result.find(method);
        if (!m || floor >= m->floors.size())
            continue;
        const QString name = QString::fromStdString(m->label);
        ids[name] = plot.addBand(name, f, m->floors[floor].lower, m->floors[floor].upper,
                                 uqMethodColor(method));
    }
    std::size_t a = 0, b = 0;
    if (percentilePair(result, options, a, b) && floor < result.bands.floors.size()) {
        const QString name = percentileName(result, a, b);
        ids[name] = plot.addBand(name, f, result.bands.floors[floor][a],
                                 result.bands.floors[floor][b], kPercentileColor);
    }
    const QString nominal = QObject::tr("nominal");
    ids[nominal] = plot.addSeries(nominal, f, result.nominal[floor], {QColor(Qt::black), 1.2});
    return ids;
}

std::vector<UqMethodKey::Entry> uqBoundsKey(const uq::UncertaintyResult& result,
                                            const UqPlotOptions& options)
{
    std::vector<UqMethodKey::Entry> key;
    for (uq::UqMethod method : kDrawOrder)
        if (const uq::MethodBounds* m = result.find(method))
            key.push_back({QString::fromStdString(m->label), uqMethodColor(method),
                           QString::fromStdString(m->guarantee), true});
    std::size_t a = 0, b = 0;
    if (percentilePair(result, options, a, b))
        key.push_back({percentileName(result, a, b), kPercentileColor,
                       QObject::tr("Between these percentiles of |H| over the samples, at each "
                                   "frequency"),
                       true});
    key.push_back({QObject::tr("nominal"), QColor(Qt::black),
                   QObject::tr("|H| of the active profile's own values"), false});
    return key;
}

void drawUqImportance(PlotView& plot, const uq::UncertaintyResult& result, std::size_t floor)
{
    const PlotView::UpdateBatch batch(plot);
    plot.clear();
    setFrequencyAxis(plot, result);
    plot.setYAxis({QObject::tr("Share"), QObject::tr("%"), AxisScale::Linear});
    const auto& imp = result.importance;
    if (floor >= imp.shares.size())
        return;
    const std::size_t count = result.frequencyHz.size();
    const std::size_t storeys = result.nominal.size();
    std::vector<double> below(count, 0.0);
    for (std::size_t i = 0; i < imp.shares[floor].size(); ++i) {
        std::vector<double> above(count);
        for (std::size_t w = 0; w < count; ++w) {
            const double share = imp.shares[floor][i][w];
            above[w] = below[w] + (std::isfinite(share) ? 100.0 * share : 0.0);
        }
        plot.addBand(QString::fromStdString(result.box.names[i]), result.frequencyHz, below,
                     above, uqParameterColor(i, storeys));
        below = std::move(above);
    }
}

void drawUqGap(PlotView& plot, const uq::UncertaintyResult& result, double tolerance)
{
    const PlotView::UpdateBatch batch(plot);
    plot.clear();
    setFrequencyAxis(plot, result);
    plot.setYAxis({QObject::tr("Gap, verified outer vs optimised inner"), QObject::tr("%"),
                   AxisScale::Log});
    for (std::size_t d = result.gap.size(); d-- > 0;) {
        std::vector<double> percent(result.gap[d].size());
        std::transform(result.gap[d].begin(), result.gap[d].end(), percent.begin(),
                       [](double g) { return 100.0 * g; });
        plot.addSeries(QObject::tr("floor %1").arg(d + 1), result.frequencyHz, std::move(percent),
                       {PlotView::paletteColor(static_cast<int>(d))});
    }
    if (!result.gap.empty() && result.frequencyHz.size() >= 2)
        plot.addSeries(QObject::tr("tolerance"),
                       {result.frequencyHz.front(), result.frequencyHz.back()},
                       {100.0 * tolerance, 100.0 * tolerance}, {QColor(Qt::black), 1.0, true});
}

QString uqDominantAtPeaks(const uq::UncertaintyResult& result, std::size_t floor)
{
    const auto& imp = result.importance;
    if (floor >= imp.dominant.size() || floor >= result.nominal.size())
        return {};
    QStringList parts;
    const auto& f = result.frequencyHz;
    const auto& h = result.nominal[floor];
    for (const auto& band : result.grid.bands) {
        std::size_t peak = f.size();
        for (std::size_t w = 0; w < f.size(); ++w)
            if (f[w] >= band.loHz && f[w] <= band.hiHz && (peak == f.size() || h[w] > h[peak]))
                peak = w;
        if (peak == f.size() || imp.dominant[floor][peak] < 0)
            continue;
        parts << QObject::tr("%1 at %2 Hz")
                     .arg(QString::fromStdString(
                         result.box.names[static_cast<std::size_t>(imp.dominant[floor][peak])]))
                     .arg(f[peak], 0, 'g', 3);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace dtop::widgets
