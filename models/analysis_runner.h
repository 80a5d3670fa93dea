// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace dtop::models {

// Runs one analysis at a time off the GUI thread. The work function receives a Progress
// (report + cancel) and returns the code that applies its result on the GUI thread. Starting
// a new run cancels the previous one, and a result that is no longer current is dropped, so a
// stale result never reaches the screen.
class AnalysisRunner : public QObject {
    Q_OBJECT
public:
    using Apply = std::function<void()>;
    using Work = std::function<Apply(Progress&)>;

    explicit AnalysisRunner(QObject* parent = nullptr);
    ~AnalysisRunner() override;

    void start(Work work);
    // Asks the running analysis to stop; it reports cancelled() within one progress step.
    void cancel();
    // Drops the current run's result (inputs changed) without waiting for it.
    void invalidate();
    bool isRunning() const { return m_running; }

signals:
    void started();
    void progressChanged(double fraction, const QString& stage);
    void finished();
    void cancelled();
    void failed(const QString& message);
    // A run that was superseded by start() or dropped by invalidate() has ended; nothing of it
    // was applied. (Lets callers wait for the worker instead of for a while.)
    void discarded();

private:
    struct Job;
    void onJobDone(std::shared_ptr<Job> job, Apply apply, QString error, bool wasCancelled);

    std::shared_ptr<Job> m_current;
    bool m_running = false;
};

} // namespace dtop::models
