// SPDX-License-Identifier: GPL-3.0-or-later
// The shared lifecycle of analysis panels, on a panel whose analysis the test drives step by
// step: nothing here waits for a while, every wait is for an event.
#include "common/progress.h"
#include "io/workspace.h"
#include "models/analysis_runner.h"
#include "models/workspace_session.h"
#include "widgets/analysis_panel.h"

#include "panel_test_context.h"

#include <catch2/catch.hpp>

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QVBoxLayout>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace dtop;
using test::waitFor;

namespace {

// What the fake analysis' worker does, step by step, as the test allows.
struct Gate {
    std::atomic<int> allowed{0};  // steps the worker may take
    std::atomic<int> reached{0};  // steps it has taken
    std::atomic<bool> started{false};

    void waitFor(int step, Progress& progress)
    {
        while (allowed.load() < step) {
            progress.checkCancelled();
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        reached = step;
    }
};

// A panel with one integer input `x` (valid when >= 0). Its analysis reports stage "first",
// shows a partial result 10·x, reports stage "second", and returns 100·x; each step waits for
// the test to allow it.
class FakePanel : public widgets::AnalysisPanel {
public:
    explicit FakePanel(widgets::PanelContext& context)
        : AnalysisPanel(context, texts(), nullptr)
    {
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(staleBanner());
        addRunControls(layout, true);
        inputsChanged();
    }

    QString toolId() const override { return QStringLiteral("fake"); }
    QList<NamedPlot> plots() const override { return {}; }
    nlohmann::json reportInput() const override { return {{"x", x}}; }
    nlohmann::json reportResult() const override { return {{"shown", shown}}; }
    void applyInput(const nlohmann::json&) override {}

    void setX(int value)
    {
        x = value;
        inputsChanged();
    }

    int x = 1;
    int shown = -1;          // the value on screen
    bool shownStale = false; // isStale() when it was drawn
    std::vector<int> drawn;  // every value drawn, in order
    std::shared_ptr<Gate> gate = std::make_shared<Gate>();
    std::shared_ptr<Gate> lastGate; // the gate of the last run started

protected:
    std::optional<Run> prepareRun(InputIssues& issues) override
    {
        if (x < 0) {
            issues.push_back({"x", "x must be >= 0, got " + std::to_string(x)});
            return std::nullopt;
        }
        const int value = x;
        auto g = gate;
        Run run;
        run.input = {{"x", value}};
        run.work = [this, value, g](Progress& progress, const ShowPartial& partial) -> Outcome {
            g->started = true;
            progress.report(0.1, "first");
            g->waitFor(1, progress);
            partial([this, value] { draw(10 * value); });
            progress.report(0.5, "second");
            g->waitFor(2, progress);
            Outcome out;
            out.summary = {{"value", 100 * value}};
            out.seed = 7;
            out.show = [this, value] { draw(100 * value); };
            return out;
        };
        return run;
    }

    void showIssues(const InputIssues& issues) override { issueCount = static_cast<int>(issues.size()); }
    QString stageText(const QString& stage) const override { return stage.toUpper(); }

public:
    int issueCount = 0;

private:
    static Texts texts()
    {
        Texts t;
        t.name = QStringLiteral("Fake analysis");
        t.runTip = QStringLiteral("Run it");
        t.cancelTip = QStringLiteral("Stop it");
        t.idle = QStringLiteral("Press Run.");
        t.cancelled = QStringLiteral("Cancelled: what finished stays.");
        return t;
    }

    void draw(int value)
    {
        shown = value;
        shownStale = isStale();
        drawn.push_back(value);
    }
};

struct Counts {
    int finished = 0, cancelled = 0, discarded = 0;
    explicit Counts(models::AnalysisRunner* runner)
    {
        QObject::connect(runner, &models::AnalysisRunner::finished, runner, [this] { ++finished; });
        QObject::connect(runner, &models::AnalysisRunner::cancelled, runner, [this] { ++cancelled; });
        QObject::connect(runner, &models::AnalysisRunner::discarded, runner, [this] { ++discarded; });
    }
};

// Starts a run with a fresh gate and waits until its worker runs.
void startRun(FakePanel& panel)
{
    panel.gate = std::make_shared<Gate>();
    panel.lastGate = panel.gate;
    panel.run();
    REQUIRE(panel.isRunning());
    REQUIRE(waitFor([&] { return panel.lastGate->started.load(); }));
}

} // namespace

TEST_CASE("Analysis panel: Run, progress with the stage, partial and final results",
          "[analysis_panel]")
{
    test::PanelTestContext c;
    FakePanel panel(c.context);
    Counts counts(panel.runner());
    CHECK(panel.statusText() == "Press Run.");
    CHECK(panel.runButton()->isEnabled());
    CHECK_FALSE(panel.cancelButton()->isEnabled());
    CHECK_FALSE(panel.hasResult());

    startRun(panel);
    // Run is disabled while these inputs are being computed; Cancel is enabled.
    CHECK_FALSE(panel.runButton()->isEnabled());
    CHECK(panel.cancelButton()->isEnabled());
    CHECK_FALSE(panel.progressBar()->isHidden());
    // The stage line follows the analysis' stage, in the tool's words.
    REQUIRE(waitFor([&] { return panel.statusText() == "Running: FIRST…"; }));
    panel.run(); // a second Run of the same inputs does nothing
    CHECK(counts.discarded == 0);

    panel.lastGate->allowed = 1;
    REQUIRE(waitFor([&] { return panel.shown == 10; }));
    CHECK(panel.hasResult());
    CHECK_FALSE(panel.isResultComplete());
    REQUIRE(waitFor([&] { return panel.statusText() == "Running: SECOND…"; }));

    panel.lastGate->allowed = 2;
    REQUIRE(waitFor([&] { return counts.finished == 1; }));
    CHECK(panel.shown == 100);
    CHECK(panel.hasCurrentResult());
    CHECK(panel.statusText().startsWith("Done in"));
    CHECK(panel.runButton()->isEnabled());
    CHECK_FALSE(panel.cancelButton()->isEnabled());
    CHECK(panel.progressBar()->isHidden());
    CHECK(panel.drawn == std::vector<int>{10, 100});
}

TEST_CASE("Analysis panel: invalid inputs disable Run and list their issues", "[analysis_panel]")
{
    test::PanelTestContext c;
    FakePanel panel(c.context);
    panel.setX(-3);
    CHECK_FALSE(panel.canRun());
    CHECK(panel.issueCount == 1);
    CHECK(panel.issues() == QStringList{"x must be >= 0, got -3"});
    CHECK_FALSE(panel.runButton()->isEnabled());
    panel.run();
    CHECK_FALSE(panel.isRunning());
    panel.setX(2);
    CHECK(panel.canRun());
    CHECK(panel.runButton()->isEnabled());
}

TEST_CASE("Analysis panel: an edit marks the result out of date, undoing it does not",
          "[analysis_panel]")
{
    test::PanelTestContext c;
    FakePanel panel(c.context);
    panel.gate->allowed = 2;
    panel.finishPendingWork(); // synchronous
    REQUIRE(panel.hasCurrentResult());
    CHECK(panel.shown == 100);
    CHECK(panel.staleBanner()->isHidden());

    panel.setX(2);
    CHECK(panel.isStale());
    CHECK_FALSE(panel.hasCurrentResult());
    CHECK_FALSE(panel.staleBanner()->isHidden());
    panel.setX(-1); // invalid inputs: the result is not theirs either
    CHECK(panel.isStale());
    panel.setX(1); // back to the inputs of the result
    CHECK_FALSE(panel.isStale());
    CHECK(panel.staleBanner()->isHidden());
    CHECK(panel.hasCurrentResult());
}

TEST_CASE("Analysis panel: an edit stops a young run and nothing of it lands later",
          "[analysis_panel]")
{
    test::PanelTestContext c;
    FakePanel panel(c.context);
    panel.setEditStopsRunWithin(-1); // whatever the machine's speed: the run counts as young
    Counts counts(panel.runner());
    startRun(panel);
    panel.setX(5);
    CHECK_FALSE(panel.isRunning());
    CHECK(panel.statusText().startsWith("Inputs changed: run stopped"));
    CHECK(counts.cancelled == 1);
    // Let the stopped worker go on: its partial result and its end must not land.
    panel.lastGate->allowed = 2;
    REQUIRE(waitFor([&] { return counts.discarded == 1; }));
    CHECK(panel.drawn.empty());
    CHECK_FALSE(panel.hasResult());
}

TEST_CASE("Analysis panel: an edit flags an older run instead of stopping it",
          "[analysis_panel]")
{
    test::PanelTestContext c;
    FakePanel panel(c.context);
    panel.setEditStopsRunWithin(0); // never stop a run on an edit
    Counts counts(panel.runner());
    startRun(panel);
    panel.lastGate->allowed = 1;
    REQUIRE(waitFor([&] { return panel.shown == 10; }));

    panel.setX(4);
    CHECK(panel.isRunning());
    CHECK(panel.statusText().contains("The inputs changed since this run started"));
    // Its partial result is now marked out of date; Run restarts with the new inputs.
    CHECK(panel.isStale());
    CHECK(panel.runButton()->isEnabled());
    CHECK(panel.runButton()->toolTip().contains("previous inputs"));
    // Undoing the edit removes the flag.
    panel.setX(1);
    CHECK_FALSE(panel.statusText().contains("The inputs changed"));
    CHECK_FALSE(panel.runButton()->isEnabled());
    panel.setX(4);

    SECTION("left to finish, its result is shown marked out of date")
    {
        panel.lastGate->allowed = 2;
        REQUIRE(waitFor([&] { return counts.finished == 1; }));
        CHECK(panel.shown == 100);
        CHECK(panel.shownStale);
        CHECK(panel.isStale());
        CHECK(panel.isResultComplete());
        CHECK_FALSE(panel.hasCurrentResult());
        CHECK_FALSE(panel.staleBanner()->isHidden());
    }
    SECTION("Run restarts: only the new run's results land (generations)")
    {
        const auto oldGate = panel.lastGate;
        startRun(panel); // x = 4
        oldGate->allowed = 2; // the old worker ends; nothing of it may land
        panel.lastGate->allowed = 2;
        REQUIRE(waitFor([&] { return counts.finished == 1 && counts.discarded == 1; }));
        CHECK(panel.drawn == std::vector<int>{10, 40, 400});
        CHECK(panel.hasCurrentResult());
    }
}

TEST_CASE("Analysis panel: Cancel keeps what was shown and says so", "[analysis_panel]")
{
    test::PanelTestContext c;
    FakePanel panel(c.context);
    Counts counts(panel.runner());
    startRun(panel);
    panel.lastGate->allowed = 1;
    REQUIRE(waitFor([&] { return panel.shown == 10; }));
    panel.cancel();
    REQUIRE(waitFor([&] { return counts.cancelled == 1; }));
    CHECK(panel.statusText() == "Cancelled: what finished stays.");
    CHECK(panel.shown == 10);
    CHECK(panel.hasResult());
    CHECK_FALSE(panel.isResultComplete());
    CHECK(panel.runButton()->isEnabled());
}

TEST_CASE("Analysis panel: reports wait for the run, and every finished run is recorded",
          "[analysis_panel]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    test::PanelTestContext c;
    REQUIRE(c.session.openWorkspace(dir.filePath(QStringLiteral("w.dtop")), nullptr));
    FakePanel panel(c.context);
    startRun(panel);
    panel.lastGate->allowed = 2;
    panel.finishPendingWork(); // waits for the run of these inputs
    CHECK(panel.hasCurrentResult());
    CHECK(panel.drawn == std::vector<int>{10, 100});

    panel.setX(3);
    panel.gate = std::make_shared<Gate>();
    panel.gate->allowed = 2;
    panel.finishPendingWork(); // computes the new inputs synchronously
    CHECK(panel.shown == 300);
    CHECK(panel.hasCurrentResult());
    panel.finishPendingWork(); // nothing left to do
    CHECK(panel.drawn.size() == 3);

    const auto runs = c.session.workspace()->runs(std::string("fake"));
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].input == nlohmann::json{{"x", 3}}); // newest first
    CHECK(runs[0].summary["value"] == 300);
    CHECK(runs[0].seed == 7u);
    CHECK(runs[1].input == nlohmann::json{{"x", 1}});
}
