// SPDX-License-Identifier: GPL-3.0-or-later
// The uncertainty panel's drawing: three floors of method bands and parameter importance on the
// default case's adaptive grid, redrawn and repainted (offscreen) when the magnitude axis
// changes. The analysis itself is timed by bench_uncertainty.cpp.
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "widgets/uncertainty/uncertainty_panel.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>

#include <memory>

using namespace dtop;

static void BM_UncertaintyPanelRedraw(benchmark::State& state)
{
    models::ActiveProfile active;
    active.setProfile(*model::preset("full-scale"), 0, false);
    models::WorkspaceSession session;
    widgets::PanelContext context{active, session};
    auto panel = std::make_unique<widgets::UncertaintyPanel>(context);
    panel->applyInput({{"methods", {"sampled", "vertex", "optimised"}}, {"percentile_band", true}});
    panel->finishPendingWork(); // the default case's inner methods, 1469 frequencies
    panel->resize(1020, 740);
    panel->show();
    QCoreApplication::processEvents();
    int i = 0;
    for (auto _ : state) {
        panel->applyInput({{"magnitude_scale", (i++ % 2) ? "log" : "db"}});
        panel->repaint();
    }
}
BENCHMARK(BM_UncertaintyPanelRedraw)->Unit(benchmark::kMillisecond);
