// SPDX-License-Identifier: GPL-3.0-or-later
// Budgets (issue "application shell"): Structure panel update after an edit <= 16 ms,
// switching tools <= 50 ms. Offscreen, so painting is included only where forced.
#include "gui/main_window.h"
#include "model/presets.h"
#include "models/active_profile.h"
#include "models/workspace_session.h"
#include "widgets/profile_editor.h"
#include "widgets/structure/structure_panel.h"

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QCoreApplication>
#include <QStandardPaths>

#include <memory>

using namespace dtop;

namespace {
// A shown Structure panel with the bundled data, as in the main window.
struct ShownStructurePanel {
    models::ActiveProfile active;
    models::WorkspaceSession session;
    widgets::PanelContext context{active, session};
    std::unique_ptr<widgets::StructurePanel> panel;

    explicit ShownStructurePanel(const nlohmann::json& input = {})
    {
        session.loadCatalogue(QString::fromLatin1(DTOP_DATA_DIR), nullptr);
        panel = std::make_unique<widgets::StructurePanel>(context);
        if (!input.empty())
            panel->applyInput(input);
        panel->resize(1000, 760);
        panel->show();
        QCoreApplication::processEvents();
    }

    void edit(int i)
    {
        panel->editor()->setFieldText("k2", QString::number(43000 + (i % 50) * 10));
        panel->repaint(); // synchronous paint of the panel and its plots
    }
};
} // namespace

// One keystroke in the k2 cell: validation, modal analysis, FRF on ~4300 frequencies, table
// and both plots updated and repainted.
static void BM_StructureEditToScreen(benchmark::State& state)
{
    ShownStructurePanel shown;
    int i = 0;
    for (auto _ : state)
        shown.edit(i++);
}
BENCHMARK(BM_StructureEditToScreen)->Unit(benchmark::kMillisecond);

// The same edit with the measured FRF overlay (4096 points per floor) drawn as well.
static void BM_StructureEditWithOverlay(benchmark::State& state)
{
    ShownStructurePanel shown(nlohmann::json{{"measured_dataset", "southampton-exp-force1"}});
    int i = 0;
    for (auto _ : state)
        shown.edit(i++);
}
BENCHMARK(BM_StructureEditWithOverlay)->Unit(benchmark::kMillisecond);

// Main window construction with the bundled data: the in-process part of a cold start.
static void BM_MainWindowStartup(benchmark::State& state)
{
    QStandardPaths::setTestModeEnabled(true);
    for (auto _ : state) {
        gui::MainWindow window({QString::fromLatin1(DTOP_DATA_DIR), QString()});
        window.show();
        QCoreApplication::processEvents();
        benchmark::DoNotOptimize(window.currentPanel());
    }
}
BENCHMARK(BM_MainWindowStartup)->Unit(benchmark::kMillisecond)->Iterations(5);

// Switching between tools whose panels exist: what the user feels on every click in the dock.
static void BM_SwitchTools(benchmark::State& state)
{
    QStandardPaths::setTestModeEnabled(true);
    gui::MainWindow window({QString::fromLatin1(DTOP_DATA_DIR), QString()});
    window.resize(1280, 800);
    window.show();
    const QStringList ids{QStringLiteral("structure"), QStringLiteral("simulate"),
                          QStringLiteral("uncertainty")};
    for (const QString& id : ids)
        window.showTool(id); // create each panel once
    QCoreApplication::processEvents();
    int i = 0;
    for (auto _ : state) {
        window.showTool(ids[i++ % ids.size()]);
        window.repaint();
    }
}
BENCHMARK(BM_SwitchTools)->Unit(benchmark::kMillisecond);

// Opening a tool for the first time: its panel is built (its first analysis runs off-thread).
static void BM_FirstOpenTool(benchmark::State& state)
{
    QStandardPaths::setTestModeEnabled(true);
    const QString id = state.range(0) == 0 ? QStringLiteral("simulate") : QStringLiteral("uncertainty");
    for (auto _ : state) {
        state.PauseTiming();
        gui::MainWindow window({QString::fromLatin1(DTOP_DATA_DIR), QString()});
        window.resize(1280, 800);
        window.show();
        QCoreApplication::processEvents();
        state.ResumeTiming();
        window.showTool(id);
        window.repaint();
    }
}
BENCHMARK(BM_FirstOpenTool)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(5);
