// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/dataset_plot.h"

#include "widgets/plot_view.h"

#include <QObject>

namespace dtop::widgets {

void plotDataset(PlotView& plot, const io::Dataset& d)
{
    plot.clear();
    plot.setTitle(QString::fromStdString(d.info.title));
    if (d.isFrf()) {
        const QString unit = d.info.quantity
                                 ? QString::fromUtf8(dynamics::frfQuantityUnit(*d.info.quantity))
                                 : QObject::tr("unit unknown");
        plot.setXAxis({QObject::tr("Frequency"), QObject::tr("Hz"), AxisScale::Linear});
        plot.setYAxis({QObject::tr("Magnitude"), unit, AxisScale::Log});
        for (const auto& c : d.frf().channels)
            plot.addSeries(QObject::tr("Floor %1").arg(c.floor), c.frequencyHz, c.magnitude,
                           {PlotView::paletteColor(c.floor - 1)});
        return;
    }
    if (d.isModeShapes()) {
        // Each mode's real part against the node label (= floor), largest entry scaled to 1.
        const io::ModeShapeData& m = d.modeShapes();
        plot.setXAxis({QObject::tr("Node (floor)"), QString(), AxisScale::Linear});
        plot.setYAxis({QObject::tr("Shape"), QObject::tr("relative"), AxisScale::Linear});
        std::vector<double> x(m.nodes.begin(), m.nodes.end());
        for (Eigen::Index r = 0; r < m.shapes.cols(); ++r) {
            const double scale = m.shapes.col(r).cwiseAbs().maxCoeff();
            std::vector<double> y;
            for (Eigen::Index i = 0; i < m.shapes.rows(); ++i)
                y.push_back(scale > 0.0 ? m.shapes(i, r).real() / scale : 0.0);
            plot.addSeries(QObject::tr("Mode %1 (%2 Hz)")
                               .arg(m.modeNumbers[static_cast<std::size_t>(r)])
                               .arg(m.frequenciesHz[static_cast<std::size_t>(r)], 0, 'g', 4),
                           x, y, {PlotView::paletteColor(static_cast<int>(r))});
        }
        return;
    }
    const auto& t = d.timeHistory();
    plot.setXAxis({QObject::tr("Time"), QObject::tr("s"), AxisScale::Linear});
    QString quantity = QString::fromLatin1(io::responseQuantityName(t.response));
    quantity[0] = quantity[0].toUpper();
    plot.setYAxis({quantity,
                   QString::fromUtf8(io::responseQuantityUnit(t.response)), AxisScale::Linear});
    for (const auto& c : t.channels)
        plot.addSeries(QObject::tr("Floor %1").arg(c.floor), t.timeS, c.values,
                       {PlotView::paletteColor(c.floor - 1)});
}

} // namespace dtop::widgets
