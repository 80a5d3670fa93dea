// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "io/workspace_records.h"
#include "widgets/panel_context.h"
#include "widgets/tool_panel.h"

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>

class QBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace dtop {
class Progress;
}

namespace dtop::models {
class ActiveProfile;
class AnalysisRunner;
class WorkspaceSession;
} // namespace dtop::models

namespace dtop::widgets {

// The lifecycle every analysis panel shares, written once: inputs are validated on every change
// (Run is enabled only while they are valid), Run starts the analysis off the GUI thread with a
// progress bar and a stage line that follows the analysis, Cancel (Esc) stops it, partial
// results may be shown as they come, a finished run is shown and recorded in the workspace,
// and a result whose inputs no longer match the form carries an "out of date" banner.
//
// A tool panel implements prepareRun() (the analysis of the inputs the form shows, or their
// issues) and showIssues() (mark the bad fields), calls inputsChanged() whenever an input may
// have changed, places staleBanner() and addRunControls() in its layout, and draws results in
// the Outcome::show its work returns. Everything else — generations, stale state, run records,
// report flushing, shortcuts (Ctrl+Return runs, Esc cancels) — is here.
class AnalysisPanel : public ToolPanel {
    Q_OBJECT
public:
    // What a finished run hands back to the GUI thread.
    struct Outcome {
        std::function<void()> show;        // draws the result (GUI thread)
        nlohmann::json summary;            // the run record's summary
        std::optional<std::uint64_t> seed; // the seed the result used, if random
    };
    // Called from the work with code that shows a partial result (the cheap methods of a long
    // analysis, say) on the GUI thread; dropped unless its run is still the current one.
    using ShowPartial = std::function<void(std::function<void()> show)>;

    // One run of the analysis.
    struct Run {
        // Every effective input, as JSON: two runs with equal JSON have the same inputs (that
        // is how a shown result is known to be out of date), and it is the input recorded
        // with the run in the workspace.
        nlohmann::json input;
        // Computes the result off the GUI thread (report progress and stages, honour cancel
        // through `progress`). Must not touch widgets: it returns code that does.
        std::function<Outcome(Progress& progress, const ShowPartial& partial)> work;
    };

    // A tool's wording of its run controls and messages.
    struct Texts {
        QString name;      // "Virtual test": status-bar messages "Virtual test cancelled"
        QString runTip;    // Run's tooltip while the inputs are valid
        QString cancelTip; // Cancel's tooltip
        QString idle;      // status line before the first run; empty: no status line when idle
        QString cancelled; // status line after Cancel
    };

    ~AnalysisPanel() override;

    // Waits for a run of the current inputs (or stops one of other inputs), then computes the
    // current inputs synchronously unless their complete result is shown. For reports.
    void finishPendingWork() override;

    bool isRunning() const;
    // A result is shown and the inputs changed since it was computed.
    bool isStale() const { return m_stale; }
    // A result (complete or partial) is shown.
    bool hasResult() const { return m_shownInput.has_value(); }
    bool isResultComplete() const { return hasResult() && m_complete; }
    // The complete result of the inputs the form shows now is on screen.
    bool hasCurrentResult() const { return isResultComplete() && !m_stale; }
    // The inputs are valid; issues() lists their problems otherwise, one line each.
    bool canRun() const { return m_issues.empty(); }
    QStringList issues() const;
    QString statusText() const;

    models::AnalysisRunner* runner() const { return m_runner; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* staleBanner() const { return m_staleBanner; }

    // An input change stops a run that has been going for less than this (little is lost and
    // its result would be out of date). An older run keeps going, flagged as being for the
    // previous inputs: Cancel stops it, Run restarts with the new inputs, and if it finishes
    // its result is shown marked out of date. 0: never stop; negative: always stop.
    void setEditStopsRunWithin(int milliseconds) { m_stopWithinMs = milliseconds; }

public slots:
    // Starts the analysis of the current inputs (refused while they are invalid, or while a
    // run of the same inputs is going).
    void run();
    // Asks the running analysis to stop; the results it already showed stay.
    void cancel();

protected:
    AnalysisPanel(PanelContext& context, Texts texts, QWidget* parent = nullptr);

    // --- What a tool panel implements ---
    // The run of the inputs the form shows now, or nullopt and their issues.
    virtual std::optional<Run> prepareRun(InputIssues& issues) = 0;
    // Marks the fields named in `issues` as bad (empty: none is). Called on every change.
    virtual void showIssues(const InputIssues& issues) = 0;
    // The shown result became out of date, or current again (an edit was undone), without a
    // new result. (Outcome::show is called with isStale() already set.)
    virtual void showStale(bool stale);
    // The stage line's wording of a stage name the analysis reports ("vertex" → "vertex
    // (inner)"); the name itself by default.
    virtual QString stageText(const QString& stage) const;

    // --- What a tool panel calls ---
    // Revalidates the inputs and updates Run, the stale state and a running run's flag. Call
    // after every change of an input (form, active profile, datasets).
    void inputsChanged();
    // Adds the run controls to the bottom of `layout`: the list of input issues (when
    // `issueList`), the progress bar, the status line, and Run | Cancel.
    void addRunControls(QBoxLayout* layout, bool issueList = false);
    // The left column of a tool: `form` in a scroll area (FormScrollArea) `preferredWidth` px
    // wide when there is room, narrower on small screens, with the run controls (and the issue
    // list) below it, always visible. Widgets can be put above the form with
    // columnLayout->insertWidget(0, …).
    QWidget* formColumn(QWidget* form, int preferredWidth);
    // The shown result no longer applies at all (drawn for another number of floors, say):
    // forget it; no banner until the next result.
    void forgetResult();
    models::WorkspaceSession& session() const { return m_session; }
    // Wall time of the last finished run [s].
    double lastRunSeconds() const { return m_lastSeconds; }

private:
    // prepareRun() and showIssues(); updates the issue list and the form's input.
    std::optional<Run> prepareAndShowIssues();
    void start(Run run);
    bool isCurrentRun(quint64 generation) const;
    void rememberRunProfile(); // m_runProfile from the active profile
    void land(const std::function<void()>& show, bool complete);
    void finish(const Outcome& outcome);
    void stopForEdit();
    void updateStale();
    void updateControls();
    void setRunningUi(bool running);
    void setStatus(const QString& text);
    void showRunningStatus();
    void onProgress(double fraction, const QString& stage);
    void onFinished();
    void onCancelled();
    void onFailed(const QString& message);

    models::WorkspaceSession& m_session;
    models::ActiveProfile& m_active;
    Texts m_texts;
    models::AnalysisRunner* m_runner;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    QLabel* m_issueList;
    QLabel* m_staleBanner;

    InputIssues m_issues;
    std::optional<nlohmann::json> m_formInput;  // the form's inputs, when valid
    std::optional<nlohmann::json> m_runInput;   // the inputs of the run going or last started
    std::optional<nlohmann::json> m_shownInput; // the inputs of the result on screen
    std::optional<io::ProfileRef> m_runProfile; // the saved profile version of that run
    bool m_complete = false;
    bool m_stale = false;
    bool m_stoppedByEdit = false;
    bool m_flagged = false; // the run going is for inputs the form no longer shows
    bool m_issueListPlaced = false;
    QString m_stage;
    quint64 m_generation = 0;
    int m_stopWithinMs = 2000;
    QElapsedTimer m_clock;
    double m_lastSeconds = 0.0;
};

} // namespace dtop::widgets
