// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/dataset_summary.h"

#include <QObject>

namespace dtop::widgets {

QString datasetDescription(const io::Dataset& dataset)
{
    const io::DatasetInfo& info = dataset.info;
    const QString floor = info.excitationFloor > 0 ? QString::number(info.excitationFloor)
                                                   : QObject::tr("unknown");
    if (dataset.isFrf())
        return QObject::tr("FRF, %1 [%2], %3 floor(s), force at floor %4, %5–%6 Hz")
            .arg(QString::fromStdString(io::frfQuantityText(info.quantity)),
                 QString::fromStdString(info.units))
            .arg(dataset.frf().channels.size())
            .arg(floor)
            .arg(info.frequencyMinHz)
            .arg(info.frequencyMaxHz);
    if (dataset.isModeShapes())
        return QObject::tr("Mode shapes: %1 mode(s), %2–%3 Hz, %4 node(s) (node k is floor k)")
            .arg(dataset.modeShapes().modes())
            .arg(info.frequencyMinHz)
            .arg(info.frequencyMaxHz)
            .arg(dataset.modeShapes().nodes.size());
    const io::TimeHistoryData& th = dataset.timeHistory();
    return QObject::tr("Time history, %1 floor(s)%2, %3 s at %4 Hz, force at floor %5")
        .arg(th.channels.size())
        .arg(th.hasForce() ? QObject::tr(" and the force") : QString())
        .arg(info.durationS)
        .arg(info.samplingRateHz)
        .arg(floor);
}

} // namespace dtop::widgets
