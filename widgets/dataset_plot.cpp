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
