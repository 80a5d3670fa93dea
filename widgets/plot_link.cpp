// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/plot_link.h"

#include "widgets/plot_view.h"

namespace dtop::widgets {

void linkXAxes(const std::vector<PlotView*>& plots)
{
    for (PlotView* from : plots)
        for (PlotView* to : plots)
            if (from != to)
                // showXRange() emits nothing, so the plots do not echo each other.
                QObject::connect(from, &PlotView::xRangeChangedByUser, to,
                                 &PlotView::showXRange);
}

} // namespace dtop::widgets
