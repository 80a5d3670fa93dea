// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/simulate/floor_plots.h"

#include "widgets/plot_link.h"
#include "widgets/plot_view.h"

#include <QScrollArea>
#include <QVBoxLayout>

namespace dtop::widgets {

namespace {
// Title, legend and axes take about 110 px of it: the curves get the rest.
constexpr int kMinimumPlotHeight = 220;
}

FloorPlots::FloorPlots(QWidget* parent) : QWidget(parent)
{
    auto* inner = new QWidget;
    m_layout = new QVBoxLayout(inner);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

void FloorPlots::setFloors(int floors)
{
    if (floors == this->floors())
        return;
    qDeleteAll(m_plots);
    m_plots.clear();
    for (int f = 1; f <= floors; ++f) {
        auto* plot = new PlotView;
        plot->setMinimumPlotHeight(kMinimumPlotHeight);
        m_plots.append(plot);
    }
    for (int f = floors; f >= 1; --f)
        m_layout->addWidget(m_plots[f - 1], 1);
    // The floors are stacked on one time or frequency axis: they zoom together.
    linkXAxes(std::vector<PlotView*>(m_plots.begin(), m_plots.end()));
}

PlotView* FloorPlots::plot(int floor) const
{
    return floor >= 1 && floor <= floors() ? m_plots[floor - 1] : nullptr;
}

void FloorPlots::clear()
{
    for (PlotView* p : m_plots)
        p->clear();
}

} // namespace dtop::widgets
