// SPDX-License-Identifier: GPL-3.0-or-later
// Dragging the gain in the control panel (issue "Vibration control tool": every plot redrawn at
// >= 30 frames per second, i.e. <= 33 ms per gain change): one slider step, the design
// recomputed, every plot and the table refilled, the panel repainted (offscreen). DVF at floor
// 1 compared with the uncontrolled structure, the TMD and DVF + compensator, as in the
// panel's comparison screenshot.
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "widgets/control/control_form.h"
#include "widgets/control/control_panel.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QSlider>

#include <memory>

using namespace dtop;

static void BM_ControlPanelGainDrag(benchmark::State& state)
{
    models::ActiveProfile active;
    active.setProfile(*model::preset("southampton-design"), 0, false);
    models::WorkspaceSession session;
    widgets::PanelContext context{active, session};
    auto panel = std::make_unique<widgets::ControlPanel>(context);
    panel->applyInput({{"strategy", "dvf"}, {"gain", 2.0}, {"compare", {"none", "tmd", "dvf-ec"}}});
    panel->resize(1280, 760);
    panel->show();
    panel->finishPendingWork();
    QCoreApplication::processEvents();
    QSlider* slider = panel->form()->gainSlider();
    const int start = slider->value();
    slider->setSliderDown(true); // a drag, as the mouse holds the handle
    int step = 0;
    for (auto _ : state) {
        // Back and forth over 40 slider steps around h = 2 A·s/m (stable and unstable gains).
        const int k = step++ % 80;
        slider->setValue(start + (k < 40 ? k : 80 - k) - 20);
        panel->finishPendingWork();
        QCoreApplication::processEvents();
        panel->repaint();
    }
    slider->setSliderDown(false);
    state.counters["fps"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                               benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ControlPanelGainDrag)->Unit(benchmark::kMillisecond)->UseRealTime();
